"""Tests: fast hashing, in-memory mail, no manifest for unbuilt static files."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Uploaded test files go to a throwaway folder, never into the project's media/.
MEDIA_ROOT = Path(tempfile.gettempdir()) / "lms-test-media"
PRIVATE_MEDIA_ROOT = Path(tempfile.gettempdir()) / "lms-test-private-media"

# Client.login() passes no request, which django-axes needs; the throttling
# tests switch it on with override_settings(AXES_ENABLED=True).
AXES_ENABLED = False

# One process: its local-memory cache is shared by everything the tests run, so
# the production caching is on (README "Performance").
COURSE_PAGE_CACHE = True
RESPONSE_CACHE = True
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
