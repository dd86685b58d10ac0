import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test gets its own empty media storage (evidence documents)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
