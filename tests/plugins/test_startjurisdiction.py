"""``manage.py startjurisdiction``: the skeleton it writes is a working plugin.

The slow tests start the portal in a subprocess with the generated package on
``PYTHONPATH`` and in ``PORTAL_EXTRA_JURISDICTIONS``, exactly as a plugin
author would try it, and run the core's conformance suite against it.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tomllib
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils.translation import to_locale

REPO = Path(__file__).resolve().parents[2]
SUBPROCESS_TIMEOUT = 540
#: Locale directory names of the UI languages that need a catalogue (English is the source).
CATALOGUE_LANGUAGES = [to_locale(code) for code, _name in settings.LANGUAGES if code != "en"]

EXPECTED_FILES = {
    "__init__.py",
    "apps.py",
    "declaration.py",
    "models.py",
    "conformance.py",
    "urls.py",
    "views.py",
    "forms.py",
    "demo.py",
    "tests.py",
    "pyproject.toml",
    "README.md",
    "migrations/__init__.py",
    "migrations/0001_initial.py",
}


def generate(parent: Path, app_name: str, code: str, **options) -> Path:
    out = StringIO()
    call_command(
        "startjurisdiction", app_name, code=code, directory=str(parent), stdout=out, **options
    )
    assert f"Created jurisdiction plugin {code!r}" in out.getvalue()
    return parent / app_name


def child_env(tmp_path: Path, apps: list[str]) -> dict[str, str]:
    """The environment of a portal process that sees the generated plugins."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), str(REPO)])
    env["PORTAL_EXTRA_JURISDICTIONS"] = ",".join(apps)
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    # A database of its own, never the one this test run uses.
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'child.sqlite3'}"
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
        check=False,
    )


def pytest_summary(output: str) -> dict[str, int]:
    """Counts from pytest's last summary line ("28 passed, 46 deselected in 9.1s")."""
    lines = [line for line in output.strip().splitlines() if re.search(r"\bin [\d.]+s\b", line)]
    assert lines, f"no pytest summary line in:\n{output}"
    return {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", lines[-1])}


def expected_conformance_cases(described: dict) -> int:
    """How many parametrised cases the conformance suite derives from a declaration."""
    roles = len(described["roles"])
    actions: dict[str, set[str]] = {}
    for cell in described["matrix"]:
        actions.setdefault(cell["record"], set()).add(cell["action"])
    cells = sum(len(a) for a in actions.values()) * roles
    transitions = (
        sum(len(t["from"]) for wf in described["workflows"] for t in wf["transitions"]) * roles
    )
    documents = len(described["documents"])  # each template renders to a valid PDF
    return cells + transitions + documents


# -- the generated files ---------------------------------------------------------


def test_generates_a_complete_package(tmp_path):
    target = generate(tmp_path, "acme_plans", "acme")
    files = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert EXPECTED_FILES <= files
    assert "templates/acme_plans/plan_list.html" in files
    assert "templates/acme_plans/plan_detail.html" in files
    assert "templates/acme_plans/plan_form.html" in files
    assert "templates/acme_plans/plan_pdf.html" in files
    assert not [f for f in files if f.endswith("-tpl") or "app_name" in f]
    for path in target.rglob("*.py"):
        source = path.read_text()
        assert "{{" not in source and "{%" not in source, f"unrendered template syntax in {path}"
        ast.parse(source, filename=str(path))  # raises SyntaxError on broken output


def test_rendered_names_and_entry_point(tmp_path):
    target = generate(tmp_path, "acme_plans", "acme-north")

    apps_tree = ast.parse((target / "apps.py").read_text())
    (config,) = [n for n in apps_tree.body if isinstance(n, ast.ClassDef)]
    assert config.name == "AcmePlansConfig"
    assert [b.id for b in config.bases] == ["JurisdictionConfig"]
    assigned = {
        n.targets[0].id: ast.literal_eval(n.value) for n in config.body if isinstance(n, ast.Assign)
    }
    assert assigned["name"] == assigned["label"] == "acme_plans"
    assert assigned["jurisdiction"] == "acme_plans.declaration.AcmePlansJurisdiction"
    assert assigned["verbose_name"] == "Acme plans"  # default name from the app name

    declaration = (target / "declaration.py").read_text()
    assert 'code = "acme-north"' in declaration
    assert "class AcmePlansJurisdiction(Jurisdiction):" in declaration
    assert 'conformance = "acme_plans.conformance.AcmePlansFactory"' in declaration
    assert 'related_name="acme_plans_plans"' in (target / "migrations/0001_initial.py").read_text()

    project = tomllib.loads((target / "pyproject.toml").read_text())
    assert project["project"]["name"] == "acme-plans"
    assert project["project"]["entry-points"]["portal.jurisdictions"] == {
        "acme-north": "acme_plans"
    }
    assert project["tool"]["setuptools"]["package-dir"] == {"acme_plans": "."}
    assert "acme_plans.migrations" in project["tool"]["setuptools"]["packages"]


def test_name_with_quotes_stays_valid_python_and_toml(tmp_path):
    name = 'Acme "North" \\ Sør'
    target = generate(tmp_path, "acme_plans", "acme", name=name)
    tree = ast.parse((target / "declaration.py").read_text())
    (decl,) = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    values = {
        n.targets[0].id: n.value
        for n in decl.body
        if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name)
    }
    assert ast.literal_eval(values["name"]) == name
    project = tomllib.loads((target / "pyproject.toml").read_text())
    assert project["project"]["description"].startswith(name)


