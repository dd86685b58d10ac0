"""The quiz as learners and trainers meet it: the block in the lesson, submitting,
results, attempts, the trainer's statistics, and what forged posts get."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import ActivityAttempt, LessonProgress
from lms.activities.models import QuizAnswer, QuizAttempt

from .test_quiz_services import (
    ALL_RIGHT,
    NONE_RIGHT,
    ONE_RIGHT,
    TWO_RIGHT,
    learner,
    make_quiz,
    quiz_value,
    submit,
    trainer,
)

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def submit_url(setup):
    return reverse("quiz-submit", args=[setup.lesson.pk, setup.block_id])


def attempts_url(setup):
    return reverse("quiz-attempts", args=[setup.lesson.pk, setup.block_id])


def results_url(setup):
    return reverse("trainer-quiz-results", args=[setup.lesson.pk, setup.block_id])


@pytest.fixture
def setup(org):
    return make_quiz()


@pytest.fixture
def lena(org, setup, client):
    user = learner("lena", org, setup)
    client.force_login(user)
    return user


def nothing_stored():
    return not QuizAttempt.objects.exists() and not QuizAnswer.objects.exists()


# The block in the lesson ----------------------------------------------------------


def test_lesson_shows_questions_as_fieldsets_with_radios_and_checkboxes(
    client, setup, lena
):
    page = soup(client.get(setup.lesson.url))
    quiz = page.select_one(f"#quiz-{setup.block_id}")
    assert "Datenschutz-Check" in quiz.select_one("h2").get_text()
    form = quiz.select_one("form")
    assert form["action"] == submit_url(setup)
    fieldsets = form.select("fieldset")
    assert len(fieldsets) == 3
    legends = [text(f.legend) for f in fieldsets]
    assert legends[0] == "Question 1 Which law protects personal data in the EU?"
    assert "Tick all that apply" in legends[1]
    kinds = [{i["type"] for i in f.select("input")} for f in fieldsets]
    assert kinds == [{"radio"}, {"checkbox"}, {"radio"}]
    for field in form.select("input[name^=q-]"):
        assert form.select_one(f"label[for='{field['id']}']")
    assert "Pass mark: 60 %" in text(quiz)
    assert "Unlimited attempts" in text(quiz)
    assert form.find("button", string="Submit answers")


def test_lesson_block_shows_counting_score_attempts_and_link(client, org):
    setup = make_quiz(max_attempts=3)
    lena = learner("lena", org, setup)
    client.force_login(lena)
    submit(setup, lena, *ONE_RIGHT)
    submit(setup, lena, *TWO_RIGHT)
    quiz = soup(client.get(setup.lesson.url)).select_one(f"#quiz-{setup.block_id}")
    assert "Your score: 67 %, passed." in text(quiz)
    assert "Attempts used: 2 of 3." in text(quiz)
    assert quiz.find("a", string="Your attempts")["href"] == attempts_url(setup)
    assert quiz.select_one("form")


def test_lesson_block_without_attempts_left_has_no_form(client, org):
    setup = make_quiz(max_attempts=1)
    lena = learner("lena", org, setup)
    client.force_login(lena)
    submit(setup, lena, *NONE_RIGHT)
    quiz = soup(client.get(setup.lesson.url)).select_one(f"#quiz-{setup.block_id}")
    assert quiz.select_one("form") is None
    assert "You have used all attempts at this quiz." in text(quiz)


def test_trainer_preview_lists_questions_and_links_to_results(client, org, setup):
    tara = trainer("tara", org)
    setup.course.trainers.add(tara)
    setup.course.save()
    client.force_login(tara)
    quiz = soup(client.get(setup.lesson.url)).select_one(f"#quiz-{setup.block_id}")
    assert quiz.select_one("form") is None
    assert "Preview" in text(quiz)
    assert "GDPR (correct)" in text(quiz)
    assert quiz.find("a", string="Results per question")["href"] == results_url(setup)


def test_html_in_quiz_texts_is_escaped(client, org):
    setup = make_quiz(
        title="<b>Quiz</b>",
        questions=[
            {
                "kind": "single",
                "text": "<script>alert('q')</script>",
                "options": [
                    {
                        "text": "<img src=x onerror=alert(1)>",
                        "correct": True,
                        "feedback": "<script>alert('f')</script>",
                    },
                    {"text": "No", "correct": False, "feedback": ""},
                ],
            }
        ],
    )
    lena = learner("lena", org, setup)
    client.force_login(lena)
    lesson = client.get(setup.lesson.url)
    assert b"<script>alert" not in lesson.content
    assert b"<img src=x" not in lesson.content
    assert b"&lt;script&gt;alert" in lesson.content
    response = client.post(
        submit_url(setup), setup.post("<img src=x onerror=alert(1)>")
    )
    result = client.get(response["Location"])
    assert b"<script>alert" not in result.content
    assert b"&lt;script&gt;alert(&#x27;f&#x27;)&lt;/script&gt;" in result.content
    tara = trainer("tara", org)
    setup.course.trainers.add(tara)
    setup.course.save()
    client.force_login(tara)
    stats = client.get(results_url(setup))
    assert b"<script>alert" not in stats.content and b"<img src=x" not in stats.content


# Submitting -----------------------------------------------------------------------


def test_passing_submission_shows_result_and_completes_the_lesson(client, setup, lena):
    response = client.post(submit_url(setup), setup.post(*TWO_RIGHT))
    attempt = QuizAttempt.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "quiz-attempt", args=[setup.lesson.pk, setup.block_id, attempt.pk]
    )
    page = soup(client.get(response["Location"]))
    summary = text(page.select_one(".quiz-result"))
    assert "Score: 67 % (2 of 3 questions right)." in summary
    assert "Passed." in summary
    assert "This is the attempt that counts." in summary
    assert "You may try as often as you like." in summary
    assert page.find("a", string="Try again")
    assert "You passed the quiz" in text(page.select_one(".messages"))
    marks = [
        text(q.select_one(".quiz-review__mark"))
        for q in page.select(".quiz-review li.quiz-review__question")
    ]
    assert marks == ["✓ Correct.", "✓ Correct.", "✗ Not correct."]
    questions = page.select(".quiz-review__question")
    assert "Right: the GDPR." in text(questions[0])
    assert "A name is." in text(questions[1]) and "So is this." in text(questions[1])
    assert "Never share." in text(questions[2])
    assert (
        ActivityAttempt.objects.filter(
            user=lena, block_id=setup.block_id, completed=True
        ).count()
        == 1
    )
    progress = LessonProgress.objects.get(user=lena, lesson=setup.lesson)
    assert progress.completed_at is not None


def test_failing_submission_does_not_complete(client, setup, lena):
    response = client.post(submit_url(setup), setup.post(*ONE_RIGHT))
    page = soup(client.get(response["Location"]))
    assert "Not passed." in text(page.select_one(".quiz-result"))
    assert "Score: 33 %" in text(page.select_one(".quiz-result"))
    assert not ActivityAttempt.objects.filter(block_id=setup.block_id).exists()


def test_passing_again_does_not_record_completion_twice(client, setup, lena):
    client.post(submit_url(setup), setup.post(*ALL_RIGHT))
    client.post(submit_url(setup), setup.post(*ALL_RIGHT))
    assert QuizAttempt.objects.count() == 2
    assert ActivityAttempt.objects.filter(block_id=setup.block_id).count() == 1


def test_completion_stays_when_a_later_last_attempt_fails(client, org):
    setup = make_quiz(counting="last")
    lena = learner("lena", org, setup)
    client.force_login(lena)
    client.post(submit_url(setup), setup.post(*ALL_RIGHT))
    response = client.post(submit_url(setup), setup.post(*NONE_RIGHT))
    page = soup(client.get(response["Location"]))
    assert "Not passed." in text(page.select_one(".quiz-result"))
    progress = LessonProgress.objects.get(user=lena, lesson=setup.lesson)
    assert progress.completed_at is not None
    quiz = soup(client.get(setup.lesson.url)).select_one(f"#quiz-{setup.block_id}")
    assert "Your score: 0 %, not passed yet." in text(quiz)
    assert "You have completed this quiz." in text(quiz)


def test_optional_quiz_does_not_complete_the_lesson(client, org):
    setup = make_quiz(
        required=False, extra_blocks=[("acknowledgement", {"statement": "Gelesen."})]
    )
    lena = learner("lena", org, setup)
    client.force_login(lena)
    client.post(submit_url(setup), setup.post(*ALL_RIGHT))
    assert ActivityAttempt.objects.filter(block_id=setup.block_id).exists()
    progress = LessonProgress.objects.get(user=lena, lesson=setup.lesson)
    assert progress.completed_at is None


def test_unanswered_questions_give_a_form_error_and_keep_the_answers(
    client, setup, lena
):
    response = client.post(submit_url(setup), setup.post("Road code"))
    assert response.status_code == 200
    assert nothing_stored()
    page = soup(response)
    errors = page.select_one(".quiz__errors")
    assert "Please answer every question before you submit." in text(errors)
    assert [a["href"] for a in errors.select("a")] == [
        f"#quiz-{setup.block_id}-{q}" for q in setup.questions[1:]
    ]
    assert page.select_one(
        f"#quiz-{setup.block_id}-{setup.options['Road code']}"
    ).has_attr("checked")
    assert not page.select_one(
        f"#quiz-{setup.block_id}-{setup.options['GDPR']}"
    ).has_attr("checked")
    unanswered = page.select(".quiz__question--error")
    assert len(unanswered) == 2
    assert "Please answer this question." in text(unanswered[0])


def test_attempts_beyond_the_limit_are_forbidden(client, org):
    setup = make_quiz(max_attempts=1)
    lena = learner("lena", org, setup)
    client.force_login(lena)
    first = client.post(submit_url(setup), setup.post(*NONE_RIGHT))
    page = soup(client.get(first["Location"]))
    assert "0 attempts left." in text(page.select_one(".quiz-result"))
    assert not page.find("a", string="Try again")
    response = client.post(submit_url(setup), setup.post(*ALL_RIGHT))
    assert response.status_code == 403
    assert "used all attempts" in text(soup(response).select_one("main"))
    assert QuizAttempt.objects.count() == 1
    assert not ActivityAttempt.objects.exists()


def test_attempts_left_are_counted_down(client, org):
    setup = make_quiz(max_attempts=3)
    lena = learner("lena", org, setup)
    client.force_login(lena)
    response = client.post(submit_url(setup), setup.post(*NONE_RIGHT))
    page = soup(client.get(response["Location"]))
    assert "2 attempts left." in text(page.select_one(".quiz-result"))
    assert page.find("a", string="Try again")["href"].endswith(
        f"#quiz-{setup.block_id}"
    )


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(
            lambda s: {f"q-{s.questions[0]}": ["made-up"]}, id="unknown-option"
        ),
        pytest.param(
            lambda s: {f"q-{s.questions[0]}": [s.options["Name"]]},
            id="option-of-another-question",
        ),
        pytest.param(
            lambda s: {
                f"q-{s.questions[0]}": [s.options["GDPR"], s.options["Tax code"]]
            },
            id="two-answers-single-choice",
        ),
        pytest.param(
            lambda s: {f"q-{s.questions[2]}": [s.options["True"], s.options["False"]]},
            id="two-answers-true-false",
        ),
        pytest.param(lambda s: {"q-not-a-question": ["x"]}, id="unknown-question"),
    ],
)
def test_forged_answers_are_a_bad_request_and_change_nothing(
    client, setup, lena, forge
):
    data = {**setup.post(*ALL_RIGHT), **forge(setup)}
    response = client.post(submit_url(setup), data)
    assert response.status_code == 400
    assert "Nothing was stored" in text(soup(response).select_one("main"))
    assert nothing_stored()
    assert not ActivityAttempt.objects.exists()


def test_learner_not_enrolled_is_forbidden(client, org, setup):
    outsider = learner("otto", org)  # not enrolled
    client.force_login(outsider)
    assert client.post(submit_url(setup), setup.post(*ALL_RIGHT)).status_code == 403
    assert client.get(attempts_url(setup)).status_code == 403
    assert nothing_stored()


def test_anonymous_is_sent_to_log_in(client, setup):
    response = client.post(submit_url(setup), setup.post(*ALL_RIGHT))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get(attempts_url(setup))["Location"].startswith("/accounts/login/")
    assert client.get(results_url(setup))["Location"].startswith("/accounts/login/")
    assert nothing_stored()


def test_unknown_block_or_other_block_type_is_not_found(client, setup, lena):
    text_block = setup.lesson.body[0].id
    for block_id in ("nope", text_block):
        url = reverse("quiz-submit", args=[setup.lesson.pk, block_id])
        assert client.post(url, setup.post(*ALL_RIGHT)).status_code == 404
    assert nothing_stored()


def test_submit_only_takes_posts(client, setup, lena):
    assert client.get(submit_url(setup)).status_code == 405


# A learner's attempts --------------------------------------------------------------


def test_attempts_page_lists_each_attempt_and_marks_the_counting_one(
    client, setup, lena
):
    submit(setup, lena, *ONE_RIGHT)
    best = submit(setup, lena, *ALL_RIGHT).attempt
    submit(setup, lena, *TWO_RIGHT)
    page = soup(client.get(attempts_url(setup)))
    rows = page.select("tbody tr")
    assert [text(r.select("td")[1]) for r in rows] == ["33 %", "100 %", "67 %"]
    assert [text(r.select("td")[2]) for r in rows] == [
        "not passed",
        "✓ passed",
        "✓ passed",
    ]
    assert all(text(r.select("td")[0]) for r in rows)  # date and time
    assert [r.select_one(".badge") is not None for r in rows] == [False, True, False]
    assert rows[1].select_one("a")["href"] == reverse(
        "quiz-attempt", args=[setup.lesson.pk, setup.block_id, best.pk]
    )
    assert "Your best attempt counts." in text(page.select_one("main"))


def test_attempts_page_before_any_attempt(client, setup, lena):
    page = soup(client.get(attempts_url(setup)))
    assert "You have not answered this quiz yet." in text(page.select_one("main"))


def test_someone_elses_attempt_is_not_found(client, org, setup, lena):
    volker = learner("volker", org, setup)
    theirs = submit(setup, volker, *ALL_RIGHT).attempt
    url = reverse("quiz-attempt", args=[setup.lesson.pk, setup.block_id, theirs.pk])
    assert client.get(url).status_code == 404


def test_learner_pages_run_a_constant_number_of_queries(client, org):
    def count(setup, user, attempts):
        for _ in range(attempts):
            last = submit(setup, user, *TWO_RIGHT).attempt
        urls = [
            attempts_url(setup),
            reverse("quiz-attempt", args=[setup.lesson.pk, setup.block_id, last.pk]),
        ]
        client.force_login(user)
        for url in urls:
            client.get(url)  # warm caches
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    small = make_quiz("Klein")
    big = make_quiz(
        "Gross",
        questions=quiz_value()["questions"] * 4,
    )
    assert count(small, learner("lena", org, small), 1) == count(
        big, learner("volker", org, big), 6
    )


# The trainer's statistics -----------------------------------------------------------


def test_trainer_sees_per_question_statistics(client, org, setup):
    tara = trainer("tara", org)
    setup.course.trainers.add(tara)
    setup.course.save()
    lena, volker = learner("lena", org, setup), learner("volker", org, setup)
    submit(setup, lena, *NONE_RIGHT)
    submit(setup, lena, *ALL_RIGHT)
    submit(setup, volker, *ONE_RIGHT)
    client.force_login(tara)
    page = soup(client.get(results_url(setup)))
    facts = text(page.select_one(".quiz-stats__facts"))
    assert "Learners who answered 2" in facts
    assert "Attempts 3" in facts
    assert "Pass rate 50 % (1 of 2)" in facts
    tables = page.select("table.quiz-stats")
    assert len(tables) == 3
    assert "Question 1: Which law protects" in text(tables[0].caption)
    rows = {
        text(r.th): [text(td) for td in r.select("td")]
        for r in tables[1].select("tbody tr")
    }
    assert rows == {
        "Name": ["✓ yes", "2", "100 %"],
        "Address": ["✓ yes", "1", "50 %"],
        "Weather": ["no", "0", "0 %"],
    }
    assert "each learner" in text(page.select_one("main")).lower()


def test_trainer_page_is_forbidden_to_learners_and_other_trainers(
    client, org, setup, lena
):
    assert client.get(results_url(setup)).status_code == 403
    client.force_login(trainer("tim", org))
    assert client.get(results_url(setup)).status_code == 403


def test_trainer_page_runs_a_constant_number_of_queries(client, org):
    tara = trainer("tara", org)

    def count(setup, learners):
        setup.course.trainers.add(tara)
        setup.course.save()
        for n in range(learners):
            user = learner(f"{setup.course.slug}{n}", org, setup)
            submit(setup, user, *ONE_RIGHT)
            submit(setup, user, *ALL_RIGHT)
        client.force_login(tara)
        client.get(results_url(setup))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(results_url(setup)).status_code == 200
        return len(queries)

    assert count(make_quiz("Klein"), 1) == count(make_quiz("Gross"), 5)
