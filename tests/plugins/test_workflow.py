"""The workflow engine (plugins/workflow/engine.py), on the dummy plugin's Case workflow.

draft -> shared              share    by coordinator
shared -> approved           approve  by guardian | student, guards: has summary, consent signed
approved | shared -> closed  close    by coordinator, needs step-up
"""

from __future__ import annotations

import dataclasses
import time

import pytest
from django.test import RequestFactory
from django.utils import translation

from plugins.accounts import VERIFIED_AT_KEY
from plugins.models import TransitionLog
from plugins.registry import registry
from plugins.sdk import builders as b
from plugins.workflow import (
    GuardFailed,
    InvalidState,
    StepUpRequired,
    TransitionDenied,
    UnknownTransition,
    allowed_transitions,
    fire,
    history,
)
from tests.dummy_jurisdiction.conformance import sign_approval
from tests.dummy_jurisdiction.models import Case, CaseStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def case_for(student=None, status=CaseStatus.DRAFT, summary="Summary") -> Case:
    return Case.objects.create(student=student or b.student(), status=status, summary=summary)


def request_for(user, *, verified: bool = True, verified_seconds_ago: int | None = 0):
    request = RequestFactory().post("/")
    request.user = user
    request.session = {}
    user.is_verified = lambda: verified
    if verified_seconds_ago is not None:
        request.session[VERIFIED_AT_KEY] = int(time.time()) - verified_seconds_ago
    return request


def assert_unchanged(case, status):
    case.refresh_from_db()
    assert case.status == status
    assert history(case).count() == 0
    assert not TransitionLog.objects.filter(record_type="Case", record_id=str(case.pk)).exists()


# -- the happy path ---------------------------------------------------------------------


def test_fire_moves_the_record_and_writes_history():
    case = case_for()
    coordinator = b.role_holder("coordinator", case.student.school)
    log = fire(case, "share", coordinator, note="Shared at the meeting")
    assert case.status == CaseStatus.SHARED  # the caller's object follows
    case.refresh_from_db()
    assert case.status == CaseStatus.SHARED
    assert (log.jurisdiction, log.record_type, log.record_id) == ("dummy", "Case", str(case.pk))
    assert (log.from_state, log.to_state, log.transition) == ("draft", "shared", "share")
    assert log.actor == coordinator and log.actor_role == "coordinator"
    assert log.student == case.student and log.note == "Shared at the meeting"
    assert list(history(case)) == [log]


def test_history_keeps_every_step_in_order():
    st = b.student()
    case = case_for(st)
    coordinator = b.role_holder("coordinator", st.school)
    fire(case, "share", coordinator)
    sign_approval(case)
    fire(case, "approve", b.guardian_of(st))
    assert [(h.transition, h.actor_role) for h in history(case)] == [
        ("share", "coordinator"),
        ("approve", "guardian"),
    ]
    other = case_for(st)
    assert history(other).count() == 0


# -- refusals -----------------------------------------------------------------------------


def test_invalid_state():
    st = b.student()
    case = case_for(st, CaseStatus.DRAFT)
    with pytest.raises(InvalidState) as exc:
        fire(case, "approve", b.guardian_of(st))
    assert str(exc.value) == "“approve” is not possible while the record is “Draft”."
    assert_unchanged(case, CaseStatus.DRAFT)


def test_state_is_read_from_the_database_not_the_callers_object():
    case = case_for()
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.SHARED)  # changed by someone else
    assert case.status == CaseStatus.DRAFT
    with pytest.raises(InvalidState):
        fire(case, "share", b.role_holder("coordinator", case.student.school))
    assert history(case).count() == 0


def test_unknown_transition():
    case = case_for()
    with pytest.raises(UnknownTransition, match="Unknown step “publish”"):
        fire(case, "publish", b.role_holder("coordinator", case.student.school))
    assert_unchanged(case, CaseStatus.DRAFT)


def test_actor_without_the_role_is_denied():
    st = b.student()
    case = case_for(st)
    for actor in (b.teacher_of(st), b.guardian_of(st), b.role_holder("coordinator", b.school())):
        with pytest.raises(TransitionDenied, match="You are not allowed to do this."):
            fire(case, "share", actor)
    assert_unchanged(case, CaseStatus.DRAFT)


