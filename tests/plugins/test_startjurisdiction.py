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

import pytest
from django.core.management import CommandError, call_command

REPO = Path(__file__).resolve().parents[2]
SUBPROCESS_TIMEOUT = 540

EXPECTED_FILES = {
    "__init__.py",
    "apps.py",
    "declaration.py",
    "models.py",
    "conformance.py",
    "urls.py",
    "views.py",
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
    return cells + transitions


# -- the generated files ---------------------------------------------------------


def test_generates_a_complete_package(tmp_path):
    target = generate(tmp_path, "acme_plans", "acme")
    files = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert EXPECTED_FILES <= files
    assert "templates/acme_plans/plan_list.html" in files
    assert "templates/acme_plans/plan_detail.html" in files
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
    # Every matrix cell and every transition of the declaration was exercised.
    assert counts["passed"] == expected_conformance_cases(plugin), output


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
