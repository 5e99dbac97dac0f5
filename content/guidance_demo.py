"""Starter guidance for the fictional Nordvik County (demo).

A complete booklet on special intake to upper secondary school for the
current school year, the legal references it cites, downloadable PDF templates
and one guidance article per jurisdiction plugin. Bokmål is the source tree;
the five other languages are wagtail-localize translations of it, made from
the PO files under ``content/translations/`` (``content/page_translations``).

The facts come from a Norwegian county's intake booklet (reference 001 in
the project's shared references) and from the design notes on each
jurisdiction; every sentence is written for the project, every name is
invented.

Loading is idempotent: each page, snippet and document is found by a stable
key (a translation key derived from a name, or a document title) and only
created when missing. Pages that exist are left as editors made them.
"""

from __future__ import annotations

import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site

from content import guidance_texts as texts
from plugins.documents.rendering import write_accessible_pdf
from portal.guidance.models import (
    BookletPage,
    ChapterPage,
    CountySitePage,
    FormTemplatePage,
    GuidanceArticlePage,
    GuidanceIndexPage,
    LegalReference,
)
from portal.guidance.site_url import apply_base_url

NAMESPACE = uuid.UUID("0d2b6a4e-7c55-4b0f-8f0b-3f7f3d9a2c61")
SOURCE_LANGUAGE = "nb"
#: The languages the demo guidance is translated into, in the order they are made.
TRANSLATIONS = ("en", "nn", "sv", "sr-cyrl", "sr-latn")
LANGUAGES = (SOURCE_LANGUAGE, *TRANSLATIONS)
#: The home page's words before the demo gives it the county's own (see home migration 0002).
PLACEHOLDER_HOME_TITLE = "Individual education plans"


def key_for(name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, name)


def block_id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, "block:" + ":".join(str(p) for p in parts)))


# -- locales and the home page --------------------------------------------


def _locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def _publish(page) -> None:
    page.save_revision(log_action=False).publish(log_action=False)


def _home(locale: Locale):
    """The site root in the source language, with the county's words if it still has the placeholder's.

    The root is made in the site's default language by the first migration; when that
    is not the source language (the tests run in English), the source root is its
    translation.
    """
    site = Site.objects.get(is_default_site=True)
    root = site.root_page.specific
    if root.locale_id != locale.pk:
        translated = root.get_translations().filter(locale=locale).first()
        if translated is None:
            translated = root.copy_for_translation(locale)
        root = translated.specific
        Site.clear_site_root_paths_cache()
    if root.title == PLACEHOLDER_HOME_TITLE or not root.live:
        root.title = texts.HOME["title"]
        root.draft_title = texts.HOME["title"]
        root.intro = texts.HOME["intro"]
        root.body = texts.HOME["body"]
        _publish(root)
    return root


def _ensure_page(parent, name: str, locale: Locale, build):
    """The page with translation key ``name`` in ``locale``; ``build()`` makes it when missing."""
    translation_key = key_for(name)
    existing = Page.objects.filter(translation_key=translation_key, locale=locale).first()
    if existing is not None:
        return existing.specific
    page = build()
    page.translation_key = translation_key
    page.locale = locale
    parent.add_child(instance=page)
    _publish(page)
    return page


# -- snippets and documents -------------------------------------------------


def _legal_references(locale: Locale) -> dict:
    """Every demo legal reference in the source language, keyed by name and language."""
    refs: dict = {}
    for name, spec in texts.LEGAL_REFERENCES.items():
        ref, _ = LegalReference.objects.get_or_create(
            translation_key=key_for("law:" + name),
            locale=locale,
            defaults={
                "law": spec["law"],
                "section": spec["section"],
                "title": spec["title"],
                "explanation": spec["explanation"],
                "url": spec["url"],
            },
        )
        refs[(name, locale.language_code)] = ref
    return refs


FORM_CSS = """
@page { size: A4; margin: 18mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; color: #111; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
.notice { font-size: 8.5pt; text-transform: uppercase; letter-spacing: .03em; margin: 0 0 6mm; }
.intro { margin: 0 0 5mm; }
h2 { font-size: 11pt; margin: 6mm 0 2mm; border-bottom: 1pt solid #111; }
table { width: 100%; border-collapse: collapse; }
td { border: .6pt solid #555; padding: 2mm; vertical-align: top; }
td.label { width: 38%; font-weight: bold; background: #f1f1f1; }
td.tall { height: 22mm; }
.box { display: inline-block; width: 3.2mm; height: 3.2mm; border: .8pt solid #111; margin-right: 2mm; vertical-align: -.5mm; }
.demo { margin-top: 8mm; font-size: 8pt; color: #444; }
"""


