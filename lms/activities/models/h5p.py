"""H5P results: raw xAPI statements as received, attempts derived from the root
ones, and the player's saved state ("content user data") for resuming."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class XAPIStatement(models.Model):
    """A statement as the browser sent it (untrusted; kept for audit and export).
    Its id makes a replay harmless: the same statement is stored once."""

    statement_id = models.UUIDField(unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="xapi_statements",
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField(max_length=64)
    package = models.ForeignKey(
        "content.H5PPackage", on_delete=models.CASCADE, related_name="+"
    )
    verb = models.CharField(max_length=255)
    raw = models.JSONField()
    stored_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("xAPI statement")
        verbose_name_plural = _("xAPI statements")


class H5PAttempt(models.Model):
    """One scored (or completed) try at a package, from a root statement."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="h5p_attempts"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField(max_length=64)
    package = models.ForeignKey(
        "content.H5PPackage", on_delete=models.CASCADE, related_name="+"
    )
    statement = models.OneToOneField(
        XAPIStatement, on_delete=models.CASCADE, related_name="attempt"
    )
    raw_score = models.FloatField(null=True, blank=True)
    max_score = models.FloatField(null=True, blank=True)
    scaled_score = models.FloatField(null=True, blank=True)
    success = models.BooleanField(null=True, blank=True)
    completion = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["user", "page", "block_id"])]
        verbose_name = _("H5P attempt")
        verbose_name_plural = _("H5P attempts")


class H5PUserData(models.Model):
    """The player's saved state for one learner in one placed package."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="h5p_user_data"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField(max_length=64)
    data_type = models.CharField(max_length=64, default="state")
    sub_content_id = models.CharField(max_length=64, default="0")
    data = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "block_id", "data_type", "sub_content_id"],
                name="one_h5p_user_data",
            )
        ]
        verbose_name = _("H5P saved state")
        verbose_name_plural = _("H5P saved states")
