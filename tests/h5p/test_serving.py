"""GET /h5p/<path>: unpacked files for logged-in users, confined to h5p/."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from content.views import CONTENT_POLICY, LIBRARY_POLICY

pytestmark = pytest.mark.django_db

HASH = "a" * 64


@pytest.fixture
def files():
    names = {
        f"h5p/content/{HASH}/h5p.json": b'{"title": "x"}',
        f"h5p/content/{HASH}/content/content.json": b'{"question": "?"}',
        f"h5p/content/{HASH}/content/images/sky.png": b"\x89PNG\r\n",
        "h5p/libraries/H5P.Demo-1.0/demo.js": b"H5P.Demo = 1;",
        "h5p/libraries/H5P.Demo-1.0/demo.css": b".x{}",
        "h5p/libraries/H5P.Demo-1.0/icon.svg": b"<svg/>",
        "h5p/libraries/H5P.Demo-1.0/fonts/x.woff2": b"wOF2",
        "secret.txt": b"not for you",
    }
    for name, data in names.items():
        default_storage.save(name, ContentFile(data))
    return names


@pytest.fixture
def user_client(client, learner):
    client.force_login(learner)
    return client


def test_url_shape():
    assert reverse("h5p-file", kwargs={"path": "content/abc/h5p.json"}) == (
        "/h5p/content/abc/h5p.json"
    )


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        (f"content/{HASH}/h5p.json", "application/json"),
        (f"content/{HASH}/content/content.json", "application/json"),
        (f"content/{HASH}/content/images/sky.png", "image/png"),
        ("libraries/H5P.Demo-1.0/demo.js", "text/javascript"),
        ("libraries/H5P.Demo-1.0/demo.css", "text/css"),
        ("libraries/H5P.Demo-1.0/icon.svg", "image/svg+xml"),
        ("libraries/H5P.Demo-1.0/fonts/x.woff2", "font/woff2"),
    ],
)
def test_files_are_served_with_their_type(user_client, files, path, content_type):
    response = user_client.get(f"/h5p/{path}")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert b"".join(response.streaming_content) == files[f"h5p/{path}"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == (
        LIBRARY_POLICY if path.startswith("libraries/") else CONTENT_POLICY
    )
    assert "allow-scripts" not in response["Content-Security-Policy"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_library_files_are_cached_for_good(user_client, files):
    response = user_client.get("/h5p/libraries/H5P.Demo-1.0/demo.js")
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_content_files_are_cached_privately_and_briefly(user_client, files):
    response = user_client.get(f"/h5p/content/{HASH}/content/content.json")
    cache = response["Cache-Control"]
    assert cache.startswith("private")
    assert "immutable" not in cache


def test_head_is_allowed_and_post_is_not(user_client, files):
    assert user_client.head("/h5p/libraries/H5P.Demo-1.0/demo.js").status_code == 200
    assert user_client.post("/h5p/libraries/H5P.Demo-1.0/demo.js").status_code == 405


def test_login_required_and_no_login_page_for_a_file(client, files):
    """Without a login the player's file is refused, not answered with the
    login page, which would set a CSRF cookie of its own (and replace the one
    of a login form open in the same browser)."""
    response = client.get("/h5p/libraries/H5P.Demo-1.0/demo.js")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/plain")
    assert not response.cookies


@pytest.mark.parametrize(
    "url",
    [
        "/h5p/../secret.txt",
        "/h5p/content/../../secret.txt",
        "/h5p/%2e%2e/secret.txt",
        "/h5p/content/%2E%2E/%2E%2E/secret.txt",
        "/h5p/libraries/..%2f..%2fsecret.txt",
        "/h5p/libraries%5c..%5c..%5csecret.txt",
        "/h5p//etc/passwd",
        "/h5p/content/./x",
        f"/h5p/content/{HASH}/missing.json",
        "/h5p/libraries/H5P.Demo-1.0",
        "/h5p/libraries/H5P.Demo-1.0/",
    ],
)
def test_traversal_outside_prefix_and_missing_are_404(user_client, files, url):
    assert user_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        f"h5p/content/{HASH}/content/page.html",
        f"h5p/content/{HASH}/content/evil.svg",
        f"h5p/content/{HASH}/content/run.js",
        "h5p/libraries/H5P.Demo-1.0/page.html",
        "h5p/libraries/H5P.Demo-1.0/shell.php",
    ],
)
def test_files_an_upload_may_not_contain_are_never_served(user_client, name):
    """Whatever else lands in storage, only allowed types are served: no HTML
    page, and no script or SVG from a package's content folder."""
    default_storage.save(name, ContentFile(b"<script>alert(1)</script>"))
    assert user_client.get("/" + name).status_code == 404
