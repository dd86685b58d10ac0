"""Moodle competency framework CSV: reading Moodle's files, writing them, and
refusing broken ones with the line and without touching the database."""

import io
import uuid

import pytest

from lms.competencies.exchange import (
    MOODLE_CSV,
    FrameworkImportError,
    framework_export_moodle_csv,
    framework_import_file,
)
from lms.competencies.exchange.moodle_csv import ID_NUMBER_NAMESPACE
from lms.competencies.models import (
    Competency,
    Framework,
    LevelDescriptor,
    ScaleLevel,
)
from tests import factories

pytestmark = pytest.mark.django_db

ENGLISH_HEADER = (
    "Parent ID number,ID number,Short name,Description,Description format,"
    "Scale values,Scale configuration,Rule type (optional),Rule outcome (optional),"
    "Rule config (optional),Cross-referenced competency ID numbers,"
    "Exported ID (optional),Is framework,Taxonomy"
)
SCALE_CONFIGURATION = (
    '"[{""scaleid"":""2""},{""id"":1,""scaledefault"":1,""proficient"":0},'
    '{""id"":2,""scaledefault"":0,""proficient"":1}]"'
)
FRAMEWORK_ROW = (
    f',HOUSE,House framework,,1,"Not yet,Competent",{SCALE_CONFIGURATION},'
    ',,,,,1,"domain,competency"'
)


def house_csv(*rows: str, framework_row: str = FRAMEWORK_ROW) -> bytes:
    """A Moodle file with the English header (line 1), the framework (line 2)
    and the given competency rows from line 3 on."""
    return "\n".join([ENGLISH_HEADER, framework_row, *rows, ""]).encode()


def row(
    parent: str, id_number: str, name: str = "", extra: str = ",1,,,,0,null,,,,"
) -> str:
    return f"{parent},{id_number},{name or 'Competency ' + id_number},{extra}"


def import_csv(data: bytes):
    return framework_import_file(io.BytesIO(data), format=MOODLE_CSV)


def counts() -> tuple[int, int, int, int]:
    return (
        Framework.objects.count(),
        Competency.objects.count(),
        ScaleLevel.objects.count(),
        LevelDescriptor.objects.count(),
    )


def refused(data: bytes, importer=import_csv) -> list[str]:
    """The messages of a refused import, after checking nothing was written."""
    before = counts()
    with pytest.raises(FrameworkImportError) as caught:
        importer(data)
    assert counts() == before
    return caught.value.messages


def tree_of(framework) -> list[tuple]:
    """What a user sees of a framework's tree: code, name, description, parent's
    code, depth and position, in the order the admin lists them."""
    return [
        (
            c.code,
            c.short_name,
            c.description,
            c.parent.code if c.parent else None,
            c.depth,
        )
        for c in Competency.objects.filter(framework=framework)
        .select_related("parent")
        .order_by("sort_order")
    ]


def scale_of(framework) -> tuple:
    return (
        [(level.value, level.name) for level in framework.levels.order_by("value")],
        framework.default_level,
        framework.proficient_level,
    )


# A Moodle 4 export as a French admin downloads it: byte-order mark, semicolons,
# the header in French, HTML descriptions, one of them over two lines, a rule
# and a cross-reference (which we do not keep).
FRENCH_EXPORT = (
    "\ufeffID de la compétence parente;Numéro d'identification;Nom abrégé;"
    "Description;Format de description;Valeurs du barème;Configuration du barème;"
    "Type de règle (facultatif);Résultat de la règle (facultatif);"
    "Configuration de la règle (facultatif);"
    "Numéros d'identification des compétences liées;ID exporté (facultatif);"
    "Est un référentiel;Taxonomie\r\n"
    ';DIGCOMP-FR;Compétences numériques;"<p>Le référentiel <strong>DigComp'
    '</strong> en français</p>";1;Pas encore compétent,Compétent,Expert;'
    '"[{""scaleid"":""3""},{""id"":1,""scaledefault"":1,""proficient"":0},'
    '{""id"":2,""scaledefault"":0,""proficient"":1},'
    '{""id"":3,""scaledefault"":0,""proficient"":1}]";;;;;;1;domain,competency\r\n'
    ';1;Information et données;"<p>Première ligne&nbsp;;</p>\r\n'
    '<p>Deuxième ligne</p>";1;;;;0;null;;101;;\r\n'
    "1;1.1;Naviguer, rechercher et filtrer;Texte simple;2;;;;0;null;;102;;\r\n"
    "1;1.2;Évaluer des données;;1;;;core_competency\\competency_rule_all;1;null;"
    "1.1;103;;\r\n"
    ";2;Communication et collaboration;;1;;;;0;null;;104;;\r\n"
    "2;2.1;Interagir;;1;;;;0;null;;105;;\r\n"
).encode()


