import pytest

from tests import factories


@pytest.fixture
def org(db):
    """Verband → two Einrichtungen → Dienste, as in the demo."""
    verband = factories.unit("Verband Nord", kind="Verband")
    haus_a = factories.unit("Haus am See", verband, kind="Einrichtung")
    haus_b = factories.unit("Haus am Berg", verband, kind="Einrichtung")
    pflege_a = factories.unit("Pflege am See", haus_a, kind="Dienst")
    beratung_b = factories.unit("Beratung am Berg", haus_b, kind="Dienst")
    return {
        "verband": verband,
        "haus_a": haus_a,
        "haus_b": haus_b,
        "pflege_a": pflege_a,
        "beratung_b": beratung_b,
    }


@pytest.fixture(autouse=True)
def english():
    """Code outside requests (services, imports) speaks English in tests too;
    without this, the language of the previous request would leak in."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test starts with empty caches: the database is rolled back after a
    test, and what a cache kept about it (sessions, permission sets, routes and
    outlines under a content version) must go with it."""
    from django.core.cache import cache

    from courses import page_cache

    cache.clear()
    page_cache.forget_all()
    yield


@pytest.fixture
def client(client, settings):
    """Tests read English texts; German (the default) and Danish have their own
    tests in tests/test_i18n.py."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


_MIGRATED: dict[str, str] = {}


def _migrated_copy(connection) -> str:
    """The migrated database as JSON, taken once: from pytest-django's copy if
    it has the catalogue page, else now (the first transactional test starts
    from the migrated database; later ones may not, once one has emptied it)."""
    if connection.alias not in _MIGRATED:
        kept = getattr(connection, "_test_serialized_contents", None) or ""
        if '"courses.courseindexpage"' not in kept:
            kept = connection.creation.serialize_db_to_string()
        _MIGRATED[connection.alias] = kept
    return _MIGRATED[connection.alias]


@pytest.fixture
def migrated_state(django_db_setup, django_db_blocker):
    """Keep a copy of the migrated database (root page, catalogue, groups), so
    that a transactional test marked `serialized_rollback=True` starts from it
    and the tests after it still find it. pytest-django does not always keep a
    usable copy on the connection the test gets, so it is put there, and
    loaded if the test found the database empty."""
    from django.db import connection

    from courses.models import CourseIndexPage

    with django_db_blocker.unblock():
        copy = _migrated_copy(connection)
        connection._test_serialized_contents = copy
        if not CourseIndexPage.objects.exists():
            connection.creation.deserialize_db_from_string(copy)


@pytest.fixture
def hanna(org):
    """HR of Haus am See (and everything below it) only."""
    from tests.people.helpers import hr_user

    return hr_user("hanna", org["haus_a"])


@pytest.fixture
def hr_client(client, hanna):
    client.force_login(hanna)
    return client


def pytest_sessionfinish(session, exitstatus):
    """A skipped test is a test that did not run: fail the run (DEVELOPERS.md)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter and reporter.stats.get("skipped") and exitstatus == 0:
        session.exitstatus = 1
