"""Completing or passing learning that declares competencies records evidence."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import services as course_services
from courses.models import LessonPage
from lms.activities.models import TeamSession
from lms.competencies.models import (
    CompetencyLink,
    CompetencyState,
    Evidence,
    EvidenceSource,
)
from lms.competencies.selectors import learning_for_gaps
from tests import factories
from tests.activities.test_dialogue import deck_lesson, make_deck
from tests.activities.test_quiz_services import ALL_RIGHT, NONE_RIGHT, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def digital():
    framework = factories.framework(
        "digital", levels=("Foundation", "Intermediate", "Advanced", "Expert")
    )
    return {
        "privacy": factories.competency(framework, "4.2", "Protecting privacy"),
        "devices": factories.competency(framework, "4.1", "Protecting devices"),
        "teamwork": factories.competency(framework, "2.4", "Collaborating"),
    }


def links(*pairs):
    return [{"competency": competency, "level": level} for competency, level in pairs]


def page_links(*pairs):
    return [("competency", item) for item in links(*pairs)]


def test_passing_a_quiz_records_activity_evidence(client, org, digital):
    setup = make_quiz(competencies=links((digital["privacy"], 2)))
    lena = factories.staff("lena", org["pflege_a"]).user
    course_services.course_self_enrol(user=lena, course=setup.course)
    client.force_login(lena)

    client.post(
        reverse("quiz-submit", args=[setup.lesson.pk, setup.block_id]),
        setup.post(*NONE_RIGHT),
    )
    assert not Evidence.objects.exists()

    client.post(
        reverse("quiz-submit", args=[setup.lesson.pk, setup.block_id]),
        setup.post(*ALL_RIGHT),
    )
    evidence = Evidence.objects.get()
    assert (evidence.competency, evidence.level) == (digital["privacy"], 2)
    assert evidence.source == EvidenceSource.ACTIVITY
    assert (evidence.page_id, evidence.block_id) == (setup.lesson.pk, setup.block_id)
    assert CompetencyState.objects.get(user=lena).level == 2


def test_completing_an_activity_twice_records_it_once(org, digital):
    setup = make_quiz(competencies=links((digital["privacy"], 2)))
    lena = factories.staff("lena", org["pflege_a"]).user
    for _ in range(2):
        course_services.activity_complete(
            user=lena, lesson=setup.lesson, block_id=setup.block_id
        )
    assert Evidence.objects.count() == 1


def test_lesson_module_and_course_completion_record_their_own_evidence(org, digital):
    course = factories.course(
        "Datenschutz",
        competencies=page_links((digital["privacy"], 3)),
        recertification_months=12,
    )
    module = factories.module(course, "Praxis")
    module.competencies = page_links((digital["devices"], 2))
    module.save()
    first = factories.lesson(module, "Handy")
    first.competencies = page_links((digital["devices"], 1))
    first.save()
    second = factories.lesson(module, "Fotos")
    lena = factories.staff("lena", org["pflege_a"]).user
    course_services.course_self_enrol(user=lena, course=course)

    course_services.lesson_complete(user=lena, lesson=first)
    assert [(e.page_id, e.level) for e in Evidence.objects.all()] == [(first.pk, 1)]

    course_services.lesson_complete(user=lena, lesson=second)
    recorded = {
        (e.page_id, e.competency.code, e.level)
        for e in Evidence.objects.select_related("competency")
    }
    assert recorded == {
        (first.pk, "4.1", 1),
        (module.pk, "4.1", 2),
        (course.pk, "4.2", 3),
    }
    assert all(e.source == EvidenceSource.COURSE for e in Evidence.objects.all())
    # Everything learnt in a course with a recertification interval expires.
    for evidence in Evidence.objects.all():
        assert (
            timedelta(days=364)
            < evidence.expires_at - timezone.now()
            < timedelta(days=366)
        )
    states = {s.competency.code: s.level for s in CompetencyState.objects.all()}
    assert states == {"4.1": 2, "4.2": 3}


def test_team_session_participation_is_its_own_source(client, org, digital):
    deck = make_deck()
    lesson = deck_lesson(deck)
    body = lesson.body
    body[0].value["competencies"] = (
        body[0]
        .block.child_blocks["competencies"]
        .to_python([{"competency": digital["teamwork"].pk, "level": 2}])
    )
    lesson.body = body
    lesson.save_revision().publish()
    lesson = LessonPage.objects.get(pk=lesson.pk)
    course = lesson.get_parent().get_parent().specific
    tara = factories.staff(
        "tara", org["verband"], roles=(factories.Role.LEARNER, factories.Role.TRAINER)
    ).user
    course.trainers.add(tara)
    lena = factories.staff("lena", org["pflege_a"]).user
    course_services.course_self_enrol(user=lena, course=course)
    client.force_login(tara)
    client.post(
        f"/my/lessons/{lesson.pk}/decks/{lesson.body[0].id}/sessions/",
        {"team_name": "Team Nord", "participants": [lena.pk]},
    )
    session = TeamSession.objects.get()
    client.post(f"/sessions/{session.pk}/end/")

    evidence = Evidence.objects.get(user=lena)
    assert evidence.source == EvidenceSource.TEAM_SESSION
    assert (evidence.competency, evidence.level) == (digital["teamwork"], 2)


def test_publishing_indexes_links_and_unpublishing_drops_them(org, digital):
    setup = make_quiz(competencies=links((digital["privacy"], 3)))
    course = setup.course
    course.competencies = page_links((digital["teamwork"], 2))
    course.save_revision().publish()

    indexed = {
        (link.page_id, link.block_id, link.competency_id, link.level, link.course_id)
        for link in CompetencyLink.objects.all()
    }
    assert indexed == {
        (setup.lesson.pk, setup.block_id, digital["privacy"].pk, 3, course.pk),
        (course.pk, "", digital["teamwork"].pk, 2, course.pk),
    }
    # The course closes a gap below level 3 in 4.2, not one at level 3.
    assert learning_for_gaps({digital["privacy"].pk: 1}) == {
        digital["privacy"].pk: [course.pk]
    }
    assert learning_for_gaps({digital["privacy"].pk: 3}) == {}

    setup.lesson.unpublish()
    assert not CompetencyLink.objects.filter(page_id=setup.lesson.pk).exists()


def test_a_draft_does_not_change_the_index(org, digital):
    setup = make_quiz(competencies=links((digital["privacy"], 3)))
    lesson = setup.lesson
    lesson.competencies = page_links((digital["devices"], 2))
    lesson.save_revision()  # a draft, not published
    assert set(CompetencyLink.objects.values_list("competency__code", flat=True)) == {
        "4.2"
    }
