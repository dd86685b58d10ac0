"""1EdTech CASE packages: round trips with identifiers, level descriptors and
translations; packages as CASE 1.0 and OpenSALT write them; broken packages
refused with the item and without touching the database."""

import io
import json
import uuid

import pytest

from lms.competencies.exchange import (
    CASE_JSON,
    FrameworkImportError,
    framework_export_case_json,
    framework_import_file,
)
from lms.competencies.models import Competency, Framework, LevelDescriptor
from tests import factories

from .test_exchange_moodle_csv import counts, refused, scale_of, tree_of

pytestmark = pytest.mark.django_db

DOCUMENT = "c6d7a5a2-1f6e-4d0b-9a55-0a1b2c3d4e5f"
AREA = "9f1b8a4e-2d3c-4b5a-8e7f-101112131415"
FIRST = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f20212223"
SECOND = "b2c3d4e5-f6a7-4b8c-9d0e-1f2021222324"
EXTERNAL = "e0e0e0e0-0000-4000-8000-000000000001"


def import_package(package) -> object:
    data = package if isinstance(package, bytes) else json.dumps(package).encode()
    return framework_import_file(io.BytesIO(data), format=CASE_JSON)


def refused_package(package) -> list[str]:
    data = package if isinstance(package, bytes) else json.dumps(package).encode()
    return refused(data, importer=import_package)


def item(identifier: str, statement: str, **fields) -> dict:
    return {
        "identifier": identifier,
        "uri": f"https://opensalt.example/uri/{identifier}",
        "fullStatement": statement,
        "lastChangeDateTime": "2019-05-01T10:00:00+00:00",
        **fields,
    }


def child_of(child: str, parent: str, sequence=None, **fields) -> dict:
    association = {
        "identifier": str(uuid.uuid4()),
        "associationType": "isChildOf",
        "originNodeURI": f"https://opensalt.example/uri/{child}",
        "destinationNodeURI": f"https://opensalt.example/uri/{parent}",
        **fields,
    }
    if sequence is not None:
        association["sequenceNumber"] = sequence
    return association


def opensalt_package(**changes) -> dict:
    """A CASE 1.0 package as early OpenSALT exported it: URIs as plain strings,
    no abbreviated statements, no scale, and a link to another framework."""
    long_statement = (
        "Identify, locate, retrieve and store digital data. Organise it in a "
        "structured environment and judge how reliable the sources are before "
        "using them with clients."
    )
    package = {
        "CFDocument": {
            "identifier": DOCUMENT,
            "uri": f"https://opensalt.example/uri/{DOCUMENT}",
            "creator": "Example State Board",
            "title": "Digital Skills for Care",
            "lastChangeDateTime": "2019-05-01T10:00:00+00:00",
            "version": "1.0",
            "language": "en",
            "description": "Skills every carer needs.",
        },
        "CFItems": [
            item(FIRST, long_statement, humanCodingScheme="DS.1.1", CFItemType="Skill"),
            item(AREA, "Information", humanCodingScheme="DS.1", CFItemType="Area"),
            item(SECOND, "Share data safely.", humanCodingScheme="DS.1.2"),
        ],
        "CFAssociations": [
            child_of(SECOND, AREA, sequence=2),
            child_of(AREA, DOCUMENT, sequence=1),
            child_of(FIRST, AREA, sequence=1),
            {
                "identifier": "11111111-2222-4333-8444-555555555555",
                "associationType": "exactMatchOf",
                "originNodeURI": f"https://opensalt.example/uri/{FIRST}",
                "destinationNodeURI": f"https://other.example/uri/{EXTERNAL}",
            },
        ],
    }
    package.update(changes)
    return package


