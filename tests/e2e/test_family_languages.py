"""A family reads everything in its own language: the whole family journey, in each of the six.

For each UI language a demo guardian who fits it walks the family journey in
Debian's chromium: the home page (the language chosen with the switcher), the
two sign-in steps (password, then the authenticator code), ``/family/``, one
of the child's plans, "My consents" and one consent, and the county's guidance
booklet reached from the home page. On every page:

1. ``<html lang>`` is the language's tag. The booklet must be translated: a
   booklet shown in another language (its content marked with that language's
   ``lang`` and a notice saying so) counts as a failure of this language's
   content translation.
2. No visible text is in another language than the element's own (the
   nearest ``lang`` attribute; text marked with another language, such as the
   language names in the switcher, is checked against that language). A text
   is a leak when it equals a message of a gettext catalogue (``portal/locale``,
   ``plugins/*/locale``, ``jurisdictions/*/locale``) in another language (the
   English msgid or another language's msgstr) and that message reads
   differently in this language; messages with placeholders are matched as
   patterns. The demo guidance's page translations (``content/translations``,
   bokmål msgid) are checked the same way, and reported as content leaks.
   Very short strings (fewer than 4 letters), numbers, names and e-mail
   addresses of demo people and strings spelled alike in both languages are
   never leaks. Serbian Cyrillic pages carry no Latin letters at all beyond a
   short allowlist (LATIN_ALLOWED).
3. axe-core with the tags wcag2a, wcag2aa, wcag21aa and wcag22aa finds no
   violation.

The demo is loaded once for the module, as ``_demo_of_module`` in
``tests/conftest.py`` does but with the guidance in all six languages (rolled
back when the module is done); each walk runs in
its own savepoint, against a live server sharing the test database's
in-memory connection. The problems of all pages of a walk are gathered and
reported together.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from .conftest import LANGUAGE_TAGS

# One worker loads the demo for all six languages (the module fixture), not one per worker.
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("family-languages")]

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "demo-pass-2026"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}

#: Locale directory name (gettext) -> UI language code.
DIR_LANGUAGES = {"nb": "nb", "nn": "nn", "sv": "sv", "sr_Cyrl": "sr-cyrl", "sr_Latn": "sr-latn"}
#: lang attribute (lower case) -> UI language code.
TAG_LANGUAGES = {tag.lower(): code for code, tag in LANGUAGE_TAGS.items()}

#: Who walks in which language, and which of their plans they open (a link on /family/).
WALKERS = {
    # Kari Solvang (no_iskole): Mia's published IOP.
    "nb": ("demo-guardian", "/j/no-iskole/iop/"),
    # Randi Meby (Troms transition routine): Lars's transition plan, once both signed.
    "nn": ("demo-troms-guardian", "/j/no-troms-transition/"),
    # Kari Solvang as a guardian at Granbyskolan (se_iup): Linnea's IUP.
    "sv": ("demo-guardian", "/j/se-iup/plans/"),
    # Зоран Петровић (rs_pravilnik): Марко's IOP, in both scripts.
    "sr-cyrl": ("demo-rs-parent", "/j/rs-pravilnik/iops/"),
    "sr-latn": ("demo-rs-parent", "/j/rs-pravilnik/iops/"),
    # Kari Solvang: Ola's application waiting for her approval.
    "en": ("demo-guardian", "/j/no-iskole/applications/"),
}

#: Latin text allowed on Serbian Cyrillic pages. Keep it minimal; say why for each entry.
LATIN_ALLOWED = re.compile(
    r"https?://\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|\b(?:MinID|BankID|ID-porten)\b"  # product names of the Norwegian eID services
    r"|\bPDF\b"  # the file format's name, written so in Serbian Cyrillic too
    r"|\bSHA-256\b"  # the name of the hash of a signed document (its fingerprint)
    r"|\b[0-9a-f]{64}\b"  # that fingerprint itself
)
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
LATIN_WORD = re.compile(r"[0-9A-Za-z\u00C0-\u024F][0-9A-Za-z\u00C0-\u024F/-]*")


@cache
def kept_source_terms() -> frozenset[str]:
    """Latin words the Serbian guidance keeps from its bokmål source on purpose.

    The translators keep official Norwegian terms in their own spelling and explain
    them ("(oppfølgingstjenesten)", "Opplæringslova", "PPT", "Vg1"), as do the codes on
    the county's forms (categories A, B, C, M, O): a Latin word in Cyrillic text is
    allowed only when it is a word of the bokmål text of the guidance itself.
    """
    root = Path(__file__).resolve().parents[2] / "content" / "translations" / "sr_Cyrl"
    words: set[str] = set()
    for path in root.glob("*.po"):
        for entry in polib.pofile(str(path)):
            words.update(LATIN_WORD.findall(TAGS.sub(" ", entry.msgid)))
    return frozenset(words)


def _unless_kept_term(match: re.Match) -> str:
    return " " if match.group(0) in kept_source_terms() else match.group(0)


LETTERS = re.compile(r"[^\W\d_]")
EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdif]|\{\{?\s*\w*\s*\}?\}")
TAGS = re.compile(r"<[^>]+>")

VISIBLE_TEXT = """() => {
  const inline = new Set(['A', 'SPAN', 'STRONG', 'EM', 'B', 'I', 'ABBR', 'CODE', 'TIME', 'BDI',
    'SMALL', 'MARK', 'Q', 'CITE', 'DFN', 'SUB', 'SUP', 'BR', 'WBR']);
  const norm = s => s.replace(/\\s+/g, ' ').trim();
  const shown = el => (el.offsetWidth || el.offsetHeight || el.getClientRects().length)
    && getComputedStyle(el).visibility !== 'hidden';
  const langOf = el => { const h = el.closest('[lang]'); return h ? h.getAttribute('lang') : ''; };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION'].includes(el.tagName)) continue;
    if (!shown(el)) continue;
    const lang = langOf(el);
    const own = [...el.childNodes].filter(n => n.nodeType === 3)
      .map(n => norm(n.textContent)).filter(Boolean);
    for (const t of own) out.push([t, lang]);
    // A sentence with a link or emphasis inside is one message in the catalogue.
    if (own.length && [...el.children].every(c => inline.has(c.tagName))
        && !el.querySelector('[lang]')) {
      const whole = norm(el.textContent);
      if (whole && !own.includes(whole)) out.push([whole, lang]);
    }
  }
  for (const el of document.body.querySelectorAll('input[type=submit], input[type=button]')) {
    if (shown(el) && el.value) out.push([norm(el.value), langOf(el)]);
  }
  return out;
}"""


# ---------------------------------------------------------------- the catalogues


def _pattern(text: str):
    """A message with placeholders as a full-match pattern, with its longest literal part."""
    parts = PLACEHOLDER.split(text)
    literal = "".join(parts)
    if len(LETTERS.findall(literal)) < 6:
        return None
    return re.compile(".+?".join(re.escape(p) for p in parts), re.S), max(parts, key=len)


def _clean(text: str) -> str:
    return " ".join(TAGS.sub("", text).split())


class Messages:
    """Every message in every language: exact texts and patterns, per language."""

    def __init__(self, units: list[tuple[str, dict[str, str]]]):
        self.units = units  # (origin, {language: text})
        self.exact: dict[str, list[int]] = {}
        self.legit: dict[str, set[str]] = {}
        self.patterns: list[tuple[int, str, re.Pattern, str]] = []
        self.legit_patterns: dict[str, list[tuple[re.Pattern, str]]] = {}
        for i, (_origin, texts) in enumerate(units):
            for language, text in texts.items():
                if PLACEHOLDER.search(text):
                    found = _pattern(text)
                    if found:
                        self.patterns.append((i, language, *found))
                        self.legit_patterns.setdefault(language, []).append(found)
                    continue
                self.exact.setdefault(text, []).append(i)
                self.legit.setdefault(language, set()).add(text)

    def is_legit(self, text: str, language: str) -> bool:
        if text in self.legit.get(language, ()):
            return True
        return any(
            key in text and pattern.fullmatch(text)
            for pattern, key in self.legit_patterns.get(language, ())
        )

    def leak(self, text: str, language: str):
        """(origin, language it is in, what it reads in ``language``) when ``text`` leaks."""
        if self.is_legit(text, language):
            return None
        for i in self.exact.get(text, ()):
            origin, texts = self.units[i]
            mine = texts.get(language)
            if mine is not None and mine != text:
                other = next(lang for lang, t in texts.items() if t == text)
                return origin, other, mine
        for i, other, pattern, key in self.patterns:
            if key in text and pattern.fullmatch(text):
                origin, texts = self.units[i]
                mine = texts.get(language)
                if mine is not None and mine != texts[other]:
                    return origin, other, mine
        return None


def _locale_dirs() -> list[Path]:
    dirs = [ROOT / "portal" / "locale"]
    dirs += sorted((ROOT / "plugins").glob("*/locale"))
    dirs += sorted((ROOT / "jurisdictions").glob("*/locale"))
    return [d for d in dirs if d.is_dir()]


def _ui_units() -> list[tuple[str, dict[str, str]]]:
    units: dict[tuple, dict[str, str]] = {}
    for locale_dir in _locale_dirs():
        origin = str(locale_dir.relative_to(ROOT))
        for po_file in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
            language = DIR_LANGUAGES.get(po_file.parent.parent.name)
            if language is None:
                continue
            for entry in polib.pofile(str(po_file)):
                if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid:
                    continue
                if entry.msgid_plural:
                    forms = [(entry.msgid, entry.msgstr_plural.get(0, ""))]
                    forms.append((entry.msgid_plural, entry.msgstr_plural.get(1, "")))
                    # Languages with three forms (Serbian): the third is a plural too.
                    if 2 in entry.msgstr_plural:
                        forms.append((entry.msgid_plural, entry.msgstr_plural[2]))
                    forms = [(i, msgid, msgstr) for i, (msgid, msgstr) in enumerate(forms)]
                else:
                    forms = [(0, entry.msgid, entry.msgstr)]
                for form, msgid, msgstr in forms:
                    key = (origin, entry.msgctxt, entry.msgid, form)
                    texts = units.setdefault(key, {"en": _clean(msgid)})
                    if msgstr:
                        texts[language] = _clean(msgstr)
    return [(f"{k[0]}: {k[2]!r}", v) for k, v in units.items()]


def _content_units() -> list[tuple[str, dict[str, str]]]:
    """The demo guidance's page translations: bokmål msgid, one PO file per page and language."""
    units: dict[tuple, dict[str, str]] = {}
    base = ROOT / "content" / "translations"
    for po_file in sorted(base.glob("*/*.po")):
        language = DIR_LANGUAGES.get(po_file.parent.name, po_file.parent.name)
        for entry in polib.pofile(str(po_file)):
            if entry.obsolete or not entry.msgid or entry.msgctxt == "slug":
                continue
            key = (po_file.name, entry.msgctxt, entry.msgid)
            texts = units.setdefault(key, {"nb": _clean(entry.msgid)})
            if entry.msgstr and "fuzzy" not in entry.flags:
                texts[language] = _clean(entry.msgstr)
    return [(f"content/translations/*/{k[0]}: {k[2][:80]!r}", v) for k, v in units.items()]


