"""HR pages and joining, as a browser would use them."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lms.people import services
from lms.people.models import Invitation, OrganisationUnit, StaffProfile, StaffType
from tests import factories
from tests.people.helpers import messages_of, soup

pytestmark = pytest.mark.django_db
User = get_user_model()


# --- access ---------------------------------------------------------------


HR_URLS = [
    "hr-home",
    "hr-staff-create",
    "hr-import",
    "hr-invitations",
    "hr-assignments",
]


@pytest.mark.parametrize("name", HR_URLS)
def test_learner_gets_403(client, org, name):
    client.force_login(factories.staff("lena", org["haus_a"]).user)
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", HR_URLS)
def test_anonymous_is_sent_to_login(client, org, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_hr_cannot_see_the_other_facility(hr_client, org):
    bert = factories.staff("bert", org["beratung_b"])
    assert hr_client.get(reverse("hr-unit", args=[org["haus_b"].pk])).status_code == 404
    assert (
        hr_client.get(reverse("hr-unit", args=[org["verband"].pk])).status_code == 404
    )
    assert hr_client.get(reverse("hr-staff-edit", args=[bert.pk])).status_code == 404
    response = hr_client.post(
        reverse("hr-staff-edit", args=[bert.pk]),
        {"first_name": "X", "last_name": "Y", "unit": org["haus_a"].pk},
    )
    assert response.status_code == 404
    bert.refresh_from_db()
    assert bert.unit == org["beratung_b"]


def test_superuser_sees_everything(client, org):
    admin = User.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    page = soup(client.get(reverse("hr-home")))
    names = [a.get_text() for a in page.select(".unit-tree a")]
    assert names == [
        "Verband Nord",
        "Haus am Berg",
        "Beratung am Berg",
        "Haus am See",
        "Pflege am See",
    ]


# --- tree and unit page -----------------------------------------------------


def test_tree_shows_nested_units_in_scope_with_counts(hr_client, org):
    factories.staff("lena", org["pflege_a"])
    factories.staff("bert", org["beratung_b"])
    response = hr_client.get(reverse("hr-home"))
    assert response.status_code == 200
    page = soup(response)
    top = page.select_one("ul.unit-tree > li")
    assert top.a.get_text() == "Haus am See"
    assert "(Einrichtung)" in top.get_text()
    assert "1 person" in top.get_text()  # hanna
    nested = top.select_one("ul.unit-tree > li")
    assert nested.a.get_text() == "Pflege am See"
    assert nested.a["href"] == reverse("hr-unit", args=[org["pflege_a"].pk])
    assert "(Dienst)" in nested.get_text()
    assert "Haus am Berg" not in page.get_text()
    assert "Verband Nord" not in page.get_text()
    links = {a["href"] for a in page.select("a")}
    assert {
        reverse("hr-import"),
        reverse("hr-invitations"),
        reverse("hr-assignments"),
    } <= links


def test_unit_page_lists_staff_of_unit_and_sub_units(hr_client, org):
    factories.staff("lena", org["pflege_a"], staff_type=StaffType.VOLUNTEER)
    factories.staff("bert", org["beratung_b"])
    page = soup(hr_client.get(reverse("hr-unit", args=[org["haus_a"].pk])))
    table = page.select_one("table")
    assert table.caption
    rows = [
        [cell.get_text(strip=True) for cell in tr.select("th, td")]
        for tr in table.select("tbody tr")
    ]
    assert ["Hanna Muster", "hanna", "Haus am See", "Paid staff", "", "German"] in rows
    assert ["Lena Muster", "lena", "Pflege am See", "Volunteer", "", "German"] in rows
    assert len(rows) == 2


def test_add_sub_unit(hr_client, org):
    url = reverse("hr-unit", args=[org["pflege_a"].pk])
    response = hr_client.post(
        url, {"name": "Nachtdienst", "kind": "Team", "code": "nachtdienst"}, follow=True
    )
    assert "Sub-unit “Nachtdienst” added." in messages_of(response)
    child = OrganisationUnit.objects.get(code="nachtdienst")
    assert child.get_parent() == org["pflege_a"]
    tree = soup(hr_client.get(reverse("hr-home")))
    assert "Nachtdienst" in [a.get_text() for a in tree.select(".unit-tree a")]


def test_add_sub_unit_with_taken_code_shows_linked_error(hr_client, org):
    response = hr_client.post(
        reverse("hr-unit", args=[org["haus_a"].pk]),
        {"name": "Doppelt", "code": "pflege-am-see"},
    )
    page = soup(response)
    field = page.select_one("#id_code")
    assert "id_code_error" in field["aria-describedby"]
    assert "already exists" in page.select_one("#id_code_error").get_text()


# --- staff create and edit ---------------------------------------------------


def test_unit_choices_are_limited_to_scope(hr_client, org):
    page = soup(hr_client.get(reverse("hr-staff-create")))
    options = [
        o.get_text(strip=True) for o in page.select("#id_unit option") if o["value"]
    ]
    assert [o.split("(")[0].strip() for o in options] == [
        "Haus am See",
        "Pflege am See",
    ]
    for field in page.select("form.form input:not([type=hidden]), form.form select"):
        assert page.select_one(f"label[for={field['id']}]"), field["id"]


def test_create_staff_without_password_tells_hr(hr_client, org):
    response = hr_client.post(
        reverse("hr-staff-create"),
        {
            "username": "paula",
            "first_name": "Paula",
            "last_name": "Pohl",
            "email": "",
            "unit": org["pflege_a"].pk,
            "staff_type": "paid",
            "job_role": "Pflegefachkraft",
            "preferred_language": "da",
            "password": "",
        },
        follow=True,
    )
    shown = " ".join(messages_of(response))
    assert "Account for Paula Pohl created." in shown
    assert "send an invitation or set a password" in shown
    profile = StaffProfile.objects.get(user__username="paula")
    assert profile.unit == org["pflege_a"]
    assert profile.job_role.name == "Pflegefachkraft"
    assert profile.preferred_language == "da"
    assert not profile.user.has_usable_password()
    assert "paula" in soup(response).select_one("table").get_text()


def test_create_staff_in_other_facility_is_refused(hr_client, org):
    response = hr_client.post(
        reverse("hr-staff-create"),
        {
            "username": "paula",
            "first_name": "Paula",
            "last_name": "Pohl",
            "unit": org["beratung_b"].pk,
            "staff_type": "paid",
            "preferred_language": "de",
        },
    )
    assert response.status_code == 200
    assert soup(response).select_one("#id_unit_error")
    assert not User.objects.filter(username="paula").exists()


def test_edit_staff_moves_them(hr_client, org):
    lena = factories.staff("lena", org["haus_a"])
    url = reverse("hr-staff-edit", args=[lena.pk])
    page = soup(hr_client.get(url))
    assert page.select_one("#id_last_name")["value"] == "Muster"
    response = hr_client.post(
        url,
        {
            "first_name": "Lena",
            "last_name": "Lang",
            "email": "lena@example.org",
            "unit": org["pflege_a"].pk,
            "staff_type": "volunteer",
            "job_role": "Besuchsdienst",
            "preferred_language": "en",
        },
        follow=True,
    )
    assert "Changes to Lena Lang saved." in messages_of(response)
    lena.refresh_from_db()
    assert (lena.unit, lena.staff_type, lena.user.last_name) == (
        org["pflege_a"],
        "volunteer",
        "Lang",
    )


# --- import -------------------------------------------------------------------


def _upload(client, content: bytes, dry_run: bool):
    data = {"file": SimpleUploadedFile("staff.csv", content, "text/csv")}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(reverse("hr-import"), data)


CSV = (
    b"unit;staff_type;job_role;first_name;last_name;email\n"
    b"pflege-am-see;paid;Pflegefachkraft;Anna;Meier;anna@example.org\n"
)


def test_import_page_documents_format_and_dry_run_is_default(hr_client, org):
    page = soup(hr_client.get(reverse("hr-import")))
    assert page.select_one("#id_dry_run").has_attr("checked")
    text = page.get_text()
    for column in (
        "unit",
        "staff_type",
        "job_role",
        "first_name",
        "last_name",
        "email",
    ):
        assert column in text
    assert "hauptamtlich" in text


def test_import_dry_run_then_real(hr_client, org):
    response = _upload(hr_client, CSV, dry_run=True)
    page = soup(response)
    row = page.select_one("table.import-rows tbody tr")
    assert [c.get_text(strip=True) for c in row.select("td")][:3] == [
        "2",
        "create",
        "anna",
    ]
    assert "Dry run" in " ".join(messages_of(response))
    assert not User.objects.filter(username="anna").exists()

    response = _upload(hr_client, CSV, dry_run=False)
    assert "Import done: 1 created, 0 updated, 0 unchanged." in messages_of(response)
    assert StaffProfile.objects.get(user__username="anna").unit == org["pflege_a"]


def test_import_errors_are_listed_with_line_numbers(hr_client, org):
    content = CSV + b"beratung-am-berg;paid;;Bert;Berg;\n"
    response = _upload(hr_client, content, dry_run=False)
    page = soup(response)
    rows = [
        [c.get_text(strip=True) for c in tr.select("td")]
        for tr in page.select("table.import-errors tbody tr")
    ]
    assert len(rows) == 1
    assert rows[0][0] == "3"
    assert "outside your organisation units" in rows[0][1]
    assert "nothing was changed" in " ".join(messages_of(response))
    assert not User.objects.filter(username="anna").exists()


def test_import_too_large_file_is_refused_by_the_form(hr_client, org):
    content = CSV + b"x" * (5 * 1024 * 1024)
    response = _upload(hr_client, content, dry_run=False)
    assert "larger than 5 MB" in soup(response).select_one("#id_file_error").get_text()


# --- invitations --------------------------------------------------------------


def test_create_invitation_and_see_link_and_code(hr_client, org):
    page = soup(hr_client.get(reverse("hr-invitations")))
    assert page.select_one("#id_staff_type option[selected]")["value"] == "volunteer"
    assert page.select_one("#id_valid_days")["value"] == "30"
    response = hr_client.post(
        reverse("hr-invitations"),
        {
            "unit": org["pflege_a"].pk,
            "staff_type": "volunteer",
            "job_role": "Besuchsdienst",
            "max_uses": 10,
            "valid_days": 30,
        },
        follow=True,
    )
    invitation = Invitation.objects.get()
    assert invitation.unit == org["pflege_a"]
    assert invitation.job_role.name == "Besuchsdienst"
    assert invitation.expires_at > timezone.now() + timedelta(days=29)
    assert f"Invitation {invitation.code} for Pflege am See created." in messages_of(
        response
    )
    row = soup(response).select_one("table.invitations tbody tr")
    assert invitation.code in row.get_text()
    link = f"http://testserver/join/{invitation.code}/"
    assert row.select_one(f'a[href="{link}"]')


def test_invitation_for_other_facility_is_refused(hr_client, org):
    response = hr_client.post(
        reverse("hr-invitations"),
        {
            "unit": org["beratung_b"].pk,
            "staff_type": "volunteer",
            "max_uses": 5,
            "valid_days": 30,
        },
    )
    assert soup(response).select_one("#id_unit_error")
    assert not Invitation.objects.exists()


def test_revoke_invitation(hr_client, hanna, org):
    invitation = services.invitation_create(unit=org["haus_a"], created_by=hanna)
    response = hr_client.post(
        reverse("hr-invitation-revoke", args=[invitation.pk]), follow=True
    )
    assert f"Invitation {invitation.code} revoked." in messages_of(response)
    invitation.refresh_from_db()
    assert invitation.revoked


def test_cannot_revoke_other_facilitys_invitation(hr_client, org):
    admin = User.objects.create_superuser("admin", "admin@example.org", "pw")
    other = services.invitation_create(unit=org["haus_b"], created_by=admin)
    response = hr_client.post(reverse("hr-invitation-revoke", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert not other.revoked
    page = soup(hr_client.get(reverse("hr-invitations")))
    assert other.code not in page.get_text()


# --- joining ------------------------------------------------------------------


@pytest.fixture
def invitation(hanna, org):
    return services.invitation_create(unit=org["pflege_a"], created_by=hanna)


JOIN_DATA = {
    "first_name": "Vera",
    "last_name": "Voss",
    "username": "vera",
    "email": "",
    "password1": "Sonnenblume-2024",
    "password2": "Sonnenblume-2024",
    "preferred_language": "de",
}


def test_join_with_code_creates_volunteer_and_logs_in(client, invitation, org):
    response = client.post(reverse("join"), {"code": f" {invitation.code.lower()} "})
    assert response.url == reverse("join-code", args=[invitation.code])
    page = soup(client.get(response.url))
    assert "Pflege am See" in page.select_one("main").get_text()
    for field in page.select("form.form input:not([type=hidden]), form.form select"):
        assert page.select_one(f"label[for={field['id']}]"), field["id"]

    response = client.post(
        reverse("join-code", args=[invitation.code]), JOIN_DATA, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("my-learning")
    assert response.context["user"].username == "vera"
    assert any("Welcome, Vera" in m for m in messages_of(response))
    profile = StaffProfile.objects.get(user__username="vera")
    assert profile.unit == org["pflege_a"]
    assert profile.staff_type == StaffType.VOLUNTEER
    invitation.refresh_from_db()
    assert invitation.uses == 1


def test_join_rejects_weak_or_mismatched_passwords(client, invitation):
    url = reverse("join-code", args=[invitation.code])
    page = soup(
        client.post(url, {**JOIN_DATA, "password1": "12345", "password2": "12345"})
    )
    assert page.select_one("#id_password1_error")
    assert "id_password1_error" in page.select_one("#id_password1")["aria-describedby"]
    page = soup(client.post(url, {**JOIN_DATA, "password2": "Sonnenblume-2025"}))
    assert "do not match" in page.select_one("#id_password2_error").get_text()
    assert not User.objects.filter(username="vera").exists()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"revoked": True}, "withdrawn"),
        ({"expires_at": timezone.now() - timedelta(days=1)}, "expired"),
        ({"uses": 50}, "used as often as allowed"),
    ],
)
def test_join_with_unusable_invitation_shows_why(client, invitation, change, expected):
    Invitation.objects.filter(pk=invitation.pk).update(**change)
    url = reverse("join-code", args=[invitation.code])
    for response in (client.get(url), client.post(url, JOIN_DATA)):
        alert = soup(response).select_one("[role=alert]")
        assert expected in alert.get_text()
    assert not User.objects.filter(username="vera").exists()


def test_join_with_unknown_code(client, org):
    response = client.post(reverse("join"), {"code": "NOPE2345"}, follow=True)
    assert (
        "no invitation with this code"
        in soup(response).select_one("[role=alert]").get_text()
    )


def test_logged_in_user_gets_a_message_instead(client, invitation, org):
    client.force_login(factories.staff("lena", org["haus_a"]).user)
    for url in (reverse("join"), reverse("join-code", args=[invitation.code])):
        response = client.get(url)
        assert "already logged in" in soup(response).select_one("main").get_text()
        assert not soup(response).select_one("#id_password1")


def test_login_page_links_to_join(client, db):
    page = soup(client.get(reverse("login")))
    assert page.select_one(f'a[href="{reverse("join")}"]')
