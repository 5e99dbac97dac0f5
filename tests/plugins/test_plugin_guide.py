"""The plugin author's guide (docs/plugins.md) is true.

Its tutorial plugin is built from the guide's own code blocks (each fenced block whose
info string names a file, ```` ```python title="dk_plan/models.py" ````), compiled
like an author would (``msgfmt`` for the catalogues) and run through the core's
conformance suite and its own tests in a child process, exactly as an author runs
them. The reference part names every public name of the SDK, every signal and every
setting the plugins read.
"""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.plugins.test_startjurisdiction import child_env, pytest_summary, run

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "plugins.md"
OPEN = re.compile(r'^```(\w*) title="([^"]+)"\s*$')
APP, CODE = "dk_plan", "dk-plan"
CATALOGUE_LANGUAGES = ["nb", "nn", "sv", "sr_Cyrl", "sr_Latn"]


def guide_files(text: str | None = None) -> dict[str, str]:
    """The files of the tutorial: ``{path: content}`` from the titled code blocks."""
    lines = (text if text is not None else GUIDE.read_text(encoding="utf-8")).splitlines()
    files: dict[str, str] = {}
    i = 0
    while i < len(lines):
        match = OPEN.match(lines[i])
        if match:
            end = lines.index("```", i + 1)
            name = match.group(2)
            assert name not in files, f"the guide shows {name} twice"
            body = lines[i + 1 : end]
            files[name] = "\n".join(body) + ("\n" if body else "")
            i = end
        i += 1
    return files


def write_plugin(parent: Path) -> Path:
    """Write the tutorial's package to ``parent/dk-plan`` and compile its catalogues."""
    root = parent / "dk-plan"
    for name, body in guide_files().items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    for po in sorted(root.glob("dk_plan/locale/*/LC_MESSAGES/django.po")):
        subprocess.run(["msgfmt", "-o", str(po.with_suffix(".mo")), str(po)], check=True)
    return root


# -- the guide's blocks --------------------------------------------------------------


def test_extracts_titled_blocks_only():
    text = 'a\n```python title="x/a.py"\nA = 1\n```\n```python\nB = 2\n```\n```python title="x/b.py"\n```\n'
    assert guide_files(text) == {"x/a.py": "A = 1\n", "x/b.py": ""}


def test_the_tutorial_is_a_complete_package():
    files = guide_files()
    expected = {
        "pyproject.toml",
        *(
            f"{APP}/{name}"
            for name in (
                "__init__.py",
                "apps.py",
                "models.py",
                "declaration.py",
                "forms.py",
                "views.py",
                "urls.py",
                "conformance.py",
                "demo.py",
                "tests.py",
                "migrations/__init__.py",
                "migrations/0001_initial.py",
                "templates/dk_plan/plan_detail.html",
                "templates/dk_plan/plan_form.html",
                "templates/dk_plan/plan_pdf.html",
            )
        ),
        *(f"{APP}/locale/{lang}/LC_MESSAGES/django.po" for lang in CATALOGUE_LANGUAGES),
    }
    assert expected <= set(files), sorted(expected - set(files))
    for name, body in files.items():
        if name.endswith(".py"):
            ast.parse(body, filename=name)
    import tomllib

    project = tomllib.loads(files["pyproject.toml"])
    assert project["project"]["entry-points"]["portal.jurisdictions"] == {CODE: APP}
    # What the tutorial promises to show.
    assert "sdk.fire_step(" in files[f"{APP}/views.py"]
    assert "sdk.edit_record(" in files[f"{APP}/views.py"]
    assert "sdk.document_response(" in files[f"{APP}/views.py"]
    declaration = files[f"{APP}/declaration.py"]
    assert 'consent="plan-approval"' in declaration and "step_up=True" in declaration
    assert 'confidentiality = _("' in declaration  # a lazy marking
    for hook in ("edit_page", "step_page", "document_page"):
        assert f"def {hook}(" in files[f"{APP}/conformance.py"]


