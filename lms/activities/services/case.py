"""Writes for the case activity: a learner's choice and their reflections.

One response per learner and block, changed in place when the learner changes
their mind, so counts always show what people think now. The caller records
completion (a case is complete once an option is chosen).

Choices and reflections made offline arrive later with the time they were
made (`occurred_at`, from offline sync), in any order. The latest word counts,
for the choice and for the reflections each: an offline write older than what
is on record is checked, then changes nothing."""

from collections.abc import Mapping
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from content.models import Case
from lms.activities.models import CaseReflection, CaseResponse
from lms.activities.models.case import OTHER_OPTION, REFLECTION_MAX_LENGTH
from lms.activities.selectors.case import option_ids, question_ids


class CaseInputForged(ValidationError):
    """Input no form of ours produces: an option or a question the case does not
    have, or reflections before any choice. Nothing is saved; the view answers
    404 rather than a message the learner could act on."""


def _clean_text(text: str) -> str:
    """Browsers send a textarea's line breaks as CRLF but count them as one
    character for maxlength; count them the way the learner saw them."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _newer(response: CaseResponse | None, occurred_at: datetime | None) -> bool:
    """The choice on record was made after this offline write was."""
    return bool(response and occurred_at and response.updated_at > occurred_at)


def _length_error(text: str) -> str | None:
    if len(text) <= REFLECTION_MAX_LENGTH:
        return None
    return _(
        "This text is too long: %(length)d characters, at most %(max)d are allowed."
    ) % {"length": len(text), "max": REFLECTION_MAX_LENGTH}


@transaction.atomic
def case_response_choose(
    *,
    user: AbstractBaseUser,
    page: Page,
    block_id: str,
    case: Case,
    option_id: str,
    other_text: str = "",
    occurred_at: datetime | None = None,
) -> CaseResponse:
    """Save (or change) the learner's choice in one case block."""
    if not option_id:
        raise ValidationError({"option_id": _("Please choose one of the options.")})
    if option_id not in option_ids(case):
        raise CaseInputForged("This option is not part of the case.", code="forged")
    other_text = _clean_text(other_text) if option_id == OTHER_OPTION else ""
    if option_id == OTHER_OPTION and not other_text:
        raise ValidationError({"other_text": _("Please describe what you would do.")})
    if error := _length_error(other_text):
        raise ValidationError({"other_text": error})

    response = (
        CaseResponse.objects.select_for_update()
        .filter(user=user, page=page, block_id=block_id)
        .first()
    )
    if _newer(response, occurred_at):
        # The learner chose here first, then changed it later.
        CaseResponse.objects.filter(pk=response.pk, created_at__gt=occurred_at).update(
            created_at=occurred_at
        )
        return response
    created = response is None
    if response is None:
        response = CaseResponse(user=user, page=page, block_id=block_id, case=case)
    elif response.case_id != case.pk:
        # The block shows another case now: reflections on the old one's
        # questions would answer questions nobody asked.
        response.reflections.all().delete()
        response.case = case
    response.option_id = option_id
    response.other_text = other_text
    response.full_clean()
    response.save()
    if occurred_at is not None:
        times = {"updated_at": occurred_at}
        if created:
            times["created_at"] = occurred_at
        CaseResponse.objects.filter(pk=response.pk).update(**times)
        for name, value in times.items():
            setattr(response, name, value)
    return response


@transaction.atomic
def case_reflections_save(
    *,
    user: AbstractBaseUser,
    page: Page,
    block_id: str,
    case: Case,
    texts: Mapping[str, str],
    share: bool,
    occurred_at: datetime | None = None,
) -> CaseResponse:
    """Save the answers to all reflection questions of one case block together,
    and whether the learner shares them (without their name) with the trainer.

    Every question needs an answer: the form shows them all, and an empty one is
    more likely a slip than a choice."""
    unknown = set(texts) - set(question_ids(case))
    if unknown:
        raise CaseInputForged("No such reflection question.", code="forged")
    response = (
        CaseResponse.objects.select_for_update()
        .filter(user=user, page=page, block_id=block_id, case=case)
        .first()
    )
    if response is None:
        raise CaseInputForged("Choose an option before reflecting.", code="forged")

    cleaned = {qid: _clean_text(texts.get(qid, "")) for qid in question_ids(case)}
    errors = {}
    for qid, text in cleaned.items():
        if not text:
            errors[qid] = _("Please write an answer to this question.")
        elif error := _length_error(text):
            errors[qid] = error
    if errors:
        raise ValidationError(errors)

    existing = {r.question_id: r for r in response.reflections.all()}
    if occurred_at is not None and any(
        reflection.updated_at > occurred_at for reflection in existing.values()
    ):
        return response  # reflections written later are on record
    for qid, text in cleaned.items():
        reflection = existing.get(qid) or CaseReflection(
            response=response, question_id=qid
        )
        reflection.text = text
        reflection.full_clean()
        reflection.save()
    response.share_reflections = share
    if occurred_at is None:
        response.full_clean()
        response.save()
        return response
    # Dated by the reflections; the response's own time is its choice's.
    CaseReflection.objects.filter(response=response).update(updated_at=occurred_at)
    CaseResponse.objects.filter(pk=response.pk).update(share_reflections=share)
    return response
