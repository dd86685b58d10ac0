"""Uploads are what their names say and not too big, and files are served so
that nothing in them runs in the platform's origin."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from lms.competencies.models import EvidenceSource
from lms.competencies.services import evidence_record
from lms.security.headers import FILE_POLICY
from tests import factories
from tests.people.helpers import soup

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def editor(client, db):
    user = factories.UserFactory(username="tara", is_superuser=True, is_staff=True)
    user.groups.add(Group.objects.get(name="Admin"))
    client.force_login(user)
    return client


def upload_document(client, name, data):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def errors(response) -> str:
    return " ".join(
        e.get_text(" ", strip=True)
        for e in soup(response).select(".error-message, .errorlist, .w-field__errors")
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("guide.pdf", PDF),
        ("form.docx", docx()),
        ("list.csv", "Name;Einheit\nLena;Pflege Süd\n".encode()),
        ("notes.txt", "Grüße aus dem Haus am See".encode("cp1252")),
    ],
)
def test_documents_whose_bytes_match_their_names_are_stored(editor, name, data):
    response = upload_document(editor, name, data)
    assert response.status_code == 302, errors(response)
    assert Document.objects.filter(title=name).exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("guide.pdf", HTML),  # a web page renamed to .pdf
        ("form.docx", PDF),
        ("sheet.xlsx", docx()),  # a ZIP, but not a spreadsheet
        ("archive.zip", b"not a zip at all"),
        ("notes.txt", HTML),
        ("data.csv", b"\x89PNG\r\n\x1a\n\x00\x00binary"),
    ],
)
def test_documents_whose_bytes_do_not_match_are_refused(editor, media, name, data):
    response = upload_document(editor, name, data)
    assert response.status_code == 200
    assert "does not match its name" in errors(response)
    assert not Document.objects.exists()
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_an_oversized_document_is_refused_before_it_is_stored(editor, media, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_BYTES = 1024
    response = upload_document(editor, "big.pdf", PDF + b"0" * 2048)
    assert "larger than 1.0" in errors(response)
    assert not Document.objects.exists()
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_the_multiple_uploader_checks_too(editor):
    response = editor.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("guide.pdf", HTML)},
    )
    assert response.json()["success"] is False
    assert "does not match its name" in str(response.json())
    assert not Document.objects.exists()


def test_documents_are_downloads_in_a_sandbox(editor):
    document = Document.objects.create(
        title="Guide", file=ContentFile(PDF, name="guide.pdf")
    )
    response = editor.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == FILE_POLICY
    assert "sandbox" in FILE_POLICY and "default-src 'none'" in FILE_POLICY


def upload_image(client, name, data):
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_svg_images_are_refused(editor):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload_image(editor, "logo.svg", svg)
    assert response.status_code == 200
    assert "Not a supported image format" in errors(response)
    assert "SVG" not in errors(response)
    assert not Image.objects.exists()


def test_an_image_whose_bytes_are_not_an_image_is_refused(editor):
    response = upload_image(editor, "photo.png", HTML)
    assert response.status_code == 200
    assert errors(response)
    assert not Image.objects.exists()


def test_prior_learning_documents_are_downloads_in_a_sandbox(hr_client, org):
    lena = factories.staff("lena", org["haus_a"])
    framework = factories.framework("house", levels=("Basic", "Good", "Expert"))
    competency = factories.competency(framework, "1.1", "Protecting data")
    evidence = evidence_record(
        user=lena.user,
        competency=competency,
        level=2,
        source=EvidenceSource.PRIOR,
        document=ContentFile(PDF, name="certificate.pdf"),
    )
    response = hr_client.get(f"/hr/competences/evidence/{evidence.pk}/document/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == FILE_POLICY
