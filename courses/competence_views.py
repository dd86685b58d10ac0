"""A trainer rates a participant's competencies in the context of a course.

Only the competencies the course develops (its own field and the index of its
modules, lessons and activities) can be rated, and only by a trainer of that
course: who teaches a course has seen the learner at work there, and nothing
beyond it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path

from lms.competencies.models import Competency, EvidenceSource
from lms.competencies.staff_forms import (
    RatingForm,
    framework_choices_for,
    rating_from_form,
    rating_message,
)
from lms.competencies.staff_selectors import (
    competence_rows,
    course_competencies,
    with_framework,
)

from .models import CoursePage, Enrolment


def _course_taught_by(user, course_id: int) -> CoursePage:
    course = get_object_or_404(CoursePage, pk=course_id)
    if not (
        user.is_superuser
        or CoursePage.objects.filter(pk=course.pk, trainers=user).exists()
    ):
        raise PermissionDenied
    return course


@login_required
def participant_competences(request, course_id: int, user_id: int):
    course = _course_taught_by(request.user, course_id)
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("user__profile__unit"),
        course=course,
        user_id=user_id,
    )
    learner = enrolment.user
    developed = course_competencies(course)
    competencies = list(with_framework(Competency.objects.filter(pk__in=developed)))
    form = RatingForm(
        request.POST or None,
        competencies=competencies,
        frameworks=framework_choices_for(competencies),
    )
    if request.method == "POST" and form.is_valid():
        evidence = rating_from_form(
            form, rater=request.user, learner=learner, source=EvidenceSource.TRAINER
        )
        if evidence is not None:
            messages.success(request, rating_message(evidence))
            return redirect(
                "participant-competences", course_id=course.pk, user_id=learner.pk
            )
    return TemplateResponse(
        request,
        "courses/trainer_competences.html",
        {
            "course": course,
            "learner": learner,
            "overviews": competence_rows(learner, developed),
            "form": form,
        },
    )


urlpatterns = [
    path(
        "trainer/courses/<int:course_id>/participants/<int:user_id>/competences/",
        participant_competences,
        name="participant-competences",
    ),
]