def _form_pdf(spec: dict) -> bytes:
    """Render a blank form template to PDF (nothing is fetched: all CSS is inline)."""
    from weasyprint import HTML

    from portal.guidance.pdf import BASE_URL, StaticOnlyURLFetcher

    parts = [
        f"<!DOCTYPE html><html lang='{spec['lang']}'><head><meta charset='utf-8'>"
        f"<title>{escape(spec['title'])}</title><style>{FORM_CSS}</style></head><body>",
        f"<h1>{escape(spec['title'])}</h1>",
        f"<p class='notice'>{escape(spec['notice'])}</p>",
    ]
    if spec.get("intro"):
        parts.append(f"<p class='intro'>{escape(spec['intro'])}</p>")
    for heading, fields in spec["sections"]:
        parts.append(f"<h2>{escape(heading)}</h2><table>")
        for field in fields:
            if field.startswith("[]"):
                parts.append(
                    f"<tr><td colspan='2'><span class='box'></span>{escape(field[2:].strip())}</td></tr>"
                )
            elif field.endswith("…"):
                parts.append(
                    f"<tr><td class='label'>{escape(field[:-1].strip())}</td><td class='tall'></td></tr>"
                )
            else:
                parts.append(f"<tr><td class='label'>{escape(field)}</td><td></td></tr>")
        parts.append("</table>")
    parts.append(f"<p class='demo'>{escape(spec['footer'])}</p></body></html>")
    return write_accessible_pdf(
        HTML(string="".join(parts), base_url=BASE_URL, url_fetcher=StaticOnlyURLFetcher())
    )


def _documents() -> dict:
    Document = get_document_model()
    documents = {}
    for name, by_language in texts.FORM_TEMPLATES.items():
        for code, spec in by_language.items():
            document = Document.objects.filter(title=spec["title"]).first()
            if document is None:
                document = Document(title=spec["title"])
                document.file.save(
                    f"{spec['filename']}.pdf", ContentFile(_form_pdf(spec)), save=False
                )
                document.save()
            documents[(name, code)] = document
    return documents


# -- stream helpers used by the texts module --------------------------------


class StreamBuilder:
    """Builds a chapter's stored StreamField JSON with the right snippet and document ids."""

    def __init__(self, language: str, refs: dict, documents: dict, scope: str, form_pages=None):
        self.language = language
        self.refs = refs
        self.documents = documents
        self.form_pages = form_pages or {}
        self.scope = scope
        self.blocks: list[dict] = []

    def _add(self, block_type: str, value) -> StreamBuilder:
        self.blocks.append(
            {"type": block_type, "value": value, "id": block_id(self.scope, len(self.blocks))}
        )
        return self

    def text(self, html: str):
        return self._add("rich_text", html)

    def info(self, heading: str, html: str):
        return self._add("info", {"heading": heading, "text": html})

    def tip(self, heading: str, html: str):
        return self._add("tip", {"heading": heading, "text": html})

    def law(self, name: str, comment: str = ""):
        ref = self.refs[(name, self.language)]
        return self._add("legal_reference", {"reference": ref.pk, "comment": comment})

    def calendar(self, title: str, introduction: str, rows: list[dict]):
        items = []
        for n, row in enumerate(rows):
            value = {
                "action": row["action"],
                "responsible": row["responsible"],
                "starts": row["starts"].isoformat() if row.get("starts") else None,
                "ends": row["ends"].isoformat() if row.get("ends") else None,
                "when_text": row.get("when_text", ""),
                "purpose": row.get("purpose", ""),
            }
            items.append(
                {
                    "type": "item",
                    "value": value,
                    "id": block_id(self.scope, "row", len(self.blocks), n),
                }
            )
        return self._add(
            "deadline_calendar", {"title": title, "introduction": introduction, "rows": items}
        )

    def form(self, title: str, description: str, document: str):
        doc = self.documents[(document, self.language)]
        return self._add(
            "form_template",
            {"title": title, "description": description, "plugin_form": "", "document": doc.pk},
        )

    def fillable(self, name: str, title: str, description: str):
        """A form template block linking the fillable form page ``name`` (fill in, or print blank)."""
        page = self.form_pages.get((name, self.language))
        if page is None:
            return self
        return self._add(
            "form_template",
            {
                "title": title,
                "description": description,
                "form_page": page.pk,
                "plugin_form": "",
                "document": None,
            },
        )

    def statistics(self, caption, row_heading, columns, rows, note=""):
        scope = len(self.blocks)
        return self._add(
            "statistics",
            {
                "caption": caption,
                "row_heading": row_heading,
                "columns": [
                    {"type": "item", "value": c, "id": block_id(self.scope, "col", scope, n)}
                    for n, c in enumerate(columns)
                ],
                "rows": [
                    {
                        "type": "item",
                        "value": {
                            "label": label,
                            "values": [
                                {
                                    "type": "item",
                                    "value": v,
                                    "id": block_id(self.scope, "v", scope, r, n),
                                }
                                for n, v in enumerate(values)
                            ],
                            "is_total": total,
                        },
                        "id": block_id(self.scope, "row", scope, r),
                    }
                    for r, (label, values, total) in enumerate(rows)
                ],
                "note": note,
                "show_chart": True,
            },
        )

    def contact(self, **fields):
        return self._add(
            "contact",
            {
                k: fields.get(k, "")
                for k in ("name", "role", "organisation", "phone", "email", "note")
            },
        )


