"""Reads for the people who rate, review and set targets: trainers in a
course's context, HR and managers for the staff in their units.

Everything here is scoped by the caller's viewer (lms.people.selectors), so a
person, rating or target outside the viewer's units is simply not found."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    Case,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, IsNull
from django.utils.translation import gettext as _

from content.blocks.competency import competency_links
from lms.people.models import StaffProfile
from lms.people.selectors import profiles_in_scope, units_in_scope

from .models import (
    Competency,
    CompetencyLink,
    CompetencyTarget,
    Evidence,
    Framework,
)
from .selectors import FrameworkOverview, learner_frameworks

# --- level names ---------------------------------------------------------------


def level_label(framework: Framework, value: int | None) -> str:
    """The level as "3 · Intermediate" on the framework's own scale; 0 is a
    self-assessment's "not yet". Uses the prefetched `levels` where present."""
    if value is None:
        return ""
    if value == 0:
        return _("not yet")
    for level in framework.levels.all():
        if level.value == value:
            return f"{value} · {level.text('name')}"
    return str(value)


def label_levels(overviews: Iterable[FrameworkOverview]) -> None:
    """Give each row and evidence item the names of its levels, so that the
    templates show "2 · Foundation" rather than a bare number that means
    something else on every scale; mark ratings that have been reviewed."""
    for overview in overviews:
        framework = overview.framework
        for row in overview.rows:
            row.level_label = level_label(framework, row.level)
            row.target_label = level_label(framework, row.target)
            row.self_label = level_label(framework, row.self_level)
            # A review is a later row about the same competency, so it is in
            # the same list: no query to tell a decided rating from a waiting one.
            reviewed = {item.review_of_id for item in row.evidence if item.review_of_id}
            for item in row.evidence:
                item.level_label = level_label(framework, item.level)
                item.reviewed = item.pk in reviewed


# --- a course's competencies -----------------------------------------------------


def course_competencies(course) -> dict[int, int]:
    """{competency id: highest level the course brings a learner to}, from the
    course's own field and from the index of its modules, lessons and
    activities (CompetencyLink)."""
    levels: dict[int, int] = {}
    for competency, level in competency_links(course.competencies):
        level = level or competency.framework.default_level
        levels[competency.pk] = max(level, levels.get(competency.pk, 0))
    for competency_id, level in CompetencyLink.objects.filter(
        course_id=course.pk
    ).values_list("competency_id", "level"):
        levels[competency_id] = max(level, levels.get(competency_id, 0))
    return levels


def competence_rows(
    user: AbstractBaseUser, developed: dict[int, int]
) -> list[FrameworkOverview]:
    """The learner's level, target and self-assessment for exactly these
    competencies, with or without evidence yet (a trainer wants to see what
    the course is about, not only what was already recorded). Each row also
    carries `developed`, the level the course brings them to."""
    result = learner_frameworks(user, competency_ids=developed)
    for overview in result:
        for row in overview.rows:
            row.developed = developed[row.competency.pk]
            row.developed_label = level_label(overview.framework, row.developed)
    label_levels(result)
    return result


def with_framework(competencies: QuerySet[Competency]) -> QuerySet[Competency]:
    """Competencies in framework and tree order, with the scale at hand."""
    return (
        competencies.select_related("framework")
        .prefetch_related("framework__levels")
        .order_by("framework__name", "framework__pk", "sort_order", "pk")
    )


def frameworks_with_levels(
    framework_ids: Iterable[int] | None = None,
) -> QuerySet[Framework]:
    frameworks = Framework.objects.prefetch_related("levels").order_by("name", "pk")
    if framework_ids is not None:
        frameworks = frameworks.filter(pk__in=list(framework_ids))
    return frameworks


# --- reviews -------------------------------------------------------------------


def reviews_waiting(viewer: AbstractBaseUser) -> QuerySet[Evidence]:
    """Ratings sent for review, of people in the viewer's units (all for
    admins), oldest first so that nobody waits longest."""
    evidence = (
        Evidence.objects.awaiting_review()
        .select_related("user__profile", "recorded_by", "competency__framework")
        .prefetch_related("competency__framework__levels")
        .order_by("recorded_at", "pk")
    )
    if viewer.is_superuser:
        return evidence
    return evidence.filter(user__profile__in=profiles_in_scope(viewer))


def evidence_in_scope(viewer: AbstractBaseUser) -> QuerySet[Evidence]:
    """Evidence about people the viewer may see (everyone for admins)."""
    if viewer.is_superuser:
        return Evidence.objects.all()
    return Evidence.objects.filter(user__profile__in=profiles_in_scope(viewer))


# --- targets -------------------------------------------------------------------


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT(*) subquery (no GROUP BY needed)."""
    counted = (
        queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _people_reached(viewer: AbstractBaseUser) -> QuerySet[StaffProfile]:
    """The viewer's staff that the outer target reaches, by the same rule as
    selectors.targets_reaching, as a correlated subquery."""
    people = (
        StaffProfile.objects.all()
        if viewer.is_superuser
        else StaffProfile.objects.filter(unit__in=units_in_scope(viewer))
    )
    return people.filter(
        IsNull(OuterRef("unit_id"), True)
        | Q(unit_id=OuterRef("unit_id"))
        | (
            Exact(OuterRef("include_subunits"), True)
            & Q(unit__path__startswith=OuterRef("unit__path"))
        ),
        Exact(OuterRef("staff_type"), "") | Q(staff_type=OuterRef("staff_type")),
        IsNull(OuterRef("job_role_id"), True) | Q(job_role_id=OuterRef("job_role_id")),
    )


def targets_visible(viewer: AbstractBaseUser) -> QuerySet[CompetencyTarget]:
    """Targets the viewer sets (for units in scope; all for admins) and,
    read-only, those set above them that reach their people (the whole
    organisation, or an ancestor unit with its sub-units). Each carries
    `editable` and `reached`, the number of the viewer's staff it reaches."""
    targets = CompetencyTarget.objects.select_related(
        "competency__framework", "unit", "job_role", "created_by"
    ).prefetch_related("competency__framework__levels")
    if viewer.is_superuser:
        targets = targets.annotate(editable=Value(True))
    else:
        units = units_in_scope(viewer)
        ancestor_paths = {
            path
            for unit in units.filter(managers__user=viewer)
            for path in unit.ancestor_paths()
        }
        targets = targets.filter(
            Q(unit__in=units)
            | Q(unit__isnull=True)
            | Q(include_subunits=True, unit__path__in=ancestor_paths)
        ).annotate(
            editable=Case(
                When(unit__in=units, then=Value(True)),
                default=Value(False),
            )
        )
    return targets.annotate(reached=_count(_people_reached(viewer))).order_by(
        "competency__framework__name",
        "competency__sort_order",
        "competency__pk",
        F("unit__path").asc(nulls_first=True),
        "level",
        "pk",
    )


def target_editable(viewer: AbstractBaseUser, target: CompetencyTarget) -> bool:
    if viewer.is_superuser:
        return True
    return (
        target.unit_id is not None
        and units_in_scope(viewer).filter(pk=target.unit_id).exists()
    )
