"""The "H5P package" snippet in the Wagtail admin."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from content.models import H5PPackage

from .conftest import TRUE_FALSE, stored_files

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_content_h5ppackage:add"
INDEX = "wagtailsnippets_content_h5ppackage:list"
INSPECT = "wagtailsnippets_content_h5ppackage:inspect"


def h5p_upload(path):
    return SimpleUploadedFile(
        path.name, path.read_bytes(), content_type="application/zip"
    )


def test_the_upload_form_has_a_file_field(client, trainer):
    client.force_login(trainer)
    response = client.get(reverse(ADD))

    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").find(
        "form", id="w-editor-form"
    )
    assert form["enctype"] == "multipart/form-data"
    assert form.find("input", attrs={"type": "file", "name": "file"})


def test_a_trainer_sees_why_a_package_was_rejected(client, trainer, media):
    client.force_login(trainer)
    response = client.post(reverse(ADD), {"file": h5p_upload(TRUE_FALSE)})

    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ")
    assert "not installed yet" in text
    assert "H5P.TrueFalse 1.6" in text
    assert stored_files(media) == []
    assert not H5PPackage.objects.exists()


def test_a_broken_file_is_reported_inline(client, trainer, build_h5p):
    client.force_login(trainer)
    path = build_h5p({"content/evil.js": "alert(1)"})
    response = client.post(reverse(ADD), {"file": h5p_upload(path)})

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "content/evil.js" in soup.get_text(" ")
    assert "not allowed in the content folder" in soup.get_text(" ")


def test_a_trainer_uploads_a_package_with_installed_libraries(
    client, trainer, admin_user, build_h5p
):
    client.force_login(admin_user)
    client.post(reverse(ADD), {"file": h5p_upload(build_h5p())})
    client.force_login(trainer)
    path = build_h5p({"content/content.json": '{"q": 2}'}, name="second.h5p")

    response = client.post(reverse(ADD), {"file": h5p_upload(path)}, follow=True)

    package = H5PPackage.objects.get(original_filename="second.h5p")
    assert response.redirect_chain[-1][0] == reverse(INSPECT, args=[package.pk])
    assert package.uploaded_by == trainer
    assert default_storage.exists(f"{package.storage_path}/content/content.json")


def test_an_admin_uploads_the_fixture_and_inspects_it(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse(ADD), {"file": h5p_upload(TRUE_FALSE)}, follow=True)

    assert response.status_code == 200
    package = H5PPackage.objects.get()
    soup = BeautifulSoup(response.content, "html.parser")
    text = soup.get_text(" ")
    assert "Hello World" in text
    assert "uploaded" in text
    assert "H5P.TrueFalse 1.6" in text
    assert "FontAwesome 4.5" in text
    links = {a.get_text(strip=True): a["href"] for a in soup.select("a[href^='/h5p/']")}
    assert links["content/content.json"] == (
        f"/h5p/{package.storage_path.removeprefix('h5p/')}/content/content.json"
    )
    assert "h5p.json" in links
    player = soup.select_one("[data-h5p-player]")
    assert player["data-h5p-json-path"] == f"/{package.storage_path}"
    assert "data-h5p-record" not in player.attrs  # a preview records nothing

    listing = client.get(reverse(INDEX))
    assert "Hello World" in listing.content.decode()
    assert "H5P.TrueFalse 1.6" in listing.content.decode()


def test_learners_cannot_upload(client, learner):
    client.force_login(learner)
    assert client.get(reverse(ADD)).status_code in (302, 403)


def test_a_trainer_can_rename_a_package(client, trainer):
    from .test_import import run

    package = H5PPackage.objects.get(pk=run(TRUE_FALSE)[-1])
    client.force_login(trainer)
    edit = reverse("wagtailsnippets_content_h5ppackage:edit", args=[package.pk])

    assert client.get(edit).status_code == 200
    response = client.post(edit, {"title": "True or false?"})

    assert response.status_code == 302
    package.refresh_from_db()
    assert package.title == "True or false?"
