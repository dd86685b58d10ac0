"""Scoring, submission rules and reads of the quiz activity."""

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import services as course_services
from courses.models import LessonPage
from lms.activities.models import QuizAnswer, QuizAttempt
from lms.activities.selectors import quiz as selectors
from lms.activities.services import quiz as services
from lms.people.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def quiz_value(**overrides) -> dict:
    """Three questions, one of each kind; 2 of 3 right passes the 60 % mark."""
    value = {
        "title": "Datenschutz-Check",
        "introduction": "Drei kurze Fragen.",
        "questions": [
            {
                "kind": "single",
                "text": "Which law protects personal data in the EU?",
                "options": [
                    {"text": "GDPR", "correct": True, "feedback": "Right: the GDPR."},
                    {"text": "Road code", "correct": False, "feedback": "No, traffic."},
                    {"text": "Tax code", "correct": False, "feedback": ""},
                ],
            },
            {
                "kind": "multiple",
                "text": "Which of these are personal data?",
                "options": [
                    {"text": "Name", "correct": True, "feedback": "A name is."},
                    {"text": "Address", "correct": True, "feedback": "So is this."},
                    {"text": "Weather", "correct": False, "feedback": "Not this."},
                ],
            },
            {
                "kind": "true_false",
                "text": "Colleagues may share passwords.",
                "options": [
                    {"text": "True", "correct": False, "feedback": "Never share."},
                    {"text": "False", "correct": True, "feedback": "Exactly."},
                ],
            },
        ],
        "pass_mark": 60,
        "max_attempts": 0,
        "counting": "best",
        "required": True,
    }
    value.update(overrides)
    return value


@dataclass
class QuizSetup:
    course: object
    lesson: LessonPage
    block: object
    block_id: str
    questions: list[str]
    options: dict[str, str]  # option text -> option id

    @property
    def quiz(self):
        return self.block.value

    def answers(self, *texts: str) -> dict[str, list[str]]:
        """Answers choosing the options with these texts."""
        chosen: dict[str, list[str]] = {}
        for item in self.quiz["questions"].bound_blocks:
            for option in item.value["options"].bound_blocks:
                if option.value["text"] in texts:
                    chosen.setdefault(item.id, []).append(option.id)
        return chosen

    def post(self, *texts: str) -> dict[str, list[str]]:
        return {f"q-{q}": ids for q, ids in self.answers(*texts).items()}


ALL_RIGHT = ("GDPR", "Name", "Address", "False")
TWO_RIGHT = ("GDPR", "Name", "Address", "True")
ONE_RIGHT = ("GDPR", "Name", "True")
NONE_RIGHT = ("Tax code", "Weather", "True")


def make_quiz(
    course_title: str = "Ethik", *, extra_blocks=(), **overrides
) -> QuizSetup:
    course = factories.course(course_title)
    module = factories.module(course, f"{course_title} Modul")
    lesson = factories.lesson(
        module,
        f"{course_title} Quiz",
        body=[
            ("text", "<p>Lies das zuerst.</p>"),
            ("quiz", quiz_value(**overrides)),
            *extra_blocks,
        ],
    )
    lesson = LessonPage.objects.get(pk=lesson.pk)
    block = lesson.body[1]
    questions = [item.id for item in block.value["questions"].bound_blocks]
    options = {
        option.value["text"]: option.id
        for item in block.value["questions"].bound_blocks
        for option in item.value["options"].bound_blocks
    }
    return QuizSetup(course, lesson, block, block.id, questions, options)


def learner(name: str, org, setup: QuizSetup | None = None):
    user = factories.staff(name, org["pflege_a"]).user
    if setup:
        course_services.course_self_enrol(user=user, course=setup.course)
    return user


def trainer(name: str, org):
    return factories.staff(
        name, org["verband"], roles=(Role.LEARNER, Role.TRAINER)
    ).user


def submit(setup: QuizSetup, user, *texts: str) -> services.QuizOutcome:
    return services.quiz_attempt_submit(
        user=user,
        page=setup.lesson,
        block_id=setup.block_id,
        quiz=setup.quiz,
        answers=setup.answers(*texts),
    )


@pytest.fixture
def setup(org) -> QuizSetup:
    return make_quiz()


@pytest.fixture
def lena(org, setup):
    return learner("lena", org, setup)


# Scoring (pure) ------------------------------------------------------------


def test_all_right_scores_full_marks(setup):
    result = services.quiz_score(quiz=setup.quiz, answers=setup.answers(*ALL_RIGHT))
    assert (result.points, result.max_points, result.score) == (3, 3, 1.0)
    assert result.passed
    assert [q.correct for q in result.questions] == [True, True, True]


def test_single_choice_and_true_false_score_the_chosen_option(setup):
    result = services.quiz_score(
        quiz=setup.quiz, answers=setup.answers("Road code", "False")
    )
    assert [q.correct for q in result.questions] == [False, False, True]


