"""Trainers import and export frameworks in the Wagtail admin."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.competencies.models import Framework
from lms.people.models import Role
from tests import factories

from .test_exchange_moodle_csv import FRENCH_EXPORT, counts, tree_of

pytestmark = pytest.mark.django_db

IMPORT = "competencies_exchange:import"
LIST = "wagtailsnippets_competencies_framework:list"
EDIT = "wagtailsnippets_competencies_framework:edit"
FRAMEWORK_PERMISSIONS = [
    "add_framework",
    "change_framework",
    "view_framework",
    "add_competency",
    "change_competency",
    "view_competency",
]


def export_url(framework, format: str) -> str:
    return reverse(
        "competencies_exchange:export", kwargs={"pk": framework.pk, "format": format}
    )


@pytest.fixture
def trainer(org):
    """A trainer with the framework permissions the Trainer role grants."""
    Group.objects.get(name=Role.TRAINER.value).permissions.add(
        *Permission.objects.filter(
            content_type__app_label="competencies", codename__in=FRAMEWORK_PERMISSIONS
        )
    )
    return factories.staff(
        "tara", org["verband"], roles=(Role.LEARNER, Role.TRAINER)
    ).user


@pytest.fixture
def learner(org):
    return factories.staff("lena", org["pflege_a"]).user


@pytest.fixture
def house():
    framework = factories.framework(slug="house", name="House framework")
    area = factories.competency(framework, "1", "Data", sort_order=1)
    factories.competency(framework, "1.1", "Finding data", parent=area, sort_order=2)
    return framework


def upload(content: bytes, name: str = "framework.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def page_text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ")


def test_the_framework_list_offers_import_and_downloads(client, trainer, house):
    client.force_login(trainer)

    response = client.get(reverse(LIST))

    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("a", href=reverse(IMPORT))
    assert soup.find("a", href=export_url(house, "moodle-csv"))
    assert soup.find("a", href=export_url(house, "case-json"))


def test_the_edit_page_offers_the_downloads(client, trainer, house):
    client.force_login(trainer)

    response = client.get(reverse(EDIT, args=[house.pk]))

    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("a", href=export_url(house, "moodle-csv"))
    assert soup.find("a", href=export_url(house, "case-json"))


def test_the_import_form_takes_a_file_and_a_format(client, trainer):
    client.force_login(trainer)

    response = client.get(reverse(IMPORT))

    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").find(
        "form", id="w-editor-form"
    )
    assert form["enctype"] == "multipart/form-data"
    assert form.find("input", attrs={"type": "file", "name": "file"})
    formats = [
        radio["value"] for radio in form.find_all("input", attrs={"name": "format"})
    ]
    assert formats == ["moodle-csv", "case-json"]
    assert form.find("label", attrs={"for": form.find("input", type="file")["id"]})


def test_a_trainer_imports_a_moodle_file_and_sees_the_framework(client, trainer):
    client.force_login(trainer)

    response = client.post(
        reverse(IMPORT),
        {"file": upload(FRENCH_EXPORT), "format": "moodle-csv"},
        follow=True,
    )

    framework = Framework.objects.get(slug="competences-numeriques")
    assert response.redirect_chain[-1][0] == reverse(EDIT, args=[framework.pk])
    text = page_text(response)
    assert "Framework “Compétences numériques” imported with 5 competencies." in text
    assert "Completion rules are not imported (line 6)." in text
    listing = client.get(reverse(LIST))
    assert "Compétences numériques" in page_text(listing)


def test_a_trainer_imports_a_case_package(client, trainer, house):
    from lms.competencies.exchange import framework_export_case_json

    package = json.dumps(framework_export_case_json(house)).encode()
    tree = tree_of(house)
    house.delete()
    client.force_login(trainer)

    response = client.post(
        reverse(IMPORT),
        {"file": upload(package, "house.json"), "format": "case-json"},
    )

    assert response.status_code == 302
    assert tree_of(Framework.objects.get(name="House framework")) == tree


def test_a_malformed_upload_shows_the_problems_and_changes_nothing(client, trainer):
    client.force_login(trainer)
    broken = FRENCH_EXPORT.replace(b"2;2.1;Interagir", b"9;2.1;Interagir").replace(
        b";1.2;", b";1.1;"
    )
    before = counts()

    response = client.post(
        reverse(IMPORT), {"file": upload(broken), "format": "moodle-csv"}
    )

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    problems = [li.get_text(strip=True) for li in soup.select("#import-problems li")]
    assert problems == [
        "Line 6: the ID number “1.1” is already used (see Line 5).",
        "Line 8: the parent “9” does not exist.",
    ]
    assert soup.select_one("#import-problems")["role"] == "alert"
    assert "Nothing was imported" in soup.find(class_="w-field--error").get_text()
    assert counts() == before


def test_the_wrong_format_is_reported(client, trainer):
    client.force_login(trainer)

    response = client.post(
        reverse(IMPORT), {"file": upload(FRENCH_EXPORT), "format": "case-json"}
    )

    assert "the file is not valid JSON" in page_text(response)


def test_a_file_over_the_limit_is_refused(client, trainer, settings):
    settings.COMPETENCY_IMPORT_MAX_BYTES = 100
    client.force_login(trainer)

    response = client.post(
        reverse(IMPORT), {"file": upload(FRENCH_EXPORT), "format": "moodle-csv"}
    )

    assert "The file is larger than 100\xa0bytes; nothing was imported." in page_text(
        response
    )
    assert "At most 100\xa0bytes." in page_text(response)


def test_export_downloads_a_file(client, trainer, house):
    client.force_login(trainer)

    csv_response = client.get(export_url(house, "moodle-csv"))
    json_response = client.get(export_url(house, "case-json"))

    assert csv_response["Content-Disposition"] == 'attachment; filename="house.csv"'
    assert (
        csv_response.content.decode().splitlines()[3].startswith("1,1.1,Finding data")
    )
    assert json_response["Content-Disposition"] == (
        'attachment; filename="house.case.json"'
    )
    assert json.loads(json_response.content)["CFDocument"]["title"] == "House framework"


def test_an_unknown_format_or_framework_is_not_found(client, trainer, house):
    client.force_login(trainer)

    assert (
        client.get(f"/admin/competencies/frameworks/{house.pk}/export/xml/").status_code
        == 404
    )
    assert client.get(export_url(Framework(pk=999_999), "case-json")).status_code == 404


def test_learners_can_neither_import_nor_export(client, learner, house):
    client.force_login(learner)

    assert client.get(reverse(IMPORT)).status_code in (302, 403)
    assert (
        client.post(
            reverse(IMPORT), {"file": upload(FRENCH_EXPORT), "format": "moodle-csv"}
        )
    ).status_code in (302, 403)
    assert client.get(export_url(house, "case-json")).status_code in (302, 403)
    assert not Framework.objects.filter(slug="competences-numeriques").exists()


def test_viewing_frameworks_allows_export_but_not_import(client, house):
    """Whoever may see frameworks may download them; importing needs the
    permission to add one."""
    reader = factories.UserFactory(username="vera")
    reader.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
        Permission.objects.get(
            content_type__app_label="competencies", codename="view_framework"
        ),
    )
    client.force_login(reader)

    refused = client.get(reverse(IMPORT), follow=True)
    assert refused.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "Sorry, you do not have permission to access this area." in page_text(
        refused
    )
    assert client.get(export_url(house, "case-json")).status_code == 200
    listing = BeautifulSoup(client.get(reverse(LIST)).content, "html.parser")
    assert not listing.find("a", href=reverse(IMPORT))
    assert listing.find("a", href=export_url(house, "moodle-csv"))
