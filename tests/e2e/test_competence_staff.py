"""HR's competence pages in a browser: targets, a person's competences with a
manager rating, and the review of a trainer's rating; axe on every state."""

import re

import pytest
from django.contrib.auth import get_user_model

from courses.models import CoursePage
from lms.competencies import services
from lms.competencies.models import (
    CompetencyLink,
    CompetencyState,
    CompetencyTarget,
    EvidenceSource,
)
from lms.people.models import OrganisationUnit, StaffProfile
from tests import factories

from .conftest import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def house(demo):
    """A small framework of our own, so the test does not depend on which
    frameworks the demo ships; lena has a target, a rating and one waiting."""
    framework = factories.framework(
        "e2e-haus", levels=("Grundlagen", "Sicher", "Expertin")
    )
    privacy = factories.competency(framework, "1", "Datenschutz im Alltag")
    messaging = factories.competency(framework, "2", "Sichere Messenger")
    User = get_user_model()
    lena = User.objects.get(username="lena")
    tara = User.objects.get(username="tara")
    services.target_create(
        created_by=User.objects.get(username="admin"),
        competency=privacy,
        level=3,
        unit=lena.profile.unit,
    )
    services.rating_record(
        rater=tara,
        user=lena,
        competency=privacy,
        level=1,
        source=EvidenceSource.TRAINER,
        note="Kennt die Grundregeln.",
    )
    services.rating_record(
        rater=tara,
        user=lena,
        competency=privacy,
        level=2,
        source=EvidenceSource.TRAINER,
        needs_review=True,
    )
    return {"framework": framework, "privacy": privacy, "messaging": messaging}


def test_hanna_sets_a_target_and_rates_lena(page, demo, house):
    framework, messaging = house["framework"], house["messaging"]
    lena = StaffProfile.objects.get(user__username="lena")
    log_in(page, demo.url, "hanna")

    page.goto(f"{demo.url}/hr/competences/targets/")
    assert page.locator("table.targets tbody tr").count() >= 1
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()  # nothing chosen
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 1
    assert_accessible(page)
    unit = OrganisationUnit.objects.get(code="st-anna-pflege")
    page.select_option("#id_competency", str(messaging.pk))
    page.select_option("#id_level", f"{framework.pk}:2")
    page.select_option("#id_unit", str(unit.pk))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".message--success").is_visible()
    target = CompetencyTarget.objects.get(competency=messaging)
    assert target.unit == unit
    row = page.locator("table.targets tbody tr", has_text="Sichere Messenger")
    assert row.locator("td").nth(5).inner_text() == "1"  # lena
    assert_accessible(page)

    page.goto(f"{demo.url}/hr/staff/{lena.pk}/competences/")
    page.locator("table.competences summary").first.click()  # open the evidence
    assert page.locator("table.competences details[open]").count() == 1
    assert_accessible(page)
    page.select_option("#id_rating-competency", str(messaging.pk))
    page.select_option("#id_rating-level", f"{framework.pk}:2")
    page.fill("#id_rating-note", "Richtet Signal für das Team ein.")
    page.locator("#id_rating-needs_review").focus()
    page.keyboard.press("Tab")  # from the review checkbox to the button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".message--success").is_visible()
    state = CompetencyState.objects.get(user=lena.user, competency=messaging)
    assert state.level == 2
    assert_accessible(page)


def test_hanna_approves_taras_rating(page, demo, house):
    lena = StaffProfile.objects.get(user__username="lena")
    log_in(page, demo.url, "hanna")
    page.goto(f"{demo.url}/hr/competences/reviews/")
    rows = page.locator("table.reviews tbody tr")
    assert rows.count() == 1
    assert "Lena" in rows.first.inner_text()
    assert_accessible(page)
    rows.first.locator("input[name=note]").fill("Im Team gesehen.")
    rows.first.locator("button[value=approve]").click()
    page.wait_for_load_state()
    assert page.locator(".message--success").is_visible()
    assert_accessible(page)
    state = CompetencyState.objects.get(user=lena.user, competency=house["privacy"])
    assert state.level == 2


def test_tara_rates_a_participant_in_her_course(page, demo, house):
    course = CoursePage.objects.get(slug="digitale-ethik")
    lena = StaffProfile.objects.get(user__username="lena")
    CompetencyLink.objects.create(
        page=course, course=course, competency=house["messaging"], level=2
    )
    log_in(page, demo.url, "tara")
    page.goto(f"{demo.url}/trainer/courses/{course.pk}/participants/")
    page.locator(
        f'a[href="/trainer/courses/{course.pk}/participants/{lena.user.pk}/competences/"]'
    ).click()
    page.wait_for_url(re.compile(r"/competences/$"))
    assert "Sichere Messenger" in page.locator("main").inner_text()
    assert_accessible(page)
    page.select_option("#id_competency", str(house["messaging"].pk))
    page.select_option("#id_level", f"{house['framework'].pk}:3")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".message--success").is_visible()
    assert_accessible(page)
