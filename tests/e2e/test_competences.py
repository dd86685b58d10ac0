"""Lena passes the ethics quiz in the browser and "My competences" shows the
new evidence and level for DigComp 2.5 (Netiquette); axe checks the page,
also on a 320 px wide phone."""

import re

import pytest

from courses.models import LessonPage
from lms.competencies.models import Competency, Evidence

from .conftest import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LESSON = "automatisierung-und-ueberwachung"
QUIZ = "Quiz: Digitale Ethik im Arbeitsalltag"


def _quiz():
    lesson = LessonPage.objects.get(slug=LESSON)
    block = next(
        b for b in lesson.body if b.block_type == "quiz" and b.value["title"] == QUIZ
    )
    correct = {
        option.id: option.value["correct"]
        for question in block.value["questions"].bound_blocks
        for option in question.value["options"].bound_blocks
    }
    return lesson, block, correct


def _row(page, competency):
    return page.locator(f'.competence-table tr[data-competency="{competency.pk}"]')


def test_passing_the_quiz_shows_evidence_and_level(page, demo):
    netiquette = Competency.objects.get(framework__slug="digcomp-2-2", code="2.5")
    lesson, block, correct = _quiz()
    log_in(page, demo.url, "lena")

    page.goto(f"{demo.url}/my/competences/")
    card = page.locator(f"#competence-{netiquette.pk}")
    evidence_before = card.locator(".evidence-list li").count()
    assert _row(page, netiquette).locator(".competence-table__level").inner_text() in (
        "\N{EN DASH}",
        "1",
    )
    assert_accessible(page)

    page.goto(f"{demo.url}{lesson.url}")
    form = page.locator(f"#quiz-{block.id} form")
    for option_id, right in correct.items():
        field = form.locator(f"#quiz-{block.id}-{option_id}")
        if right:
            field.check()
        elif field.get_attribute("type") == "checkbox":
            field.uncheck()
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/quizzes/.+/attempts/\d+/$"))
    assert page.locator(".quiz-result--passed").count() == 1

    page.locator('.site-nav a[href="/my/competences/"]').click()
    page.wait_for_url(f"{demo.url}/my/competences/")
    card = page.locator(f"#competence-{netiquette.pk}")
    items = card.locator(".evidence-list li")
    assert items.count() == evidence_before + 1
    newest = items.first
    assert newest.locator(f'a[href="{lesson.url}"]').count() == 1
    assert Evidence.objects.filter(
        user__username="lena", competency=netiquette, level=2, page=lesson
    ).exists()
    assert card.locator(".competence__level").inner_text().startswith("2 ·")
    assert (
        _row(page, netiquette).locator(".competence-table__level").inner_text() == "2"
    )
    chart_row = page.locator(
        f'.competence-chart__row[data-competency="{netiquette.pk}"]'
    )
    assert chart_row.get_attribute("data-level") == "2"
    assert_accessible(page)

    # On a 320 px phone the page does not scroll sideways and axe still passes.
    page.set_viewport_size({"width": 320, "height": 640})
    page.reload()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    assert page.locator(".competence-chart__svg").first.bounding_box()["width"] <= 320
    assert_accessible(page)
