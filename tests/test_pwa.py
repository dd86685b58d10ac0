"""The installable app: a web manifest in the learner's language, and a
service worker at the root with the app version in its cache names."""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image

from tests import factories
from theme import pwa

pytestmark = pytest.mark.django_db


def manifest(language: str | None = None) -> dict:
    client = Client()
    if language:
        client.cookies["django_language"] = language
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    return json.loads(response.content)


def test_manifest_describes_an_installable_app():
    data = manifest("en")
    assert data["name"] == "Learning platform"
    assert data["short_name"] == "My learning"
    assert data["description"]
    assert data["start_url"] == "/my/"
    assert data["scope"] == "/"
    assert data["display"] == "standalone"
    assert data["lang"] == "en"


def test_manifest_colours_come_from_the_theme():
    css = Path(finders.find("theme/css/main.css")).read_text(encoding="utf-8")
    header = re.search(r"--color-primary-dark:\s*(#\w+);", css).group(1)
    background = re.search(r"--color-bg:\s*(#\w+);", css).group(1)
    data = manifest()
    assert (data["theme_color"], data["background_color"]) == (header, background)


def test_manifest_icons_are_real_pngs_of_their_size():
    icons = manifest()["icons"]
    purposes = {(icon["sizes"], icon["purpose"]) for icon in icons}
    assert {("192x192", "any"), ("512x512", "any")} <= purposes
    assert {("192x192", "maskable"), ("512x512", "maskable")} <= purposes
    for icon in icons:
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert path, icon["src"]
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert f"{image.width}x{image.height}" == icon["sizes"]


@pytest.mark.parametrize(
    ("language", "name", "short_name"),
    [
        ("de", "Lernplattform", "Mein Lernen"),
        ("da", "Læringsplatform", "Min læring"),
        ("en", "Learning platform", "My learning"),
    ],
)
def test_manifest_speaks_the_learners_language(language, name, short_name):
    data = manifest(language)
    assert (data["lang"], data["name"], data["short_name"]) == (
        language,
        name,
        short_name,
    )


def test_german_is_the_default_language_of_the_manifest():
    assert manifest()["lang"] == "de"


def service_worker():
    response = Client().get("/sw.js")
    assert response.status_code == 200
    return response


def test_service_worker_is_served_at_the_root_and_never_cached():
    response = service_worker()
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"


def test_cache_names_carry_the_app_version():
    text = service_worker().content.decode()
    version = pwa.app_version()
    assert version.startswith("0.1.0-")
    assert f"const VERSION = {json.dumps(version)};" in text
    assert "const SHELL = `lms-shell-${VERSION}`;" in text
    assert "const STATIC = `lms-static-${VERSION}`;" in text


def test_a_build_id_becomes_the_version(settings):
    settings.APP_VERSION = "build-2025-11-23.4"
    text = service_worker().content.decode()
    assert 'const VERSION = "build-2025-11-23.4";' in text


def test_the_shell_it_stores_exists():
    text = service_worker().content.decode()
    shell = json.loads(re.search(r"const SHELL_URLS = (\[.*?\]);", text).group(1))
    assert "/offline/" in shell
    for url in shell:
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url
    assert re.search(r'importScripts\("/static/theme/js/queue\.js"\);', text)


def test_pages_link_the_manifest_and_load_the_offline_script(client, org):
    lena = factories.staff("lena", org["pflege_a"]).user
    client.force_login(lena)
    page = BeautifulSoup(client.get("/my/").content, "html.parser")
    link = page.select_one("link[rel=manifest]")
    assert link["href"] == "/manifest.webmanifest"
    assert page.select_one('script[type=module][src$="theme/js/offline.js"]')
    status = page.select_one("[data-offline-status]")
    assert status["role"] == "status"
    assert status["aria-live"] == "polite"
    assert status["data-offline-user"] == str(lena.pk)
    assert page.select_one('a[href="/my/offline/"]')


def test_the_offline_page_is_the_same_for_everyone(client, org):
    anonymous = Client().get("/offline/")
    assert anonymous.status_code == 200
    client.force_login(factories.staff("lena", org["pflege_a"]).user)
    page = BeautifulSoup(client.get("/offline/").content, "html.parser")
    assert "Lena" not in page.get_text()
    assert page.select_one("nav.site-nav") is None
    assert not page.select_one("[data-offline-status]").has_attr("data-offline-user")
    assert page.select_one("#offline-texts")


def test_offline_on_this_device_needs_a_login(client, org):
    response = Client().get("/my/offline/")
    assert response.status_code == 302
    lena = factories.staff("lena", org["pflege_a"]).user
    client.force_login(lena)
    page = BeautifulSoup(client.get("/my/offline/").content, "html.parser")
    assert page.h1.get_text() == "Offline on this device"
    assert page.select_one("[data-offline-status]")["data-offline-user"] == str(lena.pk)
