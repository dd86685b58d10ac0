"""Trainers rate participants of their own courses; ratings sent for review
count once someone else in HR approves them."""

import pytest
from django.urls import reverse

from courses import services as course_services
from courses.models import LessonPage
from lms.competencies import services
from lms.competencies.models import (
    CompetencyLink,
    CompetencyState,
    Evidence,
    EvidenceSource,
    EvidenceStatus,
)
from lms.people.models import Role
from tests import factories
from tests.people.helpers import hr_user, messages_of, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def house(db):
    framework = factories.framework("house", levels=("Basic", "Good", "Expert"))
    return {
        "framework": framework,
        "privacy": factories.competency(framework, "1.1", "Protecting data"),
        "messaging": factories.competency(framework, "1.2", "Secure messaging"),
        "other": factories.competency(framework, "9.9", "Not in the course"),
    }


@pytest.fixture
def digcomp(db):
    framework = factories.framework(
        "digcomp", levels=tuple(f"Level {n}" for n in range(1, 9)), proficient_level=4
    )
    return {
        "framework": framework,
        "netiquette": factories.competency(framework, "2.5", "Netiquette"),
    }


@pytest.fixture
def tara(org):
    return factories.staff(
        "tara", org["verband"], roles=(Role.LEARNER, Role.TRAINER)
    ).user


@pytest.fixture
def lena(org):
    return factories.staff("lena", org["pflege_a"]).user


@pytest.fixture
def course(house, digcomp, tara, lena):
    """Develops 1.1 (course field) and 1.2 and DigComp 2.5 (a lesson, indexed)."""
    page = factories.course_tree("Ethik", modules=1, lessons=1)
    page.competencies = [
        ("competency", {"competency": house["privacy"], "level": 2}),
    ]
    page.trainers.add(tara)
    page.save()
    lesson = LessonPage.objects.descendant_of(page).first()
    for competency, level in [(house["messaging"], 3), (digcomp["netiquette"], 4)]:
        CompetencyLink.objects.create(
            page=lesson, course=page, competency=competency, level=level
        )
    course_services.course_self_enrol(user=lena, course=page)
    return page


def url(course, learner) -> str:
    return reverse("participant-competences", args=[course.pk, learner.pk])


def rate(client, course, learner, competency, level: str, **extra):
    return client.post(
        url(course, learner),
        {"competency": competency.pk, "level": level, "note": "", **extra},
        follow=True,
    )


def level_of(user, competency) -> int | None:
    state = CompetencyState.objects.filter(user=user, competency=competency).first()
    return state.level if state else None


def rows(response) -> dict[str, list[str]]:
    return {
        row.th.get_text(" ", strip=True): [
            td.get_text(" ", strip=True) for td in row.find_all("td")
        ]
        for row in soup(response).select("table.competences tbody tr")
    }


# --- trainers ------------------------------------------------------------------


def test_participants_page_links_to_the_competences(client, course, tara, lena):
    client.force_login(tara)
    page = soup(client.get(reverse("course-participants", args=[course.pk])))
    assert page.select_one(f'a[href="{url(course, lena)}"]')


def test_trainer_sees_the_courses_competencies_and_rates_one(
    client, course, house, tara, lena
):
    client.force_login(tara)
    response = client.get(url(course, lena))
    assert response.status_code == 200
    shown = rows(response)
    assert list(shown) == [  # framework by framework, in tree order
        "2.5 Netiquette",
        "1.1 Protecting data",
        "1.2 Secure messaging",
    ]
    assert shown["1.2 Secure messaging"][:2] == ["3 · Expert", "\u2013"]
    choices = [o["value"] for o in soup(response).select("#id_competency option")]
    assert str(house["other"].pk) not in choices

    framework = house["framework"]
    response = rate(
        client,
        course,
        lena,
        house["privacy"],
        f"{framework.pk}:3",
        note="Erklärt Kolleginnen die Einwilligung.",
    )
    assert messages_of(response) == ["1.1 Protecting data recorded for Lena Muster."]
    evidence = Evidence.objects.get()
    assert (evidence.user, evidence.recorded_by, evidence.level) == (lena, tara, 3)
    assert evidence.source == EvidenceSource.TRAINER
    assert evidence.status == EvidenceStatus.VALID
    assert level_of(lena, house["privacy"]) == 3
    row = rows(response)["1.1 Protecting data"]
    assert row[1].startswith("3 · Expert achieved")
    assert "Trainer rating, 3 · Expert, by Tara Muster" in row[5]
    assert "Erklärt Kolleginnen die Einwilligung." in row[5]


