"""Create the skeleton of a new jurisdiction plugin.

    python manage.py startjurisdiction acme_plans --code acme --name "Acme plans"

writes ``./acme_plans/`` (or ``DIRECTORY/acme_plans/`` with ``--directory``):
a Django app that registers a working jurisdiction, with a pre-written first
migration, a conformance factory (with its page hooks), pages that show the SDK's
page layer (a list, a detail page whose steps are fired through
``plugins.sdk.views.fire_step``, an edit page through ``edit_record``, a PDF
through a ``DocumentSpec`` and ``document_response``), a consent that guards a
step, demo data, complete catalogues and a ``pyproject.toml`` whose
``portal.jurisdictions`` entry point lets ``pip install`` make it appear. The
plugin author's guide is ``docs/plugins.md``. Files under ``plugins/jurisdiction_template``
whose names end in ``-tpl`` are rendered with the Django template language
(the suffix is dropped); other files (the translation catalogues' ``.po``
and compiled ``.mo`` files among them) are copied byte for byte. A path part
``app_name`` is replaced by the new app's name, and ``locale_catalogues`` by
``locale``: the skeleton's catalogues live under another name in the template
so that the portal's own ``makemessages`` does not take the template folder
for a plugin with a locale directory of its own.
"""

from __future__ import annotations

import importlib.util
import json
import keyword
import shutil
from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.template import Context, Engine

from plugins.registry import registry
from plugins.sdk.jurisdiction import CODE_RE

TEMPLATE_DIR = Path(__file__).resolve().parent.parent.parent / "jurisdiction_template"
TEMPLATE_SUFFIX = "-tpl"
APP_NAME_PLACEHOLDER = "app_name"
LOCALE_PLACEHOLDER = "locale_catalogues"


def validate_app_name(app_name: str) -> None:
    if not app_name.isidentifier() or not app_name.isascii() or keyword.iskeyword(app_name):
        raise CommandError(
            f"{app_name!r} is not a valid app name: use a Python identifier made of ASCII "
            "letters, digits and underscores that does not start with a digit (e.g. acme_plans)."
        )
    if app_name in apps.app_configs:
        raise CommandError(
            f"{app_name!r} clashes with the label of the installed app "
            f"{apps.app_configs[app_name].name!r}; choose another app name."
        )
    try:
        spec = importlib.util.find_spec(app_name)
    except (ImportError, ValueError):
        spec = None
    if spec is not None:
        where = spec.origin or ", ".join(spec.submodule_search_locations or [])
        raise CommandError(
            f"{app_name!r} clashes with the existing Python module {app_name!r} ({where}); "
            "choose another app name."
        )


def validate_code(code: str) -> None:
    if not CODE_RE.match(code):
        raise CommandError(
            f"Jurisdiction code {code!r} is not valid: use lower-case letters and digits, "
            "starting with a letter, in parts joined by single hyphens (e.g. no-iskole)."
        )
    if code in registry:
        raise CommandError(
            f"Jurisdiction code {code!r} is already used by the installed plugin "
            f"{registry.get(code).app_label!r}; choose another code."
        )


def camel_case(app_name: str) -> str:
    name = "".join(part[:1].upper() + part[1:] for part in app_name.split("_") if part)
    return name or "Plugin"


def render_tree(template_dir: Path, target: Path, context: dict) -> list[Path]:
    """Copy ``template_dir`` to ``target``, rendering ``-tpl`` files. Returns the written files."""
    engine = Engine(debug=False)
    app_name = context["app_name"]
    renamed = {APP_NAME_PLACEHOLDER: app_name, LOCALE_PLACEHOLDER: "locale"}
    written = []
    for source in sorted(template_dir.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts or source.suffix in (".pyc", ".pyo"):
            continue
        parts = [renamed.get(p, p) for p in source.relative_to(template_dir).parts]
        destination = target.joinpath(*parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        if destination.name.endswith(TEMPLATE_SUFFIX):
            destination = destination.with_name(destination.name[: -len(TEMPLATE_SUFFIX)])
            template = engine.from_string(source.read_text(encoding="utf-8"))
            destination.write_text(
                template.render(Context(context, autoescape=False)), encoding="utf-8"
            )
        else:
            shutil.copyfile(source, destination)
        written.append(destination)
    return written


class Command(BaseCommand):
    help = (
        "Create a working jurisdiction plugin skeleton: an app with a declaration, a record "
        "model and its migration, a conformance factory, pages and a pyproject.toml whose "
        "entry point makes a pip-installed plugin appear."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "app_name", help="Python package and app label of the plugin, e.g. acme_plans."
        )
        parser.add_argument(
            "--code", required=True, help="Jurisdiction code, e.g. acme (mounted under /j/<code>/)."
        )
        parser.add_argument("--name", help="Human-readable name of the jurisdiction.")
        parser.add_argument(
            "--directory",
            default=".",
            help="Existing folder in which the package folder <app_name>/ is created (default: here).",
        )

    def handle(self, *args, app_name, code, name=None, directory=".", **options):
        validate_app_name(app_name)
        validate_code(code)
        name = (name or "").strip() or app_name.replace("_", " ").capitalize()
        parent = Path(directory).expanduser()
        if not parent.is_dir():
            raise CommandError(f"Directory {str(parent)!r} does not exist.")
        target = parent / app_name
        if target.exists():
            raise CommandError(f"{str(target)!r} already exists; refusing to overwrite it.")

        context = {
            "app_name": app_name,
            "code": code,
            "name": name,
            # A JSON string is also a valid Python string literal.
            "name_literal": json.dumps(name, ensure_ascii=False),
            "description_toml": json.dumps(
                f"{name}: a jurisdiction plugin for the education plan portal", ensure_ascii=False
            ),
            "camel_case_name": camel_case(app_name),
            "dist_name": app_name.replace("_", "-"),
        }
        target.mkdir()
        try:
            render_tree(TEMPLATE_DIR, target, context)
        except Exception:
            shutil.rmtree(target, ignore_errors=True)
            raise

        self.stdout.write(self.style.SUCCESS(f"Created jurisdiction plugin {code!r} in {target}."))
        self.stdout.write(
            "Next:\n"
            f"  - install it: pip install -e {target}  (its entry point registers it; "
            "no settings change)\n"
            f"  - test it: python manage.py jurisdictions; pytest tests/conformance -k {code}\n"
            f"  - or try it uninstalled: PYTHONPATH={parent.resolve()} "
            f"PORTAL_EXTRA_JURISDICTIONS={app_name} python manage.py jurisdictions\n"
            "  - the guide: docs/plugins.md"
        )
