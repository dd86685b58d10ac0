"""Every upload rule, with packages built here: a rejected package names the
problem and leaves storage and the database as they were."""

import json
import struct
import zipfile

import pytest
from django.core.files.storage import default_storage

from content.h5p.services import H5PValidationError, h5p_package_import
from content.models import H5PLibrary, H5PPackage

from .conftest import stored_files

pytestmark = pytest.mark.django_db


def upload(path, user=None):
    with open(path, "rb") as file:
        return h5p_package_import(file=file, user=user, filename=path.name)


def rejected(path, media, user=None) -> str:
    """Import must fail, storing nothing; return the message."""
    with pytest.raises(H5PValidationError) as caught:
        upload(path, user)
    assert stored_files(media) == []
    assert not H5PPackage.objects.exists()
    assert not H5PLibrary.objects.exists()
    return caught.value.message


def test_a_valid_package_is_unpacked_into_storage(build_h5p):
    package = upload(build_h5p())

    root = package.storage_path
    assert root == f"h5p/content/{package.content_hash}"
    assert len(package.content_hash) == 64
    for name in ("h5p.json", "content/content.json", "content/images/sky.png"):
        assert default_storage.exists(f"{root}/{name}")
    assert default_storage.exists("h5p/libraries/H5P.Demo-1.0/library.json")
    assert default_storage.exists("h5p/libraries/H5P.Demo-1.0/demo.js")
    assert package.title == "Demo question"
    assert package.main_library == "H5P.Demo 1.0"
    assert package.original_filename == "demo.h5p"
    assert package.size_bytes > 0
    assert [str(lib) for lib in package.libraries.all()] == ["H5P.Demo 1.0"]
    library = H5PLibrary.objects.get()
    assert (library.patch_version, library.title) == (3, "Demo")
    assert library.storage_path == "h5p/libraries/H5P.Demo-1.0"


def test_not_a_zip(tmp_path, media):
    path = tmp_path / "notes.h5p"
    path.write_text("just some text")
    assert "not a readable zip" in rejected(path, media)