def test_a_french_moodle_export_with_semicolons_and_bom_is_imported():
    result = import_csv(FRENCH_EXPORT)

    framework = result.framework
    assert framework.name == "Compétences numériques"
    assert framework.slug == "competences-numeriques"
    assert framework.description == "Le référentiel DigComp en français"
    assert framework.identifier == uuid.uuid5(ID_NUMBER_NAMESPACE, "DIGCOMP-FR")
    assert scale_of(framework) == (
        [(1, "Pas encore compétent"), (2, "Compétent"), (3, "Expert")],
        1,
        2,
    )
    assert tree_of(framework) == [
        ("1", "Information et données", "Première ligne ;\nDeuxième ligne", None, 1),
        ("1.1", "Naviguer, rechercher et filtrer", "Texte simple", "1", 2),
        ("1.2", "Évaluer des données", "", "1", 2),
        ("2", "Communication et collaboration", "", None, 1),
        ("2.1", "Interagir", "", "2", 2),
    ]
    types = dict(framework.competencies.values_list("code", "item_type"))
    assert types == {
        "1": "Domain",
        "1.1": "Competency",
        "1.2": "Competency",
        "2": "Domain",
        "2.1": "Competency",
    }
    # The record of "1" spans lines 3 and 4, so "1.2" is on line 6.
    assert result.warnings == [
        "Completion rules are not imported (line 6).",
        "Cross-referenced competencies are not imported (line 6).",
    ]


def test_line_numbers_count_the_lines_of_a_multi_line_description():
    data = FRENCH_EXPORT.replace(b"2;2.1;Interagir", b"9;2.1;Interagir")

    assert refused(data) == ["Line 8: the parent “9” does not exist."]


def test_parents_may_come_after_their_children_and_siblings_keep_file_order():
    data = house_csv(row("B", "B2"), row("", "B"), row("B", "B1"), row("", "A"))

    framework = import_csv(data).framework

    assert [(code, parent) for code, _n, _d, parent, _depth in tree_of(framework)] == [
        ("B", None),
        ("B2", "B"),
        ("B1", "B"),
        ("A", None),
    ]


def test_without_scale_values_the_default_two_level_scale_is_used():
    data = house_csv(row("", "1"), framework_row=",HOUSE,House,,1,,,,,,,,1,")

    result = import_csv(data)

    assert scale_of(result.framework) == (
        [(1, "Not yet competent"), (2, "Competent")],
        1,
        2,
    )
    assert "no scale values" in result.warnings[0]


def test_a_scale_with_gaps_in_proficiency_counts_from_the_lowest_proficient():
    configuration = (
        '"[{""scaleid"":""2""},{""id"":1,""scaledefault"":0,""proficient"":0},'
        '{""id"":2,""scaledefault"":1,""proficient"":1},'
        '{""id"":3,""scaledefault"":0,""proficient"":0}]"'
    )
    framework_row = f',HOUSE,House,,1,"A,B,C",{configuration},,,,,,1,'

    result = import_csv(house_csv(row("", "1"), framework_row=framework_row))

    assert scale_of(result.framework) == ([(1, "A"), (2, "B"), (3, "C")], 2, 2)
    assert "every level from 2 on counts as proficient" in result.warnings[0]


@pytest.fixture
def house():
    """A framework with what Moodle's format can carry, and text that needs
    quoting: commas, semicolons, quotes, line breaks."""
    framework = factories.framework(
        slug="house",
        name="House framework",
        levels=("Starter", "Practitioner", "Expert"),
        proficient_level=2,
        default_level=1,
        description='Our "own" framework; for staff, volunteers',
    )
    area = factories.competency(
        framework, "1", "Data", description="Line one\nLine two", sort_order=1
    )
    factories.competency(framework, "1.2", "Protecting data", parent=area, sort_order=3)
    factories.competency(
        framework, "1.1", "Finding, filtering", parent=area, sort_order=2
    )
    factories.competency(framework, "", "Without a code", sort_order=4)
    return framework


