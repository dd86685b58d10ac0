"""Dialogue cards: notes alone, team sessions, printing and facilitators, from
the services up to the pages a learner, a facilitator and a trainer see."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import Deck
from courses import services as course_services
from courses.models import ActivityAttempt, LessonPage, LessonProgress
from lms.activities.models import (
    CardNote,
    FacilitatorGrant,
    SessionCardRecord,
    TeamSession,
)
from lms.activities.selectors.dialogue import can_facilitate, state_for
from lms.activities.services import dialogue as dialogue_services
from lms.people.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def make_deck(title="Gute Zusammenarbeit", themes=2, cards=3) -> Deck:
    return Deck.objects.create(
        title=title,
        introduction="<p>Karten für das Teamgespräch.</p>",
        purpose="<p>Das Team einigt sich auf Regeln.</p>",
        duration_minutes=45,
        group_size="3 bis 6 Personen",
        preparation="<p>Karten ausdrucken.</p>",
        follow_up="<p>In vier Wochen nachfragen.</p>",
        themes=[
            (
                "theme",
                {
                    "name": f"Thema {t}",
                    "description": f"Worum es in Thema {t} geht.",
                    "cards": [
                        {
                            "question": f"Frage {t}-{c}?",
                            "follow_up": f"Nachfrage {t}-{c}",
                            "hint": f"Hinweis {t}-{c}",
                        }
                        for c in range(1, cards + 1)
                    ],
                },
            )
            for t in range(1, themes + 1)
        ],
        steps=[
            (
                "step",
                {
                    "title": "Ankommen",
                    "minutes": 5,
                    "description": "<p>Kurze Runde.</p>",
                    "facilitator_notes": "Ruhig beginnen.",
                },
            )
        ],
    )


def deck_lesson(deck, title="Teamkarten", other_lessons=0) -> LessonPage:
    course = factories.course(f"Kurs {title}")
    module = factories.module(course, f"Modul {title}")
    lesson = factories.lesson(
        module, title, body=[("deck", {"deck": deck, "required": True})]
    )
    for n in range(other_lessons):
        factories.lesson(module, f"{title} {n}", body=[("text", "<p>Text</p>")])
    return LessonPage.objects.get(pk=lesson.pk)


def block_id(lesson) -> str:
    return lesson.body[0].id


def card_ids(deck) -> list[str]:
    return [card["id"] for card in deck.cards()]


@pytest.fixture
def deck(db):
    return make_deck()


@pytest.fixture
def lesson(deck):
    return deck_lesson(deck)


@pytest.fixture
def course(lesson):
    from courses.selectors import course_of

    return course_of(lesson)


@pytest.fixture
def lena(org, course):
    user = factories.staff("lena", org["pflege_a"]).user
    course_services.course_self_enrol(user=user, course=course)
    return user


@pytest.fixture
def volker(org, course):
    user = factories.staff("volker", org["beratung_b"]).user
    course_services.course_self_enrol(user=user, course=course)
    return user


@pytest.fixture
def tara(org, course):
    """A trainer who runs the course and is not enrolled in it."""
    user = factories.staff("tara", org["verband"], roles=(Role.TRAINER,)).user
    course.trainers.add(user)
    course.save()  # a ParentalManyToManyField is written on save
    return user


@pytest.fixture
def outsider(org):
    return factories.staff("otto", org["haus_b"]).user


def note_url(lesson):
    return f"/my/lessons/{lesson.pk}/decks/{block_id(lesson)}/notes/"


def start_url(lesson):
    return f"/my/lessons/{lesson.pk}/decks/{block_id(lesson)}/sessions/"


def start_session(lesson, facilitator, participants, team="Team Nord"):
    return dialogue_services.team_session_start(
        facilitator=facilitator,
        page=lesson,
        block_id=block_id(lesson),
        deck=lesson.body[0].value["deck"],
        team_name=team,
        participants=participants,
    )


# Services and selectors


def test_note_is_saved_replaced_and_validated(deck, lena):
    first = card_ids(deck)[0]
    note = dialogue_services.card_note_save(
        user=lena, deck=deck, card_id=first, text="  Mehr zuhören.  "
    )
    assert note.text == "Mehr zuhören."
    dialogue_services.card_note_save(user=lena, deck=deck, card_id=first, text="Neu")
    assert CardNote.objects.get(user=lena).text == "Neu"
    with pytest.raises(Exception, match="Please write something"):
        dialogue_services.card_note_save(user=lena, deck=deck, card_id=first, text=" ")
    with pytest.raises(Exception, match="at most 5000 characters, you wrote 5001"):
        dialogue_services.card_note_save(
            user=lena, deck=deck, card_id=first, text="x" * 5001
        )
    with pytest.raises(Exception, match="not in the deck"):
        dialogue_services.card_note_save(
            user=lena, deck=deck, card_id="forged", text="Hallo"
        )
    assert CardNote.objects.count() == 1


def test_facilitators_are_trainers_superusers_and_granted_staff(org, tara, lena):
    assert can_facilitate(tara)
    assert not can_facilitate(lena)
    dialogue_services.facilitator_grant(user=lena, granted_by=tara)
    assert can_facilitate(lena)
    assert dialogue_services.facilitator_revoke(user=lena)
    assert not can_facilitate(lena)


def test_session_records_and_end(lesson, deck, tara, lena, volker):
    with pytest.raises(Exception, match="at least one participant"):
        start_session(lesson, tara, [])
    session = start_session(lesson, tara, [lena, volker])
    card = card_ids(deck)[1]
    dialogue_services.session_card_record_save(
        session=session, card_id=card, agreements="Wir duzen uns.", open_questions=""
    )
    dialogue_services.session_card_record_save(
        session=session, card_id=card, agreements="Wir siezen uns.", open_questions="?"
    )
    record = SessionCardRecord.objects.get(session=session)
    assert (record.agreements, record.open_questions) == ("Wir siezen uns.", "?")
    participants = dialogue_services.team_session_end(session=session)
    assert set(participants) == {lena, volker}
    session.refresh_from_db()
    assert session.ended_at is not None
    with pytest.raises(Exception, match="has ended"):
        dialogue_services.session_card_record_save(
            session=session, card_id=card, agreements="später", open_questions=""
        )


def test_state_for_runs_constant_queries(org, lena, tara):
    small, big = make_deck("Klein", 1, 1), make_deck("Groß", 4, 10)
    counts = []
    for deck in (small, big):
        lesson = deck_lesson(deck, title=f"Lektion {deck.title}")
        for card in card_ids(deck)[:5]:
            dialogue_services.card_note_save(
                user=lena, deck=deck, card_id=card, text="Notiz"
            )
        start_session(lesson, tara, [lena])
        blocks = list(lesson.body)
        for user in (lena, tara):
            with CaptureQueriesContext(connection) as queries:
                state = state_for(user=user, page=lesson, blocks=blocks)
            counts.append((user.username, len(queries)))
        mine = state_for(user=lena, page=lesson, blocks=blocks)[blocks[0].id]
        assert mine.noted_count == min(5, mine.card_count)
        assert len(mine.sessions) == 1
        assert state[blocks[0].id].can_facilitate
    assert counts[0] == counts[2] and counts[1] == counts[3]


# The lesson block


def test_lesson_block_alone_mode_shows_cards_and_own_notes(client, lesson, deck, lena):
    other = factories.staff("vera", factories.unit("Anderswo")).user
    cards = card_ids(deck)
    dialogue_services.card_note_save(
        user=other, deck=deck, card_id=cards[0], text="Veras Geheimnis"
    )
    dialogue_services.card_note_save(
        user=lena, deck=deck, card_id=cards[1], text="<b>Lenas</b> Notiz"
    )
    client.force_login(lena)
    response = client.get(lesson.url)
    page = soup(response)
    block = page.select_one(".activity--deck")
    assert "Frage 2-3?" in block.get_text()
    assert [h.get_text() for h in block.select(".deck__theme-name")] == [
        "Thema 1",
        "Thema 2",
    ]
    assert "Veras Geheimnis" not in response.content.decode()
    textarea = page.select_one(f"#card-{cards[1]} textarea")
    assert textarea.get_text() == "<b>Lenas</b> Notiz"  # escaped, shown as text
    assert b"<b>Lenas</b>" not in response.content
    assert "notes on 1 of 6 cards" in block.select_one(".deck__count").get_text()
    assert (
        block.find("a", string="Print the cards")["href"] == f"/decks/{deck.pk}/print/"
    )
    assert not block.select(".deck__start")  # learners do not lead sessions


def test_note_post_saves_redirects_and_completes(client, lesson, deck, lena):
    client.force_login(lena)
    card = card_ids(deck)[2]
    response = client.post(note_url(lesson), {"card_id": card, "text": "Mehr Pausen"})
    assert response.status_code == 302
    assert response["Location"] == f"{lesson.url}#card-{card}"
    assert CardNote.objects.get(user=lena, card_id=card).text == "Mehr Pausen"
    progress = LessonProgress.objects.get(user=lena, lesson=lesson)
    assert progress.completed_at is not None
    page = soup(client.get(lesson.url))
    assert "Your note is saved" in page.select_one(".messages").get_text()
    assert "completed this activity" in page.select_one(".activity--deck").get_text()
    # A second note does not record the activity twice.
    client.post(note_url(lesson), {"card_id": card_ids(deck)[0], "text": "Noch was"})
    assert ActivityAttempt.objects.filter(user=lena, lesson=lesson).count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "Please write something"), ("x" * 5001, "at most 5000 characters")],
)
def test_empty_or_overlong_note_gets_a_message(
    client, lesson, deck, lena, text, message
):
    client.force_login(lena)
    response = client.post(
        note_url(lesson), {"card_id": card_ids(deck)[0], "text": text}, follow=True
    )
    assert message in soup(response).select_one(".message--error").get_text()
    assert not CardNote.objects.exists()
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_forged_note_posts_are_refused(client, lesson, deck, lena, outsider):
    card = card_ids(deck)[0]
    dialogue_services.card_note_save(user=lena, deck=deck, card_id=card, text="Lena")
    # Not enrolled in the lesson's course: 403, nothing written.
    client.force_login(outsider)
    response = client.post(
        note_url(lesson), {"card_id": card, "text": "Otto", "user": lena.pk}
    )
    assert response.status_code == 403
    assert list(CardNote.objects.values_list("user__username", "text")) == [
        ("lena", "Lena")
    ]
    # Enrolled, naming someone else in the post: only one's own note changes.
    client.force_login(lena)
    volker = factories.staff("volker", factories.unit("Woanders")).user
    client.post(note_url(lesson), {"card_id": card, "text": "Neu", "user": volker.pk})
    assert not CardNote.objects.filter(user=volker).exists()
    # A block that is not a deck, or a lesson without it: 404.
    response = client.post(
        f"/my/lessons/{lesson.pk}/decks/nope/notes/", {"card_id": card, "text": "x"}
    )
    assert response.status_code == 404
    assert client.get(note_url(lesson)).status_code == 405


def test_anonymous_is_sent_to_login(client, lesson, deck):
    response = client.post(note_url(lesson), {"card_id": "x", "text": "y"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# Team sessions


def test_trainer_sees_start_form_with_enrolled_learners(client, lesson, tara, lena):
    client.force_login(tara)
    page = soup(client.get(lesson.url))
    form = page.select_one(".deck__start form")
    labels = [label.get_text() for label in form.select("label")]
    assert any("Lena Muster · Pflege am See" in label for label in labels)
    assert any("(you)" in label for label in labels)
    assert not page.select(".deck-card__note")  # not enrolled: preview only


def test_granted_staff_member_sees_start_form(client, lesson, tara, lena):
    client.force_login(lena)
    assert not soup(client.get(lesson.url)).select(".deck__start")
    dialogue_services.facilitator_grant(user=lena, granted_by=tara)
    assert soup(client.get(lesson.url)).select(".deck__start form")


def test_full_team_session(client, lesson, deck, tara, lena, volker):
    client.force_login(tara)
    response = client.post(
        start_url(lesson),
        {"team_name": "Team <Nord>", "participants": [lena.pk, volker.pk]},
    )
    session = TeamSession.objects.get()
    assert response["Location"] == f"/sessions/{session.pk}/present/"
    assert set(session.participants.all()) == {lena, volker}

    page = soup(client.get(f"/sessions/{session.pk}/present/?card=3"))
    visible = [s for s in page.select(".presenter__card") if not s.has_attr("hidden")]
    assert len(visible) == 1
    assert visible[0].select_one(".presenter__question").get_text() == "Frage 1-3?"
    assert page.select_one("[data-counter]").get_text() == "3 / 6"
    assert page.select_one("[data-next]")["href"] == "?card=4"
    assert "Hinweis 1-3" in visible[0].select_one(".facilitator-note").get_text()
    assert "Team &lt;Nord&gt;" in client.get(session_url(session)).content.decode()

    card = card_ids(deck)[2]
    response = client.post(
        f"/sessions/{session.pk}/cards/{card}/",
        {"agreements": "Wir <i>fragen</i> nach.", "open_questions": "", "card": 3},
    )
    assert response["Location"] == f"/sessions/{session.pk}/present/?card=3"
    response = client.post(
        f"/sessions/{session.pk}/cards/{card_ids(deck)[4]}/",
        {"agreements": "", "open_questions": "Wer entscheidet?"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {"ok": True}
    response = client.post(
        f"/sessions/{session.pk}/cards/{card}/",
        {"agreements": "x" * 5001, "open_questions": ""},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert "at most 5000" in response.json()["errors"][0]

    notes = soup(client.get(f"/sessions/{session.pk}/notes/"))
    assert "Ruhig beginnen." in notes.get_text()
    assert "Hinweis 2-3" in notes.get_text()

    response = client.post(f"/sessions/{session.pk}/end/")
    assert response["Location"] == session_url(session)
    for learner in (lena, volker):
        progress = LessonProgress.objects.get(user=learner, lesson=lesson)
        assert progress.completed_at is not None
    assert not LessonProgress.objects.filter(user=tara).exists()

    client.force_login(lena)
    response = client.get(session_url(session))
    summary = soup(response)
    assert [h.get_text() for h in summary.select(".session-summary__card h3")] == [
        "Frage 1-3?",
        "Frage 2-2?",
    ]
    assert (
        "Wir <i>fragen</i> nach."
        in summary.select_one(".session-summary__agreements").get_text()
    )
    assert b"<i>fragen</i>" not in response.content
    people = summary.select_one(".session-summary__participants").get_text()
    assert "Lena Muster" in people and "Volker Muster" in people
    assert "Ended on" in summary.select_one(".session-summary__status").get_text()
    lesson_page = soup(client.get(lesson.url))
    link = lesson_page.select_one(".deck__sessions a")
    assert link["href"] == session_url(session)
    assert "completed this activity" in lesson_page.get_text()
    # Once ended, the presenter shows the summary and the record is final.
    client.force_login(tara)
    assert client.get(f"/sessions/{session.pk}/present/")["Location"] == session_url(
        session
    )


def session_url(session):
    return f"/sessions/{session.pk}/"


def test_session_start_refuses_non_facilitators_and_forged_participants(
    client, lesson, tara, lena, outsider
):
    client.force_login(lena)
    response = client.post(
        start_url(lesson), {"team_name": "T", "participants": [lena.pk]}
    )
    assert response.status_code == 403
    client.force_login(tara)
    response = client.post(
        start_url(lesson), {"team_name": "T", "participants": [outsider.pk]}
    )
    assert response.status_code == 403
    response = client.post(start_url(lesson), {"team_name": "T", "participants": "x"})
    assert response.status_code == 403
    assert not TeamSession.objects.exists()
    response = client.post(
        start_url(lesson), {"team_name": "", "participants": [lena.pk]}, follow=True
    )
    assert soup(response).select_one(".message--error")
    response = client.post(start_url(lesson), {"team_name": "T"}, follow=True)
    assert "at least one participant" in soup(response).get_text()
    assert not TeamSession.objects.exists()


def test_only_the_facilitator_drives_a_session(client, lesson, deck, tara, lena):
    session = start_session(lesson, tara, [lena])
    other_trainer = factories.staff("tom", lena.profile.unit, roles=(Role.TRAINER,))
    card = card_ids(deck)[0]
    for user in (lena, other_trainer.user):
        client.force_login(user)
        for url in ("present/", "notes/"):
            assert client.get(f"/sessions/{session.pk}/{url}").status_code == 403
        response = client.post(
            f"/sessions/{session.pk}/cards/{card}/",
            {"agreements": "gefälscht", "open_questions": ""},
        )
        assert response.status_code == 403
        assert client.post(f"/sessions/{session.pk}/end/").status_code == 403
    assert not SessionCardRecord.objects.exists()
    session.refresh_from_db()
    assert session.ended_at is None
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_summary_readers(client, lesson, tara, lena, volker, outsider):
    session = start_session(lesson, tara, [lena])
    for user, status in [
        (tara, 200),
        (lena, 200),
        (volker, 403),  # enrolled, but not in this team
        (outsider, 403),
    ]:
        client.force_login(user)
        assert client.get(session_url(session)).status_code == status, user
    co_trainer = factories.staff("tim", lena.profile.unit, roles=(Role.TRAINER,)).user
    client.force_login(co_trainer)
    assert client.get(session_url(session)).status_code == 403
    from courses.selectors import course_of

    course = course_of(lesson)
    course.trainers.add(co_trainer)
    course.save()
    assert client.get(session_url(session)).status_code == 200


def test_ending_completes_only_enrolled_participants(client, lesson, tara, lena):
    session = start_session(lesson, tara, [lena, tara])
    client.force_login(tara)
    client.post(f"/sessions/{session.pk}/end/")
    assert LessonProgress.objects.get(user=lena).completed_at is not None
    assert not ActivityAttempt.objects.filter(user=tara).exists()


# Print and facilitators


def test_print_page_has_guide_then_cards(client, deck, lena):
    client.force_login(lena)
    page = soup(client.get(f"/decks/{deck.pk}/print/"))
    guide = page.select_one(".deck-guide").get_text()
    for text in ("Das Team einigt sich", "45 minutes", "3 bis 6", "Ankommen"):
        assert text in guide
    assert "Ruhig beginnen." in guide
    cards = page.select(".print-card")
    assert len(cards) == 6
    assert cards[0].select_one(".print-card__theme").get_text() == "Thema 1"
    assert cards[5].select_one(".print-card__question").get_text() == "Frage 2-3?"
    assert len(cards[0].select(".cut")) == 4


def test_print_page_needs_login(client, deck):
    assert client.get(f"/decks/{deck.pk}/print/").status_code == 302
    assert client.get("/decks/999999/print/").status_code == 302


def test_trainer_grants_and_revokes_facilitators(client, tara, lena, outsider):
    client.force_login(lena)
    assert client.get("/trainer/facilitators/").status_code == 403
    assert (
        client.post("/trainer/facilitators/", {"username": "lena"}).status_code == 403
    )
    assert not FacilitatorGrant.objects.exists()

    client.force_login(tara)
    page = soup(client.get("/trainer/facilitators/"))
    assert "lena" in [o["value"] for o in page.select("#facilitator-staff option")]
    response = client.post("/trainer/facilitators/", {"username": "lena"}, follow=True)
    assert "Lena Muster may now lead" in soup(response).get_text()
    grant = FacilitatorGrant.objects.get()
    assert (grant.user, grant.granted_by) == (lena, tara)
    rows = soup(client.get("/trainer/facilitators/")).select(".facilitators tbody tr")
    assert "Pflege am See" in rows[0].get_text()
    response = client.post(
        "/trainer/facilitators/", {"username": "nobody"}, follow=True
    )
    assert "nobody with this username" in soup(response).get_text()

    client.force_login(lena)
    assert client.post(f"/trainer/facilitators/{lena.pk}/revoke/").status_code == 403
    client.force_login(tara)
    client.post(f"/trainer/facilitators/{lena.pk}/revoke/")
    assert not FacilitatorGrant.objects.exists()


def test_superuser_without_profile_cannot_be_granted(client, tara):
    admin = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(tara)
    response = client.post("/trainer/facilitators/", {"username": admin.username})
    assert response.status_code == 302
    assert not FacilitatorGrant.objects.exists()
