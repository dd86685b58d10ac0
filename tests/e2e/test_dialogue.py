"""Dialogue cards in Chromium: a trainer runs a team session by keyboard, a
participant's lesson completes, and the deck prints to A4 sheets of A6 cards."""

import re
import shutil
import subprocess

import pytest

from content.models import Deck
from courses.models import CoursePage, LessonPage, LessonProgress, ModulePage
from lms.activities.models import CardNote, SessionCardRecord, TeamSession
from tests import factories

from .conftest import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

QUESTIONS = [
    ["Wann fragen wir nach Einwilligung?", "Was teilen wir im Team-Chat?"],
    ["Welche Daten brauchen wir wirklich?", "Wer darf Fotos sehen?"],
    ["Wie erklären wir Datenschutz einfach?"],
]


def _deck() -> Deck:
    return Deck.objects.create(
        title="Testkarten Teamgespräch",
        purpose="<p>Das Team vereinbart Regeln für digitale Kommunikation.</p>",
        duration_minutes=60,
        group_size="3 bis 6 Personen",
        preparation="<p>Karten ausdrucken und schneiden.</p>",
        follow_up="<p>Vereinbarungen nach vier Wochen prüfen.</p>",
        themes=[
            (
                "theme",
                {
                    "name": f"Thema {n}",
                    "description": "",
                    "cards": [
                        {"question": q, "follow_up": "Ein Beispiel?", "hint": "Ruhe"}
                        for q in questions
                    ],
                },
            )
            for n, questions in enumerate(QUESTIONS, start=1)
        ],
        steps=[
            (
                "step",
                {
                    "title": "Ankommen",
                    "minutes": 5,
                    "description": "<p>Runde.</p>",
                    "facilitator_notes": "Alle kommen zu Wort.",
                },
            )
        ],
    )


def _deck_lesson(deck: Deck) -> LessonPage:
    """A lesson with only the deck in the course Lena is enrolled in."""
    course = CoursePage.objects.get(slug="digitale-ethik")
    module = ModulePage.objects.child_of(course).order_by("path").first()
    lesson = factories.lesson(
        module, "Teamgespräch mit Karten", body=[("deck", {"deck": deck})]
    )
    return LessonPage.objects.get(pk=lesson.pk)


def _counter(page) -> str:
    return page.locator("[data-counter]").inner_text()


def _question(page) -> str:
    return page.locator(".presenter__card:visible .presenter__question").inner_text()


def test_team_session_by_keyboard_completes_for_participants(page, demo):
    deck = _deck()
    lesson = _deck_lesson(deck)
    log_in(page, demo.url, "tara")
    page.goto(f"{demo.url}{lesson.url}")
    assert_accessible(page)
    start = page.locator(".deck__start form")
    start.locator("input[name=team_name]").fill("Team Pflege")
    start.get_by_label(re.compile("Lena Lange")).check()
    start.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/sessions/\d+/present/"))
    assert_accessible(page)

    assert _counter(page) == "1 / 5"
    page.keyboard.press("ArrowRight")
    assert _counter(page) == "2 / 5"
    page.keyboard.press("Space")
    assert _counter(page) == "3 / 5"
    assert _question(page) == QUESTIONS[1][0]
    page.keyboard.press("ArrowLeft")
    assert _counter(page) == "2 / 5"
    page.keyboard.press("ArrowRight")
    assert _counter(page) == "3 / 5"
    assert page.locator(".presenter__theme:visible").inner_text().lower() == "thema 2"

    # Facilitator notes stay hidden until toggled.
    hint = page.locator(".presenter__card:visible .facilitator-note")
    assert not hint.is_visible()
    page.locator("#notes-toggle").check()
    assert hint.is_visible()
    assert_accessible(page)

    card = page.locator(".presenter__card:visible")
    card.locator("textarea[name=agreements]").fill("Wir fragen vor jedem Foto nach.")
    card.locator("button[type=submit]").click()
    card.locator("[data-status]").filter(has_text=re.compile(".+")).wait_for()
    assert "/present/" in page.url  # saved without leaving the presenter
    record = SessionCardRecord.objects.get()
    assert record.agreements == "Wir fragen vor jedem Foto nach."

    # Keys typed into the form do not move the cards.
    card.locator("textarea[name=open_questions]").press("ArrowRight")
    assert _counter(page) == "3 / 5"

    session = TeamSession.objects.get()
    page.goto(f"{demo.url}/sessions/{session.pk}/notes/")
    assert "Alle kommen zu Wort." in page.locator("main").inner_text()
    assert_accessible(page)
    page.go_back()

    page.locator("[data-end-session]").click()
    page.wait_for_url(re.compile(rf"/sessions/{session.pk}/$"))
    assert_accessible(page)
    assert (
        "Wir fragen vor jedem Foto nach."
        in page.locator(".session-summary__agreements").inner_text()
    )

    progress = LessonProgress.objects.get(user__username="lena", lesson=lesson)
    assert progress.completed_at is not None

    # Lena reads the summary from her lesson; the lesson shows it completed.
    page.context.clear_cookies()
    log_in(page, demo.url, "lena")
    page.goto(f"{demo.url}{lesson.url}")
    assert page.locator(".activity--deck .activity__done").is_visible()
    assert page.locator(".lesson__completion .done").is_visible()
    assert_accessible(page)
    page.locator(".deck__sessions a").first.click()
    page.wait_for_url(re.compile(rf"/sessions/{session.pk}/$"))
    assert "Team Pflege" in page.locator("h1").inner_text()


