"""Case studies: the option a learner chose, and their private reflections."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

REFLECTION_MAX_LENGTH = 5000
OTHER_OPTION = "other"


class CaseResponse(models.Model):
    """A learner's choice in one case of one lesson (changeable; one per learner)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="case_responses",
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField(max_length=64)
    case = models.ForeignKey("content.Case", on_delete=models.CASCADE, related_name="+")
    option_id = models.CharField(
        max_length=64, help_text="Block id of the chosen option, or “other”."
    )
    other_text = models.TextField(blank=True, max_length=REFLECTION_MAX_LENGTH)
    share_reflections = models.BooleanField(
        _("share my reflections anonymously with the trainer"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "block_id"], name="one_case_response"
            )
        ]
        verbose_name = _("case response")
        verbose_name_plural = _("case responses")


class CaseReflection(models.Model):
    response = models.ForeignKey(
        CaseResponse, on_delete=models.CASCADE, related_name="reflections"
    )
    question_id = models.CharField(max_length=64)
    text = models.TextField(max_length=REFLECTION_MAX_LENGTH)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question_id"], name="one_reflection_per_question"
            )
        ]
        verbose_name = _("case reflection")
        verbose_name_plural = _("case reflections")
