"""Lena writes a case reflection, opens "My data", downloads it and finds her
reflection in the ZIP (JSON and the overview page); axe checks /my/data/ and
/privacy/."""

import io
import json
import zipfile

import pytest

from courses.models import CoursePage, ModulePage
from lms.audit.models import AuditAction, AuditEvent
from tests import factories
from tests.activities.test_case import make_case, option_id, question_id

from .conftest import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REFLECTION = "Ich frage zuerst die Bewohnerin, ob sie einverstanden ist."


@pytest.fixture
def case_lesson(demo):
    course = CoursePage.objects.get(slug="digitale-ethik")
    module = ModulePage.objects.child_of(course).order_by("path").first()
    case = make_case("Fallbeispiel Geburtstagsfoto")
    lesson = factories.lesson(
        module,
        "Fallbeispiel Geburtstagsfoto",
        body=[("case", {"case": case, "required": True})],
    )
    return case, lesson


def test_lena_downloads_her_data_with_her_reflection(page, demo, case_lesson):
    case, lesson = case_lesson
    block_id = lesson.body[0].id
    section = f"#case-{block_id}"

    log_in(page, demo.url, "lena")
    page.goto(f"{demo.url}{lesson.url}")
    page.locator(f"{section} input[value='{option_id(case, 1)}']").check()
    page.locator(f"{section} .case__choice button[type=submit]").click()
    page.wait_for_url(f"**{lesson.url}#case-{block_id}")
    page.locator(f"textarea[name=reflection-{question_id(case, 1)}]").fill(REFLECTION)
    page.locator(f"textarea[name=reflection-{question_id(case, 2)}]").fill("Nie ohne.")
    page.locator(f"{section} .case__reflections button[type=submit]").click()
    page.wait_for_url(f"**{lesson.url}#case-{block_id}")
    assert (
        page.locator(f"textarea[name=reflection-{question_id(case, 1)}]").input_value()
        == REFLECTION
    )

    # From the footer, as a learner would find it.
    page.locator("footer a[href='/my/data/']").click()
    page.wait_for_url(f"{demo.url}/my/data/")
    assert page.locator("h1").inner_text()
    assert_accessible(page)

    with page.expect_download() as info:
        page.locator("#my-data-download").click()
    download = info.value
    assert download.suggested_filename.endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO(open(download.path(), "rb").read()))
    reflections = json.loads(archive.read("case_reflections.json"))["items"]
    assert REFLECTION in [item["text"] for item in reflections]
    assert REFLECTION in archive.read("index.html").decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.DATA_EXPORTED, actor__username="lena"
    ).exists()

    page.goto(f"{demo.url}/privacy/")
    assert_accessible(page)


def test_the_privacy_page_passes_axe_without_a_login(page, demo):
    page.goto(f"{demo.url}/privacy/")
    assert page.locator("#retention-periods").is_visible()
    assert_accessible(page)
