"""The quiz in the browser: a learner answers, gets a form error, passes and
reads the feedback; the trainer reads the statistics. axe checks every page."""

import re

import pytest

from courses.models import LessonPage
from lms.activities.models import QuizAttempt

from .conftest import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LESSON = "automatisierung-und-ueberwachung"


def _quiz():
    lesson = LessonPage.objects.get(slug=LESSON)
    block = next(b for b in lesson.body if b.block_type == "quiz")
    correct = {
        option.id: option.value["correct"]
        for question in block.value["questions"].bound_blocks
        for option in question.value["options"].bound_blocks
    }
    return lesson, block, correct


def test_learner_answers_the_quiz_and_reads_the_result(page, demo):
    lesson, block, correct = _quiz()
    log_in(page, demo.url, "lena")
    page.goto(f"{demo.url}{lesson.url}")
    quiz = page.locator(f"#quiz-{block.id}")
    assert quiz.locator("fieldset").count() == len(block.value["questions"])
    assert_accessible(page)

    # Only the first question answered: a form error, nothing stored.
    quiz.locator("fieldset").first.locator("input").first.check()
    quiz.locator("button[type=submit]").click()
    page.wait_for_load_state()
    errors = page.locator(".quiz__errors")
    assert errors.is_visible()
    assert errors.locator("a").count() == len(block.value["questions"]) - 1
    assert page.locator(".quiz__question--error").count() >= 1
    assert not QuizAttempt.objects.exists()
    assert_accessible(page)

    # Every question answered correctly (the keyboard works for radios too).
    form = page.locator(f"#quiz-{block.id} form")
    for option_id, right in correct.items():
        field = form.locator(f"#quiz-{block.id}-{option_id}")
        if right:
            field.check()
        elif field.get_attribute("type") == "checkbox":
            field.uncheck()
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/quizzes/.+/attempts/\d+/$"))
    result = page.locator(".quiz-result")
    assert "100 %" in result.inner_text()
    assert page.locator(".quiz-result--passed").count() == 1
    assert page.locator(".quiz-review__question--wrong").count() == 0
    assert page.locator(".quiz-review__feedback").count() >= 1
    assert_accessible(page)
    attempt = QuizAttempt.objects.get()
    assert attempt.passed and attempt.score == 1

    page.locator('.quiz-result__actions a[href$="/attempts/"]').click()
    page.wait_for_url(re.compile(r"/quizzes/.+/attempts/$"))
    assert page.locator("tbody tr").count() == 1
    assert_accessible(page)

    page.goto(f"{demo.url}{lesson.url}")
    assert page.locator(f"#quiz-{block.id} .activity__done").is_visible()
    assert_accessible(page)


def test_trainer_reads_the_statistics_per_question(page, demo):
    from django.contrib.auth import get_user_model

    from lms.activities.services.quiz import quiz_attempt_submit

    lesson, block, _ = _quiz()
    lena = get_user_model().objects.get(username="lena")
    answers = {}
    for question in block.value["questions"].bound_blocks:
        options = question.value["options"].bound_blocks
        answers[question.id] = [options[0].id]
    quiz_attempt_submit(
        user=lena, page=lesson, block_id=block.id, quiz=block.value, answers=answers
    )
    log_in(page, demo.url, "tara")
    page.goto(f"{demo.url}/trainer/lessons/{lesson.pk}/quizzes/{block.id}/")
    tables = page.locator("table.quiz-stats")
    assert tables.count() == len(block.value["questions"])
    first_row = tables.first.locator("tbody tr").first
    assert first_row.locator("td").nth(1).inner_text() == "1"
    assert_accessible(page)


def test_forged_answer_gets_a_readable_bad_request_page(page, demo):
    lesson, block, _ = _quiz()
    log_in(page, demo.url, "lena")
    page.goto(f"{demo.url}{lesson.url}")
    form = page.locator(f"#quiz-{block.id} form")
    for fieldset in form.locator("fieldset").all():
        fieldset.locator("input").first.check()
    form.locator("input").first.evaluate("input => { input.value = 'forged'; }")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text()
    assert not QuizAttempt.objects.exists()
    assert_accessible(page)