@pytest.mark.slow
def test_generated_code_passes_the_projects_linter(tmp_path):
    target = generate(tmp_path, "acme_plans", "acme", name='Acme "North"')
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--config",
            str(REPO / "pyproject.toml"),
            str(target),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# -- the generated catalogues ------------------------------------------------------


def catalogue(target: Path, lang: str) -> Path:
    return target / "locale" / lang / "LC_MESSAGES" / "django.po"


def msgid_keys(po) -> set[tuple]:
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in po if not e.obsolete}


def test_catalogue_languages_are_the_portals():
    assert sorted(CATALOGUE_LANGUAGES) == ["nb", "nn", "sr_Cyrl", "sr_Latn", "sv"]


@pytest.mark.parametrize("lang", CATALOGUE_LANGUAGES)
def test_generated_plugin_ships_a_complete_compiled_catalogue(tmp_path, lang):
    target = generate(tmp_path, "acme_plans", "acme", name="Acme plans")
    po_path = catalogue(target, lang)
    assert po_path.is_file(), f"the skeleton ships no {lang} catalogue"
    po = polib.pofile(str(po_path))
    assert len(po) > 0
    assert not po.untranslated_entries(), [e.msgid for e in po.untranslated_entries()]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()]
    assert msgid_keys(po) == msgid_keys(polib.pofile(str(catalogue(target, "nb"))))
    # Skeleton strings a user sees on the plugin's pages and in its declaration.
    assert {"Share with the family", "Approve", "Reopen for changes", "Status"} <= {
        e.msgid for e in po
    }
    assert all(e.msgstr != e.msgid for e in po if e.msgid == "Share with the family")
    checked = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr

    # The .mo was compiled from this .po and copied byte for byte.
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.is_file(), f"{lang} catalogue is not compiled"
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(mo_path))}
    assert {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries()}.items() <= (
        compiled.items()
    )
    template_mo = REPO / "plugins/jurisdiction_template/locale_catalogues" / lang
    assert mo_path.read_bytes() == (template_mo / "LC_MESSAGES/django.mo").read_bytes()


def test_generated_strings_are_translated_when_the_plugin_runs(tmp_path):
    """The shipped .mo files translate the declaration's labels (gettext_lazy, not literals)."""
    import gettext

    target = generate(tmp_path, "acme_plans", "acme")
    nb = gettext.translation("django", str(target / "locale"), languages=["nb"])
    sr = gettext.translation("django", str(target / "locale"), languages=["sr_Latn"])
    assert nb.gettext("Share with the family") == "Del med familien"
    assert sr.gettext("Share with the family") == "Podeli sa porodicom"
    declaration = (target / "declaration.py").read_text()
    for label in ("Share with the family", "Approve", "Reopen for changes"):
        assert f'_("{label}")' in declaration


@pytest.mark.slow
def test_makemessages_in_the_generated_plugin_would_change_no_msgid(tmp_path):
    """The catalogues hold exactly the strings of the skeleton: none missing, none stale."""
    target = generate(tmp_path, "acme_plans", "acme", name="Acme plans")
    assert all(catalogue(target, lang).is_file() for lang in CATALOGUE_LANGUAGES)
    shipped = {
        lang: msgid_keys(polib.pofile(str(catalogue(target, lang)))) for lang in CATALOGUE_LANGUAGES
    }
    locale_args = [arg for lang in CATALOGUE_LANGUAGES for arg in ("-l", lang)]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            *locale_args,
            "--add-location=file",
            "--no-obsolete",
        ],
        cwd=target,  # inside the plugin package: its own locale/ directory
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
        check=False,
        # No settings module: makemessages configures a minimal one itself.
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for lang in CATALOGUE_LANGUAGES:
        fresh = msgid_keys(polib.pofile(str(catalogue(target, lang))))
        added, gone = fresh - shipped[lang], shipped[lang] - fresh
        assert not added and not gone, (
            f"{lang}: makemessages would add {sorted(added, key=str)} and drop "
            f"{sorted(gone, key=str)}; update and translate "
            "plugins/jurisdiction_template/locale_catalogues"
        )


# -- bad input -------------------------------------------------------------------


@pytest.mark.parametrize("app_name", ["acme-plans", "1acme", "acme plans", "class", "åpen", ""])
def test_rejects_app_names_that_are_not_identifiers(tmp_path, app_name):
    with pytest.raises(CommandError, match="is not a valid app name: use a Python identifier"):
        generate(tmp_path, app_name, "acme")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("app_name", ["json", "tests", "django", "wagtail"])
