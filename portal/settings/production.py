"""Production: everything secret or site-specific comes from the environment.

Start-up fails loudly when a required value is missing or still the
insecure development default, so a misconfigured instance never serves.
"""

import hashlib
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _require(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


DEBUG = False
SECRET_KEY = _require("SECRET_KEY")
if SECRET_KEY.startswith("insecure") or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak for production: use at least 50 random characters."
    )
if PORTAL_THROTTLE_FACTOR <= 0 or OTP_TOTP_THROTTLE_FACTOR <= 0:  # noqa: F405
    raise ImproperlyConfigured(
        "Sign-in throttling cannot be switched off in production (factor 0)."
    )
ALLOWED_HOSTS = [h.strip() for h in _require("ALLOWED_HOSTS").split(",") if h.strip()]
DATABASES = {"default": dj_database_url.parse(_require("DATABASE_URL"), conn_max_age=60)}  # noqa: F405
MEDIA_ROOT = Path(_require("MEDIA_ROOT"))  # noqa: F405
PRIVATE_STORAGE_ROOT = Path(os.environ.get("PRIVATE_STORAGE_ROOT", MEDIA_ROOT.parent / "private"))  # noqa: F405

MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Bundles and other background work: run `manage.py db_worker` beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# A demo or test of the production shape on one machine (scripts/prod_demo.sh,
# tests/production) speaks plain HTTP on loopback. PORTAL_PLAIN_HTTP_LOOPBACK=1
# allows that only when every allowed host is a loopback name; anything else
# refuses to start, so a real instance keeps HTTPS, HSTS and secure cookies.
if os.environ.get("PORTAL_PLAIN_HTTP_LOOPBACK", "").lower() in {"1", "true", "yes"}:
    if not set(ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "::1", "[::1]"}:
        raise ImproperlyConfigured(
            "PORTAL_PLAIN_HTTP_LOOPBACK is only for loopback: set ALLOWED_HOSTS to "
            "127.0.0.1/localhost or remove it."
        )
    SECURE_SSL_REDIRECT = False
    SECURE_HSTS_SECONDS = 0
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False

# Bundles of more documents than this are built by the worker (0: always the worker).
PORTAL_BUNDLE_INLINE_MAX_DOCUMENTS = int(
    os.environ.get("PORTAL_BUNDLE_INLINE_MAX_DOCUMENTS", PORTAL_BUNDLE_INLINE_MAX_DOCUMENTS)  # noqa: F405
)


# Every cache key starts with a prefix of its own instance, so two portals on one Redis
# never share sign-in lockouts, throttling counters or cached pages. PORTAL_CACHE_PREFIX
# names it explicitly (keep it stable: a new prefix starts with an empty cache); by default
# it is a short hash of the database (engine, host, port, name: not the password) and the
# SECRET_KEY, the same on every process of one instance and different between instances.
def _cache_prefix() -> str:
    explicit = os.environ.get("PORTAL_CACHE_PREFIX", "").strip()
    if explicit:
        return explicit
    db = DATABASES["default"]
    identity = (
        "\0".join(str(db.get(k) or "") for k in ("ENGINE", "HOST", "PORT", "NAME"))
        + "\0"
        + SECRET_KEY
    )
    return "iop-" + hashlib.sha256(identity.encode()).hexdigest()[:16]


if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": _cache_prefix(),
        }
    }

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")

# Content-Security-Policy (django-csp): only the portal's own scripts, styles, images and
# fonts; no plugins, no framing, forms post only back here. Inline style attributes are
# allowed (the error pages carry their own few lines of CSS); inline scripts are not.
# The Wagtail admin brings its own scripts and stays outside this policy.
from csp.constants import NONE, SELF  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "csp"]  # noqa: F405
MIDDLEWARE = [*MIDDLEWARE, "csp.middleware.CSPMiddleware"]
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
