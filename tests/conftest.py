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


@pytest.fixture
def migrated_state(django_db_setup, django_db_blocker):
    """Keep a copy of the migrated database (root page, catalogue, groups), so
    that a transactional test marked `serialized_rollback=True` starts from it
    and the tests after it still find it. pytest-django only serializes it
    when such a test happens to set up the database first, so make sure."""
    from django.db import connection

    with django_db_blocker.unblock():
        if not getattr(connection, "_test_serialized_contents", None):
            connection._test_serialized_contents = (
                connection.creation.serialize_db_to_string()
            )


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
