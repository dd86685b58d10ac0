"""A course's offline manifest lists every URL its pages need, once each, with
the right sizes and hashes, only for enrolled learners, and a version that
changes when the course does."""

import hashlib
import io
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from content.models import H5PPackage
from courses import services
from courses.models import LessonPage, LessonProgress
from tests import factories
from tests.fixtures import H5P_FIXTURES

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% checklist\n" * 20
AUDIO = b"ID3" + b"\x00" * 2048
LINKED = b"%PDF-1.4\n% linked from the text\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Own media storage; no renditions remembered from another test's."""
    from django.core.cache import cache

    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _png() -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), "#0b5394").save(buffer, "PNG")
    return ImageFile(buffer, name="team.png")


def _package() -> H5PPackage:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("import_h5p", str(H5P_FIXTURES / "true-false.h5p"), stdout=out)
    return H5PPackage.objects.get(pk=int(out.getvalue().strip().splitlines()[-1]))


@pytest.fixture
def world(org):
    """A course with images, documents (as a block, as audio and linked from
    text), an embedded video and an H5P exercise, and lena enrolled in it."""
    image = Image.objects.create(title="Team", file=_png())
    checklist = Document.objects.create(
        title="Checkliste", file=ContentFile(PDF, name="checklist.pdf")
    )
    interview = Document.objects.create(
        title="Interview", file=ContentFile(AUDIO, name="interview.mp3")
    )
    linked = Document.objects.create(
        title="Merkblatt", file=ContentFile(LINKED, name="merkblatt.pdf")
    )
    package = _package()
    course = factories.course("Offline")
    first = factories.module(course, "Erstes Modul")
    second = factories.module(course, "Zweites Modul")
    material = factories.lesson(
        first,
        "Material",
        body=[
            ("image", {"image": image, "alt_text": "Ein Team", "caption": ""}),
            ("document", {"document": checklist, "description": ""}),
            ("media_file", {"file": interview, "kind": "audio", "title": "Interview"}),
            (
                "text",
                f'<p>Siehe <a linktype="document" id="{linked.pk}">Merkblatt</a>.</p>',
            ),
            # The same image twice: one entry.
            ("image", {"image": image, "alt_text": "Noch einmal", "caption": ""}),
        ],
    )
    exercise = factories.lesson(
        first,
        "Übung",
        body=[
            (
                "h5p",
                {
                    "package": package,
                    "pass_mark": 100,
                    "counting": "best",
                    "required": True,
                },
            )
        ],
    )
    video = factories.lesson(
        second,
        "Video",
        body=[
            (
                "embed",
                {"embed": "https://www.youtube.com/watch?v=abc", "title": "Film"},
            ),
            ("text", "<p>Nach dem Film.</p>"),
        ],
    )
    draft = factories.lesson(second, "Entwurf", body=[("text", "<p>Noch nicht.</p>")])
    draft.unpublish()
    lena = factories.staff("lena", org["pflege_a"]).user
    services.course_self_enrol(user=lena, course=course)
    return {
        "course": course,
        "lessons": [material, exercise, video],
        "draft": draft,
        "image": image,
        "documents": {"checklist": checklist, "interview": interview, "linked": linked},
        "package": package,
        "lena": lena,
    }


@pytest.fixture
def manifest(client, world):
    client.force_login(world["lena"])
    response = client.get(f"/my/courses/{world['course'].pk}/offline.json")
    assert response.status_code == 200
    return response.json()


def by_url(manifest) -> dict:
    return {entry["url"]: entry for entry in manifest["files"]}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_every_page_of_the_course_once_and_no_draft(manifest, world):
    pages = [e["url"] for e in manifest["files"] if e["kind"] == "page"]
    expected = [world["course"].url] + [lesson.url for lesson in world["lessons"]]
    assert pages == expected
    assert world["draft"].url not in by_url(manifest)
    assert manifest["course"] == {
        "id": world["course"].pk,
        "title": "Offline",
        "url": world["course"].url,
    }


def test_no_url_twice_and_total_is_the_sum(manifest):
    urls = [entry["url"] for entry in manifest["files"]]
    assert [url for url, n in Counter(urls).items() if n > 1] == []
    assert manifest["total_bytes"] == sum(e["bytes"] for e in manifest["files"])
    assert all(len(e["hash"]) == 64 for e in manifest["files"])


def test_the_image_the_lesson_shows_with_its_size(client, manifest, world):
    lesson = world["lessons"][0]
    page = BeautifulSoup(client.get(lesson.url).content, "html.parser")
    sources = {img["src"] for img in page.select("main figure img")}
    assert len(sources) == 1
    entry = by_url(manifest)[sources.pop()]
    assert entry["kind"] == "image"
    path = default_storage.path(urlparse(entry["url"]).path.removeprefix("/media/"))
    data = Path(path).read_bytes()
    assert entry["bytes"] == len(data)
    assert entry["hash"] == sha256(data)