def test_an_opensalt_package_with_string_uris_and_an_outside_match_is_imported():
    result = import_package(opensalt_package())

    framework = result.framework
    assert framework.identifier == uuid.UUID(DOCUMENT)
    assert (
        framework.name,
        framework.source,
        framework.version,
        framework.language,
    ) == (
        "Digital Skills for Care",
        "Example State Board",
        "1.0",
        "en",
    )
    assert tree_of(framework) == [
        ("DS.1", "Information", "", None, 1),
        (
            "DS.1.1",
            "Identify, locate, retrieve and store digital data.",
            opensalt_package()["CFItems"][0]["fullStatement"],
            "DS.1",
            2,
        ),
        ("DS.1.2", "Share data safely.", "", "DS.1", 2),
    ]
    assert Competency.objects.get(code="DS.1.1").identifier == uuid.UUID(FIRST)
    assert Competency.objects.get(code="DS.1").item_type == "Area"
    assert scale_of(framework) == ([(1, "Not yet competent"), (2, "Competent")], 1, 2)
    assert result.warnings == [
        "The package has no scale, so the framework gets the scale “Not yet "
        "competent, Competent” (proficient from level 2).",
        "CFAssociations[3] (11111111-2222-4333-8444-555555555555): exactMatchOf to "
        f"“https://other.example/uri/{EXTERNAL}” outside this package is skipped.",
    ]


def test_links_as_objects_a_wrapped_package_and_an_isChildOf_to_outside():
    package = opensalt_package()
    package["CFAssociations"] = [
        {
            "identifier": str(uuid.uuid4()),
            "associationType": "isChildOf",
            "originNodeURI": {"title": "x", "identifier": child, "uri": "urn:x"},
            "destinationNodeURI": {"title": "y", "identifier": parent, "uri": "urn:y"},
            "sequenceNumber": sequence,
        }
        for child, parent, sequence in [
            (AREA, DOCUMENT, 1),
            (SECOND, AREA, 1),
            (FIRST, EXTERNAL, 1),
        ]
    ]

    result = import_package({"CFPackage": package})

    assert [
        (code, parent) for code, _n, _d, parent, _depth in tree_of(result.framework)
    ] == [
        ("DS.1", None),
        ("DS.1.2", "DS.1"),
        ("DS.1.1", None),
    ]
    assert "points outside this package and is skipped" in result.warnings[-1]


def test_a_long_statement_without_a_sentence_end_is_cut_at_a_word():
    statement = "word " * 60
    package = opensalt_package(CFItems=[item(FIRST, statement)], CFAssociations=[])

    short_name = import_package(package).framework.competencies.get().short_name

    assert short_name.endswith("word…")
    assert len(short_name) <= 120


@pytest.fixture
def house():
    framework = factories.framework(
        slug="house",
        name="House framework",
        levels=("Starter", "Practitioner", "Expert"),
        proficient_level=2,
        default_level=1,
        source="Verband Nord",
        version="2025",
        language="de",
        description="Unser Rahmen",
        translations={"en": {"name": "House framework", "description": "Our frame"}},
    )
    level = framework.levels.get(value=3)
    level.band = "Advanced"
    level.translations = {"en": {"name": "Expert"}}
    level.save()
    area = factories.competency(
        framework,
        "1",
        "Daten",
        item_type="Bereich",
        sort_order=1,
        translations={"en": {"short_name": "Data"}},
    )
    protect = factories.competency(
        framework,
        "1.2",
        "Daten schützen",
        description="Personenbezogene Daten\nsicher speichern",
        parent=area,
        sort_order=3,
    )
    factories.competency(framework, "1.1", "Daten finden", parent=area, sort_order=2)
    factories.competency(framework, "", "Ohne Code", sort_order=4)
    LevelDescriptor.objects.create(
        competency=protect,
        level=1,
        text_value="Ich speichere Daten im Ordner.",
        translations={"en": {"text_value": "I save data in the folder."}},
    )
    LevelDescriptor.objects.create(
        competency=protect, level=3, text_value="Ich erkläre anderen den Datenschutz."
    )
    return framework


def everything_of(framework) -> dict:
    """Tree, scale and what only CASE carries: identifiers, level descriptors,
    translations."""
    competencies = framework.competencies.order_by("sort_order")
    return {
        "framework": (
            framework.name,
            framework.source,
            framework.version,
            framework.language,
            framework.description,
            framework.identifier,
            framework.translations,
        ),
        "tree": tree_of(framework),
        "scale": scale_of(framework),
        "levels": [
            (level.band, level.translations) for level in framework.levels.all()
        ],
        "competencies": [
            (c.identifier, c.item_type, c.translations) for c in competencies
        ],
        "descriptors": [
            (d.competency.code, d.level, d.text_value, d.translations)
            for d in LevelDescriptor.objects.filter(
                competency__framework=framework
            ).order_by("competency__sort_order", "level")
        ],
    }


