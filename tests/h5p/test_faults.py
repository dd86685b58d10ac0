"""A worker killed in the middle of an H5P import leaves nothing half-done behind.

`manage.py import_h5p` runs in a subprocess on the test database and is killed
with SIGKILL at moments chosen by tests/h5p/interrupted_import.py: while files
are written, while they are moved into place, just before and just after the
transaction commits. Afterwards every package and library the database knows
has its files, whole, and importing the file again completes it and leaves
nothing the database does not account for.
"""

import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError

from content.h5p.validation import read_entry, validate_package
from content.models import H5PLibrary, H5PPackage
from tests.shared_database import shared_database  # noqa: F401

from .conftest import QUESTION_SET, TRUE_FALSE

# Serialized rollback also keeps the flush after each test from re-creating the
# roles (post_migrate), which later serialized tests would restore a second time.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PROJECT = Path(__file__).resolve().parents[2]
WRAPPER = Path(__file__).with_name("interrupted_import.py")
STOP_TIMEOUT = 120


def _unpacked(path: Path) -> tuple[dict[str, bytes], dict[tuple, dict[str, bytes]]]:
    """What the .h5p file unpacks to: its content folder, and each library
    folder by (machine name, major, minor, patch)."""
    with zipfile.ZipFile(path) as archive:
        package = validate_package(archive)
        content = {
            relative: read_entry(archive, info)
            for info, relative in package.content_entries
        }
        libraries = {
            (ref.machine_name, ref.major, ref.minor, bundled.patch): {
                relative: read_entry(archive, info)
                for info, relative in bundled.entries
            }
            for ref, bundled in package.libraries.items()
        }
    return content, libraries


EXPECTED = {path: _unpacked(path) for path in (TRUE_FALSE, QUESTION_SET)}
CONTENT_BY_HASH = {
    hashlib.sha256(path.read_bytes()).hexdigest(): content
    for path, (content, _libraries) in EXPECTED.items()
}


def _folder(media: Path, storage_path: str) -> dict[str, bytes]:
    root = media / storage_path
    if not root.is_dir():
        return {}
    return {
        str(file.relative_to(root)): file.read_bytes()
        for file in root.rglob("*")
        if file.is_file()
    }


def _all_files(media: Path) -> set[str]:
    if not media.exists():
        return set()
    return {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}


def _library_versions() -> dict[tuple, dict[int, dict[str, bytes]]]:
    """Each library version's files by patch, from both fixtures."""
    versions: dict[tuple, dict[int, dict[str, bytes]]] = {}
    for _content, libraries in EXPECTED.values():
        for (name, major, minor, patch), files in libraries.items():
            versions.setdefault((name, major, minor), {})[patch] = files
    return versions


LIBRARY_VERSIONS = _library_versions()


def assert_consistent(media: Path) -> set[str]:
    """Every package in the database has exactly the files and bytes its .h5p
    file holds, and so has every library, with one allowance: an installed
    library that a killed import was updating to a newer patch may already
    have some of the newer files. Each of them is whole, and nothing is
    missing. Returns the storage names the database accounts for."""
    known = set()
    for package in H5PPackage.objects.all():
        content = CONTENT_BY_HASH[package.content_hash]
        assert _folder(media, package.storage_path) == content, package
        known |= {f"{package.storage_path}/{name}" for name in content}
    for library in H5PLibrary.objects.all():
        patches = LIBRARY_VERSIONS[
            (library.machine_name, library.major_version, library.minor_version)
        ]
        expected = patches[library.patch_version]
        stored = _folder(media, library.storage_path)
        newer = [
            files for patch, files in patches.items() if patch > library.patch_version
        ]
        if stored != expected and newer:
            allowed = set(expected).union(*newer)
            assert set(expected) <= set(stored) <= allowed, library
            for name, data in stored.items():
                assert data in [v[name] for v in [expected, *newer] if name in v], (
                    f"{library.storage_path}/{name} is cut short or foreign"
                )
        else:
            assert stored == expected, library
        known |= {f"{library.storage_path}/{name}" for name in stored}
    return known


