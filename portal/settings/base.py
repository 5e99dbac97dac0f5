"""Settings shared by every environment.

Environment-specific modules (dev, test, production) import from here and
override only what differs.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from plugins.discovery import discover_jurisdiction_apps, with_plugin_languages

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

CORE_APPS = [
    "portal",
    "portal.home",
    "portal.guidance",
    "portal.family",
    "plugins",
    "plugins.documents",
    "plugins.consent",
    "plugins.notifications",
    "plugins.drafts",
    "plugins.retention",
    "content",
]

JURISDICTION_APPS = discover_jurisdiction_apps(
    extra=[a for a in os.environ.get("PORTAL_EXTRA_JURISDICTIONS", "").split(",") if a],
    disabled=[a for a in os.environ.get("PORTAL_DISABLED_JURISDICTIONS", "").split(",") if a],
)

INSTALLED_APPS = [
    *CORE_APPS,
    *JURISDICTION_APPS,
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "two_factor",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "plugins.accounts.middleware.SecondFactorMiddleware",
    # Back from the code page: the action that asked for a fresh code is done as posted.
    "plugins.accounts.stepup.ResumeActionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.context_processors.portal",
                "plugins.notifications.context_processors.unread",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/start/"

# Sessions end after inactivity (cookie age, renewed on every request) and
# after an absolute lifetime whatever the activity.
PORTAL_SESSION_IDLE_SECONDS = int(os.environ.get("PORTAL_SESSION_IDLE_SECONDS", 30 * 60))
PORTAL_SESSION_ABSOLUTE_SECONDS = int(os.environ.get("PORTAL_SESSION_ABSOLUTE_SECONDS", 10 * 3600))
SESSION_COOKIE_AGE = PORTAL_SESSION_IDLE_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Signing and deciding need a second factor verified within this many seconds.
PORTAL_STEP_UP_SECONDS = int(os.environ.get("PORTAL_STEP_UP_SECONDS", 5 * 60))

# Long forms warn this many seconds before the session ends; drafts nobody
# touched for PORTAL_DRAFT_MAX_AGE_DAYS are deleted (manage.py purge_drafts).
PORTAL_SESSION_WARN_SECONDS = int(os.environ.get("PORTAL_SESSION_WARN_SECONDS", 120))
PORTAL_DRAFT_MAX_AGE_DAYS = int(os.environ.get("PORTAL_DRAFT_MAX_AGE_DAYS", 30))

# Failed sign-in attempts: free attempts, then waits of FACTOR * 2**n seconds.
PORTAL_THROTTLE_FREE_ATTEMPTS = int(os.environ.get("PORTAL_THROTTLE_FREE_ATTEMPTS", 5))
PORTAL_THROTTLE_FACTOR = int(os.environ.get("PORTAL_THROTTLE_FACTOR", 2))
PORTAL_THROTTLE_MAX_SECONDS = 3600
# Many people may share one address (a school network): the per-address counter
# allows more failures and locks for less long, so one visitor cannot lock out
# every account behind it.
PORTAL_THROTTLE_ADDRESS_FREE_ATTEMPTS = int(
    os.environ.get("PORTAL_THROTTLE_ADDRESS_FREE_ATTEMPTS", 30)
)
PORTAL_THROTTLE_ADDRESS_MAX_SECONDS = 900
# Password-reset e-mails: per address and per account, in a rolling hour.
PORTAL_RESET_LIMIT_PER_ADDRESS = int(os.environ.get("PORTAL_RESET_LIMIT_PER_ADDRESS", 10))
PORTAL_RESET_LIMIT_PER_ACCOUNT = int(os.environ.get("PORTAL_RESET_LIMIT_PER_ACCOUNT", 3))
PORTAL_RESET_WINDOW_SECONDS = 3600
# Front servers whose X-Forwarded-For is believed (addresses or networks, comma
# separated, e.g. "127.0.0.1" for the nginx of docs/deploy.md). From any other
# peer the header is ignored: clients can write it.
PORTAL_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("PORTAL_TRUSTED_PROXIES", "").split(",") if p.strip()
]
# Enrolling a first second factor is possible only this long after the password
# was accepted at the portal's sign-in.
PORTAL_ENROL_SECONDS = 900
# One door: Wagtail's admin sends people to the portal's two-factor sign-in, and
# its own password-reset pages are closed (the portal's reset is the only one).
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Two-factor: TOTP (with QR enrolment) and static backup codes.
OTP_TOTP_ISSUER = "IOP portal"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
TWO_FACTOR_LOGIN_TIMEOUT = 600
TWO_FACTOR_REMEMBER_COOKIE_AGE = None

# Languages of the user interface. Serbian is offered in both scripts; "sr-cyrl"
# falls back to Django's "sr" catalogue, which is Cyrillic.
LANGUAGE_CODE = "nb"
#: The portal's six interface languages; installed plugins may add more (UI_LANGUAGES).
PORTAL_LANGUAGES = [
    ("nb", "Norsk bokmål"),
    ("nn", "Norsk nynorsk"),
    ("sv", "Svenska"),
    ("sr-cyrl", "Српски (ћирилица)"),
    ("sr-latn", "Srpski (latinica)"),
    ("en", "English"),
]
LANGUAGES = with_plugin_languages(PORTAL_LANGUAGES, JURISDICTION_APPS)
LANGUAGE_TAGS = {"sr-cyrl": "sr-Cyrl", "sr-latn": "sr-Latn"}
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Case files (uploads and generated PDFs) live outside MEDIA_ROOT: no URL
# reaches them; they are served only through permission-checked views.
PRIVATE_STORAGE_ROOT = Path(os.environ.get("PRIVATE_STORAGE_ROOT", BASE_DIR / "private"))

# Case documents (plugins.documents): uploads must be real PDFs within these
# limits; each is parsed in a child process with its own memory, CPU and time
# limits. Bundles of more documents than PORTAL_BUNDLE_INLINE_MAX_DOCUMENTS are
# built in the background (TASKS) and their files kept PORTAL_BUNDLE_TTL_SECONDS.
PORTAL_DOCUMENT_MAX_BYTES = int(os.environ.get("PORTAL_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))
PORTAL_DOCUMENT_MAX_PAGES = int(os.environ.get("PORTAL_DOCUMENT_MAX_PAGES", 300))
PORTAL_PDF_MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024
PORTAL_PDF_MAX_STREAM_BYTES = 64 * 1024 * 1024
PORTAL_PDF_CHECK_MEMORY_BYTES = 1024 * 1024 * 1024
PORTAL_PDF_CHECK_CPU_SECONDS = 20
PORTAL_PDF_CHECK_TIMEOUT = 30
# Processes rendering a bundle's documents (default: one per core).
PORTAL_RENDER_WORKERS = (
    int(os.environ["PORTAL_RENDER_WORKERS"]) if os.environ.get("PORTAL_RENDER_WORKERS") else None
)
PORTAL_BUNDLE_INLINE_MAX_DOCUMENTS = 20
PORTAL_BUNDLE_TTL_SECONDS = 24 * 3600

# Background tasks (django-tasks): run while enqueued here and in tests;
# production uses the database backend and `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = _("Education plan portal")
# The portal's public address (scheme, host, port). Links in e-mails (notices) start with
# it; the editors' interface and the headless API's absolute URLs use it unless their own
# variables say otherwise; `manage.py configure_site` (and the demo load) give Wagtail's
# Site record its host name and port (docs/deploy.md).
PORTAL_BASE_URL = (
    os.environ.get("PORTAL_BASE_URL")
    or os.environ.get("WAGTAILADMIN_BASE_URL")
    or "http://127.0.0.1:8000"
).rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or PORTAL_BASE_URL
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL") or PORTAL_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf"]

# Anonymous readers get guidance pages from the cache for this long (0: off);
# publishing anything starts a new cache generation (portal/guidance/caching.py).
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", 300))

# Default age of majority; a jurisdiction may declare its own.
PORTAL_DEFAULT_AGE_OF_MAJORITY = 18

# Years a closed case is kept after the student left the school, unless the
# jurisdiction declares its own (``retention_years``). Set it to what the
# school owner's archive rules say; a coordinator deletes the case after it.
PORTAL_CASE_RETENTION_YEARS = int(os.environ.get("PORTAL_CASE_RETENTION_YEARS", 5))

# Counts shown to a school owner or a county (numbers without names) that lie from 1
# up to below this are shown as "<5", so that no pupil can be identified; totals that
# would give such a count away are hidden as well (see the plugins' overviews).
PORTAL_SMALL_COUNT_THRESHOLD = max(1, int(os.environ.get("PORTAL_SMALL_COUNT_THRESHOLD", 5)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