@pytest.mark.parametrize(
    ("chosen", "right"),
    [
        (("Name", "Address"), True),  # exactly the correct set
        (("Name",), False),  # too few
        (("Name", "Address", "Weather"), False),  # too many
        (("Weather",), False),
        ((), False),  # unanswered
    ],
)
def test_multiple_choice_is_all_or_nothing(setup, chosen, right):
    result = services.quiz_score(quiz=setup.quiz, answers=setup.answers(*chosen))
    assert result.questions[1].correct is right


def test_unanswered_questions_score_zero(setup):
    result = services.quiz_score(quiz=setup.quiz, answers={})
    assert (result.points, result.score, result.passed) == (0, 0.0, False)


@pytest.mark.parametrize(
    ("pass_mark", "passed"), [(0, True), (66, True), (67, False), (100, False)]
)
def test_pass_mark_is_a_percentage_compared_exactly(org, pass_mark, passed):
    setup = make_quiz(pass_mark=pass_mark)
    result = services.quiz_score(quiz=setup.quiz, answers=setup.answers(*TWO_RIGHT))
    assert result.points == 2
    assert result.passed is passed


def test_pass_mark_of_zero_passes_even_with_no_points(org):
    setup = make_quiz(pass_mark=0)
    assert services.quiz_score(quiz=setup.quiz, answers={}).passed


# Checks on what was sent -----------------------------------------------------


def test_unknown_question_is_forged(setup):
    with pytest.raises(services.QuizAnswersForged):
        services.quiz_answers_check(
            quiz=setup.quiz, answers={"not-a-question": [setup.options["GDPR"]]}
        )


def test_option_of_another_question_is_forged(setup):
    with pytest.raises(services.QuizAnswersForged):
        services.quiz_answers_check(
            quiz=setup.quiz, answers={setup.questions[0]: [setup.options["Name"]]}
        )


def test_second_answer_to_single_choice_is_forged(setup):
    answers = {setup.questions[0]: [setup.options["GDPR"], setup.options["Tax code"]]}
    with pytest.raises(services.QuizAnswersForged):
        services.quiz_answers_check(quiz=setup.quiz, answers=answers)


def test_second_answer_to_true_false_is_forged(setup):
    answers = {setup.questions[2]: [setup.options["True"], setup.options["False"]]}
    with pytest.raises(services.QuizAnswersForged):
        services.quiz_answers_check(quiz=setup.quiz, answers=answers)


def test_same_option_twice_is_forged(setup):
    answers = {setup.questions[1]: [setup.options["Name"], setup.options["Name"]]}
    with pytest.raises(services.QuizAnswersForged):
        services.quiz_answers_check(quiz=setup.quiz, answers=answers)


def test_several_answers_to_multiple_choice_are_fine(setup):
    services.quiz_answers_check(quiz=setup.quiz, answers=setup.answers(*ALL_RIGHT))


# Submitting ----------------------------------------------------------------


def test_submit_stores_attempt_with_answers_score_and_time(setup, lena):
    outcome = submit(setup, lena, *TWO_RIGHT)
    attempt = QuizAttempt.objects.get()
    assert attempt == outcome.attempt
    assert (attempt.user, attempt.page_id, attempt.block_id) == (
        lena,
        setup.lesson.pk,
        setup.block_id,
    )
    assert (attempt.points, attempt.max_points) == (2, 3)
    assert attempt.score == pytest.approx(2 / 3)
    assert attempt.passed
    assert attempt.submitted_at is not None
    stored = set(QuizAnswer.objects.values_list("question_id", "option_id"))
    assert stored == {
        (setup.questions[0], setup.options["GDPR"]),
        (setup.questions[1], setup.options["Name"]),
        (setup.questions[1], setup.options["Address"]),
        (setup.questions[2], setup.options["True"]),
    }
    assert outcome.completes


def test_failing_attempt_does_not_complete(setup, lena):
    assert not submit(setup, lena, *ONE_RIGHT).completes


def test_incomplete_answers_are_refused_and_nothing_is_stored(setup, lena):
    with pytest.raises(services.QuizIncomplete) as error:
        submit(setup, lena, "GDPR")
    assert error.value.question_ids == setup.questions[1:]
    assert not QuizAttempt.objects.exists()


def test_forged_answers_store_nothing(setup, lena):
    with pytest.raises(services.QuizAnswersForged):
        services.quiz_attempt_submit(
            user=lena,
            page=setup.lesson,
            block_id=setup.block_id,
            quiz=setup.quiz,
            answers={setup.questions[0]: ["made-up"]},
        )
    assert not QuizAttempt.objects.exists()
    assert not QuizAnswer.objects.exists()


def test_attempts_beyond_the_limit_are_refused(org):
    setup = make_quiz(max_attempts=2)
    lena = learner("lena", org, setup)
    submit(setup, lena, *NONE_RIGHT)
    outcome = submit(setup, lena, *NONE_RIGHT)
    assert outcome.state.attempts_left == 0
    assert not outcome.state.can_attempt
    with pytest.raises(services.QuizAttemptsExhausted):
        submit(setup, lena, *ALL_RIGHT)
    assert QuizAttempt.objects.count() == 2


