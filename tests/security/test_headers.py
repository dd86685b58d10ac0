"""Every page carries a Content-Security-Policy that allows scripts only from
our own origin (and a fresh nonce where a page asks for one), and every
response the other protective headers; the admin has its own, documented
policy; JSON and downloads get a sandbox."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings

from courses.models import LessonPage
from courses.services import enrolment_create
from lms.security.headers import FILE_POLICY
from tests import factories
from tests.people.helpers import soup

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:]
        for part in (p.strip() for p in policy.split(";"))
        if part
    }


def nonces_of(response) -> list[str]:
    sources = directives(response)["script-src"]
    return [s[len("'nonce-") : -1] for s in sources if s.startswith("'nonce-")]


def assert_page_policy(response):
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert "'self'" in policy["script-src"]
    for script in soup(response).find_all("script"):
        if script.get("type") == "application/json":
            continue  # data, never run
        assert script.get("src", "").startswith("/static/"), script
    return policy


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


@pytest.fixture
def lena(org):
    return factories.staff("lena", org["pflege_a"]).user


@pytest.fixture
def lesson(lena):
    course = factories.course_tree("Datenschutz", modules=1, lessons=1)
    enrolment_create(user=lena, course=course, source="self")
    return LessonPage.objects.get()


@pytest.mark.parametrize(
    "where", ["lesson", "course", "my-learning", "offline", "certificate-free"]
)
def test_learner_pages_have_the_page_policy_and_no_inline_script(
    client, lena, lesson, where
):
    client.force_login(lena)
    url = {
        "lesson": lesson.url,
        "course": lesson.get_parent().get_parent().url,
        "my-learning": "/my/",
        "offline": "/offline/",
        "certificate-free": "/my/offline/",
    }[where]
    for _answer in range(2):  # rendered, then (lesson, course) kept
        response = client.get(url)
        assert response.status_code == 200, url
        assert_page_policy(response)
        assert nonces_of(response) == []
        assert_common_headers(response)


def test_a_page_that_asks_for_a_nonce_gets_a_fresh_one_each_time(rf):
    """Where a page puts the nonce on a script, the policy allows exactly it,
    anew for every response."""
    from django.http import HttpResponse

    from lms.security.headers import SecurityHeadersMiddleware

    def page(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    middleware = SecurityHeadersMiddleware(page)
    seen = []
    for _answer in range(2):
        response = middleware(rf.get("/somewhere/"))
        (nonce,) = nonces_of(response)
        assert f'nonce="{nonce}"' in response.content.decode()
        assert len(nonce) >= 16
        seen.append(nonce)
    assert seen[0] != seen[1]


def test_login_page_and_404(client):
    login = client.get("/accounts/login/")
    assert_page_policy(login)
    assert_common_headers(login)
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert_page_policy(missing)
    assert_common_headers(missing)


def test_a_report(hr_client):
    response = hr_client.get("/reports/")
    assert response.status_code == 200
    assert_page_policy(response)


def test_the_admin_has_its_own_policy(client, lesson):
    admin = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    admin.groups.add(Group.objects.get(name="Admin"))
    client.force_login(admin)
    for url in ("/admin/", f"/admin/pages/{lesson.pk}/edit/", "/admin/login/"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        policy = directives(response)
        # Wagtail writes inline scripts and styles; everything else holds.
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
        assert "'unsafe-eval'" not in policy["script-src"]
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert policy["img-src"] == ["'self'", "data:", "blob:"]  # no gravatar
        assert_common_headers(response)


def test_json_apis_get_a_sandbox_and_no_page_policy(client, lena):
    health = client.get("/healthz")
    assert health["Content-Type"] == "application/json"
    assert health["Content-Security-Policy"] == FILE_POLICY
    assert_common_headers(health)
    client.force_login(lena)
    sync = client.post("/api/sync/", {"items": []}, content_type="application/json")
    assert sync["Content-Security-Policy"] == FILE_POLICY


def test_the_service_worker_has_no_policy_of_its_own(client):
    """A worker script's policy would govern the worker: it keeps the page's."""
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert_common_headers(response)


@override_settings(CSP_REPORT_ONLY=True)
def test_report_only_for_a_trial_run(client):
    response = client.get("/accounts/login/")
    assert "Content-Security-Policy" not in response
    assert re.search(
        r"script-src 'self'[^;]*;", response["Content-Security-Policy-Report-Only"]
    )
