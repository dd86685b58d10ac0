"""The self-assessment questionnaire: per competency the framework's "I can …"
statements, one per level of its scale, plus "Not yet".

The answers become self-assessment evidence, shown beside the verified level
and never mixed into it (rules.current_level). Only answered questions are
sent on, so a learner can fill in one area today and the next one later; an
answer that no form could have produced (a competency of another framework, a
level off the scale) is refused as a whole, and nothing is stored."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import services
from ..models import Competency, CompetencyState, Framework, ScaleLevel

FIELD_PREFIX = "competency-"


@dataclass
class Option:
    level: int
    label: str
    statement: str = ""


@dataclass
class Question:
    competency: Competency
    name: str
    description: str
    options: list[Option]
    answer: int | None = None
    verified: str = ""

    @property
    def field_name(self) -> str:
        return f"{FIELD_PREFIX}{self.competency.pk}"


@dataclass
class Group:
    """The questions under one area (or under none, in a flat framework)."""

    area: Competency | None
    name: str = ""
    description: str = ""
    questions: list[Question] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for question in self.questions if question.answer is not None)


def _questionnaire(user, framework: Framework) -> list[Group]:
    """Questions for the competencies without children, grouped under their
    parent in the framework's order, with the learner's last answers."""
    levels = list(framework.levels.all())
    competencies = list(
        framework.competencies.prefetch_related("level_descriptors").order_by(
            "sort_order", "pk"
        )
    )
    parents = {c.parent_id for c in competencies if c.parent_id}
    by_pk = {c.pk: c for c in competencies}
    states = {
        state.competency_id: state
        for state in CompetencyState.objects.filter(
            user=user, competency__framework=framework
        )
    }
    level_names = {level.value: level.text("name") for level in levels}
    groups: dict[int | None, Group] = {}
    for competency in competencies:
        if competency.pk in parents:
            continue
        area = by_pk.get(competency.parent_id)
        group = groups.get(competency.parent_id)
        if group is None:
            group = groups[competency.parent_id] = Group(
                area=area,
                name=area.text("short_name") if area else "",
                description=(area.text("description") if area else ""),
            )
        state = states.get(competency.pk)
        group.questions.append(
            Question(
                competency=competency,
                name=competency.text("short_name"),
                description=competency.text("description"),
                options=_options(competency, levels, level_names),
                answer=state.self_level if state else None,
                verified=(
                    level_names.get(state.level, str(state.level))
                    if state and state.level is not None
                    else ""
                ),
            )
        )
    return list(groups.values())


def _options(
    competency: Competency,
    levels: list[ScaleLevel],
    level_names: dict[int, str],
) -> list[Option]:
    """ "Not yet", then each level: its "I can" statement where the framework
    has one, else the level's own description."""
    descriptors = {d.level: d for d in competency.level_descriptors.all()}
    options = [Option(level=0, label=_("Not yet"))]
    for level in levels:
        descriptor = descriptors.get(level.value)
        options.append(
            Option(
                level=level.value,
                label=level_names[level.value],
                statement=(
                    descriptor.text("text_value")
                    if descriptor
                    else level.text("description")
                ),
            )
        )
    return options


class ForgedAnswer(Exception):
    """An answer no rendering of the form could have produced."""


def _answers(post, allowed_ids: set[int], allowed_levels: set[int]) -> dict[int, int]:
    answers = {}
    for key in post:
        if not key.startswith(FIELD_PREFIX):
            continue
        values = post.getlist(key)
        try:
            competency_id = int(key.removeprefix(FIELD_PREFIX))
            level = int(values[0])
        except ValueError as error:
            raise ForgedAnswer from error
        if (
            len(values) != 1
            or competency_id not in allowed_ids
            or level not in allowed_levels
        ):
            raise ForgedAnswer
        answers[competency_id] = level
    return answers


@login_required
def self_assessment_index(request):
    """Every framework, with how much of it the learner has answered."""
    frameworks = list(
        Framework.objects.annotate(
            question_count=Count(
                "competencies",
                filter=Q(competencies__children__isnull=True),
                distinct=True,
            )
        ).order_by("name")
    )
    answered = {
        row["competency__framework"]: row
        for row in CompetencyState.objects.filter(
            user=request.user, self_level__isnull=False
        )
        .values("competency__framework")
        .annotate(count=Count("pk"), last=Max("self_assessed_at"))
    }
    rows = [
        {
            "framework": framework,
            "name": framework.text("name"),
            "description": framework.text("description"),
            "answered": answered.get(framework.pk, {}).get("count", 0),
            "last": answered.get(framework.pk, {}).get("last"),
        }
        for framework in frameworks
        if framework.question_count
    ]
    return TemplateResponse(
        request, "competencies/self_assessment.html", {"rows": rows}
    )


@login_required
def self_assessment(request, slug: str):
    framework = get_object_or_404(Framework, slug=slug)
    groups = _questionnaire(request.user, framework)
    error = ""
    if request.method == "POST":
        allowed_ids = {q.competency.pk for g in groups for q in g.questions}
        allowed_levels = {0, *framework.level_values()}
        try:
            answers = _answers(request.POST, allowed_ids, allowed_levels)
        except ForgedAnswer:
            return HttpResponseBadRequest(_("This answer is not part of the form."))
        if answers:
            try:
                saved = services.self_assessment_save(
                    user=request.user, framework=framework, levels=answers
                )
            except ValidationError:
                return HttpResponseBadRequest(_("This answer is not part of the form."))
            if saved:
                messages.success(
                    request,
                    ngettext(
                        "Your self-assessment of %(count)d competency is saved. "
                        "It is shown beside your verified level and does not "
                        "change it.",
                        "Your self-assessment of %(count)d competencies is saved. "
                        "It is shown beside your verified level and does not "
                        "change it.",
                        len(saved),
                    )
                    % {"count": len(saved)},
                )
            else:
                messages.info(
                    request, _("Your answers are the same as before; nothing changed.")
                )
            return redirect(reverse("my-competences"))
        error = _("Choose an answer for at least one competency; nothing was saved.")
    return TemplateResponse(
        request,
        "competencies/self_assessment_form.html",
        {
            "framework": framework,
            "framework_name": framework.text("name"),
            "groups": groups,
            "question_count": sum(len(g.questions) for g in groups),
            "error": error,
        },
    )


urlpatterns = [
    path(
        "my/competences/self-assessment/",
        self_assessment_index,
        name="self-assessment-index",
    ),
    path(
        "my/competences/self-assessment/<slug:slug>/",
        self_assessment,
        name="self-assessment",
    ),
]
