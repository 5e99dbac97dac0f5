"""The registry of jurisdictions: discovery, start-up validation, listing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import EntryPoint
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
import rules
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from plugins import discovery
from plugins.access import relations
from plugins.registry import Registry, permission_name, registry
from plugins.sdk import Jurisdiction, JurisdictionConfig, Role, Transition, Workflow, allow
from tests.dummy_jurisdiction.models import Case, CaseStatus, SubjectNote

REPO = Path(__file__).resolve().parents[2]


def dummy_config():
    return apps.get_app_config("dummy_jurisdiction")


def declaration(**attrs) -> type[Jurisdiction]:
    """A throwaway Jurisdiction subclass over the dummy plugin's models."""
    base = {
        "code": "probe",
        "name": "Probe",
        "version": "1",
        "roles": (
            Role("coordinator", "Coordinator", relations.has_role_at_school("coordinator")),
            Role("guardian", "Guardian", relations.guardian_of_student),
        ),
        "matrix": (allow("Case", "view", "coordinator", "guardian"),),
    }
    base.update(attrs)
    return type("Probe", (Jurisdiction,), base)


@pytest.fixture
def scratch():
    """A registry of its own; the rules it adds are removed afterwards."""
    reg = Registry()
    yield reg
    for j in list(reg.all()):
        reg.unregister(j.code)


# -- (a) entry-point discovery of an installed plugin -----------------------------


def _generate(parent: Path, app_name: str, code: str) -> None:
    call_command("startjurisdiction", app_name, code=code, directory=str(parent), stdout=StringIO())


