"""HR assigns a course to a unit and/or staff type; matching people are enrolled
now and whoever joins later."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from courses.models import CourseAssignment, Enrolment
from lms.people import services
from lms.people.models import StaffType
from tests import factories
from tests.people.helpers import messages_of, soup

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def course(db):
    return factories.course_tree("Datenschutz", modules=1, lessons=1)


def enrolled(course) -> set[str]:
    return set(
        Enrolment.objects.filter(course=course).values_list("user__username", flat=True)
    )


def test_assign_to_unit_with_sub_units_enrols_now_and_later(hr_client, org, course):
    factories.staff("lena", org["pflege_a"])
    factories.staff("volker", org["pflege_a"], staff_type=StaffType.VOLUNTEER)
    factories.staff("bert", org["beratung_b"])
    response = hr_client.post(
        reverse("hr-assignments"),
        {
            "course": course.pk,
            "unit": org["haus_a"].pk,
            "include_subunits": "on",
            "staff_type": "",
            "due_date": "2030-06-30",
        },
        follow=True,
    )
    assert any("3 people newly enrolled" in m for m in messages_of(response))
    assert enrolled(course) == {"hanna", "lena", "volker"}
    row = soup(response).select_one("table.assignments tbody tr")
    cells = [c.get_text(strip=True) for c in row.select("th, td")]
    assert cells[:3] == ["Datenschutz", "Haus am See", "yes"]

    # someone who joins later in a sub-unit is enrolled automatically
    services.staff_create(username="neo", unit=org["pflege_a"], last_name="Neu")
    assert "neo" in enrolled(course)
    # ... and not someone in the other facility
    factories.staff("berta", org["beratung_b"])
    assert "berta" not in enrolled(course)
    # the new person sees the course on their learning page
    client = hr_client
    client.force_login(User.objects.get(username="neo"))
    assert "Datenschutz" in soup(client.get(reverse("my-learning"))).get_text()


def test_assign_to_staff_type_only_enrols_volunteers(hr_client, org, course):
    factories.staff("lena", org["pflege_a"])
    factories.staff("volker", org["pflege_a"], staff_type=StaffType.VOLUNTEER)
    response = hr_client.post(
        reverse("hr-assignments"),
        {
            "course": course.pk,
            "unit": org["haus_a"].pk,
            "include_subunits": "on",
            "staff_type": "volunteer",
        },
        follow=True,
    )
    assert any("1 people newly enrolled" in m for m in messages_of(response))
    assert enrolled(course) == {"volker"}
    profile = services.staff_create(
        username="vicky", unit=org["haus_a"], staff_type=StaffType.VOLUNTEER
    )
    assert "vicky" in enrolled(course)
    # a paid colleague who becomes a volunteer is enrolled on the change
    lena = User.objects.get(username="lena").profile
    services.staff_update(profile=lena, staff_type=StaffType.VOLUNTEER)
    assert "lena" in enrolled(course)
    assert profile.pk


def test_without_sub_units_only_the_unit_itself(hr_client, org, course):
    factories.staff("lena", org["pflege_a"])
    hr_client.post(
        reverse("hr-assignments"),
        {"course": course.pk, "unit": org["haus_a"].pk, "staff_type": ""},
    )
    assert enrolled(course) == {"hanna"}


def test_hr_cannot_assign_outside_scope_or_to_everyone(hr_client, org, course):
    factories.staff("bert", org["beratung_b"])
    for unit in (org["beratung_b"].pk, org["verband"].pk, ""):
        response = hr_client.post(
            reverse("hr-assignments"),
            {"course": course.pk, "unit": unit, "include_subunits": "on"},
        )
        assert response.status_code == 200
        assert soup(response).select_one("#id_unit_error")
    assert not CourseAssignment.objects.exists()
    assert enrolled(course) == set()


def test_hr_sees_only_assignments_in_scope(hr_client, org, course):
    admin = User.objects.create_superuser("admin", "admin@example.org", "pw")
    from courses.services import assignment_create

    assignment_create(course=course, created_by=admin, unit=org["haus_b"])
    assignment_create(course=course, created_by=admin, unit=None)
    page = soup(hr_client.get(reverse("hr-assignments")))
    assert page.select("table.assignments tbody tr td[colspan]")
    options = [o.get_text(strip=True) for o in page.select("#id_unit option")]
    assert "Whole organisation" not in options
    assert not any("Berg" in o for o in options)


def test_superuser_can_assign_to_whole_organisation(client, org, course):
    admin = User.objects.create_superuser("admin", "admin@example.org", "pw")
    factories.staff("lena", org["pflege_a"])
    factories.staff("bert", org["beratung_b"])
    client.force_login(admin)
    page = soup(client.get(reverse("hr-assignments")))
    assert "Whole organisation" in [
        o.get_text(strip=True) for o in page.select("#id_unit option")
    ]
    response = client.post(
        reverse("hr-assignments"),
        {"course": course.pk, "unit": "", "include_subunits": "on"},
        follow=True,
    )
    assert any("the whole organisation" in m for m in messages_of(response))
    assert enrolled(course) == {"lena", "bert"}


def test_learner_cannot_assign(client, org, course):
    client.force_login(factories.staff("lena", org["haus_a"]).user)
    response = client.post(
        reverse("hr-assignments"), {"course": course.pk, "unit": org["haus_a"].pk}
    )
    assert response.status_code == 403
    assert not CourseAssignment.objects.exists()