def test_learner_draws_a_card_and_writes_a_note(page, demo):
    deck = _deck()
    lesson = _deck_lesson(deck)
    log_in(page, demo.url, "lena")
    page.goto(f"{demo.url}{lesson.url}")
    page.locator("[data-draw-button]").click()
    drawn = page.locator(".deck-card.is-drawn")
    assert drawn.count() == 1
    assert page.locator(".deck-card:visible").count() == 1
    assert page.locator("[data-draw-status]").inner_text()
    assert_accessible(page)
    drawn.locator("textarea").fill("<script>alert(1)</script> Mehr nachfragen")
    drawn.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"#card-"))
    assert page.locator(".message--success").is_visible()
    note = CardNote.objects.get(user__username="lena")
    assert page.locator(f"#card-{note.card_id} textarea").input_value() == note.text
    assert LessonProgress.objects.get(user__username="lena", lesson=lesson).completed_at


def test_deck_prints_guide_and_a6_cards_to_pdf(page, demo, tmp_path):
    deck = _deck()
    log_in(page, demo.url, "volker")
    page.goto(f"{demo.url}/decks/{deck.pk}/print/")
    assert_accessible(page)
    pdf = tmp_path / "deck.pdf"
    pdf.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert shutil.which("pdftotext"), "install poppler-utils"
    text = subprocess.run(  # noqa: S603
        ["pdftotext", str(pdf), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = text.split("\f")
    assert "Das Team vereinbart Regeln" in pages[0]
    assert "Alle kommen zu Wort." in pages[0]
    assert not any(q in pages[0] for row in QUESTIONS for q in row)
    # Five cards, four A6 cards to a sheet: two sheets after the guide page,
    # and no sheet left over (pdftotext ends every page with a form feed).
    assert len(pages) == 1 + 2 + 1
    card_pages = pages[1:3]

    # pdftotext joins words hyphenated at a line end ("Team-/Chat").
    def squeeze(text):
        return re.sub(r"[\s-]+", "", text)

    for row in QUESTIONS:
        for question in row:
            assert squeeze(question) in squeeze(" ".join(card_pages))
    assert "thema 3" in card_pages[1].lower()


def test_trainer_allows_a_staff_member_to_facilitate(page, demo):
    log_in(page, demo.url, "tara")
    page.goto(f"{demo.url}/trainer/facilitators/")
    assert_accessible(page)
    page.locator("#facilitator-username").fill("lena")
    page.locator(".facilitator-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".message--success").is_visible()
    assert "Lena Lange" in page.locator(".facilitators").inner_text()
    assert_accessible(page)
