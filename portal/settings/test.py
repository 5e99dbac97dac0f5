"""Test settings: fast hasher, local-memory cache, immediate tasks."""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"  # nosec B105 - test settings only
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# No test writes case files into the work tree (tests of documents use tmp_path).
PRIVATE_STORAGE_ROOT = Path(tempfile.mkdtemp(prefix="iop-test-private-"))  # noqa: F405
# Uploaded and generated media (demo PDF templates) stay out of the work tree.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="iop-test-media-"))  # noqa: F405
# The anonymous page cache is off unless a test turns it on (tests/portal/guidance).
PORTAL_PAGE_CACHE_SECONDS = 0
# The test-only plugins under tests/ prove the plugin contract.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.dummy_jurisdiction"]  # noqa: F405
if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DB_NAME", "test_portal")}  # noqa: F405
LANGUAGE_CODE = "en"  # tests assert English source strings unless they switch language

# The dummy plugin of the tests ships no catalogues on purpose (its pages are never read).
SILENCED_SYSTEM_CHECKS = ["portal.W101"]

# The demo guidance in bokmål and English only: the other four languages are loaded by
# the tests that read them (content/page_translations), which keeps each demo load short.
PORTAL_DEMO_GUIDANCE_LANGUAGES = ("en",)
