"""Reads for the learner's own "My competences" page and badge.

Built on `selectors.learner_frameworks`, so that the page shows exactly the
levels the rule derived; what is added here is presentation the rule does not
need: a status per competency, the state of each piece of evidence, and the
learning that would close a gap. Everything is read in a fixed number of
queries, whatever the number of competencies and evidence.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.people.models import OrganisationUnit, StaffProfile

from .models import (
    RATING_SOURCES,
    Competency,
    CompetencyLink,
    CompetencyState,
    Evidence,
    EvidenceSource,
    EvidenceStatus,
    Framework,
    ScaleLevel,
)
from .selectors import CompetenceRow, learner_frameworks


class Status:
    """What the learner should notice first about a competency."""

    DUE = "due"
    ACHIEVED = "achieved"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"


class EvidenceState:
    """How one piece of evidence bears on the level today."""

    COUNTS = "counts"
    SELF = "self"
    EXPIRED = "expired"
    PENDING = "pending"
    REVIEWED = "reviewed"
    REJECTED = "rejected"


@dataclass(frozen=True)
class LevelName:
    """A level with its name on the framework's scale, in the reader's language."""

    value: int
    name: str


@dataclass
class EvidenceLine:
    evidence: Evidence
    level: LevelName | None
    state: str

    @property
    def approved_in_review(self) -> bool:
        return self.state == EvidenceState.COUNTS and bool(self.evidence.review_of_id)


@dataclass
class Recommendation:
    """A course that develops the competency beyond the current level;
    `closes_gap` when it reaches the target."""

    course_id: int
    level: int
    closes_gap: bool
    course: object = None


@dataclass
class Competence:
    row: CompetenceRow
    level: LevelName | None
    target: LevelName | None
    self_level: LevelName | None
    status: str
    waiting_for_review: bool
    expired_on: datetime | None
    valid_until: datetime | None
    evidence: list[EvidenceLine]
    learning: list[Recommendation] = field(default_factory=list)

    @property
    def competency(self) -> Competency:
        return self.row.competency


@dataclass
class FrameworkCompetences:
    framework: Framework
    levels: dict[int, LevelName]
    competences: list[Competence]
    chart: object = None

    @property
    def max_level(self) -> int:
        return max(self.levels, default=1)

    @property
    def title(self) -> str:
        """The name, with the version unless the name already carries it
        ("DigComp 2.2", not "DigComp 2.2 2.2")."""
        name, version = self.framework.text("name"), self.framework.version
        return f"{name} {version}" if version and version not in name else name

    @property
    def proficient(self) -> LevelName | None:
        return self.levels.get(self.framework.proficient_level)


def _evidence_state(item: Evidence, reviewed: set[int], now: datetime) -> str:
    if item.status == EvidenceStatus.REJECTED:
        return EvidenceState.REJECTED
    if item.status == EvidenceStatus.PENDING:
        return EvidenceState.REVIEWED if item.pk in reviewed else EvidenceState.PENDING
    if item.source == EvidenceSource.SELF:
        return EvidenceState.SELF
    if item.expires_at is not None and item.expires_at <= now:
        return EvidenceState.EXPIRED
    return EvidenceState.COUNTS


def _status(row: CompetenceRow) -> str:
    if row.due:
        return Status.DUE
    if row.achieved:
        return Status.ACHIEVED
    if row.level is not None:
        return Status.IN_PROGRESS
    return Status.NOT_STARTED


def _competence(row: CompetenceRow, levels: dict[int, LevelName], now) -> Competence:
    reviewed = {item.review_of_id for item in row.evidence if item.review_of_id}
    lines = [
        EvidenceLine(item, levels.get(item.level), _evidence_state(item, reviewed, now))
        for item in row.evidence
    ]
    expired = [line.evidence for line in lines if line.state == EvidenceState.EXPIRED]
    counting = [line.evidence for line in lines if line.state == EvidenceState.COUNTS]
    highest = max((item.level for item in expired), default=None)
    lapsed = [item.expires_at for item in expired if item.level == highest]
    return Competence(
        row=row,
        level=levels.get(row.level) if row.level else None,
        target=levels.get(row.target) if row.target else None,
        self_level=(
            levels.get(row.self_level, LevelName(0, _("not yet")))
            if row.self_level is not None
            else None
        ),
        status=_status(row),
        waiting_for_review=any(line.state == EvidenceState.PENDING for line in lines),
        expired_on=max(lapsed, default=None) if row.due else None,
        valid_until=min(
            (item.expires_at for item in counting if item.expires_at), default=None
        ),
        evidence=lines,
    )


def my_competences(user: AbstractBaseUser) -> list[FrameworkCompetences]:
    """Per framework the learner has anything in: each competency with its
    levels named on the framework's scale, a status and its evidence."""
    now = timezone.now()
    result = []
    for overview in learner_frameworks(user):
        levels = {
            level.value: LevelName(level.value, level.text("name"))
            for level in overview.framework.levels.all()
        }
        result.append(
            FrameworkCompetences(
                framework=overview.framework,
                levels=levels,
                competences=[_competence(row, levels, now) for row in overview.rows],
            )
        )
    return result


