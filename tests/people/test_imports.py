"""The CSV import, fed with real CSV bytes as the HR system would export them."""

import pytest
from django.contrib.auth import get_user_model

from lms.people import imports
from lms.people.imports import staff_import
from lms.people.models import JobRole, StaffProfile, StaffType
from tests import factories

pytestmark = pytest.mark.django_db
User = get_user_model()

HEADER = "unit,staff_type,job_role,first_name,last_name,email"


def csv_bytes(*lines: str, header: str = HEADER, encoding="utf-8") -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode(encoding)


def snapshot():
    return sorted(
        StaffProfile.objects.values_list(
            "user__username", "user__first_name", "unit__code", "staff_type", "job_role"
        )
    )


def test_dry_run_reports_but_writes_nothing(org, hanna):
    before = snapshot()
    report = staff_import(
        csv_bytes=csv_bytes("pflege-am-see,paid,Pflegefachkraft,Anna,Meier,anna@x.org"),
        actor=hanna,
        dry_run=True,
    )
    assert report.errors == []
    assert [(r.line, r.action, r.username) for r in report.rows] == [
        (2, "create", "anna")
    ]
    assert snapshot() == before
    assert not JobRole.objects.filter(name="Pflegefachkraft").exists()


def test_good_file_creates_and_updates(org, hanna):
    lena = factories.staff("lena", org["haus_a"])
    factories.staff("otto", org["haus_a"])
    data = csv_bytes(
        "pflege-am-see,hauptamtlich,Pflegefachkraft,Anna,Meier,anna.meier@x.org",
        "haus-am-see,ehrenamtlich,Besuchsdienst,Jürgen,Weiß,",
        # lena is found by email and moves to the service
        "pflege-am-see,paid,Pflegehilfe,Lena,Muster,LENA@example.org",
        # otto is unchanged: same name, unit, type, no job role
        "haus-am-see,paid,,Otto,Muster,otto@example.org",
    )
    report = staff_import(csv_bytes=data, actor=hanna, dry_run=False)
    assert report.errors == []
    assert report.applied
    assert report.counts == {"create": 2, "update": 1, "unchanged": 1}
    anna = StaffProfile.objects.get(user__username="anna.meier")
    assert anna.unit == org["pflege_a"]
    assert anna.job_role.name == "Pflegefachkraft"
    assert not anna.user.has_usable_password()
    juergen = StaffProfile.objects.get(user__username="juergen.weiss")
    assert juergen.staff_type == StaffType.VOLUNTEER
    assert juergen.user.email == ""
    lena.refresh_from_db()
    assert lena.unit == org["pflege_a"]
    assert lena.job_role.name == "Pflegehilfe"
    update = next(r for r in report.rows if r.action == "update")
    assert any("Haus am See → Pflege am See" in change for change in update.changes)


def test_semicolons_bom_and_username_column(org, hanna):
    data = (
        "\ufeffunit;staff_type;job_role;first_name;last_name;email;username\n"
        "haus-am-see;volunteer;;Vera;Voss;;vvoss\n"
    ).encode()
    report = staff_import(csv_bytes=data, actor=hanna, dry_run=False)
    assert report.errors == []
    assert StaffProfile.objects.get(user__username="vvoss").unit == org["haus_a"]


def test_derived_usernames_are_made_unique(org, hanna):
    factories.staff("anna.meier", org["haus_a"])
    data = csv_bytes(
        "haus-am-see,paid,,Anna,Meier,",
        "haus-am-see,paid,,Anna,Meier,",
    )
    report = staff_import(csv_bytes=data, actor=hanna, dry_run=False)
    assert report.errors == []
    assert [r.username for r in report.rows] == ["anna.meier2", "anna.meier3"]


@pytest.mark.parametrize(
    ("lines", "line", "words"),
    [
        (["nirgendwo,paid,,A,B,"], 2, "Unknown unit"),
        (["haus-am-see,paid,,A,B,", "beratung-am-berg,paid,,C,D,"], 3, "outside"),
        (["haus-am-see,freelance,,A,B,"], 2, "staff type"),
        (["haus-am-see,paid,,A,B,", "haus-am-see,paid,,A,,"], 3, "last name"),
        (["haus-am-see,paid,,A,B,not-an-email"], 2, "Invalid email"),
        (
            ["haus-am-see,paid,,A,B,a@x.org", "haus-am-see,paid,,C,D,A@x.org"],
            3,
            "appears twice",
        ),
    ],
)
def test_line_errors_name_the_line_and_change_nothing(org, hanna, lines, line, words):
    before = snapshot()
    report = staff_import(csv_bytes=csv_bytes(*lines), actor=hanna, dry_run=False)
    assert [(e.line, words in e.message) for e in report.errors] == [(line, True)]
    assert report.rows == []
    assert not report.applied
    assert snapshot() == before