def test_an_exported_framework_reimports_to_the_same_tree(house):
    tree, scale = tree_of(house), scale_of(house)
    uncoded = Competency.objects.get(short_name="Without a code").identifier
    exported = framework_export_moodle_csv(house)
    house.delete()

    framework = import_csv(exported.encode()).framework

    assert tree_of(framework) == tree
    assert scale_of(framework) == scale
    assert framework.name == "House framework"
    assert framework.description == 'Our "own" framework; for staff, volunteers'
    assert Competency.objects.get(short_name="Without a code").identifier == uncoded


def test_the_export_is_what_moodle_reads(house):
    lines = framework_export_moodle_csv(house).splitlines()

    assert lines[0] == ENGLISH_HEADER
    assert lines[1] == (
        f",{house.identifier},House framework,"
        '"Our ""own"" framework; for staff, volunteers",2,'
        '"Starter,Practitioner,Expert",'
        '"[{""scaleid"":""0""},{""id"":1,""scaledefault"":1,""proficient"":0},'
        '{""id"":2,""scaledefault"":0,""proficient"":1},'
        '{""id"":3,""scaledefault"":0,""proficient"":1}]",,,,,,1,'
        '"competency,competency"'
    )
    assert lines[2].startswith(',1,Data,"Line one')


def test_importing_the_same_framework_twice_is_refused(house):
    exported = framework_export_moodle_csv(house).encode()

    messages = refused(exported)

    assert messages == [
        "This framework has already been imported as “House framework” (house): "
        "the identifier or Moodle ID number in the file is the same. Delete that "
        "framework first to import it again."
    ]


def test_the_slug_does_not_clash_with_an_existing_framework():
    if not Framework.objects.filter(slug="digcomp-2-2").exists():
        factories.framework(slug="digcomp-2-2", name="DigComp 2.2")
    data = house_csv(
        row("", "1"),
        framework_row=FRAMEWORK_ROW.replace("House framework", "DigComp 2.2"),
    )

    assert import_csv(data).framework.slug == "digcomp-2-2-2"


# Malformed files: each is refused with the line, and nothing is written.


def test_a_header_with_too_few_columns():
    data = b"Parent ID number,ID number,Short name\n,F,Framework\n"

    (message,) = refused(data)

    assert message.startswith("Line 1: the header has 3 columns; a Moodle")


def test_a_row_with_too_few_columns():
    data = house_csv(row("", "1"), "1,1.1,Short")

    assert refused(data) == ["Line 4: 3 columns instead of 14."]


def test_no_framework_row():
    data = "\n".join([ENGLISH_HEADER, row("", "1")]).encode()

    (message,) = refused(data)

    assert message.startswith("No row has “Is framework” set to 1")


def test_two_framework_rows():
    data = house_csv(row("", "1"), FRAMEWORK_ROW)

    assert refused(data) == ["Line 4: a second framework row (the first is line 2)."]


def test_an_empty_id_number_and_an_empty_short_name():
    data = house_csv(row("", "", "Nameless number"), row("", "2", " "))

    assert refused(data) == [
        "Line 3: the ID number is empty.",
        "Line 4: the short name is empty.",
    ]


def test_an_unknown_parent():
    data = house_csv(row("", "1"), row("7", "1.1"))

    assert refused(data) == ["Line 4: the parent “7” does not exist."]


def test_a_row_that_is_its_own_parent():
    data = house_csv(row("", "1"), row("2", "2"))

    assert refused(data) == ["Line 4: “2” is its own parent."]


def test_a_cycle():
    data = house_csv(row("", "1"), row("3", "2"), row("2", "3"), row("3", "4"))

    assert refused(data) == ["Line 4: the parents form a cycle: 2 → 3 → 2."]


def test_duplicate_id_numbers():
    data = house_csv(row("", "1"), row("", "2"), row("", "1", "Again"))

    assert refused(data) == ["Line 5: the ID number “1” is already used (see Line 3)."]


