"""Reads about competencies: targets that reach a person, a learner's
competences with level, target and gap, and learning that closes a gap."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from lms.people.models import StaffProfile

from .models import (
    Competency,
    CompetencyLink,
    CompetencyState,
    CompetencyTarget,
    Evidence,
    Framework,
)


def targets_reaching(profile: StaffProfile) -> QuerySet[CompetencyTarget]:
    """Targets for the person's unit, an ancestor's with sub-units, or the
    whole organisation; for their staff type or any; their job role or any."""
    unit = profile.unit
    ancestor_paths = unit.ancestor_paths(include_self=True)
    role = Q(job_role__isnull=True)
    if profile.job_role_id:
        role |= Q(job_role_id=profile.job_role_id)
    return CompetencyTarget.objects.filter(
        Q(unit__isnull=True)
        | Q(unit_id=unit.pk)
        | Q(include_subunits=True, unit__path__in=ancestor_paths),
        Q(staff_type="") | Q(staff_type=profile.staff_type),
        role,
    )


def target_levels(user: AbstractBaseUser) -> dict[int, int]:
    """{competency id: required level}; where several targets reach the
    person, the highest level applies."""
    profile = StaffProfile.objects.filter(user=user).select_related("unit").first()
    if profile is None:
        return {}
    return dict(
        targets_reaching(profile)
        .values("competency_id")
        .annotate(required=Max("level"))
        .values_list("competency_id", "required")
    )


def states_of(user: AbstractBaseUser) -> dict[int, CompetencyState]:
    """The learner's summaries, refreshing any whose expiry moment has passed."""
    from .services import state_refresh

    now = timezone.now()
    states = {}
    for state in CompetencyState.objects.filter(user=user).select_related(
        "competency__framework"
    ):
        if state.valid_until is not None and state.valid_until <= now:
            state = state_refresh(user=user, competency=state.competency)
        states[state.competency_id] = state
    return states


@dataclass
class CompetenceRow:
    competency: Competency
    level: int | None = None
    target: int | None = None
    self_level: int | None = None
    achieved: bool = False
    due: bool = False
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def gap(self) -> int:
        if self.target is None:
            return 0
        return max(0, self.target - (self.level or 0))


@dataclass
class FrameworkOverview:
    framework: Framework
    rows: list[CompetenceRow]

    @property
    def max_level(self) -> int:
        return max(self.framework.level_values(), default=1)


def learner_frameworks(
    user: AbstractBaseUser, competency_ids: Iterable[int] | None = None
) -> list[FrameworkOverview]:
    """Every framework the learner has a target, evidence or self-assessment
    in, with one row per competency that has any of them (areas without
    their own evidence are left out). With `competency_ids`, exactly those
    competencies instead, with or without anything recorded yet."""
    states = states_of(user)
    targets = target_levels(user)
    evidence = Evidence.objects.filter(user=user)
    if competency_ids is None:
        relevant = set(states) | set(targets)
    else:
        relevant = set(competency_ids)
        evidence = evidence.filter(competency_id__in=relevant)
    evidence_by_competency: dict[int, list[Evidence]] = {}
    for item in evidence.select_related("recorded_by", "page").order_by(
        "-recorded_at", "-pk"
    ):
        evidence_by_competency.setdefault(item.competency_id, []).append(item)
    competencies = (
        Competency.objects.filter(pk__in=relevant)
        .select_related("framework")
        .prefetch_related("framework__levels")
        .order_by("framework__name", "framework__pk", "sort_order", "pk")
    )
    overviews: dict[int, FrameworkOverview] = {}
    for competency in competencies:
        state = states.get(competency.pk)
        row = CompetenceRow(
            competency=competency,
            level=state.level if state else None,
            target=targets.get(competency.pk),
            self_level=state.self_level if state else None,
            achieved=bool(state and state.achieved),
            due=bool(state and state.is_due),
            evidence=evidence_by_competency.get(competency.pk, []),
        )
        overview = overviews.setdefault(
            competency.framework_id, FrameworkOverview(competency.framework, [])
        )
        overview.rows.append(row)
    return list(overviews.values())


def learning_for_gaps(gaps: dict[int, int]) -> dict[int, list[int]]:
    """{competency id: [course page ids]} of learning that develops each
    competency beyond the learner's current level ({competency id: level})."""
    if not gaps:
        return {}
    condition = Q(pk__in=[])
    for competency_id, level in gaps.items():
        condition |= Q(competency_id=competency_id, level__gt=level)
    found: dict[int, list[int]] = {}
    for competency_id, course_id in (
        CompetencyLink.objects.filter(condition)
        .values_list("competency_id", "course_id")
        .distinct()
        .order_by("course_id")
    ):
        found.setdefault(competency_id, []).append(course_id)
    return found
