"""Every page of the platform, as the role that uses it, passes axe (WCAG 2.2 AA)."""

import pytest

from courses.models import CoursePage, LessonPage
from lms.people.models import OrganisationUnit, StaffProfile

from .conftest import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _urls_for(role: str) -> list[str]:
    ethik = CoursePage.objects.get(slug="digitale-ethik")
    lesson = LessonPage.objects.live().descendant_of(ethik).order_by("path").last()
    if role == "lena":
        return [
            "/my/",
            "/courses/",
            "/courses/?q=Messenger",
            ethik.url,
            lesson.url,
            "/my/competences/",
            "/my/competences/self-assessment/",
            "/my/competences/self-assessment/digcomp-2-2/",
        ]
    lena = StaffProfile.objects.get(user__username="lena")
    if role == "tara":
        return [
            "/trainer/",
            f"/trainer/courses/{ethik.pk}/participants/",
            f"/trainer/courses/{ethik.pk}/activities/",
            f"/trainer/courses/{ethik.pk}/participants/{lena.user_id}/competences/",
        ]
    unit = OrganisationUnit.objects.get(code="st-anna")
    return [
        "/hr/",
        f"/hr/units/{unit.pk}/",
        "/hr/staff/new/",
        f"/hr/staff/{lena.pk}/",
        f"/hr/staff/{lena.pk}/competences/",
        "/hr/competences/targets/",
        "/hr/competences/reviews/",
        "/hr/import/",
        "/hr/invitations/",
        "/hr/assignments/",
    ]


def _admin_urls() -> list[str]:
    lena = StaffProfile.objects.get(user__username="lena")
    return [
        "/reports/audit/",
        "/reports/audit/?log=security",
        f"/privacy/accounts/{lena.user_id}/erase/",
    ]


@pytest.mark.parametrize("username", ["lena", "tara", "hanna", "admin"])
def test_pages_pass_axe(page, demo, username):
    log_in(page, demo.url, username)
    urls = _admin_urls() if username == "admin" else _urls_for(username)
    for url in urls:
        response = page.goto(f"{demo.url}{url}")
        assert response.status == 200, url
        assert_accessible(page)


def test_import_dry_run_result_and_errors_pass_axe(page, demo, tmp_path):
    csv_file = tmp_path / "staff.csv"
    csv_file.write_text(
        "unit,staff_type,job_role,first_name,last_name,email\n"
        "st-anna-pflege,paid,Pflegekraft,Kim,Kaya,kim@example.org\n"
        "nowhere,paid,Pflegekraft,Ole,Olsen,ole@example.org\n",
        encoding="utf-8",
    )
    log_in(page, demo.url, "hanna")
    page.goto(f"{demo.url}/hr/import/")
    page.set_input_files("input[type=file]", str(csv_file))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "3" in page.locator("main").inner_text()  # the bad line is named
    assert_accessible(page)


def test_join_pages_pass_axe(page, demo):
    page.goto(f"{demo.url}/join/")
    assert_accessible(page)
    page.goto(f"{demo.url}/join/WILLKOMMEN/")
    assert_accessible(page)


def test_self_erasure_page_passes_axe_where_it_is_allowed(page, demo, settings):
    settings.PRIVACY_SELF_ERASURE = True
    log_in(page, demo.url, "lena")
    response = page.goto(f"{demo.url}/my/data/erase/")
    assert response.status == 200
    assert_accessible(page)
