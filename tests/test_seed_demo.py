import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from courses.models import CoursePage, Enrolment, LessonPage, ModulePage
from lms.people.models import OrganisationUnit

pytestmark = pytest.mark.django_db


def _counts():
    return (
        get_user_model().objects.count(),
        OrganisationUnit.objects.count(),
        CoursePage.objects.count(),
        ModulePage.objects.count(),
        LessonPage.objects.count(),
        Enrolment.objects.count(),
    )


def test_seed_demo_is_idempotent_and_complete(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    first = _counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert _counts() == first
    titles = set(CoursePage.objects.values_list("title", flat=True))
    assert titles == {
        "Digitale Ethik in der Sozialen Arbeit",
        "Datenschutz im Sozialwesen",
        "Digital zusammenarbeiten",
    }
    for course in CoursePage.objects.all():
        modules = ModulePage.objects.child_of(course)
        assert modules.count() >= 2
        for module in modules:
            assert LessonPage.objects.child_of(module).count() >= 2
    for username in ["admin", "hanna", "tara", "lena", "volker"]:
        assert client.login(username=username, password="demo"), username
    assert OrganisationUnit.objects.filter(depth=3).count() >= 2
    assert (
        get_user_model().objects.get(username="volker").profile.staff_type
        == "volunteer"
    )