@cache
def messages() -> Messages:
    return Messages(_ui_units() + _content_units())


# ---------------------------------------------------------------- the walk


@pytest.fixture(scope="module")
def six_language_demo(django_db_setup, django_db_blocker):
    """The demo loaded once for this module, with its guidance in all six languages.

    As ``_demo_of_module`` (tests/conftest.py): inside an outer transaction that is
    rolled back when the module is done. The test settings translate the demo guidance
    into English only (PORTAL_DEMO_GUIDANCE_LANGUAGES) to save time; this walk needs
    every language.
    """
    from django.db import transaction
    from django.test import override_settings

    from content import demo as demo_data
    from content.guidance_demo import TRANSLATIONS

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(DEBUG=True, PORTAL_DEMO_GUIDANCE_LANGUAGES=TRANSLATIONS):
                world = demo_data.load()
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def family_server(six_language_demo):
    """A live server for this module: it shares the in-memory test database's connection,
    so it sees the demo loaded once for the module (inside its outer transaction)."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def world(six_language_demo, family_server, db):
    from django.core.cache import cache as django_cache

    django_cache.clear()
    return six_language_demo


def _code(username):
    device = TOTPDevice.objects.get(user__username=username, name="default")
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _demo_names() -> set[str]:
    from plugins.models import Person

    names = set()
    for given, family, email in Person.objects.values_list("given_name", "family_name", "email"):
        names |= {given, family, f"{given} {family}", f"{family} {given}", email}
    return {n for n in names if n}


def _both_sign_lars_plan():
    """Lars and his mother give their consents, so the transition plan is theirs to read."""
    from django.contrib.auth import get_user_model

    from jurisdictions.no_troms_transition import consents
    from jurisdictions.no_troms_transition.conformance import verified_request
    from jurisdictions.no_troms_transition.models import PlanStatus, TransitionPlan
    from plugins import consent
    from plugins.workflow import fire

    users = get_user_model().objects
    plan = TransitionPlan.objects.get(student__person__user__username="demo-troms-student")
    for spec, username in (
        (consents.STUDENT, "demo-troms-student"),
        (consents.GUARDIAN, "demo-troms-guardian"),
    ):
        req = consents.current(plan)[spec]
        if req is not None and req.status == req.Status.PENDING:
            consent.sign(req, verified_request(users.get(username=username)))
    plan.refresh_from_db()
    if plan.status == PlanStatus.AWAITING_CONSENT:
        fire(plan, "start", users.get(username="demo-troms-counsellor"))


class Walk:
    def __init__(self, page, language: str):
        self.page = page
        self.language = language
        self.tag = LANGUAGE_TAGS[language]
        self.names = _demo_names()
        self.problems: dict[str, list[str]] = {}

    def note(self, where: str, kind: str, what: str):
        self.problems.setdefault(where, []).append(f"[{kind}] {what}")

    def check(self, where: str, *, guidance: bool = False):
        page = self.page
        page.wait_for_load_state("load")
        where = f"{where} ({page.url.split('//', 1)[-1].split('/', 1)[-1] or '/'})"
        lang = page.locator("html").get_attribute("lang")
        if lang != self.tag:
            self.note(where, "lang", f"<html lang={lang!r}>, expected {self.tag!r}")
        if guidance and page.locator(".content-language").count():
            shown = page.locator(".page-content[lang]").first.get_attribute("lang")
            self.note(
                where,
                "content",
                f"the page is not translated: shown in {shown!r} with the notice "
                f"{page.locator('.content-language').first.inner_text()!r}",
            )
        self._check_texts(where)
        results = Axe().run(page, options=AXE_OPTIONS)
        for v in results.response["violations"]:
            nodes = "; ".join(n["html"][:100] for n in v["nodes"][:3])
            self.note(where, "axe", f"{v['id']} ({v.get('impact')}, {len(v['nodes'])}): {nodes}")

    def _check_texts(self, where: str):
        catalogue = messages()
        seen = set()
        for text, lang_attr in self.page.evaluate(VISIBLE_TEXT):
            language = (
                TAG_LANGUAGES.get(lang_attr.lower(), self.language) if lang_attr else self.language
            )
            if (text, language) in seen:
                continue
            seen.add((text, language))
            if len(LETTERS.findall(text)) < 4 or text in self.names or EMAIL.match(text):
                continue
            found = catalogue.leak(text, language)
            if found:
                origin, other, mine = found
                kind = "content" if origin.startswith("content/") else "ui"
                self.note(
                    where,
                    kind,
                    f"{text!r} is {other}, in {language} it reads {mine!r} ({origin})",
                )
            if language == "sr-cyrl":
                rest = LATIN_ALLOWED.sub(" ", text)
                for name in self.names:
                    if LATIN.search(name) and name in rest:
                        # A demo person whose name is Latin (Norwegian or Swedish).
                        rest = rest.replace(name, " ")
                rest = LATIN_WORD.sub(_unless_kept_term, rest)
                if LATIN.search(rest):
                    self.note(where, "latin", f"Latin letters in Cyrillic text: {text!r}")

    def report(self) -> str:
        return "\n".join(
            f"  {where}:\n" + "\n".join(f"    {p}" for p in found)
            for where, found in self.problems.items()
        )


def _click_href(page, pattern: str, scope: str = "main"):
    """Follow the first link in ``scope`` whose href matches ``pattern`` (a regex)."""
    hrefs = page.locator(f"{scope} a[href]").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    found = [h for h in hrefs if re.search(pattern, h)]
    assert found, f"no link matching {pattern} on {page.url}: {hrefs}"
    page.locator(f'{scope} a[href="{found[0]}"]').first.click()
    page.wait_for_load_state("load")
    return found[0]


@pytest.mark.parametrize("language", list(LANGUAGE_TAGS))
def test_a_family_reads_everything_in_its_own_language(world, browser, family_server, language):
    from portal.guidance.models.pages import BookletPage

    username, plan_prefix = WALKERS[language]
    if language == "nn":
        _both_sign_lars_plan()
    base = family_server.url
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    walk = Walk(page, language)
    try:
        # The home page; the language is chosen with the switcher, as a family would.
        page.goto(f"{base}/")
        page.locator("#lang-select").select_option(language)
        page.locator("form.lang-switch button[type=submit]").click()
        expect(page.locator("html")).to_have_attribute("lang", walk.tag)
        walk.check("home page")

        # Sign-in: password, then the code from the authenticator app.
        page.locator(".header-tools a[href='/accounts/login/']").click()
        page.wait_for_load_state("load")
        walk.check("sign-in: password")
        page.locator("input[name=auth-username]").fill(username)
        page.locator("input[name=auth-password]").fill(PASSWORD)
        page.locator("main form button.primary").click()
        page.locator("input[name=token-otp_token]").wait_for()
        walk.check("sign-in: code")
        page.locator("input[name=token-otp_token]").fill(_code(username))
        page.locator("main form button.primary").click()
        expect(page.locator("input[name=token-otp_token]")).to_have_count(0)

        # My children, one of the child's plans.
        if not page.url.rstrip("/").endswith("/family"):
            page.goto(f"{base}/family/")
        walk.check("my children")
        _click_href(page, "^" + re.escape(plan_prefix) + r".+", "main li.child-card")
        walk.check("plan")

        # My consents, then one consent.
        page.goto(f"{base}/family/")
        _click_href(page, r"^/family/consents/$", "body")
        walk.check("my consents")
        _click_href(page, r"^/family/consents/(receipts/)?\d+/$")
        walk.check("consent")

        # The county's booklet in this language, reached from the home page (or the index).
        page.locator("header nav a[href='/']").click()
        page.wait_for_load_state("load")
        walk.check("home page (signed in)")
        paths = {urlsplit(b.get_url(None) or "").path for b in BookletPage.objects.live()}
        assert paths - {""}, "the demo has no booklet"
        hrefs = page.locator("main a[href]").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
        target = next((h for h in hrefs if h in paths), None)
        if target is None:
            # Not on the home page: through the county's guidance index.
            index = next(h for h in hrefs if re.fullmatch(r"/nordvik/[^/]+/", h))
            page.locator(f'main a[href="{index}"]').first.click()
            page.wait_for_load_state("load")
            hrefs = page.locator("main a[href]").evaluate_all(
                "els => els.map(e => e.getAttribute('href'))"
            )
            target = next(h for h in hrefs if h in paths)
        page.locator(f'main a[href="{target}"]').first.click()
        page.wait_for_load_state("load")
        walk.check("guidance booklet", guidance=True)
    finally:
        context.close()

    assert not walk.problems, (
        f"{language} ({username}): text in another language, wrong lang or axe violations:\n"
        + walk.report()
    )