def test_the_tutorial_catalogues_are_complete():
    import polib

    files = guide_files()
    msgids = None
    for lang in CATALOGUE_LANGUAGES:
        po = polib.pofile(files[f"{APP}/locale/{lang}/LC_MESSAGES/django.po"])
        assert po.metadata["Language"] == lang
        assert not po.untranslated_entries() and not po.fuzzy_entries(), lang
        ids = {e.msgid for e in po}
        assert msgids is None or ids == msgids, lang
        msgids = ids
    # Every string the tutorial marks for translation is in its catalogues.
    marked = set()
    for name, body in files.items():
        if name.endswith((".py", ".html")):
            marked |= set(re.findall(r'(?:_|gettext|translate) ?\(?"([^"]+)"', body))
    assert marked and marked <= msgids, sorted(marked - msgids)


# -- the reference -------------------------------------------------------------------


def public_names(module) -> set[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [
            n
            for n, v in vars(module).items()
            if not n.startswith("_")
            and getattr(v, "__module__", module.__name__) == module.__name__
            and (inspect.isfunction(v) or inspect.isclass(v) or n.isupper())
        ]
    return set(names)


@pytest.mark.parametrize(
    "module_name",
    ["plugins.sdk", "plugins.sdk.views", "plugins.sdk.testing", "plugins.sdk.builders"],
)
def test_reference_names_every_public_sdk_name(module_name):
    import importlib

    module = importlib.import_module(module_name)
    text = GUIDE.read_text(encoding="utf-8")
    missing = sorted(n for n in public_names(module) if f"`{n}" not in text)
    assert not missing, f"docs/plugins.md does not name {module_name}: {missing}"


def test_reference_names_every_signal_and_setting():
    text = GUIDE.read_text(encoding="utf-8")
    sources = [p.read_text(encoding="utf-8") for p in (REPO / "plugins").rglob("*.py")]
    signals = {m for s in sources for m in re.findall(r"^(\w+) = Signal\(", s, re.M)}
    assert signals and not [s for s in signals if s not in text]
    settings = {m for s in sources for m in re.findall(r'getattr\(settings, "(PORTAL_\w+)"', s)}
    assert settings and not sorted(s for s in settings if s not in text)


def test_readme_conformance_command_needs_no_setting_for_an_installed_plugin():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("Every plugin ships a `ConformanceFactory`") :]
    command = section[section.index("```sh") : section.index("```", section.index("```sh") + 5)]
    assert "pytest tests/conformance -k" in command
    assert "PORTAL_EXTRA_JURISDICTIONS" not in command.split("\n")[1]
    assert "docs/plugins.md" in section


# -- the tutorial plugin works ---------------------------------------------------------


@pytest.mark.slow
def test_tutorial_plugin_passes_the_conformance_suite_and_its_own_tests(tmp_path):
    root = write_plugin(tmp_path)
    env = child_env(root, [APP])  # the folder holding dk_plan/ on PYTHONPATH
    result = run(
        [
            "-m",
            "pytest",
            "tests/conformance",
            str(root / APP / "tests.py"),
            "-k",
            f"{CODE} or {APP}",
            "-p",
            "no:cacheprovider",
            "-v",
        ],
        env,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    counts = pytest_summary(result.stdout)
    assert not counts.get("failed") and not counts.get("error"), output[-6000:]
    assert not counts.get("skipped"), output[-6000:]
    # (A file outside the portal's checkout is shown without its path: match by test name.)
    passed = re.findall(r"^\S*::(\S+) PASSED", result.stdout, re.M)
    ran = {name.split("[")[0] for name in passed}
    for test in (
        # Every kind of conformance case ran on the tutorial plugin...
        "test_matrix_cell",
        "test_transition",
        "test_document_template_renders",
        "test_edit_page_answers_alike",
        "test_step_up_resumes_the_posted_step",
        "test_document_downloads_as_one_pdf",
        # ... and so did its own tests.
        "test_dk_plan_catalogue_is_complete_and_compiled",
        "test_dk_plan_family_approves_after_signing",
    ):
        assert test in ran, f"{test} did not pass:\n{output[-3000:]}"
    # 4 actions x 4 roles, 4 (transition, source) pairs x 4 roles.
    assert sum(1 for name in passed if "dk-plan-Plan." in name) >= 32


if __name__ == "__main__":  # write the tutorial plugin somewhere to try it by hand
    print(write_plugin(Path(sys.argv[1])))
