"""The self-assessment questionnaire, as a learner uses it."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse

from lms.competencies.models import (
    CompetencyState,
    Evidence,
    EvidenceSource,
    Framework,
)
from lms.competencies.services import evidence_record
from tests import factories

pytestmark = pytest.mark.django_db

FORM = "/my/competences/self-assessment/digcomp-2-2/"


@pytest.fixture
def digcomp():
    return Framework.objects.get(slug="digcomp-2-2")


@pytest.fixture
def lena(org):
    return factories.staff("lena", org["pflege_a"]).user


@pytest.fixture
def lena_client(client, lena):
    client.force_login(lena)
    return client


def _page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def _question(page, competency):
    return page.find("fieldset", id=f"competency-{competency.pk}")


def _options(fieldset) -> dict[str, str]:
    """{radio value: label text}."""
    return {
        radio["value"]: fieldset.find("label", attrs={"for": radio["id"]}).get_text(
            " ", strip=True
        )
        for radio in fieldset.find_all("input", type="radio")
    }


def _checked(fieldset) -> str | None:
    radio = fieldset.find("input", type="radio", checked=True)
    return radio["value"] if radio else None


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_anonymous_visitors_are_sent_to_log_in(client, digcomp):
    for url in ("/my/competences/self-assessment/", FORM):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    privacy = digcomp.competencies.get(code="4.2")
    response = client.post(FORM, {f"competency-{privacy.pk}": "3"})
    assert response.status_code == 302
    assert not Evidence.objects.exists()


def test_the_frameworks_are_listed(lena_client, digcomp):
    page = _page(lena_client.get("/my/competences/self-assessment/"))
    link = page.find("a", href=FORM)
    assert link.get_text(strip=True) == "DigComp 2.2"
    assert "0 of 21 competencies answered." in page.get_text(" ", strip=True)


def test_the_form_asks_every_competence_by_area_in_english(lena_client, digcomp):
    page = _page(lena_client.get(FORM))
    areas = page.select("section.self-assessment__area h2")
    assert [h.get_text(" ", strip=True) for h in areas] == [
        "1 Information and data literacy",
        "2 Communication and collaboration",
        "3 Digital content creation",
        "4 Safety",
        "5 Problem solving",
    ]
    assert len(page.select("fieldset.self-assessment__question")) == 21
    privacy = _question(page, digcomp.competencies.get(code="4.2"))
    assert privacy.legend.get_text(" ", strip=True) == (
        "4.2 Protecting personal data and privacy"
    )
    options = _options(privacy)
    assert list(options) == ["0", "1", "2", "3", "4", "5", "6", "7", "8"]
    assert options["0"] == "Not yet"
    assert options["1"] == (
        "Foundation 1 At basic level and with guidance, I can protect personal "
        "data and privacy in digital environments and use and share personal "
        "information without harm to myself or others."
    )
    assert options["3"].startswith(
        "Intermediate 3 On my own and solving straightforward problems, I can"
    )
    assert _checked(privacy) is None


def test_the_form_speaks_german(client, lena, digcomp, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    client.force_login(lena)
    page = _page(client.get(FORM))
    privacy = _question(page, digcomp.competencies.get(code="4.2"))
    assert privacy.legend.get_text(" ", strip=True) == (
        "4.2 Personenbezogene Daten und Privatsphäre schützen"
    )
    assert _options(privacy)["1"].startswith(
        "Grundlegend 1 Auf grundlegendem Niveau und mit Anleitung kann ich "
        "personenbezogene Daten"
    )


def test_saving_stores_self_assessment_and_leaves_the_verified_level(
    lena_client, lena, digcomp
):
    privacy = digcomp.competencies.get(code="4.2")
    netiquette = digcomp.competencies.get(code="2.5")
    evidence_record(
        user=lena, competency=privacy, level=2, source=EvidenceSource.ACTIVITY
    )

    response = lena_client.post(
        FORM, {f"competency-{privacy.pk}": "5", f"competency-{netiquette.pk}": "0"}
    )

    assert response.status_code == 302
    assert response.url == reverse("my-competences")
    assert "does not change it" in _messages(response)[0]
    own = Evidence.objects.filter(user=lena, source=EvidenceSource.SELF)
    assert sorted(own.values_list("competency__code", "level")) == [
        ("2.5", 0),
        ("4.2", 5),
    ]
    assert own.get(competency=privacy).recorded_by == lena
    state = CompetencyState.objects.get(user=lena, competency=privacy)
    assert (state.level, state.self_level) == (2, 5)
    assert not state.achieved

    page = _page(lena_client.get(FORM))
    assert _checked(_question(page, privacy)) == "5"
    assert _checked(_question(page, netiquette)) == "0"
    assert "Your verified level: Foundation 2" in _question(page, privacy).get_text(
        " ", strip=True
    )


def test_unchanged_answers_add_no_rows(lena_client, lena, digcomp):
    privacy = digcomp.competencies.get(code="4.2")
    devices = digcomp.competencies.get(code="4.1")
    lena_client.post(FORM, {f"competency-{privacy.pk}": "3"})
    assert Evidence.objects.count() == 1

    response = lena_client.post(FORM, {f"competency-{privacy.pk}": "3"})
    assert response.status_code == 302
    assert Evidence.objects.count() == 1
    assert _messages(response)[-1] == (
        "Your answers are the same as before; nothing changed."
    )

    lena_client.post(
        FORM, {f"competency-{privacy.pk}": "3", f"competency-{devices.pk}": "2"}
    )
    assert list(Evidence.objects.values_list("competency__code", flat=True)) == [
        "4.1",
        "4.2",
    ]


def test_nothing_answered_says_so(lena_client):
    response = lena_client.post(FORM, {})
    assert response.status_code == 200
    assert "nothing was saved" in _page(response).select_one(".message--error").text
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    "forged",
    [
        "other-framework",
        "area",
        "level-off-the-scale",
        "negative-level",
        "not-a-number",
        "not-an-id",
        "two-answers",
    ],
)
def test_forged_answers_are_refused_and_nothing_is_stored(lena_client, digcomp, forged):
    privacy = digcomp.competencies.get(code="4.2")
    other = factories.competency(factories.framework("house"), "H1")
    answers = {f"competency-{privacy.pk}": "3"}
    if forged == "other-framework":
        answers[f"competency-{other.pk}"] = "1"
    elif forged == "area":
        answers[f"competency-{digcomp.competencies.get(code='4').pk}"] = "1"
    elif forged == "level-off-the-scale":
        answers[f"competency-{privacy.pk}"] = "9"
    elif forged == "negative-level":
        answers[f"competency-{privacy.pk}"] = "-1"
    elif forged == "not-a-number":
        answers[f"competency-{privacy.pk}"] = "drei"
    elif forged == "not-an-id":
        answers["competency-4.2"] = "1"
    elif forged == "two-answers":
        answers[f"competency-{privacy.pk}"] = ["2", "3"]

    response = lena_client.post(FORM, answers)

    assert response.status_code == 400
    assert not Evidence.objects.exists()
    assert not CompetencyState.objects.exists()


def test_unknown_framework_is_not_found(lena_client):
    assert lena_client.get("/my/competences/self-assessment/nope/").status_code == 404


def test_without_statements_the_levels_describe_themselves(lena_client, lena):
    house = factories.framework("house", levels=("Basic", "Good", "Expert"))
    house.levels.filter(value=2).update(description="Works safely on their own.")
    teamwork = factories.competency(house, "H1", "Teamwork")

    page = _page(lena_client.get("/my/competences/self-assessment/house/"))

    options = _options(_question(page, teamwork))
    assert options == {
        "0": "Not yet",
        "1": "Basic",
        "2": "Good Works safely on their own.",
        "3": "Expert",
    }
    lena_client.post(
        "/my/competences/self-assessment/house/", {f"competency-{teamwork.pk}": "2"}
    )
    assert CompetencyState.objects.get(user=lena, competency=teamwork).self_level == 2