def test_duplicate_username_in_file(org, hanna):
    data = csv_bytes(
        "haus-am-see,paid,,A,B,,same",
        "haus-am-see,paid,,C,D,,same",
        header=HEADER + ",username",
    )
    report = staff_import(csv_bytes=data, actor=hanna, dry_run=False)
    assert [(e.line, "appears twice" in e.message) for e in report.errors] == [
        (3, True)
    ]
    assert not User.objects.filter(username="same").exists()


def test_one_bad_line_stops_the_good_ones(org, hanna):
    data = csv_bytes("haus-am-see,paid,,Anna,Meier,", "haus-am-see,paid,,,,")
    report = staff_import(csv_bytes=data, actor=hanna, dry_run=False)
    assert [e.line for e in report.errors] == [3]
    assert not User.objects.filter(username="anna.meier").exists()


def test_missing_columns_are_named(org, hanna):
    data = b"unit,first_name,last_name\nhaus-am-see,A,B\n"
    report = staff_import(csv_bytes=data, actor=hanna, dry_run=True)
    (error,) = report.errors
    assert error.line == 1
    assert "staff_type" in error.message
    assert "job_role" in error.message
    assert "email" in error.message


def test_not_utf8_names_the_line(org, hanna):
    data = csv_bytes("haus-am-see,paid,,Jürgen,Weiß,", encoding="latin-1")
    report = staff_import(csv_bytes=data, actor=hanna, dry_run=False)
    (error,) = report.errors
    assert error.line == 2
    assert "UTF-8" in error.message


@pytest.mark.parametrize("data", [b"", b"  \n\n"])
def test_empty_file(org, hanna, data):
    report = staff_import(csv_bytes=data, actor=hanna, dry_run=False)
    assert ["empty" in e.message for e in report.errors] == [True]


def test_header_only_file_has_no_rows(org, hanna):
    report = staff_import(csv_bytes=csv_bytes(), actor=hanna, dry_run=False)
    assert ["no data rows" in e.message for e in report.errors] == [True]


def test_more_than_max_rows(org, hanna, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    lines = [f"haus-am-see,paid,,A,B{n}," for n in range(4)]
    report = staff_import(csv_bytes=csv_bytes(*lines), actor=hanna, dry_run=False)
    (error,) = report.errors
    assert error.line == 5
    assert "more than 3 rows" in error.message
    assert StaffProfile.objects.count() == 1  # only hanna


def test_ten_thousand_rows_are_accepted_in_a_dry_run(org, hanna):
    lines = [f"haus-am-see,paid,,A,B{n}," for n in range(10_000)]
    report = staff_import(csv_bytes=csv_bytes(*lines), actor=hanna, dry_run=True)
    assert report.errors == []
    assert report.counts["create"] == 10_000
    too_many = csv_bytes(*lines, "haus-am-see,paid,,A,Z,")
    report = staff_import(csv_bytes=too_many, actor=hanna, dry_run=True)
    assert [e.line for e in report.errors] == [10_002]


def test_file_larger_than_5_mb(org, hanna):
    data = csv_bytes("haus-am-see,paid,,A,B," + "x" * (5 * 1024 * 1024))
    report = staff_import(csv_bytes=data, actor=hanna, dry_run=False)
    assert ["5 MB" in e.message for e in report.errors] == [True]


def test_cannot_move_someone_from_another_facility(org, hanna):
    factories.staff("bert", org["beratung_b"])
    data = csv_bytes("haus-am-see,paid,,Bert,Muster,bert@example.org")
    report = staff_import(csv_bytes=data, actor=hanna, dry_run=False)
    assert [(e.line, "outside" in e.message) for e in report.errors] == [(2, True)]
    assert StaffProfile.objects.get(user__username="bert").unit == org["beratung_b"]
