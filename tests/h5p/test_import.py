"""The real fixture packages, library sharing, the permission split and the
import_h5p command."""

import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command, execute_from_command_line

from content.h5p.services import H5PValidationError, h5p_package_import
from content.models import H5PLibrary, H5PPackage

from .conftest import DEMO_LIBRARY, QUESTION_SET, TRUE_FALSE, h5p_json, stored_files

pytestmark = pytest.mark.django_db


def run(*args) -> list[str]:
    from io import StringIO

    out = StringIO()
    call_command("import_h5p", *map(str, args), stdout=out)
    return out.getvalue().strip().splitlines()


def upload(path, user=None):
    with open(path, "rb") as file:
        return h5p_package_import(file=file, user=user, filename=path.name)


def test_both_fixtures_import_and_share_libraries():
    true_false = H5PPackage.objects.get(pk=run(TRUE_FALSE)[-1])
    question_set = H5PPackage.objects.get(pk=run(QUESTION_SET)[-1])

    assert true_false.title == "Hello World"
    assert true_false.main_library == "H5P.TrueFalse 1.6"
    assert question_set.main_library == "H5P.QuestionSet 1.20"
    for package in (true_false, question_set):
        root = package.storage_path
        assert default_storage.exists(f"{root}/h5p.json")
        assert default_storage.exists(f"{root}/content/content.json")
        for library in package.libraries.all():
            assert default_storage.exists(f"{library.storage_path}/library.json")
    shared = set(true_false.libraries.all()) & set(question_set.libraries.all())
    assert {str(lib) for lib in shared} == {
        "FontAwesome 4.5",
        "H5P.FontIcons 1.0",
        "H5P.JoubelUI 1.3",
        "H5P.Transition 1.0",
    }
    assert H5PLibrary.objects.filter(machine_name="FontAwesome").count() == 1
    # The question set brings JoubelUI 1.3.14 over the installed 1.3.9.
    assert H5PLibrary.objects.get(machine_name="H5P.JoubelUI").patch_version == 14
    # Editor libraries are not needed to play, so they are not installed.
    assert not H5PLibrary.objects.filter(machine_name__startswith="H5PEditor").exists()
    assert not default_storage.exists("h5p/libraries/H5PEditor.ShowWhen-1.0")


def test_importing_the_same_file_again_returns_the_same_package():
    first = run(TRUE_FALSE)[-1]
    assert run(TRUE_FALSE)[-1] == first
    assert H5PPackage.objects.count() == 1


def test_command_prints_a_summary_and_the_id_last():
    lines = run(TRUE_FALSE)
    package = H5PPackage.objects.get()
    assert lines[-1] == str(package.pk)
    assert "Hello World" in lines[0]


def test_command_rejects_with_a_clear_message(build_h5p, media):
    path = build_h5p({"content/evil.js": "alert(1)"})
    with pytest.raises(CommandError, match=r"demo\.h5p: .*content/evil\.js"):
        run(path)
    assert stored_files(media) == []


def test_command_exits_with_1_on_a_rejected_package(build_h5p, capsys):
    path = build_h5p({"content/content.json": None})
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "import_h5p", str(path)])
    assert exit_.value.code == 1
    assert "content/content.json" in capsys.readouterr().err


def test_command_unknown_user_and_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No user"):
        run(TRUE_FALSE, "--user", "nobody")
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "missing.h5p")


def test_a_trainer_cannot_bring_new_libraries(trainer, media):
    with pytest.raises(CommandError) as caught:
        run(TRUE_FALSE, "--user", trainer.username)

    message = str(caught.value)
    assert "not installed yet" in message
    assert "H5P.TrueFalse 1.6" in message
    assert "Only administrators" in message
    assert stored_files(media) == []
    assert not H5PLibrary.objects.exists()


def test_a_trainer_can_use_installed_libraries(trainer, build_h5p):
    run(TRUE_FALSE)  # an administrator installed the libraries
    library_files = set(default_storage.listdir("h5p/libraries")[0])
    content = {"question": "<p>Is water wet?</p>", "correct": "true"}
    files = {
        "h5p.json": h5p_json(
            title="Water",
            mainLibrary="H5P.TrueFalse",
            preloadedDependencies=[
                {"machineName": "H5P.TrueFalse", "majorVersion": 1, "minorVersion": 6}
            ],
        ),
        "content/content.json": json.dumps(content),
    }

    package = upload(build_h5p(files, base={}), user=trainer)

    assert package.uploaded_by == trainer
    assert "H5P.Question 1.4" in {str(lib) for lib in package.libraries.all()}
    assert set(default_storage.listdir("h5p/libraries")[0]) == library_files


def test_a_trainer_uploading_a_package_with_installed_libraries_ignores_its_copies(
    trainer, admin_user, build_h5p
):
    upload(build_h5p(), user=admin_user)
    newer = {**DEMO_LIBRARY, "patchVersion": 9}
    files = {
        "H5P.Demo-1.0/library.json": json.dumps(newer),
        "H5P.Demo-1.0/demo.js": "H5P.Demo = 'trainer copy';",
        "content/content.json": '{"question": "Another"}',
    }

    upload(build_h5p(files, name="other.h5p"), user=trainer)

    assert H5PLibrary.objects.get().patch_version == 3
    with default_storage.open("h5p/libraries/H5P.Demo-1.0/demo.js") as js:
        assert js.read() == b"H5P.Demo = function () {};"


def test_an_admin_can_install_and_update_libraries(admin_user, build_h5p):
    upload(build_h5p(), user=admin_user)
    newer = {**DEMO_LIBRARY, "patchVersion": 9}
    files = {
        "H5P.Demo-1.0/library.json": json.dumps(newer),
        "H5P.Demo-1.0/demo.js": "H5P.Demo = 'fixed';",
        "content/content.json": '{"question": "Another"}',
    }

    upload(build_h5p(files, name="other.h5p"), user=admin_user)

    library = H5PLibrary.objects.get()
    assert library.patch_version == 9
    assert library.installed_by == admin_user
    with default_storage.open("h5p/libraries/H5P.Demo-1.0/demo.js") as js:
        assert js.read() == b"H5P.Demo = 'fixed';"
    assert H5PPackage.objects.count() == 2


def test_an_admin_can_import_the_fixtures_as_a_user(admin_user):
    assert run(TRUE_FALSE, "--user", admin_user.username)[-1]
    assert H5PLibrary.objects.filter(installed_by=admin_user).count() == 8


def test_a_trainer_gets_the_message_from_the_service(trainer, media):
    with pytest.raises(H5PValidationError, match="not installed yet"):
        upload(TRUE_FALSE, user=trainer)
    assert stored_files(media) == []
