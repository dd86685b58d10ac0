"""`import_framework` and `export_framework` on the command line."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from lms.competencies.models import Framework

from .test_exchange_moodle_csv import FRENCH_EXPORT, counts, tree_of

pytestmark = pytest.mark.django_db


def run(name: str, *args) -> list[str]:
    out = io.StringIO()
    call_command(name, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().splitlines()


def test_import_prints_warnings_and_the_slug_last(tmp_path):
    path = tmp_path / "moodle.csv"
    path.write_bytes(FRENCH_EXPORT)

    lines = run("import_framework", str(path), "--format", "moodle-csv")

    assert lines[0] == "Warning: Completion rules are not imported (line 6)."
    assert lines[-2] == "Imported “Compétences numériques”: 5 competencies, 3 levels."
    assert lines[-1] == "competences-numeriques"
    assert Framework.objects.get(slug=lines[-1]).competencies.count() == 5


def test_the_language_of_a_moodle_file_can_be_named(tmp_path):
    path = tmp_path / "moodle.csv"
    path.write_bytes(FRENCH_EXPORT)

    slug = run(
        "import_framework", str(path), "--format", "moodle-csv", "--language", "fr"
    )[-1]

    assert Framework.objects.get(slug=slug).language == "fr"


def test_a_broken_file_exits_with_the_line_and_changes_nothing(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_bytes(FRENCH_EXPORT.replace(b"2;2.1;Interagir", b"9;2.1;Interagir"))
    before = counts()

    with pytest.raises(CommandError) as caught:
        run("import_framework", str(path), "--format", "moodle-csv")

    assert caught.value.returncode == 1
    assert str(caught.value) == (
        "broken.csv: nothing was imported.\nLine 8: the parent “9” does not exist."
    )
    assert counts() == before


def test_a_file_over_ten_megabytes_is_refused_before_reading(tmp_path):
    """A sparse 50 MB file takes no disk space; reading it all would take time
    and memory, the size check none."""
    path = tmp_path / "huge.csv"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024)
    before = counts()

    with pytest.raises(CommandError) as caught:
        run("import_framework", str(path), "--format", "moodle-csv")

    assert "The file is larger than 10.0\xa0MB; nothing was imported." in str(
        caught.value
    )
    assert counts() == before


def test_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run("import_framework", str(tmp_path / "nope.csv"), "--format", "case-json")


@pytest.mark.parametrize("format", ["moodle-csv", "case-json"])
def test_export_to_a_file_and_back(tmp_path, format):
    run("import_framework", _french_file(tmp_path), "--format", "moodle-csv")
    original = Framework.objects.get(slug="competences-numeriques")
    tree = tree_of(original)
    output = tmp_path / "out"

    run("export_framework", original.slug, "--format", format, "--output", str(output))
    original.delete()
    slug = run("import_framework", str(output), "--format", format)[-1]

    assert tree_of(Framework.objects.get(slug=slug)) == tree


def test_export_writes_to_standard_output(tmp_path):
    run("import_framework", _french_file(tmp_path), "--format", "moodle-csv")

    package = json.loads(
        "\n".join(
            run("export_framework", "competences-numeriques", "--format", "case-json")
        )
    )

    assert package["CFDocument"]["title"] == "Compétences numériques"
    assert len(package["CFItems"]) == 5


def test_export_of_an_unknown_slug():
    with pytest.raises(CommandError, match="No framework with the slug 'nope'"):
        run("export_framework", "nope", "--format", "case-json")


def _french_file(tmp_path) -> str:
    path = tmp_path / "moodle.csv"
    path.write_bytes(FRENCH_EXPORT)
    return str(path)
