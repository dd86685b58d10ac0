"""HR sets competence targets for the units they manage; admins also for the
whole organisation. Each target shows how many people it reaches."""

import pytest
from django.urls import reverse

from lms.competencies import services
from lms.competencies.models import CompetencyTarget
from lms.competencies.selectors import targets_reaching
from lms.people.models import StaffProfile, StaffType
from lms.people.services import job_role_get_or_create
from tests import factories
from tests.people.helpers import hr_user, messages_of, soup

pytestmark = pytest.mark.django_db
URL = "/hr/competences/targets/"


@pytest.fixture
def house(db):
    framework = factories.framework("house", levels=("Basic", "Good", "Expert"))
    area = factories.competency(framework, "1", "Data")
    return {
        "framework": framework,
        "privacy": factories.competency(framework, "1.1", "Protecting data", area),
    }


@pytest.fixture
def people(org, hanna):
    """hanna (HR, Haus am See), lena and volker below her, bert elsewhere."""
    lena = factories.staff("lena", org["pflege_a"])
    lena.job_role = job_role_get_or_create(name="Pflegefachkraft")
    lena.save()
    return {
        "hanna": hanna.profile,
        "lena": lena,
        "volker": factories.staff(
            "volker", org["pflege_a"], staff_type=StaffType.VOLUNTEER
        ),
        "bert": factories.staff("bert", org["beratung_b"]),
    }


@pytest.fixture
def admin_client(client, db):
    admin = factories.UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    return client


def post_target(client, house, unit, **fields):
    data = {
        "competency": house["privacy"].pk,
        "level": f"{house['framework'].pk}:2",
        "unit": unit.pk if unit else "",
        "include_subunits": "on",
        "staff_type": "",
        "job_role": "",
    }
    data.update(fields)
    return client.post(URL, data, follow=True)


def table(response) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in soup(response).select("table.targets tbody tr")
    ]


def test_hr_sets_a_target_for_a_unit_in_scope(hr_client, org, house, people):
    page = soup(hr_client.get(URL))
    competency_options = page.select("#id_competency optgroup[label=House] option")
    assert [o.text for o in competency_options] == [
        "1 Data",
        "\u20031.1 Protecting data",
    ]
    assert [o.text for o in page.select("#id_level optgroup[label=House] option")] == [
        "1 · Basic",
        "2 · Good",
        "3 · Expert",
    ]
    response = post_target(hr_client, house, org["haus_a"])
    assert messages_of(response) == [
        "Target set: 1.1 Protecting data at level 2 · Good for Haus am See."
    ]
    target = CompetencyTarget.objects.get()
    assert (target.unit, target.level, target.created_by) == (
        org["haus_a"],
        2,
        people["hanna"].user,
    )
    assert table(response) == [
        [
            "1.1 Protecting data House",
            "2 · Good",
            "Haus am See",
            "yes",
            "Paid staff and volunteers",
            "Every job role",
            "3",
            "Hanna Muster",
            "Delete : 1.1 Protecting data, Haus am See",
        ]
    ]


def test_hr_cannot_set_a_target_outside_their_units(hr_client, org, house, people):
    response = post_target(hr_client, house, org["haus_b"])
    assert "Select a valid choice" in soup(response).select_one(".errorlist").text
    response = post_target(hr_client, house, None)
    assert "This field is required" in soup(response).select_one(".errorlist").text
    assert not CompetencyTarget.objects.exists()


def test_level_must_be_on_the_competencys_scale(hr_client, org, house, people):
    response = post_target(hr_client, house, org["haus_a"], level="1:9")
    assert "Select a valid choice" in soup(response).select_one(".errorlist").text
    assert not CompetencyTarget.objects.exists()


