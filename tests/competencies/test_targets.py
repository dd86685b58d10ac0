"""Which targets reach a person: unit subtree, staff type and job role."""

import pytest
from django.core.exceptions import ValidationError

from lms.competencies import services
from lms.competencies.selectors import target_levels
from lms.people.models import JobRole, StaffType
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def privacy():
    framework = factories.framework(
        "digital", levels=("1", "2", "3", "4", "5", "6", "7", "8")
    )
    return factories.competency(framework, "4.2", "Protecting personal data")


@pytest.fixture
def admin():
    return factories.UserFactory(username="root", is_superuser=True)


def person(username, unit, staff_type=StaffType.PAID, job_role=None):
    profile = factories.staff(username, unit, staff_type=staff_type)
    if job_role:
        profile.job_role = JobRole.objects.get_or_create(name=job_role)[0]
        profile.save()
    return profile.user


def test_volunteers_and_paid_counsellors_get_their_own_levels(org, privacy, admin):
    """The issue's example: every volunteer 4.2 at level 2, every paid
    counsellor 4.2 at level 4."""
    counsellor = JobRole.objects.create(name="Counsellor")
    services.target_create(
        created_by=admin, competency=privacy, level=2, staff_type=StaffType.VOLUNTEER
    )
    services.target_create(
        created_by=admin,
        competency=privacy,
        level=4,
        staff_type=StaffType.PAID,
        job_role=counsellor,
    )
    volunteer = person("volker", org["beratung_b"], StaffType.VOLUNTEER)
    paid_counsellor = person("clara", org["beratung_b"], job_role="Counsellor")
    paid_nurse = person("lena", org["pflege_a"], job_role="Nurse")
    volunteer_counsellor = person(
        "vera", org["beratung_b"], StaffType.VOLUNTEER, job_role="Counsellor"
    )

    assert target_levels(volunteer) == {privacy.pk: 2}
    assert target_levels(paid_counsellor) == {privacy.pk: 4}
    assert target_levels(paid_nurse) == {}
    assert target_levels(volunteer_counsellor) == {privacy.pk: 2}


def test_a_unit_target_reaches_its_subtree_unless_limited(org, privacy, admin):
    services.target_create(
        created_by=admin, competency=privacy, level=3, unit=org["haus_a"]
    )
    services.target_create(
        created_by=admin,
        competency=privacy,
        level=5,
        unit=org["haus_b"],
        include_subunits=False,
    )
    in_subunit = person("lena", org["pflege_a"])
    in_other_house = person("bert", org["beratung_b"])
    in_house_b = person("berta", org["haus_b"])
    at_the_top = person("vera", org["verband"])

    assert target_levels(in_subunit) == {privacy.pk: 3}
    assert target_levels(in_other_house) == {}
    assert target_levels(in_house_b) == {privacy.pk: 5}
    assert target_levels(at_the_top) == {}


def test_where_several_targets_reach_someone_the_highest_applies(org, privacy, admin):
    services.target_create(created_by=admin, competency=privacy, level=2)
    services.target_create(
        created_by=admin, competency=privacy, level=4, unit=org["haus_a"]
    )
    assert target_levels(person("lena", org["pflege_a"])) == {privacy.pk: 4}
    assert target_levels(person("bert", org["beratung_b"])) == {privacy.pk: 2}


def test_only_admins_set_targets_for_the_whole_organisation(org, privacy, hanna):
    with pytest.raises(ValidationError):
        services.target_create(created_by=hanna, competency=privacy, level=2)


def test_a_target_level_must_be_on_the_scale(org, privacy, admin):
    with pytest.raises(ValidationError):
        services.target_create(
            created_by=admin, competency=privacy, level=9, unit=org["haus_a"]
        )