def test_a_truncated_zip_is_not_a_package(build_h5p, tmp_path, media):
    data = build_h5p().read_bytes()
    path = tmp_path / "half.h5p"
    path.write_bytes(data[: len(data) // 2])
    assert "not a readable zip" in rejected(path, media)


def test_a_corrupt_entry_is_named(build_h5p, tmp_path, media):
    path = build_h5p(stored=True)
    data = path.read_bytes().replace(b"Is the sky blue?", b"Is the sky gray?")
    path.write_bytes(data)
    message = rejected(path, media)
    assert "content/content.json" in message
    assert "corrupt" in message


def test_missing_h5p_json(build_h5p, media):
    assert "h5p.json" in rejected(build_h5p({"h5p.json": None}), media)


def test_h5p_json_must_be_json(build_h5p, media):
    message = rejected(build_h5p({"h5p.json": "{title: nope"}), media)
    assert message == "“h5p.json” is not valid JSON."


@pytest.mark.parametrize(
    "field", ["title", "language", "mainLibrary", "preloadedDependencies", "embedTypes"]
)
def test_h5p_json_required_fields(build_h5p, media, field):
    from .conftest import h5p_json

    message = rejected(build_h5p({"h5p.json": h5p_json(**{field: None})}), media)
    assert field in message
    assert "h5p.json" in message


def test_dependencies_need_machine_name_and_versions(build_h5p, media):
    from .conftest import h5p_json

    broken = h5p_json(preloadedDependencies=[{"machineName": "H5P.Demo"}])
    assert "majorVersion" in rejected(build_h5p({"h5p.json": broken}), media)


def test_main_library_must_be_a_dependency(build_h5p, media):
    from .conftest import h5p_json

    message = rejected(
        build_h5p({"h5p.json": h5p_json(mainLibrary="H5P.Other")}), media
    )
    assert "H5P.Other" in message


def test_missing_content_json(build_h5p, media):
    message = rejected(build_h5p({"content/content.json": None}), media)
    assert "content/content.json" in message


def test_content_json_must_be_json(build_h5p, media):
    message = rejected(build_h5p({"content/content.json": "not json"}), media)
    assert message == "“content/content.json” is not valid JSON."


@pytest.mark.parametrize(
    "entry",
    [
        "../evil.json",
        "content/../../evil.json",
        "/etc/evil.json",
        "content\\evil.json",
        "C:/evil.json",
        "content/./x.json",
    ],
)
def test_path_traversal_is_rejected(build_h5p, media, entry):
    message = rejected(build_h5p({entry: "{}"}), media)
    assert entry in message
    assert "unsafe path" in message


def test_symlinks_are_rejected(build_h5p, media):
    path = build_h5p(symlinks=[("content/passwd.json", "/etc/passwd")])
    message = rejected(path, media)
    assert "content/passwd.json" in message
    assert "symbolic link" in message


@pytest.mark.parametrize(
    "entry",
    [
        "content/.hidden.js",
        "content/_private/evil.php",
        "__MACOSX/content/._content.json",
        ".git/config",
        "H5P.Demo-1.0/.DS_Store",
    ],
)
def test_dot_and_underscore_entries_are_skipped(build_h5p, entry):
    package = upload(build_h5p({entry: "whatever"}))

    assert default_storage.exists(f"{package.storage_path}/content/content.json")
    assert not default_storage.exists(f"{package.storage_path}/{entry}")
    assert not default_storage.exists(f"h5p/libraries/{entry}")


@pytest.mark.parametrize(
    "entry",
    ["content/evil.js", "content/logo.svg", "content/page.html", "content/x.php"],
)
def test_content_allows_only_data_files(build_h5p, media, entry):
    message = rejected(build_h5p({entry: "alert(1)"}), media)
    assert entry in message
    assert "not allowed in the content folder" in message


def test_library_folders_may_hold_code_but_not_everything(build_h5p, media):
    extras = {
        "H5P.Demo-1.0/icon.svg": "<svg/>",
        "H5P.Demo-1.0/semantics.xml": "<x/>",
        "H5P.Demo-1.0/fonts/demo.woff2": b"wOF2",
    }
    package = upload(build_h5p(extras))
    assert package.pk
    assert default_storage.exists("h5p/libraries/H5P.Demo-1.0/icon.svg")


def test_library_folder_rejects_server_code(build_h5p, media):
    message = rejected(build_h5p({"H5P.Demo-1.0/shell.php": "<?php"}), media)
    assert "H5P.Demo-1.0/shell.php" in message


def test_top_level_files_outside_the_allowlist_are_rejected(build_h5p, media):
    assert "run.exe" in rejected(build_h5p({"run.exe": b"MZ"}), media)


def test_a_folder_must_be_content_or_a_library(build_h5p, media):
    message = rejected(build_h5p({"stuff/notes.txt": "hi"}), media)
    assert "“stuff”" in message


def test_a_library_folder_needs_library_json(build_h5p, media):
    message = rejected(build_h5p({"H5P.Demo-1.0/library.json": None}), media)
    assert "H5P.Demo-1.0" in message
    assert "library.json" in message


def test_library_json_must_match_its_folder(build_h5p, media):
    from .conftest import DEMO_LIBRARY

    wrong = json.dumps({**DEMO_LIBRARY, "minorVersion": 2})
    message = rejected(build_h5p({"H5P.Demo-1.0/library.json": wrong}), media)
    assert "H5P.Demo-1.0" in message
    assert "H5P.Demo 1.2" in message


def test_library_json_needs_a_patch_version(build_h5p, media):
    from .conftest import DEMO_LIBRARY

    broken = json.dumps({k: v for k, v in DEMO_LIBRARY.items() if k != "patchVersion"})
    message = rejected(build_h5p({"H5P.Demo-1.0/library.json": broken}), media)
    assert "patchVersion" in message


def test_a_missing_dependency_of_h5p_json_is_named(build_h5p, media):
    message = rejected(
        build_h5p(
            {
                "H5P.Demo-1.0/library.json": None,
                "H5P.Demo-1.0/demo.js": None,
                "H5P.Demo-1.0/demo.css": None,
            }
        ),
        media,
    )
    assert "H5P.Demo 1.0 (required by h5p.json)" in message


def test_a_missing_dependency_of_a_library_is_named(build_h5p, media):
    from .conftest import DEMO_LIBRARY

    needs_more = json.dumps(
        {
            **DEMO_LIBRARY,
            "preloadedDependencies": [
                {"machineName": "FontAwesome", "majorVersion": 4, "minorVersion": 5}
            ],
        }
    )
    message = rejected(build_h5p({"H5P.Demo-1.0/library.json": needs_more}), media)
    assert "FontAwesome 4.5 (required by H5P.Demo-1.0)" in message


def test_per_file_limit(build_h5p, media, settings):
    settings.H5P_MAX_FILE_BYTES = 1000
    message = rejected(build_h5p({"content/big.txt": "x" * 1001}), media)
    assert "content/big.txt" in message
    assert "per file" in message


def test_total_limit(build_h5p, media, settings):
    settings.H5P_MAX_TOTAL_BYTES = 5000
    files = {f"content/part{i}.txt": "y" * 900 for i in range(6)}
    assert "unpacked package is larger" in rejected(build_h5p(files), media)


def test_upload_limit(build_h5p, media, settings):
    settings.H5P_MAX_UPLOAD_BYTES = 100
    assert "upload limit" in rejected(build_h5p(), media)


def test_zip_bomb(build_h5p, media):
    message = rejected(
        build_h5p({"content/zeros.txt": b"\0" * (3 * 1024 * 1024)}), media
    )
    assert "content/zeros.txt" in message
    assert "zip bomb" in message


def test_highly_compressed_but_small_entries_are_fine(build_h5p):
    assert upload(build_h5p({"content/zeros.txt": b"\0" * (512 * 1024)})).pk


def test_too_many_entries(build_h5p, media, settings):
    settings.H5P_MAX_ENTRIES = 10
    files = {f"content/f{i}.txt": "z" for i in range(10)}
    assert "at most 10" in rejected(build_h5p(files), media)


def test_a_storage_failure_removes_what_was_written(build_h5p, media, monkeypatch):
    real_save = default_storage.save
    calls = []

    def failing_save(name, content, *args, **kwargs):
        calls.append(name)
        if len(calls) == 4:
            raise OSError("disk full")
        return real_save(name, content, *args, **kwargs)

    monkeypatch.setattr(default_storage, "save", failing_save)
    with pytest.raises(OSError, match="disk full"):
        upload(build_h5p())
    assert stored_files(media) == []
    assert not H5PPackage.objects.exists()
    assert not H5PLibrary.objects.exists()


def test_a_rejected_package_leaves_existing_packages_alone(build_h5p, media):
    first = upload(build_h5p())
    before = stored_files(media)

    with pytest.raises(H5PValidationError):
        upload(build_h5p({"content/evil.js": "x"}, name="evil.h5p"))

    assert stored_files(media) == before
    assert list(H5PPackage.objects.all()) == [first]


def test_the_same_file_twice_is_stored_once(build_h5p, media):
    path = build_h5p()
    first = upload(path)
    files = stored_files(media)

    again = upload(path)

    assert again == first
    assert H5PPackage.objects.count() == 1
    assert stored_files(media) == files


def test_an_entry_that_lies_about_its_size_is_rejected(build_h5p, media):
    """Sizes come from reading: a central directory claiming 5 bytes for a
    larger entry does not slip through as a small file."""
    path = build_h5p(stored=True)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("content/content.json")
    name = b"content/content.json"
    central = data.index(name, data.index(b"PK\x01\x02")) - 46
    struct.pack_into("<I", data, info.header_offset + 22, 5)  # local header
    struct.pack_into("<I", data, central + 24, 5)  # central directory
    path.write_bytes(bytes(data))

    message = rejected(path, media)
    assert "content/content.json" in message
