"""Views for the quiz activity: submitting an attempt, a learner's own attempts
and results, and the trainer's statistics per question.

Scoring and the checks on what was sent live in lms.activities.services.quiz;
these views map its refusals to answers: a forged post (unknown question or
option, two answers to a single-choice question) is a 400, a submission beyond
the allowed attempts a 403, unanswered questions a form error. None of them
stores anything."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import selectors, services
from lms.activities.selectors import quiz as quiz_selectors
from lms.activities.services import quiz as quiz_services

from . import enrolled_block, trainer_block

ANSWER_PREFIX = "q-"


def _answers(post) -> dict[str, list[str]]:
    """{question_id: [option_id, …]} from fields named q-<question id>."""
    return {
        key.removeprefix(ANSWER_PREFIX): post.getlist(key)
        for key in post
        if key.startswith(ANSWER_PREFIX)
    }


@login_required
@require_POST
def quiz_submit(request, lesson_id: int, block_id: str):
    lesson, block = enrolled_block(request, lesson_id, block_id, "quiz")
    answers = _answers(request.POST)
    try:
        outcome = quiz_services.quiz_attempt_submit(
            user=request.user,
            page=lesson,
            block_id=block.id,
            quiz=block.value,
            answers=answers,
        )
    except quiz_services.QuizAnswersForged as error:
        return TemplateResponse(
            request,
            "courses/activities/quiz/bad_request.html",
            {"lesson": lesson, "message": " ".join(error.messages)},
            status=400,
        )
    except quiz_services.QuizIncomplete as error:
        state = quiz_selectors.quiz_state(
            user=request.user, page=lesson, block_id=block.id, quiz=block.value
        )
        return TemplateResponse(
            request,
            "courses/activities/quiz/take.html",
            {
                "lesson": lesson,
                "quiz_block": block,
                "block_id": block.id,
                "quiz": block.value,
                "state": state,
                "error": " ".join(error.messages),
                "unanswered": error.question_ids,
                "chosen": {o for ids in answers.values() for o in ids},
            },
        )
    if outcome.completes and block.id not in selectors.completed_activity_ids(
        request.user, lesson
    ):
        services.activity_complete(user=request.user, lesson=lesson, block_id=block.id)
        messages.success(request, _("You passed the quiz. This activity is complete."))
    return redirect("quiz-attempt", lesson.pk, block.id, outcome.attempt.pk)


@login_required
def quiz_attempt(request, lesson_id: int, block_id: str, attempt_id: int):
    """The result of one of the learner's own attempts."""
    lesson, block = enrolled_block(request, lesson_id, block_id, "quiz")
    attempt = quiz_selectors.attempt_for(
        user=request.user, page=lesson, block_id=block.id, attempt_id=attempt_id
    )
    if attempt is None:
        raise Http404
    state = quiz_selectors.quiz_state(
        user=request.user, page=lesson, block_id=block.id, quiz=block.value
    )
    review = quiz_services.quiz_review(
        quiz=block.value, answers=quiz_selectors.attempt_answers(attempt)
    )
    return TemplateResponse(
        request,
        "courses/activities/quiz/attempt.html",
        {
            "lesson": lesson,
            "block_id": block.id,
            "quiz": block.value,
            "attempt": attempt,
            "number": next(
                n for n, a in enumerate(state.attempts, start=1) if a.pk == attempt.pk
            ),
            "percent": quiz_selectors.percent_of(attempt.score),
            "review": review,
            "state": state,
        },
    )


@login_required
def quiz_attempts(request, lesson_id: int, block_id: str):
    """The learner's own attempts at one quiz, the counting one marked."""
    lesson, block = enrolled_block(request, lesson_id, block_id, "quiz")
    state = quiz_selectors.quiz_state(
        user=request.user, page=lesson, block_id=block.id, quiz=block.value
    )
    return TemplateResponse(
        request,
        "courses/activities/quiz/attempts.html",
        {
            "lesson": lesson,
            "block_id": block.id,
            "quiz": block.value,
            "state": state,
            "rows": [
                (number, attempt, quiz_selectors.percent_of(attempt.score))
                for number, attempt in enumerate(state.attempts, start=1)
            ],
        },
    )


@login_required
def trainer_quiz_results(request, lesson_id: int, block_id: str):
    """Per question and option, how many learners chose it."""
    lesson, block, course = trainer_block(request, lesson_id, block_id, "quiz")
    statistics = quiz_selectors.quiz_statistics(
        page=lesson, block_id=block.id, quiz=block.value
    )
    return TemplateResponse(
        request,
        "courses/activities/quiz/trainer_results.html",
        {
            "lesson": lesson,
            "block_id": block.id,
            "course": course,
            "quiz": block.value,
            "statistics": statistics,
        },
    )


urlpatterns = [
    path(
        "my/lessons/<int:lesson_id>/quizzes/<str:block_id>/submit/",
        quiz_submit,
        name="quiz-submit",
    ),
    path(
        "my/lessons/<int:lesson_id>/quizzes/<str:block_id>/attempts/",
        quiz_attempts,
        name="quiz-attempts",
    ),
    path(
        "my/lessons/<int:lesson_id>/quizzes/<str:block_id>/attempts/<int:attempt_id>/",
        quiz_attempt,
        name="quiz-attempt",
    ),
    path(
        "trainer/lessons/<int:lesson_id>/quizzes/<str:block_id>/",
        trainer_quiz_results,
        name="trainer-quiz-results",
    ),
]