def test_limit_is_per_learner_and_per_block(org):
    setup = make_quiz(max_attempts=1)
    lena, volker = learner("lena", org, setup), learner("volker", org, setup)
    submit(setup, lena, *ALL_RIGHT)
    submit(setup, volker, *ALL_RIGHT)  # volker's own first attempt
    assert QuizAttempt.objects.count() == 2


# Which attempt counts ----------------------------------------------------------


def test_best_attempt_counts(setup, lena):
    submit(setup, lena, *ONE_RIGHT)
    best = submit(setup, lena, *ALL_RIGHT).attempt
    outcome = submit(setup, lena, *NONE_RIGHT)
    assert outcome.state.counting == best
    assert outcome.state.percent == 100
    assert outcome.completes


def test_of_equal_best_scores_the_first_counts(setup, lena):
    first = submit(setup, lena, *ALL_RIGHT).attempt
    assert submit(setup, lena, *ALL_RIGHT).state.counting == first


def test_last_attempt_counts_when_the_trainer_says_so(org):
    setup = make_quiz(counting="last")
    lena = learner("lena", org, setup)
    assert submit(setup, lena, *ALL_RIGHT).completes
    outcome = submit(setup, lena, *NONE_RIGHT)
    assert outcome.state.counting == outcome.attempt
    assert outcome.state.percent == 0
    assert not outcome.completes


# Reads ---------------------------------------------------------------------


def test_state_for_several_blocks_in_one_query(org):
    second = ("quiz", quiz_value(title="Zweites Quiz", max_attempts=3))
    setup = make_quiz(extra_blocks=[second])
    lena = learner("lena", org, setup)
    submit(setup, lena, *ONE_RIGHT)
    submit(setup, lena, *ALL_RIGHT)
    blocks = [b for b in setup.lesson.body if b.block_type == "quiz"]
    with CaptureQueriesContext(connection) as queries:
        state = selectors.state_for(user=lena, page=setup.lesson, blocks=blocks)
    assert len(queries) == 1
    first, other = state[blocks[0].id], state[blocks[1].id]
    assert (first.attempts_used, first.percent, first.passed) == (2, 100, True)
    assert first.attempts_left is None and first.can_attempt
    assert (other.attempts_used, other.attempts_left, other.counting) == (0, 3, None)


def test_lesson_activity_state_includes_quizzes(setup, lena):
    from lms.activities.selectors import lesson_activity_state

    submit(setup, lena, *ALL_RIGHT)
    state = lesson_activity_state(lena, setup.lesson, setup.lesson.body)
    assert state[setup.block_id].passed


def test_review_gives_feedback_of_each_chosen_option(setup, lena):
    attempt = submit(setup, lena, "Road code", "Name", "Weather", "False").attempt
    review = services.quiz_review(
        quiz=setup.quiz, answers=selectors.attempt_answers(attempt)
    )
    assert [q.correct for q in review] == [False, False, True]
    assert [o.feedback for o in review[0].chosen] == ["No, traffic."]
    assert [o.text for o in review[1].chosen] == ["Name", "Weather"]
    assert review[2].chosen[0].feedback == "Exactly."


def test_statistics_count_each_learners_counting_attempt(org):
    setup = make_quiz()
    lena, volker, tim = (learner(n, org, setup) for n in ("lena", "volker", "tim"))
    submit(setup, lena, *NONE_RIGHT)
    submit(setup, lena, *ALL_RIGHT)  # counts (best)
    submit(setup, volker, *ONE_RIGHT)  # counts, fails
    submit(setup, tim, *TWO_RIGHT)  # counts, passes
    with CaptureQueriesContext(connection) as queries:
        stats = selectors.quiz_statistics(
            page=setup.lesson, block_id=setup.block_id, quiz=setup.quiz
        )
    assert len(queries) == 3
    assert (stats.attempts, stats.learners, stats.passed, stats.pass_rate) == (
        4,
        3,
        2,
        67,
    )
    first = {o.text: (o.chosen_by, o.correct) for o in stats.questions[0].options}
    assert first == {
        "GDPR": (3, True),
        "Road code": (0, False),
        "Tax code": (0, False),  # lena's failed first attempt is not counted
    }
    multiple = {o.text: o.chosen_by for o in stats.questions[1].options}
    assert multiple == {"Name": 3, "Address": 2, "Weather": 0}


def test_statistics_with_last_counting(org):
    setup = make_quiz(counting="last")
    lena = learner("lena", org, setup)
    submit(setup, lena, *ALL_RIGHT)
    submit(setup, lena, *NONE_RIGHT)
    stats = selectors.quiz_statistics(
        page=setup.lesson, block_id=setup.block_id, quiz=setup.quiz
    )
    assert (stats.attempts, stats.learners, stats.passed) == (2, 1, 0)
    first = {o.text: o.chosen_by for o in stats.questions[0].options}
    assert first == {"GDPR": 0, "Road code": 0, "Tax code": 1}


def test_statistics_without_attempts(setup):
    stats = selectors.quiz_statistics(
        page=setup.lesson, block_id=setup.block_id, quiz=setup.quiz
    )
    assert (stats.attempts, stats.learners, stats.pass_rate) == (0, 0, None)
    assert all(o.percent == 0 for q in stats.questions for o in q.options)