def test_documents_media_and_linked_documents(manifest, world):
    files = by_url(manifest)
    docs = world["documents"]
    for name, content, kind in [
        ("checklist", PDF, "document"),
        ("interview", AUDIO, "media"),
        ("linked", LINKED, "document"),
    ]:
        entry = files[docs[name].url]
        assert (entry["kind"], entry["bytes"], entry["hash"]) == (
            kind,
            len(content),
            sha256(content),
        )


def test_every_h5p_file_with_its_size(manifest, world):
    files = by_url(manifest)
    package = world["package"]
    folders = [package.storage_path] + [
        library.storage_path for library in package.libraries.all()
    ]
    expected = []
    for folder in folders:
        pending = [folder]
        while pending:
            current = pending.pop()
            directories, names = default_storage.listdir(current)
            pending.extend(f"{current}/{d}" for d in directories)
            expected.extend(f"{current}/{n}" for n in names)
    assert len(expected) > 10
    for name in expected:
        url = "/" + name  # served at /h5p/<path below h5p/>
        assert files[url]["bytes"] == default_storage.size(name), name
        assert files[url]["kind"] == "h5p"
    with default_storage.open(f"{package.storage_path}/h5p.json", "rb") as handle:
        assert files[f"/{package.storage_path}/h5p.json"]["hash"] == sha256(
            handle.read()
        )


def test_the_player_styles_and_scripts_the_pages_load(client, manifest, world):
    files = by_url(manifest)
    for lesson in world["lessons"][:2]:
        page = BeautifulSoup(client.get(lesson.url).content, "html.parser")
        assets = [link["href"] for link in page.select("link[rel=stylesheet]")]
        assets += [script["src"] for script in page.select("script[src]")]
        for player in page.select("[data-h5p-player]"):
            assets += [
                player["data-h5p-main"],
                player["data-h5p-frame-js"],
                player["data-h5p-frame-css"],
            ]
        assert assets
        for url in assets:
            assert url in files, url
            name = url.removeprefix("/static/")
            data = Path(finders.find(name)).read_bytes()
            assert files[url]["bytes"] == len(data)
            assert files[url]["hash"] == sha256(data)
    # The fonts h5p.css loads come along.
    assert any(url.endswith(".woff2") for url in files)


def test_embeds_are_listed_as_not_available_offline(manifest, world):
    assert [(u["url"], u["title"]) for u in manifest["unavailable"]] == [
        ("https://www.youtube.com/watch?v=abc", "Film")
    ]
    assert manifest["unavailable"][0]["page"] == world["lessons"][2].url
    assert "https://www.youtube.com/watch?v=abc" not in by_url(manifest)


def test_only_enrolled_learners_get_it(client, world, org):
    url = f"/my/courses/{world['course'].pk}/offline.json"
    assert client.get(url).status_code == 403  # not logged in
    client.force_login(factories.staff("otto", org["pflege_a"]).user)
    response = client.get(url)
    assert response.status_code == 403
    assert "error" in response.json()
    assert client.get("/my/courses/999999/offline.json").status_code == 404


def test_version_changes_when_a_page_is_republished(client, world, manifest):
    url = f"/my/courses/{world['course'].pk}/offline.json"
    assert client.get(url).json()["version"] == manifest["version"]
    lesson = LessonPage.objects.get(pk=world["lessons"][2].pk)
    lesson.title = "Video, neu"
    lesson.save_revision().publish()
    again = client.get(url).json()
    assert again["version"] != manifest["version"]
    # Pages carry the new version; files that did not change keep their hash.
    old, new = by_url(manifest), by_url(again)
    assert new[lesson.url]["hash"] != old[lesson.url]["hash"]
    checklist = world["documents"]["checklist"].url
    assert new[checklist]["hash"] == old[checklist]["hash"]


def test_version_changes_with_the_learners_progress(client, world, manifest):
    url = f"/my/courses/{world['course'].pk}/offline.json"
    video = world["lessons"][2]
    services.lesson_mark_complete(user=world["lena"], lesson=video)
    assert client.get(url).json()["version"] != manifest["version"]


def test_the_course_page_shows_the_version_to_compare(client, world, manifest):
    page = BeautifulSoup(client.get(world["course"].url).content, "html.parser")
    panel = page.select_one("[data-offline-course]")
    assert panel["data-version"] == manifest["version"]
    assert panel["data-manifest"] == f"/my/courses/{world['course'].pk}/offline.json"


def test_the_course_page_offers_no_offline_use_without_enrolment(client, world, org):
    client.force_login(factories.staff("otto", org["pflege_a"]).user)
    page = BeautifulSoup(client.get(world["course"].url).content, "html.parser")
    assert page.select_one("[data-offline-course]") is None


def test_storing_a_lesson_is_not_a_visit(client, world, manifest):
    lesson = world["lessons"][2]
    response = client.get(lesson.url, HTTP_X_OFFLINE_DOWNLOAD="1")
    assert response.status_code == 200
    assert not LessonProgress.objects.filter(user=world["lena"], lesson=lesson).exists()
    client.get(lesson.url)
    assert LessonProgress.objects.filter(user=world["lena"], lesson=lesson).exists()
