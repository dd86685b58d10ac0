"""Writes about competencies: evidence (append-only), the summary derived from
it, review decisions, self-assessments and targets."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.people.models import JobRole, OrganisationUnit

from .models import (
    RATING_SOURCES,
    Competency,
    CompetencyState,
    CompetencyTarget,
    Evidence,
    EvidenceSource,
    EvidenceStatus,
    Framework,
)
from .rules import current_level
from .target_status import target_status_for_state, target_status_for_target


def _check_level(competency: Competency, level: int, *, allow_zero=False) -> None:
    values = competency.framework.level_values()
    if level == 0 and allow_zero:
        return
    if level not in values:
        raise ValidationError(
            _(
                "Level %(level)s is not on the scale of %(framework)s "
                "(%(min)s to %(max)s)."
            )
            % {
                "level": level,
                "framework": competency.framework,
                "min": min(values, default=1),
                "max": max(values, default=1),
            }
        )


def state_refresh(*, user: AbstractBaseUser, competency: Competency) -> CompetencyState:
    """Derive the learner's level from all their evidence (rules.current_level)."""
    now = timezone.now()
    derived = current_level(
        Evidence.objects.filter(user=user, competency=competency), now
    )
    proficient = competency.framework.proficient_level
    state, _created = CompetencyState.objects.update_or_create(
        user=user,
        competency=competency,
        defaults={
            "level": derived.level,
            "achieved": derived.level is not None and derived.level >= proficient,
            "expired_level": derived.expired_level,
            "valid_until": derived.valid_until,
            "self_level": derived.self_level,
            "self_assessed_at": derived.self_assessed_at,
        },
    )
    target_status_for_state(state)
    return state