def _jurisdictions_json(tmp_path: Path, extra_apps: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), str(REPO)])
    env["PORTAL_EXTRA_JURISDICTIONS"] = extra_apps
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'child.sqlite3'}"
    return subprocess.run(
        [sys.executable, "manage.py", "jurisdictions", "--json", "--settings=portal.settings.test"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.slow
def test_installed_distribution_with_entry_point_is_found_without_settings(tmp_path):
    _generate(tmp_path, "acme_plugin", "acme")

    # The package alone, importable but not installed as a distribution: not a plugin.
    before = _jurisdictions_json(tmp_path)
    assert before.returncode == 0, before.stderr
    assert "acme" not in [d["code"] for d in json.loads(before.stdout)]

    # What `pip install` leaves behind: metadata declaring the entry point.
    dist_info = tmp_path / "acme_plugin-0.1.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-plugin\nVersion: 0.1\n")
    (dist_info / "entry_points.txt").write_text("[portal.jurisdictions]\nacme = acme_plugin\n")

    after = _jurisdictions_json(tmp_path)
    assert after.returncode == 0, after.stderr
    described = {d["code"]: d for d in json.loads(after.stdout)}
    assert "acme" in described, after.stdout
    assert described["acme"]["app"] == "acme_plugin"
    assert "dummy" in described  # the settings' own plugins are still there


# -- (b) two plugins claiming one code ----------------------------------------------


def test_two_plugins_with_one_code_are_refused_naming_both(scratch):
    scratch.register(declaration(code="twin")(dummy_config()))
    # A second app, without record types of its own: only its code clashes.
    other = declaration(code="twin", roles=(), matrix=())(SimpleNamespace(label="other_plugin"))
    with pytest.raises(ImproperlyConfigured) as exc:
        scratch.register(other)
    message = str(exc.value)
    assert "'twin'" in message
    assert "'dummy_jurisdiction'" in message and "'other_plugin'" in message
    assert scratch.get("twin").app_label == "dummy_jurisdiction"  # the first one is kept


def test_the_same_app_registering_again_is_no_clash(scratch):
    scratch.register(declaration(code="twin")(dummy_config()))
    scratch.register(declaration(code="twin", version="2")(dummy_config()))
    assert scratch.get("twin").version == "2"


@pytest.mark.slow
def test_two_installed_plugins_with_one_code_stop_start_up(tmp_path):
    _generate(tmp_path, "alpha_plugin", "twin")
    _generate(tmp_path, "beta_plugin", "twin")
    result = _jurisdictions_json(tmp_path, extra_apps="alpha_plugin,beta_plugin")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert (
        "Jurisdiction code 'twin' is claimed by both 'alpha_plugin' and 'beta_plugin'"
        in result.stderr
    ), result.stderr[-2000:]


# -- (c) a matrix naming what was never declared -------------------------------------


def test_matrix_naming_an_unknown_role_is_refused():
    probe = declaration(matrix=(allow("Case", "view", "coordinator", "principal"),))(dummy_config())
    with pytest.raises(ImproperlyConfigured) as exc:
        probe.validate()
    message = str(exc.value)
    assert "Jurisdiction plugin 'dummy_jurisdiction'" in message
    assert "Case.view names unknown role 'principal'" in message
    assert "declared roles: coordinator, guardian" in message


def test_matrix_naming_an_unknown_action_is_refused():
    probe = declaration(matrix=(allow("Case", "teleport", "coordinator"),))(dummy_config())
    with pytest.raises(ImproperlyConfigured) as exc:
        probe.validate()
    message = str(exc.value)
    assert "Case.teleport names unknown action 'teleport'" in message
    assert "known actions: view, create, edit" in message


def test_extra_actions_make_an_action_known():
    probe = declaration(
        matrix=(allow("Case", "teleport", "coordinator"),), extra_actions=("teleport",)
    )
    probe(dummy_config()).validate()  # no error


def test_registry_refuses_an_invalid_declaration_and_keeps_nothing(scratch):
    bad = declaration(
        matrix=(allow("Case", "view", "coordinator"), allow("Case", "edit", "janitor"))
    )
    with pytest.raises(ImproperlyConfigured, match="unknown role 'janitor'"):
        scratch.register(bad(dummy_config()))
    assert "probe" not in scratch
    assert not rules.perm_exists(permission_name("probe", "Case", "view"))


def test_transition_naming_an_unknown_role_or_state_is_refused():
    def workflow(*transitions):
        return (
            Workflow(
                record="Case", states=CaseStatus, initial=CaseStatus.DRAFT, transitions=transitions
            ),
        )

    by_janitor = declaration(
        workflows=workflow(Transition("share", "draft", "shared", roles=("janitor",)))
    )
    with pytest.raises(
        ImproperlyConfigured, match=r"transition Case.share names unknown role 'janitor'"
    ):
        by_janitor(dummy_config()).validate()
    to_limbo = declaration(
        workflows=workflow(Transition("share", "draft", "limbo", roles=("coordinator",)))
    )
    with pytest.raises(
        ImproperlyConfigured, match=r"transition Case.share names unknown state 'limbo'"
    ):
        to_limbo(dummy_config()).validate()


def test_record_type_that_is_not_a_model_of_the_app_is_refused():
    probe = declaration(matrix=(allow("Plan", "view", "coordinator"),))
    with pytest.raises(
        ImproperlyConfigured, match="record type 'Plan' is not a model of app 'dummy_jurisdiction'"
    ):
        probe(dummy_config()).validate()


@pytest.mark.parametrize("code", ["Probe", "probe_x", "probe-", "-probe", "pro--be"])
def test_invalid_code_is_refused(code):
    with pytest.raises(
        ImproperlyConfigured, match="must be lower-case letters, digits and hyphens"
    ):
        declaration(code=code)(dummy_config()).validate()


def test_app_config_without_declaration_stops_start_up():
    config = type(
        "NoDecl", (JurisdictionConfig,), {"name": "tests.dummy_jurisdiction", "label": "no_decl"}
    )
    app = config("tests.dummy_jurisdiction", sys.modules["tests.dummy_jurisdiction"])
    with pytest.raises(
        ImproperlyConfigured, match="App 'no_decl' must set JurisdictionConfig.jurisdiction"
    ):
        app.ready()


# -- the registry's bookkeeping ----------------------------------------------------


def test_register_adds_one_rule_per_cell_and_unregister_removes_them(scratch):
    scratch.register(
        declaration(
            matrix=(allow("Case", "view", "coordinator"), allow("Case", "edit", "coordinator"))
        )(dummy_config())
    )
    assert rules.perm_exists("probe.Case.view") and rules.perm_exists("probe.Case.edit")
    assert scratch.for_record(Case)[0].code == "probe"
    scratch.unregister("probe")
    assert not rules.perm_exists("probe.Case.view") and not rules.perm_exists("probe.Case.edit")
    assert "probe" not in scratch
    with pytest.raises(LookupError, match="Case is not a record type of any jurisdiction"):
        scratch.for_record(Case)


def test_global_registry_maps_the_dummy_records():
    assert registry.for_record(Case) == (registry.get("dummy"), "Case")
    assert registry.for_record(SubjectNote(pk=1)) == (registry.get("dummy"), "SubjectNote")
    assert rules.perm_exists("dummy.SubjectNote.edit")
    assert not rules.perm_exists("dummy.SubjectNote.download")


# -- (d) manage.py jurisdictions ------------------------------------------------------


def test_jurisdictions_command_lists_the_dummy_plugin_as_text():
    out = StringIO()
    call_command("jurisdictions", stdout=out, no_color=True)
    text = out.getvalue()
    assert "dummy  Dummy jurisdiction (tests only)  v0.1" in text
    assert "app: dummy_jurisdiction" in text and "urls: /j/dummy/" in text
    # roles with their relations
    assert 'coordinator      Coordinator  (has role "coordinator" at the student\'s school)' in text
    assert "own_subject      Subject teacher  (teaches the record's subject to the student)" in text
    # matrix with conditions
    assert "Case.view       guardian, student  when status >= shared" in text
    assert "Case.download   teacher  when visible_to_teachers" in text
    # workflow with guards and step-up
    assert "Case (status, starts draft)" in text
    assert "draft -> shared  share by coordinator" in text
    assert (
        "shared -> approved  approve by guardian, student  "
        "[needs consent case-approval; guard: has summary; guard: case-approval signed]" in text
    )
    assert "approved|shared -> closed  close by coordinator  [needs step-up]" in text
    # consents
    assert "case-approval  Approve the case  signers: guardian_or_student  unlocks: approve" in text


def test_jurisdictions_command_json():
    out = StringIO()
    call_command("jurisdictions", json=True, stdout=out)
    described = {d["code"]: d for d in json.loads(out.getvalue())}
    dummy = described["dummy"]
    assert dummy["app"] == "dummy_jurisdiction"
    assert [r["code"] for r in dummy["roles"]] == [
        "coordinator",
        "teacher",
        "own_subject",
        "guardian",
        "student",
    ]
    assert {
        "record": "Case",
        "action": "view",
        "roles": ["guardian", "student"],
        "when": "status >= shared",
    } in dummy["matrix"]
    (wf,) = dummy["workflows"]
    assert wf["record"] == "Case" and wf["initial"] == "draft"
    assert wf["states"] == ["draft", "shared", "approved", "closed"]
    transitions = {t["name"]: t for t in wf["transitions"]}
    assert set(transitions) == {"share", "approve", "close"}
    assert (
        transitions["close"]["from"] == ["approved", "shared"]
        and transitions["close"]["step_up"] is True
    )
    # ``Transition(consent=...)`` is a guard of its own, appended to the declared ones.
    assert transitions["approve"]["guards"] == [
        "has summary",
        "case-approval signed",
        "consent case-approval signed",
    ]
    assert dummy["consents"] == [
        {
            "code": "case-approval",
            "label": "Approve the case",
            "record": "Case",
            "signers": "guardian_or_student",
            "unlocks": "approve",
        }
    ]


def test_jurisdictions_command_without_plugins(monkeypatch):
    monkeypatch.setattr(registry, "_by_code", {})
    out = StringIO()
    call_command("jurisdictions", stdout=out)
    assert out.getvalue().strip() == "No jurisdiction plugins are installed."
    out = StringIO()
    call_command("jurisdictions", json=True, stdout=out)
    assert json.loads(out.getvalue()) == []


# -- (e) plugins/discovery.py -----------------------------------------------------------


def _entry_points(*pairs):
    return [
        EntryPoint(name=name, value=value, group=discovery.ENTRY_POINT_GROUP)
        for name, value in pairs
    ]


def test_discovery_reads_the_portal_group(monkeypatch):
    asked = []

    def fake(group):
        asked.append(group)
        return _entry_points(("acme", "acme_plugin"))

    monkeypatch.setattr(discovery, "entry_points", fake)
    assert discovery.discover_jurisdiction_apps() == ["acme_plugin"]
    assert asked == ["portal.jurisdictions"]


def test_discovery_orders_by_entry_point_name_and_strips_attributes(monkeypatch):
    found = _entry_points(
        ("se-iup", "jurisdictions.se_iup"),
        ("acme", "acme_plugin:AcmeConfig"),
        ("no-iskole", " jurisdictions.no_iskole "),
    )
    monkeypatch.setattr(discovery, "entry_points", lambda group: found)
    assert discovery.discover_jurisdiction_apps() == [
        "acme_plugin",
        "jurisdictions.no_iskole",
        "jurisdictions.se_iup",
    ]


def test_discovery_drops_duplicates_and_appends_extra_apps(monkeypatch):
    found = _entry_points(("b", "beta"), ("a", "alpha"), ("a2", "alpha:Config"))
    monkeypatch.setattr(discovery, "entry_points", lambda group: found)
    assert discovery.discover_jurisdiction_apps(extra=["gamma", "beta", "gamma"]) == [
        "alpha",
        "beta",
        "gamma",
    ]


def test_discovery_with_nothing_installed(monkeypatch):
    monkeypatch.setattr(discovery, "entry_points", lambda group: [])
    assert discovery.discover_jurisdiction_apps() == []
    assert discovery.discover_jurisdiction_apps(extra=["x"]) == ["x"]
    assert discovery.discover_jurisdiction_apps(extra=None) == []


def test_discovery_finds_a_distribution_on_sys_path(tmp_path, monkeypatch):
    dist_info = tmp_path / "zeta_plugin-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: zeta-plugin\nVersion: 1.0\n")
    (dist_info / "entry_points.txt").write_text(
        "[portal.jurisdictions]\nzeta = zeta_plugin\n\n[console_scripts]\nzeta = zeta_plugin:main\n"
    )
    assert "zeta_plugin" not in discovery.discover_jurisdiction_apps()
    monkeypatch.syspath_prepend(str(tmp_path))
    apps_found = discovery.discover_jurisdiction_apps()
    assert apps_found.count("zeta_plugin") == 1
