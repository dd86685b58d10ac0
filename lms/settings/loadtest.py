"""Load test (`make loadtest`): the production settings, as deployed, except
what needs TLS in front: the load generator talks plain HTTP to 127.0.0.1, so
no redirect to HTTPS and no Secure flag on cookies, which an HTTP client would
never send back."""

from .production import *  # noqa: F403
from .production import CACHES, REDIS_URL

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if REDIS_URL:
    # Its own keys in a Redis that a development server may share.
    CACHES["default"]["KEY_PREFIX"] = "loadtest"