def learning_for(competences: list[Competence]) -> dict[int, list[Recommendation]]:
    """{competency id: [Recommendation]} for every competence below its
    target: courses whose learning develops it beyond the current level, those
    that reach the target first (one query)."""
    gaps = {c.competency.pk: c for c in competences if c.row.gap > 0}
    if not gaps:
        return {}
    condition = Q(pk__in=[])
    for competency_id, competence in gaps.items():
        condition |= Q(competency_id=competency_id, level__gt=competence.row.level or 0)
    found: dict[int, list[Recommendation]] = {}
    for competency_id, course_id, level in (
        CompetencyLink.objects.filter(condition)
        .values("competency_id", "course_id")
        .annotate(reaches=Max("level"))
        .values_list("competency_id", "course_id", "reaches")
        .order_by("competency_id", "-reaches", "course_id")
    ):
        found.setdefault(competency_id, []).append(
            Recommendation(
                course_id=course_id,
                level=level,
                closes_gap=level >= gaps[competency_id].row.target,
            )
        )
    return found


@dataclass
class Achievement:
    """An achieved competency with what a badge needs to say about it."""

    competency: Competency
    level: ScaleLevel
    scale: list[ScaleLevel]
    achieved_at: datetime
    evidence: list[Evidence]
    organisation: str


def _rule_candidates(evidence: list[Evidence], now: datetime) -> list[Evidence]:
    """The evidence that decides the level under rules.current_level: the
    latest rating and the learning recorded after it (or all learning)."""
    counting = [
        item
        for item in evidence
        if item.status == EvidenceStatus.VALID
        and item.source != EvidenceSource.SELF
        and not (item.expires_at is not None and item.expires_at <= now)
    ]

    def order(item):
        return (item.recorded_at, item.pk)

    ratings = [item for item in counting if item.source in RATING_SOURCES]
    latest_rating = max(ratings, key=order, default=None)
    candidates = [
        item
        for item in counting
        if item.source not in RATING_SOURCES
        and (latest_rating is None or order(item) > order(latest_rating))
    ]
    if latest_rating is not None:
        candidates.append(latest_rating)
    return sorted(candidates, key=order)


def organisation_name(user: AbstractBaseUser) -> str:
    """The name of the organisation the learner works in (the root of their
    unit's tree), which issues their badges."""
    profile = StaffProfile.objects.filter(user=user).select_related("unit").first()
    root = (
        profile.unit.get_root()
        if profile is not None
        else OrganisationUnit.get_first_root_node()
    )
    return root.name if root is not None else ""


def achievement(user: AbstractBaseUser, competency_id: int) -> Achievement | None:
    """The learner's achieved competency, or None when it is not achieved (or
    does not exist). `achieved_at` is when the evidence that set the current
    level was recorded."""
    state = (
        CompetencyState.objects.filter(user=user, competency_id=competency_id)
        .select_related("competency__framework")
        .first()
    )
    if state is None:
        return None
    now = timezone.now()
    if state.valid_until is not None and state.valid_until <= now:
        from .services import state_refresh

        state = state_refresh(user=user, competency=state.competency)
    if not state.achieved or state.level is None:
        return None
    competency = state.competency
    evidence = list(
        Evidence.objects.filter(user=user, competency=competency)
        .select_related("page", "recorded_by")
        .order_by("recorded_at", "pk")
    )
    candidates = _rule_candidates(evidence, now)
    if not candidates:
        return None
    setting = next(
        (item for item in candidates if item.level == state.level), candidates[-1]
    )
    scale = list(competency.framework.levels.all())
    level = next((item for item in scale if item.value == state.level), None)
    if level is None:
        return None
    return Achievement(
        competency=competency,
        level=level,
        scale=scale,
        achieved_at=setting.recorded_at,
        evidence=candidates,
        organisation=organisation_name(user),
    )
