"""An achieved competency downloads as an unsigned Open Badges 3.0
credential; anything else is not found."""

import json
from datetime import UTC, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from lms.competencies.models import EvidenceSource
from lms.competencies.services import evidence_record, rating_record
from lms.people.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


@pytest.fixture
def lena(org, client):
    profile = factories.staff("lena", org["pflege_a"])
    client.force_login(profile.user)
    return profile.user


@pytest.fixture
def house():
    framework = factories.framework(
        "house",
        name="Hauskompetenzen",
        levels=("Basic", "Good", "Expert"),
        proficient_level=2,
    )
    privacy = factories.competency(
        framework,
        "4.2",
        "Protecting personal data",
        description="Clients' data stays where it belongs.",
    )
    return framework, privacy


def url(competency) -> str:
    return f"/my/competences/{competency.pk}/badge.json"


def download(client, competency) -> dict:
    response = client.get(url(competency))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith('.json"')
    return json.loads(response.content)


def test_badge_is_an_open_badge_credential_aligned_to_the_framework_item(
    client, lena, house
):
    _, privacy = house
    course = factories.course_tree("Datenschutz", modules=1, lessons=1)
    achieved_at = timezone.now() - timedelta(days=2)
    evidence_record(
        user=lena,
        competency=privacy,
        level=2,
        source=EvidenceSource.COURSE,
        page=course,
        recorded_at=achieved_at,
        note="Mit Auszeichnung.",
    )
    badge = download(client, privacy)

    assert badge["@context"] == CONTEXT
    assert badge["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert badge["id"].startswith("urn:uuid:")
    assert "proof" not in badge  # unsigned, and the page says so
    assert badge["issuer"]["type"] == ["Profile"]
    assert badge["issuer"]["id"] == "http://testserver/"
    assert badge["issuer"]["name"] == "Verband Nord"
    expected_from = achieved_at.astimezone(UTC).replace(microsecond=0)
    assert badge["validFrom"] == expected_from.isoformat().replace("+00:00", "Z")
    assert "Protecting personal data" in badge["name"]

    subject = badge["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["identifier"] == [
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": "Lena Muster",
        }
    ]
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["id"].startswith("urn:uuid:")
    assert achievement["name"] == "4.2 Protecting personal data"
    assert achievement["description"] == "Clients' data stays where it belongs."
    assert achievement["criteria"]["narrative"]
    assert achievement["achievementType"] == "Competency"
    assert achievement["alignment"] == [
        {
            "type": ["Alignment"],
            "targetName": "Protecting personal data",
            "targetUrl": f"urn:uuid:{privacy.identifier}",
            "targetType": "CFItem",
            "targetCode": "4.2",
            "targetFramework": "Hauskompetenzen",
            "targetDescription": "Clients' data stays where it belongs.",
        }
    ]

    # The result names the level reached on the framework's own scale.
    (scale,) = achievement["resultDescription"]
    assert scale["resultType"] == "RubricCriterionLevel"
    levels = {level["id"]: level for level in scale["rubricCriterionLevel"]}
    assert [level["name"] for level in levels.values()] == ["Basic", "Good", "Expert"]
    (result,) = subject["result"]
    assert result["type"] == ["Result"]
    assert result["resultDescription"] == scale["id"]
    assert levels[result["achievedLevel"]]["name"] == "Good"
    assert result["value"] == "2"
    assert levels[scale["requiredLevel"]]["level"] == "2"

    (evidence,) = badge["evidence"]
    assert evidence["type"] == ["Evidence"]
    assert evidence["name"] == "Datenschutz"
    assert evidence["genre"] == "Course completion"
    assert evidence["narrative"] == "Mit Auszeichnung."

    assert "example.org" not in json.dumps(badge)  # no e-mail address


def test_badge_is_stable_and_a_new_level_gives_a_new_one(client, lena, house):
    _, privacy = house
    tara = factories.staff("tara", lena.profile.unit, roles=(Role.TRAINER,)).user
    first = evidence_record(
        user=lena,
        competency=privacy,
        level=2,
        source=EvidenceSource.ACTIVITY,
        recorded_at=timezone.now() - timedelta(days=5),
    )
    evidence_record(
        user=lena,
        competency=privacy,
        level=2,
        source=EvidenceSource.ACTIVITY,
        recorded_at=timezone.now() - timedelta(days=1),
    )
    badge = download(client, privacy)
    assert download(client, privacy)["id"] == badge["id"]
    # The level was set by the first evidence at that level.
    assert badge["validFrom"].startswith(first.recorded_at.date().isoformat())
    assert len(badge["evidence"]) == 2

    rating_record(
        rater=tara,
        user=lena,
        competency=privacy,
        level=3,
        source=EvidenceSource.TRAINER,
        note="Sicher im Alltag.",
    )
    higher = download(client, privacy)
    assert higher["id"] != badge["id"]
    assert (
        higher["credentialSubject"]["achievement"]["id"]
        == (badge["credentialSubject"]["achievement"]["id"])
    )
    assert higher["credentialSubject"]["result"][0]["value"] == "3"
    # Learning before the rating no longer decides the level.
    assert [item["genre"] for item in higher["evidence"]] == ["Trainer rating"]


def test_not_achieved_is_not_found(client, lena, house):
    _, privacy = house
    evidence_record(
        user=lena, competency=privacy, level=1, source=EvidenceSource.ACTIVITY
    )
    assert client.get(url(privacy)).status_code == 404


def test_self_assessment_alone_earns_no_badge(client, lena, house):
    _, privacy = house
    evidence_record(
        user=lena,
        competency=privacy,
        level=3,
        source=EvidenceSource.SELF,
        recorded_by=lena,
    )
    assert client.get(url(privacy)).status_code == 404


def test_expired_competency_earns_no_badge(client, lena, house):
    _, privacy = house
    evidence_record(
        user=lena,
        competency=privacy,
        level=3,
        source=EvidenceSource.COURSE,
        recorded_at=timezone.now() - timedelta(days=400),
        expires_at=timezone.now() - timedelta(days=35),
    )
    assert client.get(url(privacy)).status_code == 404


def test_a_competency_of_nobody_and_an_unknown_one_are_not_found(client, lena, house):
    framework, _ = house
    nobodys = factories.competency(framework, "9.9", "Nobody has this")
    assert client.get(url(nobodys)).status_code == 404
    assert client.get("/my/competences/999999/badge.json").status_code == 404


def test_another_learners_badge_is_not_found(client, lena, org, house):
    _, privacy = house
    volker = factories.staff("volker", org["beratung_b"]).user
    evidence_record(
        user=volker, competency=privacy, level=3, source=EvidenceSource.ACTIVITY
    )
    assert client.get(url(privacy)).status_code == 404
    client.force_login(volker)
    assert download(client, privacy)["credentialSubject"]["identifier"][0][
        "identityHash"
    ] == ("Volker Muster")


def test_badge_needs_login(client, house):
    _, privacy = house
    response = client.get(url(privacy))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_page_offers_the_badge_and_says_it_is_unsigned(client, lena, house):
    _, privacy = house
    evidence_record(
        user=lena, competency=privacy, level=2, source=EvidenceSource.ACTIVITY
    )
    page = BeautifulSoup(client.get("/my/competences/").content, "html.parser")
    link = page.select_one(f'#competence-{privacy.pk} a[href="{url(privacy)}"]')
    assert link.has_attr("download")
    assert "Open Badge" in link.get_text()
    assert "not signed" in page.select_one(f"#competence-{privacy.pk}").get_text()
    assert "The badge is not signed yet." in page.get_text()
