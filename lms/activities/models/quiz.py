"""Quiz attempts: one row per try with its score, and the options chosen."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QuizAttempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField(max_length=64)
    points = models.FloatField(default=0)
    max_points = models.FloatField(default=0)
    score = models.FloatField(default=0, help_text="points / max_points, 0..1")
    passed = models.BooleanField(default=False)
    # A default, not auto_now_add: an attempt made offline is stored with
    # the time it was made, in the same INSERT.
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submitted_at"]
        indexes = [models.Index(fields=["user", "page", "block_id"])]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")


class QuizAnswer(models.Model):
    """One chosen option of one question in one attempt (for statistics)."""

    attempt = models.ForeignKey(
        QuizAttempt, on_delete=models.CASCADE, related_name="answers"
    )
    question_id = models.CharField(max_length=64)
    option_id = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["question_id", "option_id"])]
        verbose_name = _("quiz answer")
        verbose_name_plural = _("quiz answers")
