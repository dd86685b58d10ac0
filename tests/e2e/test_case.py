"""A learner works through a case study in Chromium; a trainer reads the
anonymous results. axe-core checks every page on the way."""

import pytest

from courses.models import CoursePage, ModulePage
from lms.activities.models import CaseReflection, CaseResponse
from lms.activities.services.case import case_response_choose
from tests import factories
from tests.activities.test_case import make_case, option_id, question_id

from .conftest import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def case_lesson(demo):
    """A lesson with a case in the demo course Lena is enrolled in and Tara runs."""
    course = CoursePage.objects.get(slug="digitale-ethik")
    module = ModulePage.objects.child_of(course).order_by("path").first()
    case = make_case("Fallbeispiel Handyfoto")
    lesson = factories.lesson(
        module,
        "Fallbeispiel Handyfoto",
        body=[("case", {"case": case, "required": True})],
    )
    return case, lesson


def peers_choose(case, lesson, count, start=0):
    block = lesson.body[0]
    for n in range(start, start + count):
        case_response_choose(
            user=factories.UserFactory(username=f"peer{n}"),
            page=lesson,
            block_id=block.id,
            case=case,
            option_id=option_id(case, 2),
        )


def test_learner_chooses_reflects_and_trainer_reads_anonymously(
    page, demo, case_lesson
):
    case, lesson = case_lesson
    block_id = lesson.body[0].id
    section = f"#case-{block_id}"
    peers_choose(case, lesson, 3)

    log_in(page, demo.url, "lena")
    page.goto(f"{demo.url}{lesson.url}")
    assert page.locator(f"{section} fieldset legend").inner_text() == "What do you do?"
    assert page.locator(f"{section} .case__feedback").count() == 0
    assert_accessible(page)

    # "Other" without a text: the case again, with a message at the field.
    page.locator(f"{section} input[value=other]").check()
    page.locator(f"{section} .case__choice button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".case__error").is_visible()
    assert page.locator("textarea[name=other_text]").get_attribute("aria-invalid")
    assert not CaseResponse.objects.filter(user__username="lena").exists()
    assert_accessible(page)

    page.locator("textarea[name=other_text]").fill("<b>Ich</b> spreche sie an.")
    page.locator(".case__choice button[type=submit]").click()
    page.wait_for_url(f"**{lesson.url}#case-{block_id}")
    feedback = page.locator(f"{section} .case__feedback")
    assert "<b>Ich</b> spreche sie an." in feedback.inner_text()
    assert "Gut, dass Sie einen eigenen Weg suchen." in feedback.inner_text()
    # Four answers so far: no counts yet, only the sentence.
    assert page.locator(f"{section} .case-bars").count() == 0
    assert "5" in page.locator(f"{section} .case__results").inner_text()
    assert_accessible(page)

    # Change of mind: one response, the new feedback, counts from five answers.
    peers_choose(case, lesson, 1, start=3)
    page.locator(f"{section} input[value='{option_id(case, 1)}']").check()
    page.locator(f"{section} .case__choice button[type=submit]").click()
    page.wait_for_url(f"**{lesson.url}#case-{block_id}")
    assert (
        "Feedback zu Option 1."
        in page.locator(f"{section} .case__feedback").inner_text()
    )
    rows = page.locator(f"{section} .case-bars__row")
    assert rows.count() == 4
    assert "20 %" in rows.nth(0).inner_text() and "80 %" in rows.nth(1).inner_text()
    assert (
        CaseResponse.objects.filter(page=lesson, option_id=option_id(case, 1)).count()
        == 1
    )
    assert_accessible(page)

    # Reflections: saved together, shown again, shared anonymously.
    q1, q2 = question_id(case, 1), question_id(case, 2)
    page.locator(f"textarea[name=reflection-{q1}]").fill("Erst mit der PDL reden.")
    page.locator(f"textarea[name=reflection-{q2}]").fill("Fotos nur dienstlich.")
    page.locator(f"{section} input[name=share_reflections]").check()
    page.locator(f"{section} .case__reflections button[type=submit]").click()
    page.wait_for_url(f"**{lesson.url}#case-{block_id}")
    assert (
        page.locator(f"textarea[name=reflection-{q1}]").input_value()
        == "Erst mit der PDL reden."
    )
    assert page.locator(f"{section} input[name=share_reflections]").is_checked()
    assert CaseReflection.objects.count() == 2
    assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, demo.url, "tara")
    page.goto(f"{demo.url}/trainer/lessons/{lesson.pk}/cases/{block_id}/")
    main = page.locator("main")
    assert "Erst mit der PDL reden." in main.inner_text()
    assert "Lena" not in main.inner_text()
    assert page.locator("table tbody tr").count() == 4
    assert_accessible(page)


def test_preview_and_few_answers_are_accessible(page, demo, case_lesson):
    """The trainer's preview of the lesson, and the results page while fewer than
    five have answered."""
    case, lesson = case_lesson
    block_id = lesson.body[0].id
    peers_choose(case, lesson, 2)
    log_in(page, demo.url, "tara")
    page.goto(f"{demo.url}{lesson.url}")
    assert page.locator(f"#case-{block_id} form").count() == 0
    assert_accessible(page)
    page.locator(f"#case-{block_id} .case__hint a").click()
    page.wait_for_url(f"**/trainer/lessons/{lesson.pk}/cases/{block_id}/")
    assert page.locator("table").count() == 0
    assert_accessible(page)
