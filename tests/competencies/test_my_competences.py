"""The learner's "My competences" page: levels, targets, gaps, the
self-assessment beside them, evidence, recommendations and the chart."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from lms.competencies.models import CompetencyTarget, EvidenceSource, EvidenceStatus
from lms.competencies.services import evidence_record, rating_record, review_decide
from lms.people.models import Role, StaffType
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/my/competences/"
NONE = "\N{EN DASH}"  # what the table and chart show for "no value"


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def lena(org, client):
    profile = factories.staff("lena", org["pflege_a"])
    client.force_login(profile.user)
    return profile.user


@pytest.fixture
def tara(org):
    return factories.staff("tara", org["verband"], roles=(Role.TRAINER,)).user


@pytest.fixture
def house():
    framework = factories.framework(
        "house", levels=("Basic", "Good", "Expert"), proficient_level=2
    )
    return {
        "framework": framework,
        "privacy": factories.competency(framework, "1.1", "Protecting privacy"),
        "netiquette": factories.competency(framework, "1.2", "Netiquette"),
    }


def target(competency, level, unit, **fields):
    return CompetencyTarget.objects.create(
        competency=competency, level=level, unit=unit, **fields
    )


def article(page, competency) -> BeautifulSoup:
    return page.select_one(f"#competence-{competency.pk}")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def test_page_needs_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_navigation_links_to_the_page(client, lena):
    page = soup(client.get("/my/"))
    assert page.select_one(f'.site-nav a[href="{URL}"]').get_text() == "My competences"


def test_empty_state_without_targets_or_evidence(client, lena, house):
    page = soup(client.get(URL))
    assert "Nothing here yet" in text(page.select_one(".competences-empty"))
    assert not page.select(".competence")
    assert page.select_one('.competences-empty a[href="/courses/"]')


def test_level_target_gap_and_self_assessment_apart(client, lena, org, house):
    privacy = house["privacy"]
    target(privacy, 3, org["verband"])
    evidence_record(
        user=lena, competency=privacy, level=1, source=EvidenceSource.ACTIVITY
    )
    evidence_record(
        user=lena,
        competency=privacy,
        level=3,
        source=EvidenceSource.SELF,
        recorded_by=lena,
    )
    card = article(soup(client.get(URL)), privacy)
    assert text(card.h3) == "1.1 Protecting privacy"
    assert text(card.select_one(".competence__level")) == "1 · Basic"
    assert text(card.select_one(".competence__target")) == "3 · Expert"
    assert text(card.select_one(".competence__gap")) == "2 levels to go"
    # The self-assessment says 3 in its own, labelled place; the level stays 1.
    self_fact = card.select_one(".competence__self-fact")
    assert "not counted" in text(self_fact.dt)
    assert text(self_fact.dd) == "3 · Expert"
    assert "In progress" in text(card.select_one(".competence__status"))
    evidence = [text(li) for li in card.select(".evidence-list li")]
    assert len(evidence) == 2
    assert "Self-assessment" in evidence[0] and "Not counted" in evidence[0]


def test_target_reached_and_achieved(client, lena, org, house):
    netiquette = house["netiquette"]
    target(netiquette, 2, org["pflege_a"])
    evidence_record(
        user=lena, competency=netiquette, level=2, source=EvidenceSource.ACTIVITY
    )
    card = article(soup(client.get(URL)), netiquette)
    assert text(card.select_one(".competence__gap")) == "target reached"
    assert "Achieved" in text(card.select_one(".competence__status"))
    assert card.select_one(f'a[href="/my/competences/{netiquette.pk}/badge.json"]')
    assert not card.select(".competence__learning")


def test_evidence_lists_source_level_date_author_note_and_learning(
    client, lena, tara, house
):
    privacy = house["privacy"]
    course = factories.course_tree("Datenschutz", modules=1, lessons=1)
    evidence_record(
        user=lena,
        competency=privacy,
        level=1,
        source=EvidenceSource.COURSE,
        page=course,
        recorded_at=timezone.now() - timedelta(days=3),
    )
    rating_record(
        rater=tara,
        user=lena,
        competency=privacy,
        level=2,
        source=EvidenceSource.TRAINER,
        note="Erklärt Kolleginnen die Einstellungen.",
    )
    card = article(soup(client.get(URL)), privacy)
    items = card.select(".evidence-list li")
    assert len(items) == 2
    rating, completion = (text(item) for item in items)
    assert "Trainer rating" in rating and "level 2 (Good)" in rating
    assert "Recorded by Tara Muster" in rating
    assert "Erklärt Kolleginnen die Einstellungen." in rating
    assert "Course completion" in completion and "level 1 (Basic)" in completion
    assert "Recorded automatically" in completion
    link = items[1].select_one(".evidence__meta a")
    assert link["href"] == course.url and link.get_text() == "Datenschutz"
    recorded = items[1].select_one("time")["datetime"]
    assert recorded.startswith((timezone.now() - timedelta(days=3)).date().isoformat())
    assert text(card.select_one(".competence__level")) == "2 · Good"


def test_pending_and_rejected_ratings_are_shown_as_such(client, lena, tara, org, house):
    privacy, netiquette = house["privacy"], house["netiquette"]
    reviewer = factories.staff("rita", org["verband"], roles=(Role.TRAINER,)).user
    rating_record(
        rater=tara,
        user=lena,
        competency=privacy,
        level=3,
        source=EvidenceSource.TRAINER,
        needs_review=True,
    )
    sent = rating_record(
        rater=tara,
        user=lena,
        competency=netiquette,
        level=3,
        source=EvidenceSource.TRAINER,
        needs_review=True,
    )
    review_decide(reviewer=reviewer, evidence=sent, approve=False, note="Zu früh.")
    page = soup(client.get(URL))

    waiting = article(page, privacy)
    assert "Rating waiting for review" in text(
        waiting.select_one(".competence__status")
    )
    assert "Waiting for review" in text(waiting.select_one(".evidence--pending"))
    assert text(waiting.select_one(".competence__level")) == "none yet"

    rejected = article(page, netiquette)
    assert "Rating waiting for review" not in text(rejected)
    assert "Rejected in review" in text(rejected.select_one(".evidence--rejected"))
    assert "Zu früh." in text(rejected.select_one(".evidence--rejected"))
    assert rejected.select_one(".evidence--reviewed")
    assert text(rejected.select_one(".competence__level")) == "none yet"


def test_expired_course_evidence_makes_the_competency_due(client, lena, house):
    privacy = house["privacy"]
    expired_on = timezone.now() - timedelta(days=30)
    evidence_record(
        user=lena,
        competency=privacy,
        level=2,
        source=EvidenceSource.COURSE,
        recorded_at=expired_on - timedelta(days=365),
        expires_at=expired_on,
    )
    card = article(soup(client.get(URL)), privacy)
    status = text(card.select_one(".competence__status"))
    assert "Due for recertification" in status
    assert "Achieved" not in status
    assert f"expired on {date_format(timezone.localtime(expired_on))}" in status
    assert "Expired" in text(card.select_one(".evidence--expired"))
    assert text(card.select_one(".competence__level")) == "none yet"
    assert not card.select(".competence__badge")


def test_recommended_course_closes_the_gap(client, lena, org, house):
    privacy = house["privacy"]
    target(privacy, 3, org["verband"])
    evidence_record(
        user=lena, competency=privacy, level=1, source=EvidenceSource.ACTIVITY
    )

    def develops(title, level, **fields):
        return factories.course(
            title,
            competencies=[("competency", {"competency": privacy, "level": level})],
            **fields,
        )

    closing = develops("Datenschutz vertieft", 3)
    partial = develops("Datenschutz Grundlagen", 2)
    develops("Datenschutz Einstieg", 1)  # no higher than the current level
    develops("Datenschutz im Ehrenamt", 3, audience=StaffType.VOLUNTEER)
    draft = develops("Datenschutz Entwurf", 3)
    draft.unpublish()

    card = article(soup(client.get(URL)), privacy)
    items = card.select(".competence__learning li")
    assert [item.a.get_text() for item in items] == [
        "Datenschutz vertieft",
        "Datenschutz Grundlagen",
    ]
    assert items[0].a["href"] == closing.url
    assert "closes the gap" in text(items[0])
    assert "takes you to level 3" in text(items[0])
    assert items[1].a["href"] == partial.url
    assert "closes the gap" not in text(items[1])


def test_another_learners_data_is_never_shown(client, lena, org, house):
    privacy, netiquette = house["privacy"], house["netiquette"]
    volker = factories.staff("volker", org["beratung_b"], StaffType.VOLUNTEER).user
    evidence_record(
        user=volker,
        competency=privacy,
        level=3,
        source=EvidenceSource.ACTIVITY,
        note="Volkers eigener Nachweis",
    )
    evidence_record(
        user=volker,
        competency=netiquette,
        level=2,
        source=EvidenceSource.SELF,
        recorded_by=volker,
    )
    target(netiquette, 3, org["beratung_b"])  # reaches volker, not lena
    evidence_record(
        user=lena, competency=privacy, level=1, source=EvidenceSource.ACTIVITY
    )
    page = soup(client.get(URL))
    assert "Volker" not in page.get_text() and "Volkers" not in page.get_text()
    assert not article(page, netiquette)
    card = article(page, privacy)
    assert text(card.select_one(".competence__level")) == "1 · Basic"
    assert len(card.select(".evidence-list li")) == 1
    assert text(card.select_one(".competence__target")) == "no target set"


def test_self_assessment_link_when_the_questionnaire_exists(client, lena, house):
    from django.urls import NoReverseMatch, reverse

    try:
        expected = reverse("self-assessment-index")
    except NoReverseMatch:
        expected = None
    evidence_record(
        user=lena, competency=house["privacy"], level=1, source=EvidenceSource.ACTIVITY
    )
    links = soup(client.get(URL)).select(f'main a[href="{expected}"]')
    assert bool(links) == (expected is not None)


def _fill(user, trainer, org, competencies, per_competency):
    """Targets, ratings, learning with pages and recommended courses."""
    course = factories.course_tree(f"Kurs {len(competencies)}", modules=1, lessons=1)
    for index, competency in enumerate(competencies):
        target(competency, 3, org["verband"])
        factories.course(
            f"Vertiefung {competency.code}",
            slug=f"vertiefung-{competency.pk}",
            competencies=[("competency", {"competency": competency, "level": 3})],
        )
        for n in range(per_competency):
            evidence_record(
                user=user,
                competency=competency,
                level=1,
                source=EvidenceSource.COURSE,
                page=course,
                recorded_at=timezone.now() - timedelta(days=n + 1),
            )
        rating_record(
            rater=trainer,
            user=user,
            competency=competency,
            level=2,
            source=EvidenceSource.TRAINER,
            needs_review=index % 2 == 0,
        )
        evidence_record(
            user=user,
            competency=competency,
            level=1,
            source=EvidenceSource.SELF,
            recorded_by=user,
        )


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_query_count_is_constant_in_competencies_and_evidence(
    client, lena, tara, org, django_assert_max_num_queries
):
    small = factories.framework("small")
    _fill(lena, tara, org, [factories.competency(small, "1")], per_competency=1)
    _queries(client)  # warm caches (site root paths)
    baseline = _queries(client)

    big = factories.framework("big", levels=("A", "B", "C", "D"))
    _fill(
        lena,
        tara,
        org,
        [factories.competency(big, f"2.{n}") for n in range(1, 7)],
        per_competency=4,
    )
    with django_assert_max_num_queries(baseline):
        page = soup(client.get(URL))
    assert len(page.select(".competence")) == 7
    assert len(page.select(".evidence-list li")) == 1 * 3 + 6 * 6
    assert len(page.select(".competence__learning li")) == 7


def _table(page, framework) -> dict[str, list[str]]:
    table = page.select_one(f"#levels-caption-{framework.pk}").find_parent("table")
    return {
        row["data-competency"]: [
            text(cell)
            for cell in row.select(
                ".competence-table__level, .competence-table__target, "
                ".competence-table__self"
            )
        ]
        for row in table.select("tbody tr")
    }


def test_chart_and_table_carry_the_same_numbers(client, lena, tara, org, house):
    privacy, netiquette = house["privacy"], house["netiquette"]
    framework = house["framework"]
    target(privacy, 3, org["verband"])
    evidence_record(
        user=lena, competency=privacy, level=1, source=EvidenceSource.ACTIVITY
    )
    evidence_record(
        user=lena,
        competency=privacy,
        level=2,
        source=EvidenceSource.SELF,
        recorded_by=lena,
    )
    rating_record(
        rater=tara,
        user=lena,
        competency=netiquette,
        level=3,
        source=EvidenceSource.TRAINER,
    )
    page = soup(client.get(URL))
    svg = page.select_one(f"section[aria-labelledby=framework-{framework.pk}] svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find("title", id=title_id).get_text() == "Your levels in House"
    assert "triangle" in svg.find("desc", id=desc_id).get_text()
    assert "viewbox" in svg.attrs and "width" not in svg.attrs

    table = page.select_one(f"#levels-caption-{framework.pk}").find_parent("table")
    assert table.caption.get_text() == "Your levels in House"
    assert [th["scope"] for th in table.select("thead th")] == ["col"] * 5
    assert all(th["scope"] == "row" for th in table.select("tbody th"))

    rows = _table(page, framework)
    assert rows == {
        str(privacy.pk): ["1", "3", "2"],
        str(netiquette.pk): ["3", NONE, NONE],
    }
    plot_width = float(svg["data-plot-width"])
    max_level = int(svg["data-max-level"])
    assert max_level == 3
    for group in svg.select(".competence-chart__row"):
        level, target_value, self_value = rows[group["data-competency"]]
        assert [group["data-level"], group["data-target"], group["data-self"]] == [
            value.replace(NONE, "") for value in (level, target_value, self_value)
        ]
        assert group.select_one(".competence-chart__value").get_text() == level
        bar = group.select_one(".competence-chart__bar")
        assert float(bar["width"]) / plot_width * max_level == pytest.approx(
            int(level), abs=0.01
        )
        assert bool(group.select(".competence-chart__target")) == (target_value != NONE)
        assert bool(group.select(".competence-chart__self")) == (self_value != NONE)


def test_chart_numbers_stay_svg_numbers_in_german(client, lena, house, settings):
    evidence_record(
        user=lena, competency=house["privacy"], level=1, source=EvidenceSource.ACTIVITY
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    svg = soup(client.get(URL)).select_one("svg.competence-chart__svg")
    coordinates = [
        value
        for node in svg.select("rect, line, text, circle")
        for name in ("x", "y", "x1", "x2", "y1", "y2", "width", "cx", "cy")
        if (value := node.get(name)) is not None
    ]
    assert coordinates and all(float(value) >= 0 for value in coordinates)
    for polygon in svg.select("polygon"):
        for point in polygon["points"].split():
            x, y = point.split(",")
            assert float(x) >= 0 and float(y) >= 0
    assert "," not in svg["viewbox"]


def test_pending_rating_does_not_count_but_approved_one_does(
    client, lena, tara, org, house
):
    privacy = house["privacy"]
    reviewer = factories.staff("rita", org["verband"], roles=(Role.TRAINER,)).user
    sent = rating_record(
        rater=tara,
        user=lena,
        competency=privacy,
        level=2,
        source=EvidenceSource.TRAINER,
        needs_review=True,
    )
    assert sent.status == EvidenceStatus.PENDING
    review_decide(reviewer=reviewer, evidence=sent, approve=True)
    card = article(soup(client.get(URL)), privacy)
    assert text(card.select_one(".competence__level")) == "2 · Good"
    assert "Approved in review" in text(card.select_one(".evidence--counts"))
