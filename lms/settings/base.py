"""Settings shared by every environment; each value that differs between
machines comes from the environment so that one image runs anywhere."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()
]

INSTALLED_APPS = [
    "lms.people",
    "lms.audit",
    "lms.security",
    "lms.activities",
    "lms.competencies",
    "lms.reports",
    "lms.privacy",
    "lms.sync",
    "lms.loadtest",
    "lms.response_cache",
    "content",
    "courses",
    "theme",
    "lms.demo",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.security.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages (static files come compressed from WhiteNoise, above
    # it, and skip this). BREACH: Django masks the CSRF token anew in every
    # response, so compressed pages do not leak it (README "Performance").
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # A learner's kept pages answered before anything below runs
    # (lms/response_cache; README "Performance").
    "lms.response_cache.middleware.ResponseCacheMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lms.security.middleware.TwoFactorMiddleware",
    "lms.audit.context.AuditActorMiddleware",
    "lms.people.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lms.reports.context_processors.report_links",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL says otherwise, so that a
# fresh clone runs with nothing installed but Python.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles big report queries for longer than they run
    # (0.4 s of a 1.1 s compliance page at 100,000 staff); the platform's
    # queries are short, so it never pays.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, keeping one client per pool (lms/cache_backend.py).
            "BACKEND": "lms.cache_backend.ReusingRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# With a cache every worker shares (README "Performance"): sessions are read
# from it (and written through to the database, so a flushed cache logs no one
# out), and workers keep routes and course outlines in memory while the
# content version in the cache stays (courses/page_cache.py). A per-process
# cache cannot tell the other workers, so without Redis neither is used.
COURSE_PAGE_CACHE = bool(REDIS_URL)
# Whole pages kept per session (lms/response_cache): the paths whose views may
# ask for it (lesson and course pages, My learning).
RESPONSE_CACHE = bool(REDIS_URL)
RESPONSE_CACHE_PATHS = r"^/(?:my/|courses/(?:[\w-]+/)+)$"
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

_VALIDATION = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATION}.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # HR and administrators see and change other people's data: longer passwords.
    {
        "NAME": "lms.security.passwords.PrivilegedMinimumLengthValidator",
        "OPTIONS": {
            "min_length": int(os.environ.get("PASSWORD_MIN_LENGTH_PRIVILEGED", "14"))
        },
    },
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my-learning"
LOGOUT_REDIRECT_URL = "login"

# Security (lms/security; README "Security"). django-axes checks every login
# (platform and Wagtail admin) first; a name + IP address pair is locked out
# after AXES_FAILURE_LIMIT failures for AXES_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Grants nothing: puts the user's cached permission sets where
    # ModelBackend looks, saving its two queries per page.
    "lms.people.permission_cache.CachedPermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lms.security.views.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Behind a load balancer, the client's address is the last proxy's entry in
# X-Forwarded-For; say how many proxies there are.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
if AXES_IPWARE_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER.insert(0, "HTTP_X_FORWARDED_FOR")
# Two-factor login (TOTP) is offered to HR and admins; roles listed here must
# set it up before they can do anything else (comma-separated group names).
TWO_FACTOR_ROLES = ["HR", "Admin"]
TWO_FACTOR_REQUIRED_ROLES = [
    r.strip()
    for r in os.environ.get("TWO_FACTOR_REQUIRED_ROLES", "").split(",")
    if r.strip()
]
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Lernplattform")
# Content-Security-Policy (lms/security/headers.py): extra sources for frames
# (video embeds) and images, and the admin's allowances.
CSP_FRAME_SRC = os.environ.get(
    "CSP_FRAME_SRC",
    "https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com",
).split()
CSP_IMG_SRC = os.environ.get("CSP_IMG_SRC", "").split()
CSP_ADMIN_PREFIX = "/admin/"
# Wagtail 8's admin writes inline scripts without a nonce (inline panels,
# date pickers; wagtail/wagtail#1288) and inline styles, so /admin/ allows
# inline scripts and styles; it is only open to logged-in editors, and every
# other source restriction still holds there.
CSP_ADMIN_SCRIPT_SRC = ["'unsafe-inline'"]
CSP_ADMIN_STYLE_SRC = ["'unsafe-inline'"]
CSP_ADMIN_IMG_SRC: list[str] = []
CSP_REPORT_URI = os.environ.get("CSP_REPORT_URI", "")
CSP_REPORT_ONLY = os.environ.get("CSP_REPORT_ONLY", "") == "1"

# German is the default; Danish and English ship complete.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Pinned third-party assets from npm (`npm ci --ignore-scripts`), served by the
# platform itself: nothing loads from a CDN.
STATICFILES_DIRS = [
    ("h5p-standalone", BASE_DIR / "node_modules" / "h5p-standalone" / "dist"),
]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploads that name a person (proof of prior learning): never served by URL,
# only by views that check who asks (lms/competencies/storage.py).
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

WAGTAIL_SITE_NAME = "Lernplattform"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "odt",
    "ods",
    "odp",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
]
# Uploads (lms/security/uploads.py): a document's bytes must match its
# extension; documents are always downloaded (never shown inline in our
# origin) and served with a sandboxing Content-Security-Policy.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "lms.security.uploads.CheckedDocumentForm"
WAGTAILDOCS_MAX_UPLOAD_BYTES = (
    int(os.environ.get("DOCUMENT_MAX_UPLOAD_MB", "50")) * 1024 * 1024
)
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = False  # the sandbox policy comes from lms/security
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # no SVG
WAGTAILIMAGES_MAX_UPLOAD_SIZE = (
    int(os.environ.get("IMAGE_MAX_UPLOAD_MB", "10")) * 1024 * 1024
)
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: it would tell a third party who uses the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("de", "Deutsch"),
    ("da", "Dansk"),
    ("en", "English"),
]
# Snippets (decks, cases) are translatable: trainers copy them into another
# language with simple_translation and translate the copy.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Reports (lms/reports): aggregates over fewer people than this are shown as
# "< N" in HR views and exports; reminders about a mandatory course go to the
# same person at most once per interval; "due soon" looks this many days ahead.
REPORT_MIN_CELL = int(os.environ.get("REPORT_MIN_CELL", "5"))
REPORT_REMINDER_INTERVAL_DAYS = int(
    os.environ.get("REPORT_REMINDER_INTERVAL_DAYS", "7")
)
REPORT_DUE_WITHIN_DAYS = int(os.environ.get("REPORT_DUE_WITHIN_DAYS", "30"))
# Sender of the platform's emails (report reminders).
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "lernplattform@localhost")

# Privacy (lms/privacy; README "Privacy"). Learners may erase their own account
# at /my/data/erase/ only where the organisation allows it (1 = yes). The
# retention periods are applied by `python manage.py apply_retention` (daily
# from cron); 0 switches a rule off (keep forever). The privacy page /privacy/
# states these same periods.
PRIVACY_SELF_ERASURE = os.environ.get("PRIVACY_SELF_ERASURE", "") == "1"
# Volunteer accounts without a login for this many months are erased.
RETENTION_INACTIVE_VOLUNTEER_MONTHS = int(
    os.environ.get("RETENTION_INACTIVE_VOLUNTEER_MONTHS", "24")
)
# Security log and report-access log rows older than this are deleted.
RETENTION_AUDIT_MONTHS = int(os.environ.get("RETENTION_AUDIT_MONTHS", "24"))
# What offline sync received: the payloads (texts, answers) are dropped.
RETENTION_SYNC_ITEMS_MONTHS = int(os.environ.get("RETENTION_SYNC_ITEMS_MONTHS", "6"))
# django-axes' records of login attempts (names and IP addresses).
RETENTION_LOGIN_ATTEMPTS_DAYS = int(
    os.environ.get("RETENTION_LOGIN_ATTEMPTS_DAYS", "90")
)
# Proof of training (completions, evidence) kept after an erasure, then deleted.
RETENTION_TRAINING_RECORDS_YEARS = int(
    os.environ.get("RETENTION_TRAINING_RECORDS_YEARS", "3")
)
# The log of reminder emails about mandatory courses.
RETENTION_REMINDERS_MONTHS = int(os.environ.get("RETENTION_REMINDERS_MONTHS", "12"))