def school_year_label(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


# -- fillable forms --------------------------------------------------------------


def form_sections(spec: dict, scope: str) -> list[dict]:
    """The stored StreamField JSON of a fillable form's sections."""
    stream = []
    for s, (heading, note, fields) in enumerate(spec["sections"]):
        stream.append(
            {
                "type": "section",
                "id": block_id(scope, "section", s),
                "value": {
                    "heading": heading,
                    "note": note,
                    "fields": [
                        {
                            "type": "item",
                            "id": block_id(scope, "field", s, n),
                            "value": {
                                **field,
                                "options": [
                                    {
                                        "type": "item",
                                        "id": block_id(scope, "option", s, n, o),
                                        "value": option,
                                    }
                                    for o, option in enumerate(field["options"])
                                ],
                            },
                        }
                        for n, field in enumerate(fields)
                    ],
                },
            }
        )
    return stream


# -- the tree -----------------------------------------------------------------


def sources(result: dict, y0: int) -> list[tuple[str, object]]:
    """The demo's source objects as (name, bokmål instance), parents before children.

    Legal references come first: the pages cite them, and a translated page cites
    the translated reference.
    """
    items: list[tuple[str, object]] = [
        ("law:" + name, result["legal_references"][(name, SOURCE_LANGUAGE)])
        for name in texts.LEGAL_REFERENCES
    ]
    items.append(("home", result["home"]))
    items.append(("county:nordvik", result["county"]))
    items.append(("index:nordvik-guidance", result["index"]))
    items.append(("form:attachment", result["forms"][("attachment", SOURCE_LANGUAGE)]))
    items.append((f"booklet:special-intake:{y0}", result["booklets"][SOURCE_LANGUAGE]))
    for chapter in texts.CHAPTERS:
        name = chapter.__name__.removeprefix("chapter_")
        items.append((f"chapter:{name}:{y0}", result["chapters"][(name, SOURCE_LANGUAGE)]))
    for (jurisdiction, code), page in result["articles"].items():
        if code == SOURCE_LANGUAGE:
            items.append((f"article:{jurisdiction}", page))
    return items


@transaction.atomic
def load(school_year_start: int, languages=None) -> dict:
    """Create what is missing of the demo guidance for the school year starting in ``school_year_start``.

    The bokmål tree is built from ``content.guidance_texts``; then each language of
    ``languages`` (default: setting ``PORTAL_DEMO_GUIDANCE_LANGUAGES``, else all five)
    gets its wagtail-localize translation from the PO files.
    """
    from django.conf import settings

    from content import page_translations

    if languages is None:
        languages = getattr(settings, "PORTAL_DEMO_GUIDANCE_LANGUAGES", TRANSLATIONS)

    # The site answers at the configured address (PORTAL_BASE_URL), so absolute page URLs,
    # such as the API's html_url, point at the portal rather than at localhost.
    apply_base_url()
    code = SOURCE_LANGUAGE
    locale = _locale(code)
    for language in languages:
        _locale(language)
    refs = _legal_references(locale)
    documents = _documents()
    y0 = school_year_start
    result: dict = {"booklets": {}, "articles": {}, "chapters": {}, "forms": {}}
    form_pages = result["forms"]

    home = _home(locale)
    county_text = texts.COUNTY
    county = _ensure_page(
        home,
        "county:nordvik",
        locale,
        lambda ct=county_text: CountySitePage(
            title=ct["title"], slug="nordvik", summary=ct["summary"], intro=ct["intro"]
        ),
    )
    index_text = texts.GUIDANCE_INDEX
    index = _ensure_page(
        county,
        "index:nordvik-guidance",
        locale,
        lambda it=index_text: GuidanceIndexPage(
            title=it["title"], slug="guidance", summary=it["summary"], intro=it["intro"]
        ),
    )

    # The attachment form, filled in on the page and downloaded as a PDF; the booklet's
    # chapters link to it. It sits beside the booklets, so every edition links the same page.
    form_spec = texts.attachment_form()
    form_pages[("attachment", code)] = _ensure_page(
        index,
        "form:attachment",
        locale,
        lambda fs=form_spec: FormTemplatePage(
            title=fs["title"],
            slug=fs["slug"],
            summary=fs["summary"],
            intro=fs["intro"],
            confidentiality=fs["confidentiality"],
            sections=form_sections(fs, "form:attachment"),
        ),
    )

    booklet_text = texts.booklet(y0)
    booklet = _ensure_page(
        index,
        f"booklet:special-intake:{y0}",
        locale,
        lambda bt=booklet_text: BookletPage(
            title=bt["title"],
            slug=f"special-intake-{y0}-{(y0 + 1) % 100:02d}",
            school_year_start=y0,
            subtitle=bt["subtitle"],
            summary=bt["summary"],
            introduction=bt["introduction"],
            contacts=StreamBuilder(code, refs, documents, f"contacts:{y0}")
            .contact(**bt["contacts"][0])
            .contact(**bt["contacts"][1])
            .contact(**bt["contacts"][2])
            .blocks,
        ),
    )
    result["booklets"][code] = booklet

    for chapter in texts.CHAPTERS:
        name = chapter.__name__.removeprefix("chapter_")
        builder = StreamBuilder(code, refs, documents, f"{name}:{y0}", form_pages)
        title, slug, summary = chapter(builder, y0)
        page = _ensure_page(
            booklet,
            f"chapter:{name}:{y0}",
            locale,
            lambda t=title, s=slug, sm=summary, b=builder: ChapterPage(
                title=t, slug=s, summary=sm, body=b.blocks
            ),
        )
        result["chapters"][(name, code)] = page

    for article in texts.ARTICLES:
        builder = StreamBuilder(code, refs, documents, f"article:{article.__name__}", form_pages)
        spec = article(builder, y0)
        page = _ensure_page(
            index,
            f"article:{spec['jurisdiction']}",
            locale,
            lambda s=spec, b=builder: GuidanceArticlePage(
                title=s["title"],
                slug=s["slug"],
                summary=s["summary"],
                jurisdiction=s["jurisdiction"],
                body=b.blocks,
            ),
        )
        result["articles"][(spec["jurisdiction"], code)] = page

    result["legal_references"] = refs
    result["documents"] = documents
    result["home"], result["county"], result["index"] = home, county, index

    # The translations, as an editor's "Translate" with the translators' PO files would make them.
    made = page_translations.translate(sources(result, y0), languages, documents)
    for (name, language), instance in made.items():
        kind, _, rest = name.partition(":")
        if kind == "law":
            refs[(rest, language)] = instance
        elif kind == "booklet":
            result["booklets"][language] = instance
        elif kind == "chapter":
            result["chapters"][(rest.rsplit(":", 1)[0], language)] = instance
        elif kind == "article":
            result["articles"][(rest, language)] = instance
        elif kind == "form":
            form_pages[(rest, language)] = instance
    return result