def test_an_exported_package_reimports_to_the_same_framework(house):
    before = everything_of(house)
    package = json.loads(json.dumps(framework_export_case_json(house)))
    house.delete()

    framework = import_package(package).framework

    assert everything_of(framework) == before
    assert framework.slug == "house-framework"


def test_the_export_is_a_case_package(house):
    package = framework_export_case_json(house)

    document = package["CFDocument"]
    assert document["identifier"] == str(house.identifier)
    assert document["title"] == "House framework"
    assert document["creator"] == "Verband Nord"
    assert {
        i["humanCodingScheme"] for i in package["CFItems"] if "humanCodingScheme" in i
    } == {
        "1",
        "1.1",
        "1.2",
    }
    children = {
        a["originNodeURI"]["title"]: (
            a["destinationNodeURI"]["title"],
            a["sequenceNumber"],
        )
        for a in package["CFAssociations"]
    }
    assert children == {
        "Daten": ("House framework", 1),
        "Daten finden": ("Daten", 1),
        "Daten schützen": ("Daten", 2),
        "Ohne Code": ("House framework", 2),
    }
    (rubric,) = package["CFRubrics"]
    (criterion,) = rubric["CFRubricCriteria"]
    assert criterion["CFItemURI"]["title"] == "Daten schützen"
    assert [
        (level["score"], level["quality"])
        for level in criterion["CFRubricCriterionLevels"]
    ] == [
        (1, "Starter"),
        (3, "Expert"),
    ]


def test_exporting_twice_gives_the_same_package(house):
    assert framework_export_case_json(house) == framework_export_case_json(house)


def test_importing_the_same_package_twice_is_refused(house):
    messages = refused_package(framework_export_case_json(house))

    assert messages[0].startswith("This framework has already been imported as")


