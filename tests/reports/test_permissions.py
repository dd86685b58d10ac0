"""Every report for every role: who gets in, who is turned away."""

import pytest

from courses.roles import grant_role_permissions
from lms.people.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = "login"


@pytest.fixture
def people(org):
    grant_role_permissions()
    lena = factories.staff("lena", org["pflege_a"]).user
    hr_other = factories.staff("otto", org["haus_b"], roles=(Role.LEARNER, Role.HR))
    hr_other.managed_units.add(org["haus_b"])
    hr = factories.staff("hanna", org["verband"], roles=(Role.LEARNER, Role.HR))
    hr.managed_units.add(org["haus_a"])
    manager = factories.staff("maren", org["pflege_a"], roles=(Role.MANAGER,))
    manager.managed_units.add(org["pflege_a"])
    return {
        "anonymous": None,
        "learner": factories.staff("lara", org["pflege_a"]).user,
        "trainer": factories.staff(
            "tara", org["verband"], roles=(Role.LEARNER, Role.TRAINER)
        ).user,
        "hr_other_unit": hr_other.user,
        "hr": hr.user,
        "manager": manager.user,
        "admin": factories.UserFactory(username="root", is_superuser=True),
        "lena": lena,
        "unit": org["pflege_a"],
        "competency": factories.competency(factories.framework("digital"), "4.2"),
    }


def urls(people) -> dict[str, str]:
    lena = people["lena"].pk
    return {
        "home": "/reports/",
        "matrix": "/reports/matrix/",
        "matrix_people": f"/reports/matrix/people/?unit={people['unit'].pk}"
        f"&competency={people['competency'].pk}",
        "compliance": "/reports/compliance/",
        "compliance_due": "/reports/compliance/due/",
        "trend": "/reports/trend/",
        "individual": f"/reports/people/{lena}/",
        "audit": "/reports/audit/",
    }


REPORTS = ["home", "matrix", "matrix_people", "compliance", "compliance_due", "trend"]
EXPECTED = {
    "anonymous": dict.fromkeys([*REPORTS, "individual", "audit"], LOGIN),
    "learner": {**dict.fromkeys(REPORTS, 403), "individual": 404, "audit": 403},
    "trainer": {**dict.fromkeys(REPORTS, 403), "individual": 404, "audit": 403},
    "hr_other_unit": {
        **dict.fromkeys(REPORTS, 200),
        "matrix_people": 404,  # Pflege am See is not one of otto's units
        "individual": 404,
        "audit": 403,
    },
    "hr": {**dict.fromkeys(REPORTS, 200), "individual": 200, "audit": 403},
    "manager": {**dict.fromkeys(REPORTS, 200), "individual": 200, "audit": 403},
    "admin": {**dict.fromkeys(REPORTS, 200), "individual": 200, "audit": 200},
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_gets_what_it_may_see(client, people, role):
    user = people[role]
    if user is not None:
        client.force_login(user)
    for report, url in urls(people).items():
        response = client.get(url)
        expected = EXPECTED[role][report]
        if expected == LOGIN:
            assert response.status_code == 302, report
            assert response["Location"].startswith("/accounts/login/"), report
        else:
            assert response.status_code == expected, (report, response.status_code)


def test_lena_sees_her_own_record(client, people):
    client.force_login(people["lena"])
    assert client.get(urls(people)["individual"]).status_code == 200
