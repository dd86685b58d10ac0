"""The learner's own competences: levels, targets, evidence, a chart, and
achieved competencies as Open Badges.

There is no user id in these URLs: every page shows the logged-in learner's
own data, so nobody can reach someone else's by changing a number."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.text import slugify

from courses.models import CoursePage

from .. import badges, charts, learner_selectors
from ..learner_selectors import Competence, FrameworkCompetences


def _staff_type(user) -> str | None:
    profile = getattr(user, "profile", None)
    return profile.staff_type if profile else None


def _self_assessment_url() -> str | None:
    """The questionnaire lives in its own view module; link to it once it is
    there."""
    try:
        return reverse("self-assessment-index")
    except NoReverseMatch:
        return None


def _attach_learning(competences: list[Competence], staff_type: str | None) -> None:
    """Recommend live courses open to the learner's staff type (two queries)."""
    found = learner_selectors.learning_for(competences)
    course_ids = {item.course_id for items in found.values() for item in items}
    courses = CoursePage.objects.live().in_bulk(course_ids) if course_ids else {}
    for competence in competences:
        competence.learning = []
        for item in found.get(competence.competency.pk, []):
            course = courses.get(item.course_id)
            if course is not None and course.is_open_to(staff_type):
                item.course = course
                competence.learning.append(item)


def _chart(framework: FrameworkCompetences) -> charts.BarChart:
    return charts.bar_chart(
        [
            charts.ChartInput(
                competency_id=c.competency.pk,
                label=c.competency.code,
                name=c.competency.text("short_name"),
                level=c.row.level,
                target=c.row.target,
                self_level=c.row.self_level,
            )
            for c in framework.competences
        ],
        framework.max_level,
    )


@login_required
def my_competences(request):
    frameworks = learner_selectors.my_competences(request.user)
    _attach_learning(
        [c for framework in frameworks for c in framework.competences],
        _staff_type(request.user),
    )
    for framework in frameworks:
        framework.chart = _chart(framework)
    return TemplateResponse(
        request,
        "competencies/my_competences.html",
        {
            "frameworks": frameworks,
            "self_assessment_url": _self_assessment_url(),
        },
    )


@login_required
def competency_badge(request, competency_id: int):
    """Download an achieved competency as an unsigned Open Badges 3.0
    credential; anything not achieved by this learner is not found."""
    achievement = learner_selectors.achievement(request.user, competency_id)
    if achievement is None:
        raise Http404
    data = badges.credential(
        user=request.user,
        achievement=achievement,
        site_url=request.build_absolute_uri("/"),
        fallback_issuer=settings.WAGTAIL_SITE_NAME,
    )
    competency = achievement.competency
    filename = slugify(
        f"{competency.framework.slug} {competency.code or competency.pk} badge"
    )
    response = JsonResponse(
        data,
        content_type="application/ld+json",
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    return response


urlpatterns = [
    path("my/competences/", my_competences, name="my-competences"),
    path(
        "my/competences/<int:competency_id>/badge.json",
        competency_badge,
        name="competency-badge",
    ),
]