def test_rejects_app_names_of_existing_modules(tmp_path, app_name):
    with pytest.raises(CommandError, match=f"'{app_name}' clashes with the existing Python module"):
        generate(tmp_path, app_name, "acme")
    assert not list(tmp_path.iterdir())


def test_rejects_the_label_of_an_installed_app(tmp_path):
    # "auth" is no top-level module, but django.contrib.auth holds the label.
    with pytest.raises(
        CommandError,
        match="'auth' clashes with the label of the installed app 'django.contrib.auth'",
    ):
        generate(tmp_path, "auth", "acme")


@pytest.mark.parametrize(
    "code", ["Acme", "acme_north", "acme-", "acme--north", "9acme", "acme north", ""]
)
def test_rejects_codes_that_do_not_match_the_sdk_pattern(tmp_path, code):
    with pytest.raises(
        CommandError, match=f"Jurisdiction code {re.escape(repr(code))} is not valid"
    ):
        generate(tmp_path, "acme_plans", code)
    assert not list(tmp_path.iterdir())


def test_rejects_a_code_an_installed_plugin_uses(tmp_path):
    with pytest.raises(
        CommandError, match="'dummy' is already used by the installed plugin 'dummy_jurisdiction'"
    ):
        generate(tmp_path, "acme_plans", "dummy")


def test_code_is_required(tmp_path):
    with pytest.raises(CommandError, match="the following arguments are required: --code"):
        call_command("startjurisdiction", "acme_plans", directory=str(tmp_path))


def test_refuses_to_overwrite_an_existing_folder(tmp_path):
    existing = tmp_path / "acme_plans"
    existing.mkdir()
    (existing / "keep.txt").write_text("mine")
    with pytest.raises(CommandError, match="already exists; refusing to overwrite it"):
        generate(tmp_path, "acme_plans", "acme")
    assert [p.name for p in existing.iterdir()] == ["keep.txt"]
    assert (existing / "keep.txt").read_text() == "mine"


def test_missing_directory(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        generate(tmp_path / "nowhere", "acme_plans", "acme")
    assert not (tmp_path / "nowhere").exists()


# -- the generated plugin works ----------------------------------------------------


@pytest.mark.slow
def test_generated_plugin_registers_and_passes_the_conformance_suite(tmp_path):
    app, code = "sjconf_plugin", "sjconf"
    generate(tmp_path, app, code, name="Conformance probe")
    env = child_env(tmp_path, [app])

    listed = run(["manage.py", "jurisdictions", "--json"], env)
    assert listed.returncode == 0, listed.stderr
    described = {d["code"]: d for d in json.loads(listed.stdout)}
    assert code in described, f"generated plugin not registered: {sorted(described)}"
    plugin = described[code]
    assert plugin["app"] == app
    assert plugin["name"] == "Conformance probe"
    assert plugin["url_prefix"] == f"/j/{code}/"
    assert [r["code"] for r in plugin["roles"]] == ["coordinator", "teacher", "guardian", "student"]
    (workflow,) = plugin["workflows"]
    assert 2 <= len(workflow["transitions"]) <= 3
    # The skeleton shows a consent guard, a step-up step and a document.
    steps = {t["name"]: t for t in workflow["transitions"]}
    assert steps["approve"]["consent"] == "plan-approval"
    assert steps["reopen"]["step_up"] is True
    assert [d["code"] for d in plugin["documents"]] == ["plan"]

    result = run(
        ["-m", "pytest", "tests/conformance", "-k", code, "-p", "no:cacheprovider", "-q"], env
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    counts = pytest_summary(result.stdout)
    assert counts.get("passed", 0) > 0, output
    assert not counts.get("failed") and not counts.get("error") and not counts.get("skipped"), (
        output
    )
    # Every matrix cell, every transition and every document of the declaration was
    # exercised (the page checks add their own cases on top).
    assert counts["passed"] >= expected_conformance_cases(plugin), output


@pytest.mark.slow
def test_pre_written_migration_matches_the_models(tmp_path):
    app = "sjmig_plugin"
    generate(tmp_path, app, "sjmig")
    result = run(
        ["manage.py", "makemigrations", app, "--check", "--dry-run"], child_env(tmp_path, [app])
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"No changes detected in app '{app}'" in result.stdout


@pytest.mark.slow
def test_generated_plugin_pages_pass_their_own_tests(tmp_path):
    app = "sjpages_plugin"
    target = generate(tmp_path, app, "sjpages")
    result = run(
        [
            "-m",
            "pytest",
            "-c",
            "pyproject.toml",
            str(target / "tests.py"),
            "-p",
            "no:cacheprovider",
            "-q",
        ],
        child_env(tmp_path, [app]),
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    counts = pytest_summary(result.stdout)
    assert counts.get("passed", 0) >= 4 and not counts.get("failed"), output