def test_rubric_levels_outside_the_scale_are_skipped_with_a_warning(house):
    package = framework_export_case_json(house)
    house.delete()
    levels = package["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    levels[1]["score"] = 7

    result = import_package(package)

    assert (
        LevelDescriptor.objects.filter(competency__framework=result.framework).count()
        == 1
    )
    assert "(7); skipped" in result.warnings[-1]


# Broken packages: each is refused with the item, and nothing is written.


def test_invalid_json_names_line_and_column():
    assert refused_package(b'{\n  "CFDocument": {\n    "title": "x",,\n') == [
        "Line 3, column 18: the file is not valid JSON (Expecting property name "
        "enclosed in double quotes)."
    ]


def test_not_a_case_package():
    assert refused_package([1, 2]) == [
        "The file is not a CASE package: it has no CFDocument."
    ]


def test_missing_document_fields():
    package = opensalt_package()
    del package["CFDocument"]["identifier"]
    package["CFDocument"]["title"] = ""

    messages = refused_package(package)

    assert messages[:2] == [
        "CFDocument: the identifier is missing.",
        "CFDocument: the title is missing.",
    ]


def test_missing_item_fields_name_the_item():
    package = opensalt_package()
    del package["CFItems"][0]["fullStatement"]
    del package["CFItems"][2]["identifier"]

    assert refused_package(package) == [
        f"CFItems[0] ({FIRST}): the fullStatement is missing.",
        "CFItems[2]: the identifier is missing.",
    ]


def test_an_identifier_that_is_not_a_uuid():
    package = opensalt_package()
    package["CFItems"][1]["identifier"] = "DS-1"

    assert refused_package(package)[0] == (
        "CFItems[1] (DS-1): the identifier “DS-1” is not a UUID."
    )


def test_duplicate_identifiers():
    package = opensalt_package()
    package["CFItems"].append(item(AREA, "Again", humanCodingScheme="DS.9"))

    assert refused_package(package) == [
        f"CFItems[3] ({AREA}): the identifier “{AREA}” is already used "
        f"(see CFItems[1] ({AREA}))."
    ]


def test_duplicate_codes():
    package = opensalt_package()
    package["CFItems"][2]["humanCodingScheme"] = "DS.1.1"

    assert refused_package(package) == [
        f"CFItems[2] ({SECOND}): the code “DS.1.1” is already used "
        f"(see CFItems[0] ({FIRST}))."
    ]


def test_a_cycle_of_isChildOf():
    package = opensalt_package()
    package["CFAssociations"] = [
        child_of(AREA, SECOND),
        child_of(SECOND, AREA),
        child_of(FIRST, DOCUMENT),
    ]

    assert refused_package(package) == [
        f"CFItems[1] ({AREA}): the parents form a cycle: {AREA} → {SECOND} → {AREA}."
    ]


def test_an_item_that_is_its_own_parent():
    package = opensalt_package()
    package["CFAssociations"] = [child_of(AREA, AREA)]

    assert refused_package(package) == [
        f"CFItems[1] ({AREA}): “{AREA}” is its own parent."
    ]


def test_an_association_without_its_ends():
    package = opensalt_package()
    del package["CFAssociations"][0]["originNodeURI"]
    identifier = package["CFAssociations"][0]["identifier"]

    assert refused_package(package) == [
        f"CFAssociations[0] ({identifier}): originNodeURI missing."
    ]


def test_a_scale_whose_proficient_level_does_not_exist():
    package = opensalt_package()
    package["CFDocument"]["extensions"] = {
        "lernplattform": {
            "scale": {
                "levels": [{"value": 1, "name": "A"}, {"value": 2, "name": "B"}],
                "defaultLevel": 1,
                "proficientLevel": 5,
            }
        }
    }

    assert refused_package(package) == [
        "CFDocument: the proficient level 5 is not a level of the scale."
    ]


def test_a_file_that_is_not_utf8():
    data = json.dumps(opensalt_package(), indent=1).encode("utf-16")

    (message,) = refused_package(data)

    assert message.startswith("Line 1: the file is not UTF-8 encoded.")


def test_a_package_over_the_size_limit(settings):
    settings.COMPETENCY_IMPORT_MAX_BYTES = 2048
    data = json.dumps(opensalt_package(), indent=2).encode()
    assert len(data) > 2048

    assert refused_package(data) == [
        "The file is larger than 2.0\xa0KB; nothing was imported."
    ]


def test_a_large_file_is_refused_before_it_is_read(tmp_path):
    """A sparse 11 MB file: the size decides, not reading it."""
    path = tmp_path / "huge.json"
    with path.open("wb") as file:
        file.truncate(11 * 1024 * 1024)
    read = []

    class Watched(io.FileIO):
        def read(self, size=-1):
            read.append(size)
            return super().read(size)

    before = counts()
    with Watched(path) as file, pytest.raises(FrameworkImportError) as caught:
        import_package_file(file)

    assert caught.value.messages == [
        "The file is larger than 10.0\xa0MB; nothing was imported."
    ]
    assert read == []
    assert counts() == before


def import_package_file(file):
    return framework_import_file(file, format=CASE_JSON)


def test_a_bomb_of_items(settings):
    settings.COMPETENCY_IMPORT_MAX_ITEMS = 2

    assert refused_package(opensalt_package()) == [
        "The package has more than 2 items; nothing was imported."
    ]


def test_nothing_is_left_behind_when_the_database_refuses(house, monkeypatch):
    """Even a failure while writing (here: the last descriptor) leaves nothing."""
    package = framework_export_case_json(house)
    house.delete()
    before = counts()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(LevelDescriptor.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        import_package(package)

    assert counts() == before
    assert not Framework.objects.filter(
        identifier=package["CFDocument"]["identifier"]
    ).exists()


def test_the_shipped_digcomp_round_trips_with_everything():
    """8 levels in four bands, 21 competences with "I can" statements per
    level, German with English translations."""
    digcomp = Framework.objects.get(slug="digcomp-2-2")
    before = everything_of(digcomp)
    assert len(before["descriptors"]) > 21
    package = json.loads(json.dumps(framework_export_case_json(digcomp)))
    digcomp.delete()

    result = import_package(package)

    assert everything_of(result.framework) == before
    assert result.framework.slug == "digcomp-2-2"
    assert result.warnings == []


def test_a_second_parent_is_skipped_with_a_warning():
    package = opensalt_package()
    package["CFAssociations"].append(child_of(SECOND, DOCUMENT, sequence=9))

    result = import_package(package)

    assert tree_of(result.framework)[-1][:4] == (
        "DS.1.2",
        "Share data safely.",
        "",
        "DS.1",
    )
    assert "already has a parent" in result.warnings[-1]
