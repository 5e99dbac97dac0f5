"""Fixtures for the browser tests: Debian's chromium driven by Playwright (sync API).

The browser is Debian's ``/usr/bin/chromium``; Playwright's own browser
downloads are never used. When chromium is missing the tests fail with a
message saying how to install it: a browser test that silently skips would
hide a broken accessibility or layout promise.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio event loop in the test thread; Django
# refuses ORM calls there (database setup and teardown of each test) unless
# told that this is deliberate.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

#: Every UI language, with the tag the page must carry in <html lang>.
LANGUAGE_TAGS = {
    "nb": "nb",
    "nn": "nn",
    "sv": "sv",
    "sr-cyrl": "sr-Cyrl",
    "sr-latn": "sr-Latn",
    "en": "en",
}


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: the browser tests need Debian's "
            "chromium package (run `make chromium`, or `apt-get install chromium`). "
            "Playwright's own browser downloads are not used.",
            pytrace=False,
        )
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # While Playwright's event loop counts as running in this thread, Django
    # hands out a second set of database connections (asgiref keys them by
    # context in "async" threads). Keep using the ones the test database was
    # set up on: the live server shares them, and they carry the serialized
    # migrated content that transactional tests restore.
    originals = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in originals.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(autouse=True)
def _keep_migrated_content(django_db_serialized_rollback):
    """Restore the rows the migrations created (home page, default site, locale).

    The live server needs transactional tests, which empty the database after
    each test; serialized rollback puts the migrated content back first.
    """


@pytest.fixture
def browser_context(browser):
    # A fixed browser locale makes the language negotiated from
    # Accept-Language predictable (en) before a test picks another one.
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    yield page
    page.close()


@pytest.fixture
def set_language(browser_context, live_server):
    """Choose the UI language the way the language switcher does: by cookie."""

    def choose(code):
        browser_context.add_cookies(
            [{"name": "django_language", "value": code, "url": live_server.url}]
        )

    return choose