def test_trainer_of_another_course_cannot_see_or_rate(client, course, house, org, lena):
    theo = factories.staff("theo", org["verband"], roles=(Role.TRAINER,)).user
    factories.course_tree("Andere").trainers.add(theo)
    client.force_login(theo)
    assert client.get(url(course, lena)).status_code == 403
    response = client.post(
        url(course, lena),
        {"competency": house["privacy"].pk, "level": f"{house['framework'].pk}:3"},
    )
    assert response.status_code == 403
    assert not Evidence.objects.exists()


def test_only_participants_of_the_course_can_be_rated(client, course, tara, org):
    bert = factories.staff("bert", org["beratung_b"]).user
    client.force_login(tara)
    assert client.get(url(course, bert)).status_code == 404


def test_learner_gets_403(client, course, lena):
    client.force_login(lena)
    assert client.get(url(course, lena)).status_code == 403


def test_forged_competency_or_level_is_refused_and_nothing_stored(
    client, course, house, digcomp, tara, lena
):
    client.force_login(tara)
    framework = house["framework"]
    response = rate(client, course, lena, house["other"], f"{framework.pk}:2")
    assert "Select a valid choice" in soup(response).select_one(".errorlist").text
    response = rate(client, course, lena, house["privacy"], f"{framework.pk}:9")
    assert "Select a valid choice" in soup(response).select_one(".errorlist").text
    response = rate(
        client, course, lena, house["privacy"], f"{digcomp['framework'].pk}:5"
    )
    assert soup(response).select_one(".errorlist").get_text(strip=True) == (
        "Choose a level from the scale of House."
    )
    assert not Evidence.objects.exists()
    assert level_of(lena, house["privacy"]) is None


def test_trainer_cannot_rate_themselves(client, course, house, tara):
    course_services.course_self_enrol(user=tara, course=course)
    client.force_login(tara)
    response = rate(
        client, course, tara, house["privacy"], f"{house['framework'].pk}:2"
    )
    assert "You cannot rate yourself" in soup(response).select_one(".errorlist").text
    assert not Evidence.objects.exists()


# --- review --------------------------------------------------------------------


def test_rating_sent_for_review_counts_once_hr_approves(
    client, course, house, tara, lena, hanna
):
    privacy, framework = house["privacy"], house["framework"]
    client.force_login(tara)
    rate(client, course, lena, privacy, f"{framework.pk}:1")
    response = rate(
        client, course, lena, privacy, f"{framework.pk}:3", needs_review="on"
    )
    assert messages_of(response) == [
        "Rating of 1.1 Protecting data for Lena Muster sent for review."
    ]
    assert level_of(lena, privacy) == 1
    assert rows(response)["1.1 Protecting data"][1] == "1 · Basic"
    assert "waiting for review" in rows(response)["1.1 Protecting data"][5]

    client.force_login(hanna)
    page = soup(client.get(reverse("hr-competence-reviews")))
    waiting = page.select("table.reviews tbody tr")
    assert len(waiting) == 1
    assert "Lena Muster" in waiting[0].th.text
    assert "3 · Expert" in waiting[0].get_text()
    pending = Evidence.objects.get(status=EvidenceStatus.PENDING)
    response = client.post(
        reverse("hr-competence-review", args=[pending.pk]),
        {"decision": "approve", "note": "Im Team bestätigt."},
        follow=True,
    )
    assert messages_of(response) == [
        "Rating of 1.1 Protecting data for Lena Muster approved: it counts now."
    ]
    assert level_of(lena, privacy) == 3
    assert "Nothing waits for review." in soup(response).select_one("table").text
    # the rating stays as it was; the decision is a new row pointing at it
    pending.refresh_from_db()
    assert pending.status == EvidenceStatus.PENDING
    assert pending.reviews.get().recorded_by == hanna


def test_rejected_rating_does_not_count(client, course, house, tara, lena, hanna):
    privacy = house["privacy"]
    rating = services.rating_record(
        rater=tara,
        user=lena,
        competency=privacy,
        level=3,
        source=EvidenceSource.TRAINER,
        needs_review=True,
    )
    client.force_login(hanna)
    response = client.post(
        reverse("hr-competence-review", args=[rating.pk]),
        {"decision": "reject", "note": "Nicht beobachtet."},
        follow=True,
    )
    assert messages_of(response) == [
        "Rating of 1.1 Protecting data for Lena Muster rejected."
    ]
    assert level_of(lena, privacy) is None
    person = client.get(reverse("hr-staff-competences", args=[lena.profile.pk]))
    evidence = rows(person)["1.1 Protecting data"][4]
    assert "rejected in review" in evidence
    assert "waiting for review" not in evidence


