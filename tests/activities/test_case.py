"""Case study: the services that save a choice and reflections, and the
selectors that show a learner their state and a trainer the anonymous results."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import Case
from lms.activities.models import CaseReflection, CaseResponse
from lms.activities.models.case import OTHER_OPTION, REFLECTION_MAX_LENGTH
from lms.activities.selectors.case import case_results, state_for
from lms.activities.services.case import (
    CaseInputForged,
    case_reflections_save,
    case_response_choose,
)
from tests import factories

pytestmark = pytest.mark.django_db


def make_case(title="Das Handyfoto", options=3, questions=2, allow_other=True):
    return Case.objects.create(
        title=title,
        setting="Ambulanter Pflegedienst, Frühschicht.",
        story="<p>Eine Kollegin fotografiert eine Wunde mit dem "
        "<b>Privathandy</b>.</p>",
        dilemma="What do you do?",
        options=[
            (
                "option",
                {
                    "label": f"Option {n}",
                    "feedback": f"<p>Feedback zu Option {n}.</p>",
                },
            )
            for n in range(1, options + 1)
        ],
        allow_other=allow_other,
        other_feedback="Gut, dass Sie einen eigenen Weg suchen.",
        reflection_questions=[
            ("question", f"Frage {n}?") for n in range(1, questions + 1)
        ],
    )


def case_lesson(case, title="Fallbeispiel", extra_cases=()):
    """A live course with one lesson holding the case block(s)."""
    course = factories.course(f"Kurs {title}")
    module = factories.module(course, f"Modul {title}")
    body = [("case", {"case": c, "required": True}) for c in (case, *extra_cases)]
    return factories.lesson(module, title, body=body)


def option_id(case, n):
    return case.options[n - 1].id


def question_id(case, n):
    return case.reflection_questions[n - 1].id


def users(count, prefix="learner"):
    return [factories.UserFactory(username=f"{prefix}{n}") for n in range(count)]


@pytest.fixture
def setup():
    case = make_case()
    lesson = case_lesson(case)
    block = lesson.body[0]
    (learner,) = users(1)
    return case, lesson, block, learner


def choose(user, lesson, block, case, option, other_text=""):
    return case_response_choose(
        user=user,
        page=lesson,
        block_id=block.id,
        case=case,
        option_id=option,
        other_text=other_text,
    )


# Services -------------------------------------------------------------------


def test_choosing_saves_one_response_that_the_learner_can_change(setup):
    case, lesson, block, learner = setup
    choose(learner, lesson, block, case, option_id(case, 1))
    response = choose(learner, lesson, block, case, option_id(case, 2))
    assert CaseResponse.objects.count() == 1
    response.refresh_from_db()
    assert response.option_id == option_id(case, 2)
    assert response.case == case


def test_other_needs_a_text_and_keeps_it(setup):
    case, lesson, block, learner = setup
    with pytest.raises(ValidationError) as error:
        choose(learner, lesson, block, case, OTHER_OPTION, other_text="  \r\n ")
    assert "other_text" in error.value.message_dict
    assert not CaseResponse.objects.exists()
    response = choose(learner, lesson, block, case, OTHER_OPTION, "Ich frage nach.")
    assert response.other_text == "Ich frage nach."


def test_switching_away_from_other_forgets_its_text(setup):
    case, lesson, block, learner = setup
    choose(learner, lesson, block, case, OTHER_OPTION, "Eigener Weg")
    response = choose(learner, lesson, block, case, option_id(case, 1), "ignoriert")
    assert response.other_text == ""


def test_other_text_counts_line_breaks_as_the_browser_does(setup):
    case, lesson, block, learner = setup
    text = "a\r\n" * (REFLECTION_MAX_LENGTH // 2)  # 5000 characters in the browser
    response = choose(learner, lesson, block, case, OTHER_OPTION, text)
    assert len(response.other_text) == REFLECTION_MAX_LENGTH - 1  # stripped
    with pytest.raises(ValidationError) as error:
        choose(learner, lesson, block, case, OTHER_OPTION, "x" * 5001)
    assert "too long" in error.value.message_dict["other_text"][0]


def test_no_option_is_a_form_error(setup):
    case, lesson, block, learner = setup
    with pytest.raises(ValidationError) as error:
        choose(learner, lesson, block, case, "")
    assert error.value.message_dict == {
        "option_id": ["Please choose one of the options."]
    }


def test_options_not_in_the_case_are_refused(setup):
    case, lesson, block, learner = setup
    other_case = make_case("Anderer Fall")
    for forged in ["nope", option_id(other_case, 1)]:
        with pytest.raises(CaseInputForged):
            choose(learner, lesson, block, case, forged)
    no_other = make_case("Ohne Anderes", allow_other=False)
    with pytest.raises(CaseInputForged):
        choose(learner, lesson, block, no_other, OTHER_OPTION, "text")
    assert not CaseResponse.objects.exists()


def save_reflections(user, lesson, block, case, texts, share=False):
    return case_reflections_save(
        user=user, page=lesson, block_id=block.id, case=case, texts=texts, share=share
    )


def test_reflections_are_saved_together_and_editable(setup):
    case, lesson, block, learner = setup
    choose(learner, lesson, block, case, option_id(case, 1))
    q1, q2 = question_id(case, 1), question_id(case, 2)
    save_reflections(learner, lesson, block, case, {q1: "Eins", q2: "Zwei"})
    response = save_reflections(
        learner, lesson, block, case, {q1: "Eins, neu", q2: "Zwei"}, share=True
    )
    assert response.share_reflections is True
    assert dict(CaseReflection.objects.values_list("question_id", "text")) == {
        q1: "Eins, neu",
        q2: "Zwei",
    }


def test_empty_or_overlong_reflections_save_nothing(setup):
    case, lesson, block, learner = setup
    choose(learner, lesson, block, case, option_id(case, 1))
    q1, q2 = question_id(case, 1), question_id(case, 2)
    with pytest.raises(ValidationError) as error:
        save_reflections(
            learner, lesson, block, case, {q1: "x" * 5001, q2: "  "}, share=True
        )
    assert set(error.value.message_dict) == {q1, q2}
    assert "at most 5000" in error.value.message_dict[q1][0]
    assert "Please write an answer" in error.value.message_dict[q2][0]
    assert not CaseReflection.objects.exists()
    assert CaseResponse.objects.get().share_reflections is False


def test_reflections_for_unknown_questions_or_before_choosing_are_refused(setup):
    case, lesson, block, learner = setup
    q1, q2 = question_id(case, 1), question_id(case, 2)
    with pytest.raises(CaseInputForged):  # nothing chosen yet
        save_reflections(learner, lesson, block, case, {q1: "a", q2: "b"})
    choose(learner, lesson, block, case, option_id(case, 1))
    with pytest.raises(CaseInputForged):
        save_reflections(learner, lesson, block, case, {q1: "a", q2: "b", "x": "c"})
    assert not CaseReflection.objects.exists()


def test_a_new_case_in_the_block_starts_afresh(setup):
    case, lesson, block, learner = setup
    choose(learner, lesson, block, case, option_id(case, 1))
    save_reflections(
        learner,
        lesson,
        block,
        case,
        {question_id(case, 1): "a", question_id(case, 2): "b"},
    )
    replacement = make_case("Neuer Fall")
    assert state_for(user=learner, page=lesson, blocks=[block])  # still the old one
    response = choose(learner, lesson, block, replacement, option_id(replacement, 1))
    assert response.case == replacement
    assert not response.reflections.exists()


# Selectors ------------------------------------------------------------------


def test_state_before_choosing_has_no_counts(setup):
    _case, lesson, block, learner = setup
    state = state_for(user=learner, page=lesson, blocks=[block])[block.id]
    assert state.response is None
    assert state.counts is None
    assert [r.question for r in state.reflections] == ["Frage 1?", "Frage 2?"]


def test_state_shows_own_choice_feedback_and_reflections(setup):
    case, lesson, block, learner = setup
    choose(learner, lesson, block, case, option_id(case, 2))
    save_reflections(
        learner,
        lesson,
        block,
        case,
        {question_id(case, 1): "Meins", question_id(case, 2): "Auch"},
    )
    state = state_for(user=learner, page=lesson, blocks=[block])[block.id]
    assert state.option_id == option_id(case, 2)
    assert state.chosen_option.value["label"] == "Option 2"
    assert [r.text for r in state.reflections] == ["Meins", "Auch"]
    assert state.counts.total == 1
    assert not state.counts.visible


def test_counts_appear_from_the_minimum_with_percentages(setup, settings):
    case, lesson, block, learner = setup
    others = users(4, "other")
    choose(learner, lesson, block, case, option_id(case, 1))
    for user in others[:3]:
        choose(user, lesson, block, case, option_id(case, 2))
    state = state_for(user=learner, page=lesson, blocks=[block])[block.id]
    assert state.counts.total == 4 and not state.counts.visible
    choose(others[3], lesson, block, case, OTHER_OPTION, "anders")
    counts = state_for(user=learner, page=lesson, blocks=[block])[block.id].counts
    assert counts.visible
    assert [(r.label, r.count, r.percent, r.chosen) for r in counts.options] == [
        ("Option 1", 1, 20, True),
        ("Option 2", 3, 60, False),
        ("Option 3", 0, 0, False),
        ("Other", 1, 20, False),
    ]
    settings.CASE_AGGREGATE_MIN = 6
    counts = state_for(user=learner, page=lesson, blocks=[block])[block.id].counts
    assert not counts.visible and counts.minimum == 6


def test_counts_are_per_block_and_ignore_other_lessons():
    case = make_case()
    second = make_case("Zweiter Fall")
    lesson = case_lesson(case, extra_cases=[second])
    elsewhere = case_lesson(case, "Woanders")
    first_block, second_block = lesson.body[0], lesson.body[1]
    learner, *others = users(6)
    choose(learner, lesson, first_block, case, option_id(case, 1))
    for user in others:
        choose(user, elsewhere, elsewhere.body[0], case, option_id(case, 1))
        choose(user, lesson, second_block, second, option_id(second, 1))
    state = state_for(user=learner, page=lesson, blocks=[first_block, second_block])
    assert state[first_block.id].counts.total == 1
    assert state[second_block.id].response is None


def test_state_queries_do_not_grow_with_blocks_or_options():
    def queries(cases):
        lesson = case_lesson(cases[0], f"L{len(cases)}", extra_cases=cases[1:])
        lesson = type(lesson).objects.get(pk=lesson.pk)
        learner = factories.UserFactory()
        blocks = list(lesson.body)
        for block in blocks:
            case = block.value["case"]
            choose(learner, lesson, block, case, option_id(case, 1))
            save_reflections(
                learner,
                lesson,
                block,
                case,
                {q.id: "t" for q in case.reflection_questions},
            )
        lesson = type(lesson).objects.get(pk=lesson.pk)
        blocks = list(lesson.body)
        [block.value["case"] for block in blocks]  # the lesson page loads these
        with CaptureQueriesContext(connection) as context:
            state_for(user=learner, page=lesson, blocks=blocks)
        return len(context)

    small = queries([make_case("A", options=2, questions=1)])
    large = queries([make_case(f"B{n}", options=4, questions=5) for n in range(4)])
    assert small == large == 3


def test_trainer_results_hide_small_groups_and_names(setup):
    case, lesson, block, learner = setup
    q1, q2 = question_id(case, 1), question_id(case, 2)
    choose(learner, lesson, block, case, OTHER_OPTION, "Ich rufe die PDL an.")
    save_reflections(learner, lesson, block, case, {q1: "Geteilt 1", q2: "G 2"}, True)
    private = users(1, "private")[0]
    choose(private, lesson, block, case, OTHER_OPTION, "Geheimer Weg")
    save_reflections(private, lesson, block, case, {q1: "Privat", q2: "Privat"})

    results = case_results(page=lesson, block_id=block.id, case=case)
    assert not results.counts.visible
    assert results.other_texts == ["Ich rufe die PDL an."]
    assert [(r.question, r.texts) for r in results.reflections] == [
        ("Frage 1?", ["Geteilt 1"]),
        ("Frage 2?", ["G 2"]),
    ]

    for user in users(3, "more"):
        choose(user, lesson, block, case, option_id(case, 1))
    results = case_results(page=lesson, block_id=block.id, case=case)
    assert results.counts.visible
    assert {r.label: r.count for r in results.counts.options} == {
        "Option 1": 3,
        "Option 2": 0,
        "Option 3": 0,
        "Other": 2,
    }