@transaction.atomic
def evidence_record(
    *,
    user: AbstractBaseUser,
    competency: Competency,
    level: int,
    source: str,
    recorded_by: AbstractBaseUser | None = None,
    status: str = EvidenceStatus.VALID,
    note: str = "",
    document=None,
    page=None,
    block_id: str = "",
    expires_at: datetime | None = None,
    recorded_at: datetime | None = None,
    review_of: Evidence | None = None,
) -> Evidence:
    """Append one piece of evidence and refresh the learner's summary."""
    _check_level(competency, level, allow_zero=source == EvidenceSource.SELF)
    if source == EvidenceSource.PRIOR and not document and review_of is None:
        raise ValidationError(
            {"document": _("Prior learning needs a document, e.g. a certificate.")}
        )
    evidence = Evidence(
        user=user,
        competency=competency,
        level=level,
        source=source,
        status=status,
        recorded_by=recorded_by,
        note=note,
        page=page,
        block_id=block_id,
        expires_at=expires_at,
        recorded_at=recorded_at or timezone.now(),
        review_of=review_of,
    )
    if document:
        evidence.document = document
    evidence.full_clean()
    evidence.save()
    state_refresh(user=user, competency=competency)
    return evidence


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` later (the month's last day where it is shorter)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    for day in (moment.day, 30, 29, 28):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise ValueError(moment)


@transaction.atomic
def evidence_for_learning(
    *,
    user: AbstractBaseUser,
    links: Iterable[tuple[Competency, int]],
    source: str,
    page,
    block_id: str = "",
    recertification_months: int | None = None,
    occurred_at: datetime | None = None,
) -> list[Evidence]:
    """Evidence from completing or passing learning that declares competencies.

    Learning that already gave the same level and still counts gives nothing
    new, so that a replayed completion does not pile up rows; once it expired
    (recertification), doing it again records fresh evidence."""
    now = occurred_at or timezone.now()
    expires_at = (
        add_months(now, recertification_months) if recertification_months else None
    )
    recorded = []
    for competency, level in links:
        if level is None:
            level = competency.framework.default_level
        already = (
            Evidence.objects.filter(
                user=user,
                competency=competency,
                page=page,
                block_id=block_id,
                source=source,
                status=EvidenceStatus.VALID,
                level__gte=level,
            )
            .exclude(expires_at__lte=timezone.now())
            .exists()
        )
        if already:
            continue
        recorded.append(
            evidence_record(
                user=user,
                competency=competency,
                level=level,
                source=source,
                page=page,
                block_id=block_id,
                expires_at=expires_at,
                recorded_at=now,
            )
        )
    return recorded


def rating_record(
    *,
    rater: AbstractBaseUser,
    user: AbstractBaseUser,
    competency: Competency,
    level: int,
    source: str,
    note: str = "",
    needs_review: bool = False,
    document=None,
) -> Evidence:
    """A trainer's or manager's rating, or recognised prior learning. The view
    checks that the rater may rate this learner; a rating sent for review
    counts only once a reviewer approves it (review_decide)."""
    if source not in RATING_SOURCES:
        raise ValidationError(_("This is not a kind of rating."))
    if rater.pk == user.pk and not rater.is_superuser:
        raise ValidationError(_("You cannot rate yourself; use the self-assessment."))
    return evidence_record(
        user=user,
        competency=competency,
        level=level,
        source=source,
        recorded_by=rater,
        status=EvidenceStatus.PENDING if needs_review else EvidenceStatus.VALID,
        note=note,
        document=document,
    )


@transaction.atomic
def review_decide(
    *, reviewer: AbstractBaseUser, evidence: Evidence, approve: bool, note: str = ""
) -> Evidence:
    """Approve or reject a rating that waits for review, as a new row that
    points at it; the rating itself stays as it was."""
    evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if evidence.status != EvidenceStatus.PENDING or evidence.reviews.exists():
        raise ValidationError(_("This rating has already been reviewed."))
    if reviewer.pk in (evidence.recorded_by_id, evidence.user_id):
        raise ValidationError(_("Someone else must review this rating."))
    return evidence_record(
        user=evidence.user,
        competency=evidence.competency,
        level=evidence.level,
        source=evidence.source,
        recorded_by=reviewer,
        status=EvidenceStatus.VALID if approve else EvidenceStatus.REJECTED,
        note=note,
        review_of=evidence,
    )


@transaction.atomic
def self_assessment_save(
    *,
    user: AbstractBaseUser,
    framework: Framework,
    levels: dict[int, int],
    occurred_at: datetime | None = None,
    record_repeats: bool = False,
) -> list[Evidence]:
    """Store the learner's answers ({competency id: level, 0 = not yet}) as
    self-assessment evidence; unchanged answers add nothing.

    Offline sync passes `record_repeats`: answers given offline arrive late
    and in any order, so "unchanged" cannot be judged on arrival (an answer
    not yet received may lie between two equal ones), and every answer is
    kept with its time; the latest one is the learner's current answer."""
    competencies = {
        c.pk: c
        for c in Competency.objects.filter(
            framework=framework, pk__in=list(levels)
        ).select_related("framework")
    }
    unknown = set(levels) - set(competencies)
    if unknown:
        raise ValidationError(_("These competencies are not in this framework."))
    current = {}
    if not record_repeats:
        current = dict(
            CompetencyState.objects.filter(
                user=user, competency_id__in=list(levels)
            ).values_list("competency_id", "self_level")
        )
    saved = []
    for competency_id, level in sorted(levels.items()):
        if competency_id in current and current[competency_id] == level:
            continue
        saved.append(
            evidence_record(
                user=user,
                competency=competencies[competency_id],
                level=level,
                source=EvidenceSource.SELF,
                recorded_by=user,
                recorded_at=occurred_at,
            )
        )
    return saved


def target_create(
    *,
    created_by: AbstractBaseUser,
    competency: Competency,
    level: int,
    unit: OrganisationUnit | None = None,
    include_subunits: bool = True,
    staff_type: str = "",
    job_role: JobRole | None = None,
) -> CompetencyTarget:
    """The view checks the unit is in the creator's scope; only admins may set
    a target for the whole organisation."""
    if unit is None and not created_by.is_superuser:
        raise ValidationError(_("Choose an organisation unit."))
    _check_level(competency, level)
    target = CompetencyTarget(
        competency=competency,
        level=level,
        unit=unit,
        include_subunits=include_subunits,
        staff_type=staff_type,
        job_role=job_role,
        created_by=created_by,
    )
    target.full_clean()
    with transaction.atomic():
        target.save()
        target_status_for_target(target)
    return target


def target_delete(*, target: CompetencyTarget) -> None:
    """A target is configuration, not a fact about a person, so it may go; the
    evidence of the people it reached stays as it was. The view checks scope."""
    with transaction.atomic():
        target.delete()
        target_status_for_target(target)
