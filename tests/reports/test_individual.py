"""The individual competence record: who may see it, what others see of a
volunteer, and that private notes and reflections never appear."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from content.models import Case, Deck
from courses.models import Enrolment, EnrolmentSource, LessonPage
from courses.roles import grant_role_permissions
from courses.services import lesson_complete
from lms.activities.models import CardNote, CaseReflection, CaseResponse
from lms.competencies.models import EvidenceSource
from lms.competencies.services import (
    rating_record,
    self_assessment_save,
    target_create,
)
from lms.people.models import Role, StaffType
from lms.reports.models import AuditEntry, ReportKind
from tests import factories
from tests.people.helpers import hr_user

pytestmark = pytest.mark.django_db

RATER_NOTE = "Führt Datenschutzgespräche sicher"
REFLECTION = "GEHEIME REFLEXION über die Kollegin"
CARD_NOTE = "PRIVATE NOTIZ zur Karte"


@pytest.fixture(autouse=True)
def roles(db):
    grant_role_permissions()


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def private_notes(user, lesson):
    case = Case.objects.create(title="Das Handyfoto", dilemma="?", story="<p>.</p>")
    response = CaseResponse.objects.create(
        user=user, page=lesson, block_id="b1", case=case, option_id="other"
    )
    CaseReflection.objects.create(response=response, question_id="q1", text=REFLECTION)
    deck = Deck.objects.create(title="Gute Zusammenarbeit")
    CardNote.objects.create(user=user, deck=deck, card_id="c1", text=CARD_NOTE)


@pytest.fixture
def world(org, hanna):
    """Lena (paid) and Volker (volunteer) in Pflege am See, each with a
    rated competency, a target, a self-assessment, a completed mandatory
    course, a voluntary course, and private notes."""
    trainer = factories.staff("tara", org["verband"], roles=(Role.TRAINER,)).user
    framework = factories.framework("digital", name="Digitale Kompetenz")
    privacy = factories.competency(framework, "4.2", "Datenschutz im Alltag")
    target_create(created_by=hanna, competency=privacy, level=2, unit=org["haus_a"])
    mandatory = factories.course_tree(
        "Datenschutz", modules=1, lessons=1, mandatory=True, recertification_months=12
    )
    voluntary = factories.course_tree(
        "Malkurs fuer Ehrenamtliche", modules=1, lessons=1
    )
    people = {}
    for username, staff_type in (("lena", StaffType.PAID), ("volker", "volunteer")):
        user = factories.staff(username, org["pflege_a"], staff_type).user
        for course in (mandatory, voluntary):
            Enrolment.objects.create(
                user=user, course=course, source=EnrolmentSource.MANUAL
            )
        lesson = LessonPage.objects.descendant_of(mandatory).get()
        lesson_complete(user=user, lesson=lesson)
        rating_record(
            rater=trainer,
            user=user,
            competency=privacy,
            level=2,
            source=EvidenceSource.TRAINER,
            note=RATER_NOTE,
        )
        self_assessment_save(user=user, framework=framework, levels={privacy.pk: 3})
        private_notes(user, LessonPage.objects.descendant_of(voluntary).get())
        people[username] = user
    return {
        **people,
        "mandatory": mandatory,
        "voluntary": voluntary,
        "privacy": privacy,
    }


def url(user, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"/reports/people/{user.pk}/" + (f"?{query}" if query else "")


def test_the_person_sees_their_whole_record(client, world):
    lena = world["lena"]
    client.force_login(lena)
    response = client.get(url(lena))
    assert response.status_code == 200
    page = soup(response)
    text = page.get_text(" ", strip=True)
    assert "Competence record of Lena Muster" in text
    row = page.select_one(f"tr[data-competency='{world['privacy'].pk}']")
    assert "2 · Good" in row.get_text() and "target reached" in row.get_text()
    assert RATER_NOTE in text and "recorded by Tara Muster" in text
    courses = {
        tr.th.get_text(strip=True)
        for tr in page.select("table.individual-courses tbody tr")
    }
    assert courses == {"Datenschutz", "Malkurs fuer Ehrenamtliche"}
    # Her certificate is a link to the certificate page.
    link = page.select_one(".individual-certificates a")
    assert link["href"] == f"/my/courses/{world['mandatory'].pk}/certificate/"
    # Her own view is not audited; it is reachable from "My competences".
    assert not AuditEntry.objects.exists()
    mine = soup(client.get("/my/competences/"))
    assert mine.select_one("#my-competence-record")["href"] == url(lena)


def test_hr_in_scope_and_admins_see_it_and_are_audited(client, world, hanna):
    lena = world["lena"]
    client.force_login(hanna)
    response = client.get(url(lena))
    assert response.status_code == 200
    text = soup(response).get_text(" ", strip=True)
    assert RATER_NOTE in text
    # HR lists the completion; the certificate link is the person's own.
    assert not soup(response).select(".individual-certificates a")
    assert "completed on" in soup(response).select_one(".individual-certificates").text
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.report, entry.subject, entry.output) == (
        hanna,
        ReportKind.INDIVIDUAL,
        lena,
        "html",
    )
    assert entry.people_count == 1
    root = factories.UserFactory(username="root", is_superuser=True)
    client.force_login(root)
    assert client.get(url(lena)).status_code == 200
    assert AuditEntry.objects.filter(actor=root, subject=lena).exists()


def test_everyone_else_finds_nothing(client, org, world):
    lena = world["lena"]
    assert client.get(url(lena))["Location"].startswith("/accounts/login/")
    berta = hr_user("berta", org["haus_b"])
    client.force_login(berta)
    assert client.get(url(lena)).status_code == 404
    assert client.get(url(lena, format="csv")).status_code == 404
    client.force_login(world["volker"])
    assert client.get(url(lena)).status_code == 404
    assert client.get("/reports/people/999999/").status_code == 404
    assert not AuditEntry.objects.exists()


def test_hr_sees_of_a_volunteer_only_what_the_organisation_needs(client, world, hanna):
    volker = world["volker"]
    client.force_login(hanna)
    response = client.get(url(volker))
    page = response.content.decode()
    assert "Datenschutz" in page
    assert "Malkurs" not in page
    courses = [
        tr.th.get_text(strip=True)
        for tr in soup(response).select("table.individual-courses tbody tr")
    ]
    assert courses == ["Datenschutz"]
    assert RATER_NOTE in page  # competences and evidence are needed
    assert "Self-assessment" not in soup(response).select_one("main").get_text()
    csv_text = b"".join(client.get(url(volker, format="csv")).streaming_content)
    assert "Malkurs" not in csv_text.decode("utf-8-sig")
    # Volker himself sees all of it.
    client.force_login(volker)
    assert "Malkurs" in client.get(url(volker)).content.decode()


def test_private_notes_and_reflections_never_appear(client, world, hanna):
    root = factories.UserFactory(username="root", is_superuser=True)
    for viewer in (world["lena"], hanna, root):
        client.force_login(viewer)
        for user in (world["lena"], world["volker"]):
            if viewer == world["lena"] and user != viewer:
                continue
            for output in ("html", "csv"):
                response = client.get(url(user, format=output))
                content = (
                    b"".join(response.streaming_content)
                    if response.streaming
                    else response.content
                ).decode("utf-8-sig")
                assert REFLECTION not in content
                assert CARD_NOTE not in content


def test_the_record_prints_and_downloads(client, world, hanna):
    from openpyxl import load_workbook

    lena = world["lena"]
    client.force_login(hanna)
    page = soup(client.get(url(lena)))
    printed = page.select_one("link[media=print][href$='reports-print.css']")
    assert printed is not None
    response = client.get(url(lena, format="csv"))
    rows = list(
        csv.reader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))
        )
    )
    assert rows[0][:3] == ["Section", "Framework or course", "Competency or evidence"]
    competence = next(row for row in rows if row[0] == "Competence")
    assert competence[3:6] == ["2 · Good", "2 · Good", "0"]
    course = next(row for row in rows if row[0] == "Course")
    assert course[1] == "Datenschutz" and course[6] == "100"
    assert course[7] == timezone.localdate().isoformat()
    response = client.get(url(lena, format="xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == len(rows)
    assert list(
        AuditEntry.objects.filter(subject=lena).values_list("output", flat=True)
    ) == ["xlsx", "csv", "html"]


def test_hr_finds_the_record_from_the_staff_page(client, world, hanna):
    lena = world["lena"]
    client.force_login(hanna)
    response = client.get(f"/hr/staff/{lena.profile.pk}/")
    assert soup(response).find("a", href=url(lena))
