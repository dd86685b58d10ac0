"""/my/data/ and /my/data/export.zip: what a learner sees and downloads
about themselves, and nothing about anyone else."""

import io
import json
import zipfile
from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.audit.models import AuditAction, AuditEvent
from lms.privacy.inventory import categories
from lms.reports.audit import audit_record
from tests.people.helpers import hr_user

from .helpers import EMAIL, REFLECTION, seed_person

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def download(client) -> zipfile.ZipFile:
    response = client.get("/my/data/export.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_both_pages_need_a_login(client):
    for url in ("/my/data/", "/my/data/export.zip"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_the_page_says_what_is_stored_with_counts(org):
    seeded = seed_person(org)
    page = soup(seeded.client.get("/my/data/"))
    counts = {
        row.th.get_text(strip=True): int(row.find_all("td")[-1].get_text())
        for row in page.select("#my-data-summary tbody tr")
    }
    assert counts["Case studies: your reflections"] == 2
    assert counts["Notes on dialogue cards"] == 1
    assert counts["Quiz attempts"] == 1
    assert counts["Self-assessments"] == 2
    assert counts["Who looked at your record"] == 1
    assert counts["Reminders you received"] == 1
    assert len(counts) == len(categories())


def test_who_looked_shows_the_role_and_never_the_name(org):
    seeded = seed_person(org)
    page = seeded.client.get("/my/data/")
    views = soup(page).select("#my-data-views tbody tr")
    assert len(views) == 1
    assert "Individual competence record" in views[0].get_text()
    assert "HR" in views[0].get_text()
    assert seeded.hr.get_username() not in page.content.decode()
    assert seeded.hr.last_name not in page.content.decode()


def test_the_page_runs_the_same_queries_however_much_is_stored(
    org, django_assert_max_num_queries
):
    seeded = seed_person(org)
    seeded.client.get("/my/data/")  # warm: content types
    with CaptureQueriesContext(connection) as queries:
        assert seeded.client.get("/my/data/").status_code == 200
    budget = len(queries.captured_queries)
    assert budget <= 8

    # Much more of everything, and views of her record by many people.
    for n in range(12):
        viewer = hr_user(f"hr{n}", org["haus_a"])
        audit_record(
            user=viewer,
            report="individual",
            output="html",
            filters={},
            people_count=1,
            subject=seeded.user,
        )
        AuditEvent.objects.create(
            action=AuditAction.LOGIN, actor=seeded.user, subject=seeded.user
        )
    with django_assert_max_num_queries(budget):
        assert seeded.client.get("/my/data/").status_code == 200


def test_the_download_has_one_documented_json_file_per_category(org):
    seeded = seed_person(org)
    archive = download(seeded.client)
    names = set(archive.namelist())
    for category in categories():
        assert category.filename in names
        data = json.loads(archive.read(category.filename))
        assert data["category"] == category.key
        assert set(data["fields"]) == set(category.fields)
        assert data["count"] == len(data["items"])
        for item in data["items"]:
            assert set(item) == set(category.fields), category.key
        datetime.fromisoformat(data["generated_at"])
    reflections = json.loads(archive.read("case_reflections.json"))["items"]
    assert REFLECTION in [r["text"] for r in reflections]
    for item in json.loads(archive.read("enrolments.json"))["items"]:
        assert datetime.fromisoformat(item["enrolled_at"]).tzinfo is not None
    [profile] = json.loads(archive.read("profile.json"))["items"]
    assert profile["email"] == EMAIL
    assert profile["unit"] == "Verband Nord / Haus am See / Pflege am See"
    # The certificate she handed in is in it.
    assert any(name.startswith("documents/") for name in names)


def test_the_overview_page_reads_on_its_own(org):
    seeded = seed_person(org)
    html = download(seeded.client).read("index.html").decode()
    page = BeautifulSoup(html, "html.parser")
    assert REFLECTION in page.get_text()
    assert page.html["lang"] == "en"
    assert not page.find_all(["script", "link", "img", "iframe"])
    assert "http://" not in html.replace("http://adlnet", "").replace(
        "http://testserver", ""
    ).replace("http://h5p.org", "")
    assert "https://" not in html


def test_the_download_holds_nobody_else(org):
    seeded = seed_person(org)
    colleague = seed_person(
        org,
        username="olga",
        first="Olga",
        last="Oberländer",
        email="olga@example.org",
        hr=seeded.hr,
        trainer=seeded.trainer,
        course=seeded.course,
    )
    archive = download(seeded.client)
    everything = " ".join(
        archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
    )
    for name in ("Olga", "Oberländer", "olga@example.org"):
        assert name not in everything
    for other in (seeded.hr, seeded.trainer):
        assert other.get_username() not in everything
        assert other.last_name not in everything
    assert colleague.user.get_username() not in everything


def test_each_download_is_in_the_security_log(org):
    seeded = seed_person(org)
    download(seeded.client)
    download(seeded.client)
    events = AuditEvent.objects.filter(action=AuditAction.DATA_EXPORTED)
    assert events.count() == 2
    assert {(e.actor_id, e.subject_id) for e in events} == {
        (seeded.user.pk, seeded.user.pk)
    }