def test_admin_sets_a_target_for_the_whole_organisation(admin_client, house, people):
    response = post_target(admin_client, house, None, staff_type="volunteer")
    assert messages_of(response) == [
        "Target set: 1.1 Protecting data at level 2 · Good for the whole organisation."
    ]
    target = CompetencyTarget.objects.get()
    assert target.unit is None
    assert table(response)[0][2:7] == [
        "Whole organisation",
        "\u2013",
        "Volunteer",
        "Every job role",
        "1",
    ]


@pytest.mark.parametrize(
    ("fields", "reached"),
    [
        ({"unit": "haus_a", "include_subunits": True}, {"hanna", "lena", "volker"}),
        ({"unit": "haus_a", "include_subunits": False}, {"hanna"}),
        ({"unit": "pflege_a", "staff_type": StaffType.VOLUNTEER}, {"volker"}),
        ({"unit": "haus_a", "job_role": "Pflegefachkraft"}, {"lena"}),
        ({"unit": "haus_b"}, {"bert"}),
        ({"unit": None}, {"hanna", "lena", "volker", "bert"}),
    ],
)
def test_people_reached_are_counted_as_the_targets_resolve(
    admin_client, org, house, people, fields, reached
):
    fields = dict(fields)
    unit = fields.pop("unit")
    if "job_role" in fields:
        fields["job_role"] = job_role_get_or_create(name=fields["job_role"])
    target = CompetencyTarget.objects.create(
        competency=house["privacy"], level=2, unit=unit and org[unit], **fields
    )
    assert {
        profile.user.username
        for profile in StaffProfile.objects.all()
        if target in targets_reaching(profile)
    } == reached
    assert table(admin_client.get(URL))[0][6] == str(len(reached))


def test_hr_sees_targets_set_above_them_read_only(hr_client, org, house, people):
    privacy = house["privacy"]
    admin = factories.UserFactory(username="admin", is_superuser=True)
    services.target_create(created_by=admin, competency=privacy, level=1)
    services.target_create(
        created_by=admin, competency=privacy, level=3, unit=org["verband"]
    )
    services.target_create(
        created_by=admin, competency=privacy, level=2, unit=org["haus_b"]
    )
    rows = table(hr_client.get(URL))
    assert [(row[1], row[2], row[6], row[8]) for row in rows] == [
        ("1 · Basic", "Whole organisation", "3", "Set above your units"),
        ("3 · Expert", "Verband Nord", "3", "Set above your units"),
    ]
    for target in CompetencyTarget.objects.all():
        delete = reverse("hr-competence-target-delete", args=[target.pk])
        assert hr_client.get(delete).status_code == 404
        assert hr_client.post(delete).status_code == 404
    assert CompetencyTarget.objects.count() == 3


def test_delete_asks_first_then_removes_the_target(hr_client, org, house, people):
    target = services.target_create(
        created_by=people["hanna"].user,
        competency=house["privacy"],
        level=2,
        unit=org["pflege_a"],
    )
    delete = reverse("hr-competence-target-delete", args=[target.pk])
    assert soup(hr_client.get(URL)).select_one(f'a[href="{delete}"]')
    page = soup(hr_client.get(delete))
    assert "Pflege am See" in page.select_one("main").text
    assert CompetencyTarget.objects.exists()
    response = hr_client.post(delete, follow=True)
    assert messages_of(response) == ["Target for 1.1 Protecting data deleted."]
    assert not CompetencyTarget.objects.exists()
    assert table(response) == [["No targets yet."]]


def test_other_hr_does_not_see_the_target(client, org, house, people):
    target = services.target_create(
        created_by=people["hanna"].user,
        competency=house["privacy"],
        level=2,
        unit=org["haus_a"],
    )
    client.force_login(hr_user("bea", org["haus_b"]))
    assert table(client.get(URL)) == [["No targets yet."]]
    delete = reverse("hr-competence-target-delete", args=[target.pk])
    assert client.post(delete).status_code == 404
    assert CompetencyTarget.objects.exists()


def test_learner_gets_403(client, people):
    client.force_login(people["lena"].user)
    assert client.get(URL).status_code == 403
