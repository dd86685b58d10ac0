"""Who reaches the reports, and the audit log that records what they saw."""

import pytest
from django.core.exceptions import ValidationError

from courses.roles import grant_role_permissions
from lms.reports.audit import audit_record
from lms.reports.models import AuditEntry, ReportKind
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def roles(db):
    grant_role_permissions()


def test_reports_are_for_hr_and_admins(client, org, hanna):
    assert client.get("/reports/")["Location"].startswith("/accounts/login/")
    lena = factories.staff("lena", org["pflege_a"]).user
    client.force_login(lena)
    assert client.get("/reports/").status_code == 403
    assert b'href="/reports/"' not in client.get("/my/").content
    client.force_login(hanna)
    assert client.get("/reports/").status_code == 200
    assert b'href="/reports/"' in client.get("/my/").content


def test_only_admins_read_the_audit_log(client, org, hanna):
    audit_record(
        user=hanna,
        report=ReportKind.MATRIX,
        output="csv",
        filters={"unit": str(org["haus_a"].pk)},
        people_count=12,
    )
    client.force_login(hanna)
    assert client.get("/reports/audit/").status_code == 403
    client.force_login(factories.UserFactory(username="root", is_superuser=True))
    page = client.get("/reports/audit/").content.decode()
    assert "hanna" in page and "CSV" in page and "12" in page


def test_audit_entries_are_never_changed(org, hanna):
    entry = audit_record(
        user=hanna, report=ReportKind.TREND, output="html", filters={}, people_count=3
    )
    entry.people_count = 0
    with pytest.raises(ValidationError):
        entry.save()
    assert AuditEntry.objects.get().people_count == 3


def test_unit_list_offers_the_top_levels_and_the_chosen_unit(org, hanna):
    from lms.reports.filters import ReportFilterForm

    team = factories.unit("Team Nacht", org["pflege_a"])
    subteam = factories.unit("Nachtwache Ost", team)

    def offered(data):
        form = ReportFilterForm(data, user=hanna)
        return form, {
            str(value) for value, _label in form.fields["unit"].widget.choices
        }

    form, units = offered({})
    assert str(org["pflege_a"].pk) in units and str(team.pk) in units
    assert str(subteam.pk) not in units  # three levels below Haus am See
    assert str(org["haus_b"].pk) not in units  # outside hanna's scope

    form, units = offered({"unit": str(subteam.pk)})
    assert form.is_valid() and str(subteam.pk) in units
    form, _units = offered({"unit": str(org["haus_b"].pk)})
    assert not form.is_valid()


def test_a_manager_sees_the_reports_of_their_team_but_no_staff_records(client, org):
    from lms.people.models import Role

    profile = factories.staff(
        "maren", org["pflege_a"], roles=(Role.LEARNER, Role.MANAGER)
    )
    profile.managed_units.add(org["pflege_a"])
    client.force_login(profile.user)

    assert client.get("/reports/").status_code == 200
    assert client.get("/reports/matrix/").status_code == 200
    own = client.get("/reports/compliance/", {"unit": org["pflege_a"].pk})
    assert own.status_code == 200
    other = client.get("/reports/matrix/", {"unit": org["haus_b"].pk})
    assert other.status_code == 400  # not one of her units
    assert client.get("/hr/").status_code == 403
