"""HR recognises prior learning with a document: a PDF, PNG or JPEG of at most
10 MB, told by its content, not its name; a refused upload stores nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.competencies.models import CompetencyState, Evidence, EvidenceSource
from tests import factories
from tests.people.helpers import hr_user, messages_of, soup

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Where certificates go: the private folder (returned), never MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "public"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path / "private"


@pytest.fixture
def house(db):
    framework = factories.framework("house", levels=("Basic", "Good", "Expert"))
    return framework, factories.competency(framework, "1.1", "Protecting data")


@pytest.fixture
def lena(org):
    return factories.staff("lena", org["pflege_a"])


def recognise(client, profile, house, document, level=3):
    framework, competency = house
    data = {
        "action": "prior",
        "prior-competency": competency.pk,
        "prior-level": f"{framework.pk}:{level}",
        "prior-note": "Zertifikat der Volkshochschule, 2024",
    }
    if document is not None:
        data["prior-document"] = document
    return client.post(
        reverse("hr-staff-competences", args=[profile.pk]), data, follow=True
    )


def stored_files(media) -> list:
    return [path for path in media.rglob("*") if path.is_file()]


def errors(response) -> str:
    return " ".join(
        e.get_text(" ", strip=True) for e in soup(response).select(".errorlist")
    )


@pytest.mark.parametrize(
    ("content", "extension"), [(PDF, ".pdf"), (PNG, ".png"), (JPEG, ".jpg")]
)
def test_document_is_accepted_and_the_level_counts(
    hr_client, lena, house, media, content, extension
):
    upload = SimpleUploadedFile(
        "Zertifikat Lena.pdf", content, content_type="application/pdf"
    )
    response = recognise(hr_client, lena, house, upload)
    assert messages_of(response) == ["1.1 Protecting data recorded for Lena Muster."]
    evidence = Evidence.objects.get()
    assert evidence.source == EvidenceSource.PRIOR
    assert evidence.note == "Zertifikat der Volkshochschule, 2024"
    # our own name, with the extension of what the file really is
    assert evidence.document.name.endswith(extension)
    assert "Zertifikat" not in evidence.document.name
    assert CompetencyState.objects.get(user=lena.user).level == 3

    link = soup(response).select_one('a[href*="/document/"]')
    download = hr_client.get(link["href"])
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == content


def test_html_named_pdf_is_refused(hr_client, lena, house, media):
    upload = SimpleUploadedFile(
        "zertifikat.pdf",
        b"<html><script>alert(1)</script></html>",
        content_type="application/pdf",
    )
    response = recognise(hr_client, lena, house, upload)
    assert "This is not a PDF, PNG or JPEG file." in errors(response)
    assert not Evidence.objects.exists()
    assert stored_files(media) == []


def test_oversize_document_is_refused(hr_client, lena, house, media):
    upload = SimpleUploadedFile(
        "gross.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf"
    )
    response = recognise(hr_client, lena, house, upload)
    assert "larger than 10 MB" in errors(response)
    assert not Evidence.objects.exists()
    assert stored_files(media) == []


def test_a_document_is_required(hr_client, lena, house, media):
    response = recognise(hr_client, lena, house, None)
    assert "This field is required." in errors(response)
    assert not Evidence.objects.exists()
    assert not CompetencyState.objects.exists()


def test_level_off_the_scale_stores_nothing(hr_client, lena, house, media):
    upload = SimpleUploadedFile("ok.pdf", PDF, content_type="application/pdf")
    response = recognise(hr_client, lena, house, upload, level=4)
    assert "Select a valid choice" in errors(response)
    assert not Evidence.objects.exists()
    assert stored_files(media) == []


def test_document_only_for_hr_of_the_persons_unit(client, org, hanna, lena, house):
    client.force_login(hanna)
    upload = SimpleUploadedFile("ok.pdf", PDF, content_type="application/pdf")
    recognise(client, lena, house, upload)
    download = reverse("hr-evidence-document", args=[Evidence.objects.get().pk])
    client.force_login(hr_user("bea", org["haus_b"]))
    assert client.get(download).status_code == 404
    client.force_login(lena.user)
    assert client.get(download).status_code == 403


def test_a_certificate_is_kept_where_no_url_reaches_it(
    client, settings, media, hanna, lena, house
):
    """A web server may serve MEDIA_ROOT to anyone; certificates name people."""
    client.force_login(hanna)
    upload = SimpleUploadedFile("ok.pdf", PDF, content_type="application/pdf")
    recognise(client, lena, house, upload)
    evidence = Evidence.objects.get()
    public = settings.MEDIA_ROOT
    assert not public.exists() or not any(p.is_file() for p in public.rglob("*"))
    assert len(stored_files(media)) == 1
    with pytest.raises(ValueError):
        evidence.document.url  # noqa: B018
