"""`POST /api/sync/`: each kind of offline action has the effect it has
online, once; bad items are refused one by one with a reason; the learner's
own times are kept; and the endpoint is as guarded as the pages are."""

import json
import uuid
from datetime import datetime, timedelta

import pytest
from django.db import OperationalError
from django.db.models import Min
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.models import ActivityAttempt, Enrolment, LessonProgress
from lms.activities.models import CardNote, CaseResponse, H5PAttempt, QuizAttempt
from lms.competencies.models import CompetencyState, Evidence, EvidenceSource
from lms.sync import items as sync_items
from lms.sync import services as sync_services
from lms.sync.models import SyncItem
from tests import factories
from tests.activities.test_quiz_services import ALL_RIGHT, NONE_RIGHT, TWO_RIGHT
from tests.h5p.test_xapi_views import import_package, make_h5p, statement

from .helpers import (
    SYNC_URL,
    ago,
    build_course,
    enrol,
    item,
    learner,
    learner_state,
    send,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(org):
    return build_course()


@pytest.fixture
def lena(org, course, client):
    """Works offline; logged in on `client`."""
    user = learner("lena", org, course)
    client.force_login(user)
    return user


@pytest.fixture
def olga(org, course, settings):
    """Does the same online, for comparison; logged in on her own client."""
    user = learner("olga", org, course)
    browser = Client()
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    browser.force_login(user)
    return user, browser


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def statuses(response) -> list[str]:
    return [result["status"] for result in results(response)]


def same_effect(online_user, offline_user) -> bool:
    return learner_state(online_user, times=False, sync=False) == learner_state(
        offline_user, times=False, sync=False
    )


# The same effect as online ---------------------------------------------------


def test_lesson_completed_is_the_done_button(client, course, lena, olga):
    user, browser = olga
    browser.post(reverse("lesson-complete", args=[course.reading.pk]))
    done = item("lesson.completed", {"lesson": course.reading.pk}, ago(30))

    assert results(send(client, [done])) == [{"id": done["id"], "status": "stored"}]
    assert LessonProgress.objects.get(user=lena).completed_at is not None
    assert same_effect(user, lena)


def test_quiz_answers_are_scored_on_the_server_and_complete_the_quiz(
    client, course, lena, olga
):
    user, browser = olga
    submit = reverse("quiz-submit", args=[course.quiz.pk, course.quiz_block])
    for texts in (NONE_RIGHT, ALL_RIGHT):
        browser.post(submit, {f"q-{q}": o for q, o in course.answers(*texts).items()})
    data = {"lesson": course.quiz.pk, "block": course.quiz_block}
    sent = [
        item("quiz.answered", {**data, "answers": course.answers(*NONE_RIGHT)}, ago(9)),
        item("quiz.answered", {**data, "answers": course.answers(*ALL_RIGHT)}, ago(8)),
    ]

    assert statuses(send(client, sent)) == ["stored", "stored"]
    assert [a.passed for a in QuizAttempt.objects.filter(user=lena)] == [False, True]
    assert LessonProgress.objects.get(user=lena, lesson=course.quiz).completed_at
    assert Evidence.objects.filter(user=lena, source=EvidenceSource.ACTIVITY).count()
    assert same_effect(user, lena)


def test_a_confirmed_acknowledgement_completes_its_lesson_as_online(
    client, course, lena
):
    module = course.reading.get_parent()
    lesson = factories.lesson(
        module,
        "Schweigepflicht",
        body=[
            ("text", "<p>Was ich im Dienst erfahre, bleibt im Dienst.</p>"),
            (
                "acknowledgement",
                {"statement": "Ich habe es verstanden.", "required": True},
            ),
        ],
    )
    block = lesson.body[1].id
    confirmed = item(
        "activity.confirmed", {"lesson": lesson.pk, "block": block}, ago(30)
    )
    wrong_kind = item(
        "activity.confirmed", {"lesson": lesson.pk, "block": lesson.body[0].id}, ago(31)
    )

    answered = results(send(client, [wrong_kind, confirmed]))
    assert [r["status"] for r in answered] == ["rejected", "stored"]
    assert "no such activity" in answered[0]["error"]
    progress = LessonProgress.objects.get(user=lena, lesson=lesson)
    assert abs(progress.completed_at - ago(30)) < timedelta(seconds=5)
    assert ActivityAttempt.objects.get(user=lena, lesson=lesson).block_id == block


def test_a_dialogue_note_is_saved_privately_and_completes_the_deck(
    client, course, lena, olga
):
    user, browser = olga
    card = course.cards[1]
    browser.post(
        reverse("deck-note-save", args=[course.deck_lesson.pk, course.deck_block]),
        {"card_id": card, "text": "Wir fragen nach."},
    )
    note = item(
        "dialogue.note",
        {
            "lesson": course.deck_lesson.pk,
            "block": course.deck_block,
            "card": card,
            "text": "Wir fragen nach.",
        },
        ago(20),
    )

    assert statuses(send(client, [note])) == ["stored"]
    assert CardNote.objects.get(user=lena).text == "Wir fragen nach."
    assert same_effect(user, lena)


def test_case_choice_and_reflections_are_saved_as_online(client, course, lena, olga):
    user, browser = olga
    args = [course.case_lesson.pk, course.case_block]
    browser.post(reverse("case-choose", args=args), {"option": course.options[1]})
    browser.post(
        reverse("case-reflections", args=args),
        {
            f"reflection-{course.questions[0]}": "Ich frage nach.",
            f"reflection-{course.questions[1]}": "Datenschutz geht vor.",
            "share_reflections": "1",
        },
    )
    work = item(
        "reflection.saved",
        {
            "lesson": course.case_lesson.pk,
            "block": course.case_block,
            "option": course.options[1],
            "reflections": {
                course.questions[0]: "Ich frage nach.",
                course.questions[1]: "Datenschutz geht vor.",
            },
            "share": True,
        },
        ago(15),
    )

    assert statuses(send(client, [work])) == ["stored"]
    response = CaseResponse.objects.get(user=lena)
    assert (response.option_id, response.share_reflections) == (course.options[1], True)
    assert same_effect(user, lena)


def test_a_self_assessment_is_kept_beside_the_verified_level(
    client, course, lena, olga
):
    user, browser = olga
    privacy, teamwork = course.competencies
    browser.post(
        reverse("self-assessment", args=[course.framework.slug]),
        {f"competency-{privacy.pk}": "2", f"competency-{teamwork.pk}": "0"},
    )
    answers = item(
        "selfassessment.saved",
        {
            "framework": course.framework.slug,
            "levels": {str(privacy.pk): 2, str(teamwork.pk): 0},
        },
        ago(5),
    )

    assert statuses(send(client, [answers])) == ["stored"]
    state = CompetencyState.objects.get(user=lena, competency=privacy)
    assert (state.self_level, state.level) == (2, None)
    assert same_effect(user, lena)


@pytest.fixture
def h5p(org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_h5p(import_package())


def test_an_h5p_statement_counts_as_the_xapi_endpoint_counts_it(client, org, h5p):
    lena, olga = (factories.staff(name, org["pflege_a"]).user for name in "lo")
    for user in (lena, olga):
        enrol(user, h5p.course)
    browser = Client()
    browser.force_login(olga)
    query = f"lesson={h5p.lesson.pk}&block={h5p.block_id}&package={h5p.package.pk}"
    browser.post(
        f"{reverse('xapi-statements')}?{query}",
        json.dumps(statement(olga)),
        content_type="application/json",
    )
    client.force_login(lena)
    played = statement(lena)
    data = {"lesson": h5p.lesson.pk, "block": h5p.block_id, "package": h5p.package.pk}
    sent = item("xapi.statement", {**data, "statement": played}, ago(12))

    assert statuses(send(client, [sent])) == ["stored"]
    assert H5PAttempt.objects.get(user=lena).statement.statement_id == uuid.UUID(
        played["id"]
    )
    assert LessonProgress.objects.get(user=lena).completed_at is not None
    assert same_effect(olga, lena)
    # The same statement again, in a new item, is not a second attempt.
    again = item("xapi.statement", {**data, "statement": played}, ago(11))
    assert statuses(send(client, [again])) == ["stored"]
    assert H5PAttempt.objects.filter(user=lena).count() == 1


def test_an_h5p_statement_for_someone_else_is_refused(client, org, h5p):
    lena = factories.staff("lena", org["pflege_a"]).user
    enrol(lena, h5p.course)
    client.force_login(lena)
    data = {"lesson": h5p.lesson.pk, "block": h5p.block_id, "package": h5p.package.pk}
    foreign = statement(factories.UserFactory(username="mia"))
    (result,) = results(
        send(client, [item("xapi.statement", {**data, "statement": foreign}, ago(3))])
    )
    assert result["status"] == "rejected"
    assert result["error"] == "This statement is for another learner."
    assert not H5PAttempt.objects.exists()


# Once, whatever is sent twice ------------------------------------------------


def test_a_batch_sent_twice_is_stored_once(client, course, lena):
    batch = [
        item("lesson.completed", {"lesson": course.reading.pk}, ago(10)),
        item(
            "quiz.answered",
            {
                "lesson": course.quiz.pk,
                "block": course.quiz_block,
                "answers": course.answers(*TWO_RIGHT),
            },
            ago(9),
        ),
    ]
    assert statuses(send(client, batch)) == ["stored", "stored"]
    before = learner_state(lena)

    assert statuses(send(client, batch)) == ["duplicate", "duplicate"]
    assert learner_state(lena) == before
    assert QuizAttempt.objects.count() == 1


def test_the_same_id_twice_in_one_batch_is_one_item(client, course, lena):
    once = item(
        "quiz.answered",
        {
            "lesson": course.quiz.pk,
            "block": course.quiz_block,
            "answers": course.answers(*ALL_RIGHT),
        },
        ago(4),
    )
    assert statuses(send(client, [once, once])) == ["stored", "duplicate"]
    assert QuizAttempt.objects.count() == 1
    assert ActivityAttempt.objects.count() == 1


def test_an_id_of_another_learner_is_refused_without_saying_more(
    client, org, course, lena
):
    mia = learner("mia", org, course)
    theirs = item("lesson.completed", {"lesson": course.reading.pk}, ago(6))
    other = Client()
    other.force_login(mia)
    assert statuses(send(other, [theirs])) == ["stored"]

    (result,) = results(send(client, [theirs]))
    assert result == {
        "id": theirs["id"],
        "status": "rejected",
        "error": "This item cannot be accepted.",
    }
    assert not LessonProgress.objects.filter(user=lena).exists()
    assert SyncItem.objects.get().user == mia


def test_the_primary_key_catches_a_replay_the_first_look_missed(
    client, org, course, lena, monkeypatch
):
    """As when two devices send the same item at the same moment: the other
    request stores it after this one looked, before it inserts."""
    mine = item("lesson.completed", {"lesson": course.reading.pk}, ago(6))
    theirs = item("lesson.completed", {"lesson": course.reading.pk}, ago(6))
    other = Client()
    other.force_login(learner("mia", org, course))
    assert statuses(send(client, [mine])) == ["stored"]
    assert statuses(send(other, [theirs])) == ["stored"]
    before = learner_state(lena)

    monkeypatch.setattr(sync_services, "_seen", lambda ids: {})
    answered = results(send(client, [mine, theirs]))
    assert [r["status"] for r in answered] == ["duplicate", "rejected"]
    assert answered[1]["error"] == "This item cannot be accepted."
    assert learner_state(lena) == before


# Refused one by one ----------------------------------------------------------


def test_an_unknown_type_is_refused_and_stays_refused(client, course, lena):
    strange = item("lesson.liked", {"lesson": course.reading.pk}, ago(2))
    (result,) = results(send(client, [strange]))
    assert result["status"] == "rejected"
    assert result["error"] == "This kind of item is unknown."
    row = SyncItem.objects.get()
    assert (row.status, row.data) == ("rejected", {"lesson": course.reading.pk})
    assert results(send(client, [strange])) == [result]


def test_a_lesson_the_learner_cannot_reach_is_refused(client, org, course, lena):
    elsewhere = build_course("Anderswo")
    unpublished = factories.lesson(
        course.reading.get_parent().specific, "Entwurf", body=[]
    )
    unpublished.unpublish()
    sent = [
        item("lesson.completed", {"lesson": elsewhere.reading.pk}, ago(5)),
        item("lesson.completed", {"lesson": unpublished.pk}, ago(5)),
        item("lesson.completed", {"lesson": 999999}, ago(5)),
        item("lesson.completed", {"lesson": "first"}, ago(5)),
        item(
            "dialogue.note",
            {
                "lesson": course.quiz.pk,  # not the deck's lesson
                "block": course.deck_block,
                "card": course.cards[0],
                "text": "Hier nicht.",
            },
            ago(5),
        ),
    ]
    assert [(r["status"], r["error"]) for r in results(send(client, sent))] == [
        ("rejected", "You are not enrolled in this course."),
        ("rejected", "There is no such lesson, or it is not published."),
        ("rejected", "There is no such lesson, or it is not published."),
        ("rejected", "The lesson is missing or not a number."),
        ("rejected", "There is no such activity in this lesson."),
    ]
    assert not LessonProgress.objects.exists()
    assert not CardNote.objects.exists()


def test_what_the_services_refuse_is_refused_with_their_reason(client, course, lena):
    quiz = {"lesson": course.quiz.pk, "block": course.quiz_block}
    first_only = dict(list(course.answers(*ALL_RIGHT).items())[:1])
    sent = [
        item("quiz.answered", {**quiz, "answers": {"nope": ["x"]}}, ago(5)),
        item("quiz.answered", {**quiz, "answers": first_only}, ago(5)),
        item("quiz.answered", {**quiz, "answers": ["not", "a", "map"]}, ago(5)),
        item("lesson.completed", {"lesson": course.deck_lesson.pk}, ago(5)),
        item(
            "reflection.saved",
            {
                "lesson": course.case_lesson.pk,
                "block": course.case_block,
                "reflections": {course.questions[0]: "Ohne Wahl."},
            },
            ago(5),
        ),
        item(
            "selfassessment.saved",
            {"framework": course.framework.slug, "levels": {"1": 9}},
            ago(5),
        ),
    ]
    assert [r["error"] for r in results(send(client, sent))] == [
        "This question is not part of the quiz.",
        "Please answer every question before you submit.",
        "The answers must map question ids to lists of option ids.",
        "Complete the activities of this lesson first.",
        "Choose an option before reflecting.",
        "This answer is not part of the self-assessment.",
    ]
    assert not QuizAttempt.objects.exists()
    assert not CaseResponse.objects.exists()
    assert not LessonProgress.objects.exists()
    assert set(SyncItem.objects.values_list("status", flat=True)) == {"rejected"}


def test_one_bad_item_does_not_spoil_the_batch(client, course, lena):
    quiz = {"lesson": course.quiz.pk, "block": course.quiz_block}
    good = item("lesson.completed", {"lesson": course.reading.pk}, ago(7))
    misplaced = item(
        "quiz.answered",
        {
            "lesson": course.case_lesson.pk,
            "block": course.case_block,  # a case, not a quiz
            "answers": course.answers(*ALL_RIGHT),
        },
        ago(6),
    )
    # A valid choice, then reflections on a question the case does not have.
    forged = item(
        "reflection.saved",
        {
            "lesson": course.case_lesson.pk,
            "block": course.case_block,
            "option": course.options[0],
            "reflections": {"no-such-question": "…"},
        },
        ago(6),
    )
    also_good = item(
        "quiz.answered", {**quiz, "answers": course.answers(*ALL_RIGHT)}, ago(5)
    )
    assert statuses(send(client, [good, misplaced, forged, also_good])) == [
        "stored",
        "rejected",
        "rejected",
        "stored",
    ]
    # The forged reflection chose an option first: that was rolled back too.
    assert not CaseResponse.objects.exists()
    assert not ActivityAttempt.objects.filter(block_id=course.case_block).exists()
    assert LessonProgress.objects.filter(completed_at__isnull=False).count() == 2


def test_a_refused_item_stays_refused_and_a_new_one_is_taken(client, org, course):
    nina = factories.staff("nina", org["pflege_a"]).user
    client.force_login(nina)
    early = item("lesson.completed", {"lesson": course.reading.pk}, ago(3))
    (first,) = results(send(client, [early]))
    assert first["error"] == "You are not enrolled in this course."

    enrol(nina, course.page)
    # Sent again: the same answer, and nothing applied late.
    assert results(send(client, [early])) == [first]
    assert not LessonProgress.objects.exists()
    # The device queues the action anew, with a new id.
    assert statuses(send(client, [{**early, "id": str(uuid.uuid4())}])) == ["stored"]


def test_malformed_items_are_refused_and_the_rest_is_taken(client, course, lena):
    good = item("lesson.completed", {"lesson": course.reading.pk}, ago(3))
    naive = {**good, "id": str(uuid.uuid4()), "occurred_at": "2025-01-01T10:00:00"}
    sent = [
        "not an object",
        {**good, "id": "not-a-uuid"},
        {**good, "id": str(uuid.uuid4()), "type": ""},
        naive,
        {**good, "id": str(uuid.uuid4()), "occurred_at": "yesterday"},
        {**good, "id": str(uuid.uuid4()), "data": ["lesson", 1]},
        good,
    ]
    answered = results(send(client, sent))
    assert [r["status"] for r in answered] == ["rejected"] * 6 + ["stored"]
    assert answered[0] == {
        "id": None,
        "status": "rejected",
        "error": "An item must be a JSON object.",
    }
    assert answered[1]["id"] == "not-a-uuid"
    assert answered[3]["error"] == (
        "Every item needs the time it happened (ISO 8601, with a time zone)."
    )
    # Broken items are not recorded: there is nothing to key them on.
    assert SyncItem.objects.count() == 1


def test_values_the_database_cannot_take_are_refused_one_by_one(client, course, lena):
    """Each would make the database refuse the whole batch, every time it is
    sent again: the queue would be stuck."""
    deck = {
        "lesson": course.deck_lesson.pk,
        "block": course.deck_block,
        "card": course.cards[0],
    }
    good = item("lesson.completed", {"lesson": course.reading.pk}, ago(3))
    sent = [
        item("dialogue.note", {**deck, "text": "Null\x00Byte"}, ago(4)),
        item("lesson.completed", {"lesson": 2**70}, ago(4)),
        item("lesson.completed", {"lesson": "9" * 5000}, ago(4)),
        item(
            "selfassessment.saved",
            {"framework": course.framework.slug, "levels": {str(2**70): 1}},
            ago(4),
        ),
        {
            **item("lesson.completed", {}, ago(4)),
            "occurred_at": "0001-01-01T00:00+05:00",
        },
        good,
    ]
    answered = results(send(client, sent))
    assert [r["status"] for r in answered] == ["rejected"] * 5 + ["stored"]
    assert answered[0]["error"] == "The item contains characters that cannot be stored."
    assert answered[1]["error"] == "The lesson is missing or not a number."
    assert not CardNote.objects.exists()


def test_json_nested_too_deep_is_a_bad_request(client, lena):
    body = b'{"items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = client.post(SYNC_URL, body, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"[]", b'{"items": {"a": 1}}', b'{"things": []}', b"\xff\xfe"],
)
def test_a_malformed_body_is_refused_whole(client, lena, body):
    response = client.post(SYNC_URL, body, content_type="application/json")
    assert response.status_code == 400
    assert "error" in response.json()
    assert not SyncItem.objects.exists()


def test_too_much_at_once_is_refused_whole(client, course, lena):
    many = [
        item("lesson.completed", {"lesson": course.reading.pk}, ago(1))
        for _ in range(1001)
    ]
    response = send(client, many)
    assert response.status_code == 413
    assert response.json() == {"error": "At most 1000 items per request."}
    big = item("dialogue.note", {"text": "x" * (2 * 1024 * 1024)}, ago(1))
    assert send(client, [big]).status_code == 413
    assert not SyncItem.objects.exists()


def test_an_empty_batch_is_fine(client, lena):
    assert results(send(client, [])) == []


# The learner's own times -----------------------------------------------------


def test_the_record_keeps_the_time_the_learner_acted(client, course, lena):
    privacy = course.competencies[0]
    at = {name: ago(minutes) for name, minutes in [("read", 50), ("quiz", 40)]}
    at |= {"note": ago(30), "case": ago(20), "self": ago(10)}
    sent = [
        item("lesson.completed", {"lesson": course.reading.pk}, at["read"]),
        item(
            "quiz.answered",
            {
                "lesson": course.quiz.pk,
                "block": course.quiz_block,
                "answers": course.answers(*ALL_RIGHT),
            },
            at["quiz"],
        ),
        item(
            "dialogue.note",
            {
                "lesson": course.deck_lesson.pk,
                "block": course.deck_block,
                "card": course.cards[0],
                "text": "Notiz",
            },
            at["note"],
        ),
        item(
            "reflection.saved",
            {
                "lesson": course.case_lesson.pk,
                "block": course.case_block,
                "option": course.options[0],
            },
            at["case"],
        ),
        item(
            "selfassessment.saved",
            {"framework": course.framework.slug, "levels": {str(privacy.pk): 1}},
            at["self"],
        ),
    ]
    assert statuses(send(client, sent)) == ["stored"] * 5

    progress = {p.lesson_id: p for p in LessonProgress.objects.filter(user=lena)}
    assert progress[course.reading.pk].completed_at == at["read"]
    assert progress[course.reading.pk].first_visited_at == at["read"]
    assert progress[course.quiz.pk].completed_at == at["quiz"]
    assert QuizAttempt.objects.get().submitted_at == at["quiz"]
    assert CardNote.objects.get().updated_at == at["note"]
    assert CaseResponse.objects.get().updated_at == at["case"]
    attempts = dict(ActivityAttempt.objects.values_list("block_id", "created_at"))
    assert attempts == {
        course.quiz_block: at["quiz"],
        course.deck_block: at["note"],
        course.case_block: at["case"],
    }
    # The course was complete when its last lesson was.
    assert Enrolment.objects.get(user=lena).completed_at == at["case"]
    evidence = dict(Evidence.objects.values_list("block_id", "recorded_at"))
    assert evidence == {
        course.quiz_block: at["quiz"],
        course.deck_block: at["note"],
        "": at["self"],
    }
    assert (
        CompetencyState.objects.get(competency=privacy).self_assessed_at == at["self"]
    )
    row = SyncItem.objects.get(type="quiz.answered")
    assert row.occurred_at == at["quiz"]
    assert row.received_at > at["self"]


def test_times_outside_the_possible_are_brought_within_it(client, course, lena):
    enrolled_at = Enrolment.objects.get(user=lena).enrolled_at
    future = timezone.now() + timedelta(days=3)
    before = enrolled_at - timedelta(days=400)
    sent = [
        item("lesson.completed", {"lesson": course.reading.pk}, future),
        item(
            "quiz.answered",
            {
                "lesson": course.quiz.pk,
                "block": course.quiz_block,
                "answers": course.answers(*NONE_RIGHT),
            },
            before,
        ),
    ]
    started = timezone.now()
    assert statuses(send(client, sent)) == ["stored", "stored"]

    completed_at = LessonProgress.objects.get(lesson=course.reading).completed_at
    assert started <= completed_at <= timezone.now()
    assert QuizAttempt.objects.get().submitted_at == enrolled_at
    # The item keeps the time as the device sent it.
    assert SyncItem.objects.get(type="lesson.completed").occurred_at == future


def test_items_are_judged_oldest_first_and_answered_in_order(client, course, lena):
    quiz = {"lesson": course.quiz.pk, "block": course.quiz_block}
    done = item("lesson.completed", {"lesson": course.quiz.pk}, ago(1))
    passed = item(
        "quiz.answered", {**quiz, "answers": course.answers(*ALL_RIGHT)}, ago(2)
    )
    answered = results(send(client, [done, passed]))
    assert [r["id"] for r in answered] == [done["id"], passed["id"]]
    assert [r["status"] for r in answered] == ["stored", "stored"]


def test_a_late_older_note_does_not_replace_a_newer_one(client, course, lena):
    where = {
        "lesson": course.deck_lesson.pk,
        "block": course.deck_block,
        "card": course.cards[0],
    }
    newer = item("dialogue.note", {**where, "text": "Neuer Stand"}, ago(5))
    older = item("dialogue.note", {**where, "text": "Alter Stand"}, ago(50))
    assert statuses(send(client, [newer])) == ["stored"]
    assert statuses(send(client, [older])) == ["stored"]
    note = CardNote.objects.get()
    assert (note.text, note.updated_at) == ("Neuer Stand", sent_time(newer))
    # The deck counts as done from the older note on.
    first = ActivityAttempt.objects.aggregate(first=Min("created_at"))["first"]
    assert first == sent_time(older)


def sent_time(sent: dict) -> datetime:
    return datetime.fromisoformat(sent["occurred_at"])


# Failures --------------------------------------------------------------------


def test_a_database_failure_keeps_nothing_and_answers_503(
    client, course, lena, monkeypatch
):
    def broken(*args, **kwargs):
        raise OperationalError("connection lost")

    batch = [
        item("lesson.completed", {"lesson": course.reading.pk}, ago(3)),
        item(
            "dialogue.note",
            {
                "lesson": course.deck_lesson.pk,
                "block": course.deck_block,
                "card": course.cards[0],
                "text": "Notiz",
            },
            ago(2),
        ),
    ]
    with monkeypatch.context() as patch:
        patch.setattr(sync_items.dialogue_services, "card_note_merge", broken)
        response = send(client, batch)
    assert response.status_code == 503
    assert "error" in response.json()
    assert not SyncItem.objects.exists()
    assert not LessonProgress.objects.exists()

    assert statuses(send(client, batch)) == ["stored", "stored"]


def test_an_error_on_our_side_refuses_that_item_only_and_not_for_good(
    client, course, lena, monkeypatch
):
    def buggy(*args, **kwargs):
        raise KeyError("oops")

    note = item(
        "dialogue.note",
        {
            "lesson": course.deck_lesson.pk,
            "block": course.deck_block,
            "card": course.cards[0],
            "text": "Notiz",
        },
        ago(2),
    )
    done = item("lesson.completed", {"lesson": course.reading.pk}, ago(3))
    with monkeypatch.context() as patch:
        patch.setattr(sync_items.dialogue_services, "card_note_merge", buggy)
        answered = results(send(client, [done, note]))
    assert [r["status"] for r in answered] == ["stored", "rejected"]
    assert "send it again later" in answered[1]["error"]

    assert statuses(send(client, [done, note])) == ["duplicate", "stored"]
    assert CardNote.objects.get().text == "Notiz"


# Guarded like the pages ------------------------------------------------------


def test_logged_out_answers_403_json_never_a_redirect(client, course):
    response = send(
        client, [item("lesson.completed", {"lesson": course.reading.pk}, ago(1))]
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert "log in" in response.json()["error"]
    assert not SyncItem.objects.exists()


def test_only_post(client, lena):
    assert client.get(SYNC_URL).status_code == 405


TOKEN = "a" * 32


def csrf_client(settings, user=None) -> Client:
    browser = Client(enforce_csrf_checks=True)
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    browser.cookies[settings.CSRF_COOKIE_NAME] = TOKEN
    if user is not None:
        browser.force_login(user)
    return browser


def test_csrf_is_checked(settings, course, lena):
    browser = csrf_client(settings, lena)
    batch = [item("lesson.completed", {"lesson": course.reading.pk}, ago(1))]

    assert send(browser, batch).status_code == 403
    assert not SyncItem.objects.exists()

    response = send(browser, batch, HTTP_X_CSRFTOKEN=TOKEN)
    assert statuses(response) == ["stored"]


def test_an_expired_session_with_a_valid_token_answers_403_json(settings, course):
    browser = csrf_client(settings)
    response = send(
        browser,
        [item("lesson.completed", {"lesson": course.reading.pk}, ago(1))],
        HTTP_X_CSRFTOKEN=TOKEN,
    )
    assert response.status_code == 403
    assert response.json()["error"].startswith("Please log in")


def test_the_url_is_api_sync():
    assert reverse("sync") == SYNC_URL