def test_guard_failure_shows_the_guards_message():
    st = b.student()
    case = case_for(st, CaseStatus.SHARED, summary="")
    guardian = b.guardian_of(st)
    with pytest.raises(GuardFailed) as exc:
        fire(case, "approve", guardian)
    assert str(exc.value) == "Write a summary first."
    assert_unchanged(case, CaseStatus.SHARED)
    # Once the guard holds, the same actor may go on.
    Case.objects.filter(pk=case.pk).update(summary="Now written")
    case.refresh_from_db()
    sign_approval(case)  # the family signs the summary as written
    fire(case, "approve", guardian)
    case.refresh_from_db()
    assert case.status == CaseStatus.APPROVED


# -- step-up: a fresh second factor ---------------------------------------------------------


@pytest.fixture
def closable():
    case = case_for(status=CaseStatus.SHARED)
    return case, b.role_holder("coordinator", case.student.school)


def test_step_up_without_a_request(closable):
    case, coordinator = closable
    with pytest.raises(StepUpRequired, match="Confirm with your second factor"):
        fire(case, "close", coordinator)
    assert_unchanged(case, CaseStatus.SHARED)


def test_step_up_with_a_stale_second_factor(closable, settings):
    case, coordinator = closable
    settings.PORTAL_STEP_UP_SECONDS = 300
    with pytest.raises(StepUpRequired):
        fire(case, "close", coordinator, request=request_for(coordinator, verified_seconds_ago=301))
    assert_unchanged(case, CaseStatus.SHARED)


def test_step_up_window_comes_from_the_setting(closable, settings):
    case, coordinator = closable
    request = request_for(coordinator, verified_seconds_ago=120)
    settings.PORTAL_STEP_UP_SECONDS = 60
    with pytest.raises(StepUpRequired):
        fire(case, "close", coordinator, request=request)
    settings.PORTAL_STEP_UP_SECONDS = 180
    fire(case, "close", coordinator, request=request)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


@pytest.mark.parametrize(
    "verified,seconds_ago",
    [
        (False, 0),  # the session never passed a second factor
        (True, None),  # verified once, but no step-up time recorded
    ],
)
def test_step_up_needs_a_verified_session(closable, verified, seconds_ago):
    case, coordinator = closable
    with pytest.raises(StepUpRequired):
        fire(
            case,
            "close",
            coordinator,
            request=request_for(coordinator, verified=verified, verified_seconds_ago=seconds_ago),
        )
    assert_unchanged(case, CaseStatus.SHARED)


def test_fresh_second_factor_lets_the_step_through(closable):
    case, coordinator = closable
    log = fire(case, "close", coordinator, request=request_for(coordinator, verified_seconds_ago=5))
    assert (log.from_state, log.to_state) == ("shared", "closed")


def test_transitions_without_step_up_need_no_request():
    case = case_for()
    fire(case, "share", b.role_holder("coordinator", case.student.school), request=None)
    assert case.status == CaseStatus.SHARED


# -- side effects ------------------------------------------------------------------------------


@pytest.fixture
def effects_on(monkeypatch):
    """Give one transition of the dummy workflow these side effects, for one test."""
    jurisdiction = registry.get("dummy")

    def apply(name, *effects):
        wf = jurisdiction.workflow_for("Case")
        transitions = tuple(
            dataclasses.replace(t, effects=effects) if t.name == name else t for t in wf.transitions
        )
        monkeypatch.setattr(
            jurisdiction, "workflows", (dataclasses.replace(wf, transitions=transitions),)
        )

    return apply


def test_effects_run_with_the_new_state_and_the_log(effects_on):
    seen = []

    def notify(*, record, transition, user, log):
        seen.append(
            (record.status, transition.name, user, log.pk, Case.objects.get(pk=record.pk).status)
        )

    effects_on("share", notify)
    case = case_for()
    coordinator = b.role_holder("coordinator", case.student.school)
    log = fire(case, "share", coordinator)
    assert seen == [("shared", "share", coordinator, log.pk, "shared")]


