import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test gets its own empty media storage (evidence documents)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def migrated_state(django_db_setup, django_db_blocker):
    """As the browser tests do (tests/e2e/conftest.py): keep a copy of the
    migrated database (catalogue page, groups), so that a transactional test
    with serialized_rollback starts from it and the browser tests after it
    still find it."""
    from django.db import connection

    with django_db_blocker.unblock():
        if not getattr(connection, "_test_serialized_contents", None):
            connection._test_serialized_contents = (
                connection.creation.serialize_db_to_string()
            )
