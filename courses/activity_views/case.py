"""Views for the case activity: the learner's choice and reflections (posted
from the case block in a lesson) and the trainer's anonymous results.

Every post goes through `enrolled_block`, and responses are looked up by the
logged-in learner only, so a forged post cannot touch anyone else's answers.
A mistake the learner can fix shows the case again with the message beside the
field and what they typed; a post no form of ours produces answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import services as course_services
from lms.activities.selectors import case as selectors
from lms.activities.services import case as services

from . import enrolled_block, trainer_block

REFLECTION_PREFIX = "reflection-"


def _case_of(block):
    case = block.value.get("case")
    if case is None:  # the snippet was deleted
        raise Http404
    return case


def _back_to_block(request, lesson, block_id: str):
    return redirect(f"{lesson.get_url(request)}#case-{block_id}")


def _show_again(request, lesson, block, state):
    """The case with the learner's input and what to correct, on its own page."""
    return TemplateResponse(
        request,
        "courses/activities/case/correct.html",
        {
            "lesson": lesson,
            "case_block": block,
            "case": block.value["case"],
            "state": state,
        },
        status=400,
    )


def _state(request, lesson, block):
    return selectors.state_for(user=request.user, page=lesson, blocks=[block])[block.id]


@login_required
@require_POST
def case_choose(request, lesson_id: int, block_id: str):
    lesson, block = enrolled_block(request, lesson_id, block_id, "case")
    case = _case_of(block)
    option_id = request.POST.get("option", "")
    other_text = request.POST.get("other_text", "")
    try:
        services.case_response_choose(
            user=request.user,
            page=lesson,
            block_id=block_id,
            case=case,
            option_id=option_id,
            other_text=other_text,
        )
    except services.CaseInputForged as error:
        raise Http404 from error
    except ValidationError as error:
        state = _state(request, lesson, block).with_input(
            option_id=option_id, other_text=other_text, errors=error.message_dict
        )
        return _show_again(request, lesson, block, state)
    course_services.activity_complete(
        user=request.user, lesson=lesson, block_id=block_id
    )
    messages.success(request, _("Your choice is saved."))
    return _back_to_block(request, lesson, block_id)


@login_required
@require_POST
def case_reflections(request, lesson_id: int, block_id: str):
    lesson, block = enrolled_block(request, lesson_id, block_id, "case")
    case = _case_of(block)
    texts = {
        key.removeprefix(REFLECTION_PREFIX): value
        for key, value in request.POST.items()
        if key.startswith(REFLECTION_PREFIX)
    }
    share = request.POST.get("share_reflections") == "1"
    try:
        services.case_reflections_save(
            user=request.user,
            page=lesson,
            block_id=block_id,
            case=case,
            texts=texts,
            share=share,
        )
    except services.CaseInputForged as error:
        raise Http404 from error
    except ValidationError as error:
        state = _state(request, lesson, block).with_input(
            texts=texts, share_reflections=share, errors=error.message_dict
        )
        return _show_again(request, lesson, block, state)
    messages.success(request, _("Your reflections are saved."))
    return _back_to_block(request, lesson, block_id)


@login_required
def case_results(request, lesson_id: int, block_id: str):
    """How learners chose, and what they shared, for the course's trainers."""
    lesson, block, course = trainer_block(request, lesson_id, block_id, "case")
    case = _case_of(block)
    return TemplateResponse(
        request,
        "courses/activities/case/results.html",
        {
            "lesson": lesson,
            "course": course,
            "case": case,
            "results": selectors.case_results(
                page=lesson, block_id=block_id, case=case
            ),
        },
    )


urlpatterns = [
    path(
        "my/lessons/<int:lesson_id>/cases/<str:block_id>/choose/",
        case_choose,
        name="case-choose",
    ),
    path(
        "my/lessons/<int:lesson_id>/cases/<str:block_id>/reflections/",
        case_reflections,
        name="case-reflections",
    ),
    path(
        "trainer/lessons/<int:lesson_id>/cases/<str:block_id>/",
        case_results,
        name="trainer-case-results",
    ),
]
