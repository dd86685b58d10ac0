"""DigComp 2.2 as the data migration ships it: the JRC's structure, German
texts with English translations, "I can" statements, stable identifiers."""

import uuid

import pytest
from django.utils import translation

from lms.competencies import digcomp
from lms.competencies.models import Competency, Framework, LevelDescriptor
from lms.competencies.services import evidence_record
from tests import factories

pytestmark = pytest.mark.django_db

EXPECTED_CODES = {
    "1": ["1.1", "1.2", "1.3"],
    "2": ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6"],
    "3": ["3.1", "3.2", "3.3", "3.4"],
    "4": ["4.1", "4.2", "4.3", "4.4"],
    "5": ["5.1", "5.2", "5.3", "5.4"],
}


@pytest.fixture
def framework():
    return Framework.objects.get(slug="digcomp-2-2")


def test_the_framework_is_there_after_migrating(framework):
    assert framework.name == "DigComp 2.2"
    assert framework.version == "2.2"
    assert framework.source == "European Commission, Joint Research Centre (JRC)"
    assert framework.language == "de"
    assert framework.default_level == 1
    assert framework.proficient_level == 3
    assert framework.translations["en"]["name"] == "DigComp 2.2"


def test_21_competences_in_5_areas_with_their_codes(framework):
    areas = framework.competencies.filter(parent=None).order_by("sort_order")
    assert [area.code for area in areas] == ["1", "2", "3", "4", "5"]
    assert {area.item_type for area in areas} == {"Area"}
    for area in areas:
        children = area.children.order_by("sort_order")
        assert [c.code for c in children] == EXPECTED_CODES[area.code]
        assert {c.item_type for c in children} == {"Competence"}
        assert {c.depth for c in children} == {2}
    assert framework.competencies.filter(item_type="Competence").count() == 21
    # Tree order: each area, then its competences.
    codes = list(framework.competencies.order_by("sort_order").values_list("code"))
    assert [code for (code,) in codes][:5] == ["1", "1.1", "1.2", "1.3", "2"]


def test_german_names_with_english_translations(framework):
    privacy = framework.competencies.get(code="4.2")
    assert privacy.short_name == "Personenbezogene Daten und Privatsphäre schützen"
    with translation.override("en"):
        assert privacy.text("short_name") == "Protecting personal data and privacy"
        assert privacy.text("description").startswith(
            "To protect personal data and privacy in digital environments."
        )
    for item in framework.competencies.all():
        assert item.description, item.code
        assert item.translations["en"]["short_name"], item.code
        assert item.translations["en"]["description"], item.code
    area = framework.competencies.get(code="5")
    assert area.short_name == "Problemlösung"
    assert area.translations["en"]["short_name"] == "Problem solving"


def test_eight_levels_in_four_bands(framework):
    levels = list(framework.levels.order_by("value"))
    assert [level.value for level in levels] == list(range(1, 9))
    assert [level.band for level in levels] == [
        "Grundlegend",
        "Grundlegend",
        "Selbstständig",
        "Selbstständig",
        "Fortgeschritten",
        "Fortgeschritten",
        "Hoch spezialisiert",
        "Hoch spezialisiert",
    ]
    with translation.override("en"):
        assert [level.text("band") for level in levels] == [
            "Foundation",
            "Foundation",
            "Intermediate",
            "Intermediate",
            "Advanced",
            "Advanced",
            "Highly specialised",
            "Highly specialised",
        ]
        assert levels[2].text("name") == "Intermediate 3"
        assert "on my own" in levels[2].text("description")
        assert "understanding" in levels[2].text("description")
    assert len({level.name for level in levels}) == 8


def test_168_i_can_statements(framework):
    descriptors = LevelDescriptor.objects.filter(competency__framework=framework)
    assert descriptors.count() == 21 * 8
    netiquette = framework.competencies.get(code="2.5")
    by_level = {d.level: d for d in netiquette.level_descriptors.all()}
    assert sorted(by_level) == list(range(1, 9))
    assert by_level[1].text_value.startswith(
        "Auf grundlegendem Niveau und mit Anleitung kann ich mich an die "
        "Verhaltensregeln"
    )
    with translation.override("en"):
        assert (
            by_level[1]
            .text("text_value")
            .startswith(
                "At basic level and with guidance, I can follow the rules of conduct"
            )
        )
        assert (
            by_level[3]
            .text("text_value")
            .startswith("On my own and solving straightforward problems, I can")
        )
    assert not descriptors.filter(competency__item_type="Area").exists()
    assert all(d.translations["en"]["text_value"] for d in descriptors)


def test_identifiers_are_stable(framework):
    # Pinned: a changed namespace would give every export new identifiers.
    assert framework.identifier == uuid.UUID("5053f637-13cb-5f79-a57b-2dd5cb54cb3f")
    privacy = framework.competencies.get(code="4.2")
    assert privacy.identifier == digcomp.identifier("4.2")
    assert len({c.identifier for c in framework.competencies.all()}) == 26


def test_loading_again_changes_nothing(framework):
    assert digcomp.digcomp_load().pk == framework.pk
    assert Framework.objects.filter(slug="digcomp-2-2").count() == 1
    assert Competency.objects.filter(framework=framework).count() == 26


def test_reloading_after_removal_gives_the_same_identifiers(framework):
    before = dict(framework.competencies.values_list("code", "identifier"))
    assert digcomp.digcomp_unload() is True
    assert not Framework.objects.filter(slug="digcomp-2-2").exists()
    reloaded = digcomp.digcomp_load()
    assert reloaded.identifier == framework.identifier
    assert dict(reloaded.competencies.values_list("code", "identifier")) == before


def test_removal_keeps_a_framework_with_evidence(framework, org):
    lena = factories.staff("lena", org["pflege_a"]).user
    evidence_record(
        user=lena,
        competency=framework.competencies.get(code="4.2"),
        level=2,
        source="self_assessment",
    )
    assert digcomp.digcomp_unload() is False
    assert Framework.objects.filter(slug="digcomp-2-2").exists()