def test_a_failing_effect_rolls_back_state_history_and_earlier_effects(effects_on):
    def write_summary(*, record, **kwargs):
        Case.objects.filter(pk=record.pk).update(summary="written by the first effect")

    def send_mail(**kwargs):
        raise RuntimeError("mail server down")

    effects_on("share", write_summary, send_mail)
    case = case_for(summary="original")
    with pytest.raises(RuntimeError, match="mail server down"):
        fire(case, "share", b.role_holder("coordinator", case.student.school))
    assert case.status == CaseStatus.DRAFT  # the caller's object is not left ahead of the database
    assert_unchanged(case, CaseStatus.DRAFT)
    assert case.summary == "original"


# -- allowed_transitions ------------------------------------------------------------------------


def names(user, case):
    return [t.name for t in allowed_transitions(user, case)]


def test_allowed_transitions_by_role_and_state():
    st = b.student()
    coordinator = b.role_holder("coordinator", st.school)
    guardian = b.guardian_of(st)
    teacher = b.teacher_of(st)
    draft = case_for(st, CaseStatus.DRAFT)
    shared = case_for(st, CaseStatus.SHARED)
    sign_approval(shared)
    approved = case_for(st, CaseStatus.APPROVED)
    closed = case_for(st, CaseStatus.CLOSED)

    assert names(coordinator, draft) == ["share"]
    assert names(coordinator, shared) == ["close"]
    assert names(coordinator, approved) == ["close"]
    assert names(coordinator, closed) == []
    assert names(guardian, draft) == []
    assert names(guardian, shared) == ["approve"]
    assert names(b.student_login(st), shared) == ["approve"]
    assert [names(teacher, c) for c in (draft, shared, approved, closed)] == [[], [], [], []]
    assert names(b.role_holder("coordinator", b.school()), draft) == []


def test_allowed_transitions_leave_out_steps_whose_guard_fails():
    st = b.student()
    guardian = b.guardian_of(st)
    assert names(guardian, case_for(st, CaseStatus.SHARED, summary="")) == []
    written = case_for(st, CaseStatus.SHARED, summary="ok")
    assert names(guardian, written) == []  # no consent yet
    sign_approval(written)
    assert names(guardian, written) == ["approve"]


def test_allowed_transitions_agree_with_fire():
    st = b.student()
    case = case_for(st, CaseStatus.SHARED)
    sign_approval(case)
    for actor in (b.role_holder("coordinator", st.school), b.guardian_of(st), b.teacher_of(st)):
        offered = set(names(actor, case))
        for t in registry.get("dummy").workflow_for("Case").transitions:
            probe = case_for(st, CaseStatus.SHARED)
            sign_approval(probe)
            request = request_for(actor)
            try:
                fire(probe, t.name, actor, request=request)
                fired = True
            except TransitionDenied:
                fired = False
            except InvalidState:
                continue
            assert fired is (t.name in offered), (actor, t.name)


def test_declared_consent_is_enforced_even_without_a_guard(monkeypatch):
    """``Transition.consent`` alone stops the step until the consent is signed."""
    import dataclasses

    from plugins.registry import registry
    from plugins.workflow import GuardFailed, fire
    from tests.dummy_jurisdiction.conformance import sign_approval
    from tests.dummy_jurisdiction.models import Case

    j = registry.get("dummy")
    wf = j.workflow_for("Case")
    bare = dataclasses.replace(wf.transition("approve"), guards=())
    assert bare.consent == "case-approval"
    original = type(wf).transition
    monkeypatch.setattr(
        type(wf),
        "transition",
        lambda self, name: bare if name == "approve" else original(self, name),
    )
    st = b.student()
    guardian = b.guardian_of(st)
    case = Case.objects.create(student=st, status="shared", summary="Plan text")
    with pytest.raises(GuardFailed, match="signed consent"):
        fire(case, "approve", guardian)
    case.refresh_from_db()
    assert case.status == "shared"
    sign_approval(case, signer=guardian)
    fire(case, "approve", guardian)
    case.refresh_from_db()
    assert case.status == "approved"