def import_and_kill(database, media: Path, tmp_path: Path, path: Path, stop: str):
    """Run the import in its own process on the shared test database and
    storage folder, and kill it (SIGKILL) once it has stopped at `stop`."""
    stop_file = tmp_path / f"stopped-{time.monotonic_ns()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": database.url,
        "MEDIA_ROOT": str(media),
        "H5P_STOP_AT": stop,
        "H5P_STOP_FILE": str(stop_file),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and script)
        [sys.executable, str(WRAPPER), str(path)],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + STOP_TIMEOUT
    while not stop_file.exists():
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"the import ended before {stop}: {out}\n{err}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the import never reached {stop}")
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=STOP_TIMEOUT)
    assert process.returncode == -signal.SIGKILL


def assert_retry_completes(media, path):
    """Importing the file again (here, in this process) completes it and
    leaves nothing the database does not account for: no half-written folder,
    no staging leftovers."""
    out = StringIO()
    call_command("import_h5p", str(path), stdout=out)
    package = H5PPackage.objects.get(pk=out.getvalue().strip().splitlines()[-1])
    known = assert_consistent(media)
    assert _folder(media, package.storage_path) == EXPECTED[path][0]
    for library in package.libraries.all():
        key = (library.machine_name, library.major_version, library.minor_version)
        assert (
            _folder(media, library.storage_path)
            == LIBRARY_VERSIONS[key][library.patch_version]
        )
    assert _all_files(media) == known
    return package


# Where the import is killed: after the n-th file written to the staging
# folder (true-false has 118 to write), the n-th folder or file moved into
# place (9 folders for true-false), just before and just after the commit.
FIRST_IMPORT_STOPS = ["save:1", "save:60", "rename:5", "commit:1", "committed:1"]
# The question set, imported after true-false, moves 2 new library folders,
# then replaces H5P.JoubelUI 1.3.9 by 1.3.14 file by file (moves 3 to 29),
# then 8 more folders: killed while staging, half-way through the update, and
# with everything moved but not committed.
UPDATE_STOPS = ["save:10", "rename:15", "commit:1"]


@pytest.mark.parametrize("stop", FIRST_IMPORT_STOPS)
def test_a_killed_first_import_leaves_nothing_half_done(
    shared_database,  # noqa: F811
    media,
    tmp_path,
    stop,
):
    import_and_kill(shared_database, media, tmp_path, TRUE_FALSE, stop)

    assert_consistent(media)
    if stop != "committed:1":
        # Killed before its commit: nothing of it in the database.
        assert not H5PPackage.objects.exists()
        assert not H5PLibrary.objects.exists()

    assert_retry_completes(media, TRUE_FALSE)
    assert H5PPackage.objects.count() == 1


@pytest.mark.parametrize("stop", UPDATE_STOPS)
def test_a_killed_library_update_keeps_the_installed_version_whole(
    shared_database,  # noqa: F811
    media,
    tmp_path,
    stop,
):
    """The true-false package plays with H5P.JoubelUI 1.3.9; the question set
    brings 1.3.14. Killed during that update, true-false still finds every
    file of the library, whole."""
    call_command("import_h5p", str(TRUE_FALSE), stdout=StringIO())

    import_and_kill(shared_database, media, tmp_path, QUESTION_SET, stop)

    assert_consistent(media)
    assert H5PPackage.objects.count() == 1
    assert H5PLibrary.objects.get(machine_name="H5P.JoubelUI").patch_version == 9

    assert_retry_completes(media, QUESTION_SET)
    assert H5PLibrary.objects.get(machine_name="H5P.JoubelUI").patch_version == 14
    assert H5PPackage.objects.count() == 2


@pytest.mark.django_db
def test_a_failed_update_leaves_the_installed_library_as_it_was(media, monkeypatch):
    """Not killed but failing (the database refuses the package row) after the
    newer library files were unpacked: the installed version stays as it was."""
    call_command("import_h5p", str(TRUE_FALSE), stdout=StringIO())
    joubel = H5PLibrary.objects.get(machine_name="H5P.JoubelUI").storage_path
    before = _folder(media, joubel)

    def refuse(self, *args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(H5PPackage, "save", refuse)
    with pytest.raises(DatabaseError):
        call_command("import_h5p", str(QUESTION_SET), stdout=StringIO())

    assert _folder(media, joubel) == before
    assert _all_files(media) == assert_consistent(media)
