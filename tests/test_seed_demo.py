import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from content.blocks import activity_blocks
from content.blocks.competency import competency_links
from courses.models import CoursePage, Enrolment, LessonPage, ModulePage
from lms.competencies.models import (
    CompetencyLink,
    CompetencyState,
    CompetencyTarget,
    Evidence,
    EvidenceSource,
    Framework,
)
from lms.competencies.selectors import target_levels
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
        Framework.objects.count(),
        CompetencyTarget.objects.count(),
        Evidence.objects.count(),
        CompetencyLink.objects.count(),
    )


def _page_links(page) -> list[tuple[str, int]]:
    return sorted((c.code, level) for c, level in competency_links(page.competencies))


def _activity_links(lesson_slug: str) -> dict[str, list[tuple[str, int]]]:
    """{block title or type: [(code, level)]} of the lesson's activities."""
    return _activity_links_of(LessonPage.objects.get(slug=lesson_slug))


def _activity_links_of(lesson) -> dict[str, list[tuple[str, int]]]:
    found = {}
    for block in activity_blocks(lesson.body):
        named = block.value.get("deck") or block.value.get("case")
        title = named.title if named else block.value.get("title") or block.block_type
        found[title] = sorted(
            (c.code, level)
            for c, level in competency_links(block.value.get("competencies"))
        )
    return found


def _seed():
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def test_seed_demo_is_idempotent_and_complete(client):
    _seed()
    first = _counts()
    _seed()
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


def test_demo_learning_develops_digcomp_competences():
    _seed()
    _seed()
    assert Framework.objects.filter(slug="digcomp-2-2").count() == 1
    courses = {course.slug: course for course in CoursePage.objects.all()}
    assert _page_links(courses["datenschutz-im-sozialwesen"]) == [("4.2", 3)]
    assert _page_links(courses["digitale-ethik"]) == [("2.5", 3), ("4.3", 2)]
    assert _page_links(courses["digital-zusammenarbeiten"]) == [("2.4", 3)]
    assert _page_links(LessonPage.objects.get(slug="geraete-und-fotos")) == [("4.1", 2)]
    assert _activity_links("automatisierung-und-ueberwachung") == {
        "Quiz: Digitale Ethik im Arbeitsalltag": [("2.5", 2)]
    }
    assert _activity_links("datenpannen-melden")[
        "Abschlussquiz: Datenschutz im Sozialwesen"
    ] == [("4.2", 2)]
    assert _activity_links("beratung-per-video")[
        "Karen und die Wohnbegleitung per Video"
    ] == [("2.1", 2)]
    assert _activity_links("wuerde-und-selbstbestimmung")[
        "Dialogkarten: Digitale Ethik in der Arbeit mit Menschen"
    ] == [("2.4", 2)]
    assert _activity_links("regeln-fuer-team-chats")[
        "Dialogkarten: Gut digital zusammenarbeiten"
    ] == [("2.4", 2)]
    assert _activity_links("gesunde-grenzen")["Quiz: Digital zusammenarbeiten"] == [
        ("2.4", 2)
    ]
    assert _activity_links("dokumente-gemeinsam-nutzen")["h5p"] == [("2.2", 2)]
    # Published, so the live page and its latest revision agree.
    lesson = LessonPage.objects.get(slug="automatisierung-und-ueberwachung")
    assert not lesson.has_unpublished_changes
    revision = lesson.get_latest_revision_as_object()
    assert _activity_links_of(revision) == _activity_links_of(lesson)
    # …and the index that recommends learning for a gap has them.
    assert (
        CompetencyLink.objects.filter(page=lesson, competency__code="2.5", level=2)
        .exclude(block_id="")
        .exists()
    )
    assert CompetencyLink.objects.filter(
        page=courses["datenschutz-im-sozialwesen"], competency__code="4.2", level=3
    ).exists()


def test_demo_targets_and_self_assessment():
    _seed()
    _seed()
    User = get_user_model()
    assert CompetencyTarget.objects.count() == 4
    assert set(
        CompetencyTarget.objects.values_list(
            "competency__code", "level", "unit__code", "staff_type"
        )
    ) == {
        ("4.2", 2, "verband", "volunteer"),
        ("4.2", 3, "verband", "paid"),
        ("4.1", 2, "st-anna", "paid"),
        ("2.5", 2, "verband", ""),
    }
    assert set(
        CompetencyTarget.objects.values_list("created_by__username", flat=True)
    ) == {"hanna"}

    def codes(levels):
        return {
            code: levels[pk]
            for pk, code in Framework.objects.get(slug="digcomp-2-2")
            .competencies.filter(pk__in=levels)
            .values_list("pk", "code")
        }

    lena, volker = (
        User.objects.get(username="lena"),
        User.objects.get(username="volker"),
    )
    assert codes(target_levels(lena)) == {"4.2": 3, "4.1": 2, "2.5": 2}
    assert codes(target_levels(volker)) == {"4.2": 2, "2.5": 2}

    own = Evidence.objects.filter(user=volker)
    assert own.count() == 5
    assert set(own.values_list("source", flat=True)) == {EvidenceSource.SELF}
    assert not CompetencyState.objects.filter(user=volker, level__isnull=False).exists()
    assert not Evidence.objects.filter(recorded_by__username="hanna").exists()