def test_rater_cannot_approve_their_own_rating(client, house, lena, hanna):
    privacy, framework = house["privacy"], house["framework"]
    client.force_login(hanna)
    response = client.post(
        reverse("hr-staff-competences", args=[lena.profile.pk]),
        {
            "action": "rating",
            "rating-competency": privacy.pk,
            "rating-level": f"{framework.pk}:2",
            "rating-note": "",
            "rating-needs_review": "on",
        },
        follow=True,
    )
    assert messages_of(response) == [
        "Rating of 1.1 Protecting data for Lena Muster sent for review."
    ]
    rating = Evidence.objects.get()
    assert rating.source == EvidenceSource.MANAGER
    response = client.post(
        reverse("hr-competence-review", args=[rating.pk]),
        {"decision": "approve"},
        follow=True,
    )
    assert messages_of(response) == ["Someone else must review this rating."]
    assert level_of(lena, privacy) is None
    assert Evidence.objects.count() == 1


def test_learner_cannot_review_a_rating_about_themselves(client, org, house, tara):
    """Even an HR user may not approve a rating of their own competence."""
    helga = hr_user("helga", org["haus_a"])
    rating = services.rating_record(
        rater=tara,
        user=helga,
        competency=house["privacy"],
        level=2,
        source=EvidenceSource.TRAINER,
        needs_review=True,
    )
    client.force_login(helga)
    response = client.post(
        reverse("hr-competence-review", args=[rating.pk]),
        {"decision": "approve"},
        follow=True,
    )
    assert messages_of(response) == ["Someone else must review this rating."]
    assert level_of(helga, house["privacy"]) is None


def test_hr_of_another_unit_cannot_see_or_review(client, org, house, tara, lena):
    rating = services.rating_record(
        rater=tara,
        user=lena,
        competency=house["privacy"],
        level=3,
        source=EvidenceSource.TRAINER,
        needs_review=True,
    )
    bea = hr_user("bea", org["haus_b"])
    client.force_login(bea)
    page = soup(client.get(reverse("hr-competence-reviews")))
    assert "Lena" not in page.select_one("table.reviews").text
    response = client.post(
        reverse("hr-competence-review", args=[rating.pk]), {"decision": "approve"}
    )
    assert response.status_code == 404
    assert level_of(lena, house["privacy"]) is None
    person = reverse("hr-staff-competences", args=[lena.profile.pk])
    assert client.get(person).status_code == 404


def test_learner_gets_403_on_the_review_page(client, lena):
    client.force_login(lena)
    assert client.get(reverse("hr-competence-reviews")).status_code == 403


# --- the HR person page ----------------------------------------------------------


def test_person_page_shows_level_target_gap_and_self_assessment(
    client, org, house, tara, lena, hanna
):
    privacy, framework = house["privacy"], house["framework"]
    services.target_create(
        created_by=hanna, competency=privacy, level=3, unit=org["haus_a"]
    )
    services.rating_record(
        rater=tara,
        user=lena,
        competency=privacy,
        level=1,
        source=EvidenceSource.TRAINER,
    )
    services.self_assessment_save(
        user=lena, framework=framework, levels={privacy.pk: 2}
    )
    client.force_login(hanna)
    response = client.get(reverse("hr-staff-competences", args=[lena.profile.pk]))
    assert response.status_code == 200
    level, target, gap, self_level, evidence = rows(response)["1.1 Protecting data"]
    assert (level, target, gap, self_level) == (
        "1 · Basic",
        "3 · Expert",
        "2",
        "2 · Good",
    )
    assert "Trainer rating, 1 · Basic, by Tara Muster" in evidence
    assert "Self-assessment, 2 · Good" in evidence


def test_manager_rating_with_a_level_off_the_scale_is_refused(
    client, house, lena, hanna
):
    client.force_login(hanna)
    response = client.post(
        reverse("hr-staff-competences", args=[lena.profile.pk]),
        {
            "action": "rating",
            "rating-competency": house["privacy"].pk,
            "rating-level": f"{house['framework'].pk}:4",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in soup(response).select_one(".errorlist").text
    assert not Evidence.objects.exists()


def test_hr_link_from_the_staff_edit_page(client, lena, hanna):
    client.force_login(hanna)
    page = soup(client.get(reverse("hr-staff-edit", args=[lena.profile.pk])))
    link = reverse("hr-staff-competences", args=[lena.profile.pk])
    assert page.select_one(f'main a[href="{link}"]')
