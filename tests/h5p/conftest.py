import json
import stat
import zipfile
from pathlib import Path

import pytest

from lms.people.models import Role
from tests import factories
from tests.fixtures import H5P_FIXTURES

FIXTURES = H5P_FIXTURES
TRUE_FALSE = FIXTURES / "true-false.h5p"
QUESTION_SET = FIXTURES / "question-set.h5p"

DEMO_LIBRARY = {
    "title": "Demo",
    "machineName": "H5P.Demo",
    "majorVersion": 1,
    "minorVersion": 0,
    "patchVersion": 3,
    "runnable": 1,
    "preloadedJs": [{"path": "demo.js"}],
}


def h5p_json(**changes):
    data = {
        "title": "Demo question",
        "language": "en",
        "mainLibrary": "H5P.Demo",
        "embedTypes": ["div"],
        "preloadedDependencies": [
            {"machineName": "H5P.Demo", "majorVersion": "1", "minorVersion": "0"}
        ],
    }
    data.update(changes)
    return json.dumps({k: v for k, v in data.items() if v is not None})


def demo_files(**library_changes):
    library = {**DEMO_LIBRARY, **library_changes}
    return {
        "h5p.json": h5p_json(),
        "content/content.json": '{"question": "Is the sky blue?"}',
        "content/images/sky.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        "H5P.Demo-1.0/library.json": json.dumps(library),
        "H5P.Demo-1.0/demo.js": "H5P.Demo = function () {};",
        "H5P.Demo-1.0/demo.css": ".h5p-demo { color: blue; }",
    }


@pytest.fixture
def build_h5p(tmp_path):
    """Write a .h5p file: the demo package with `changes` (None deletes)."""

    def build(changes=None, *, name="demo.h5p", symlinks=(), base=None, stored=False):
        files = dict(demo_files() if base is None else base)
        for key, value in (changes or {}).items():
            if value is None:
                files.pop(key, None)
            else:
                files[key] = value
        path = tmp_path / name
        method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        with zipfile.ZipFile(path, "w", method) as archive:
            for entry, data in files.items():
                archive.writestr(entry, data)
            for entry, target in symlinks:
                info = zipfile.ZipInfo(entry)
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(info, target)
        return path

    return build


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test gets its own empty media storage."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root) -> list[str]:
    root = Path(media_root)
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def trainer(org):
    return factories.staff(
        "tom", org["haus_a"], roles=(Role.LEARNER, Role.TRAINER)
    ).user


@pytest.fixture
def admin_user(org):
    return factories.staff("ada", org["verband"], roles=(Role.LEARNER, Role.ADMIN)).user


@pytest.fixture
def learner(org):
    return factories.staff("lea", org["haus_a"]).user


@pytest.fixture
def package(db):
    """The true-false fixture, imported."""
    from .test_xapi_views import import_package

    return import_package()


@pytest.fixture
def setup(org, package):
    """The package placed in a lesson of a fresh course."""
    from .test_xapi_views import make_h5p

    return make_h5p(package)


@pytest.fixture
def lena(org, setup, client):
    """A learner enrolled in that course, logged in."""
    from .test_xapi_views import enrolled

    user = enrolled("lena", org, setup)
    client.force_login(user)
    return user