def test_invalid_json_in_the_scale_configuration():
    framework_row = ',HOUSE,House,,1,"A,B","[{""id"":1,",,,,,,1,'

    (message,) = refused(house_csv(row("", "1"), framework_row=framework_row))

    assert message.startswith("Line 2: the scale configuration is not valid JSON")


def test_a_scale_configuration_without_proficient_level():
    configuration = (
        '"[{""scaleid"":""2""},{""id"":1,""scaledefault"":1,""proficient"":0}]"'
    )
    framework_row = f',HOUSE,House,,1,"A,B",{configuration},,,,,,1,'

    assert refused(house_csv(row("", "1"), framework_row=framework_row)) == [
        "Line 2: the scale configuration marks no level as proficient."
    ]


def test_a_file_that_is_not_utf8_names_the_first_bad_line():
    data = house_csv(row("", "1"), row("1", "1.1", "Données"))
    data = data.replace("Données".encode(), "Données".encode("latin-1"))

    assert refused(data) == [
        "Line 4: the file is not UTF-8 encoded. Save it as UTF-8 (in Excel: "
        "“CSV UTF-8”) and try again."
    ]


def test_a_nul_character():
    data = house_csv(row("", "1"), row("", "2", "Null\0byte"))

    assert refused(data) == [
        "Line 4: the file contains a NUL character; it is probably not a text file."
    ]


def test_a_line_that_cannot_be_read():
    data = house_csv(row("", "1"), row("", "2", "x" * 200_000))

    assert refused(data) == [
        "Line 4: the line cannot be read (field larger than field limit (131072))."
    ]


def test_many_problems_are_listed_up_to_twenty():
    data = house_csv(*(row("missing", str(n)) for n in range(25)))

    messages = refused(data)

    assert len(messages) == 21
    assert messages[0] == "Line 3: the parent “missing” does not exist."
    assert messages[-1] == "… and 5 more problems."


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.COMPETENCY_IMPORT_MAX_BYTES = 1000
    data = house_csv(*(row("", str(n)) for n in range(100)))
    assert len(data) > 1000

    assert refused(data) == [
        "The file is larger than 1000\xa0bytes; nothing was imported."
    ]


def test_a_bomb_of_rows_stops_at_the_limit(settings):
    settings.COMPETENCY_IMPORT_MAX_ITEMS = 5

    messages = refused(house_csv(*(row("", str(n)) for n in range(50))))

    assert messages == [
        "Line 8: the file has more than 5 competencies; nothing was imported."
    ]


def test_the_default_row_limit_is_ten_thousand():
    data = house_csv(*(f",{n},N,,,,,,,,,,," for n in range(10_001)))

    assert refused(data) == [
        "Line 10003: the file has more than 10,000 competencies; nothing was imported."
    ]


def test_an_empty_file():
    assert refused(b"\xef\xbb\xbf  \n") == ["The file is empty."]


def test_the_shipped_digcomp_round_trips_through_moodle():
    digcomp = Framework.objects.get(slug="digcomp-2-2")
    tree, scale = tree_of(digcomp), scale_of(digcomp)
    exported = framework_export_moodle_csv(digcomp)
    digcomp.delete()

    framework = import_csv(exported.encode()).framework

    assert (tree_of(framework), scale_of(framework)) == (tree, scale)
    assert framework.name == "DigComp 2.2"


def test_imported_competencies_can_be_found_in_the_chooser_search():
    from wagtail.search.backends import get_search_backend

    framework = import_csv(FRENCH_EXPORT).framework

    found = get_search_backend().autocomplete(
        "Interag", Competency.objects.filter(framework=framework)
    )
    assert [c.code for c in found] == ["2.1"]


def test_a_competency_with_its_own_scale_uses_the_framework_scale():
    own_scale = ',"Low,High","[{""scaleid"":""9""}]",,0,null,,,,'
    data = house_csv(row("", "1", extra=f",1{own_scale}"), row("", "2"))

    result = import_csv(data)

    assert result.warnings == [
        "Competencies with a scale of their own use the framework's scale here "
        "(line 3)."
    ]
    assert scale_of(result.framework)[0] == [(1, "Not yet"), (2, "Competent")]
