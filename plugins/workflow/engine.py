"""Fire declared workflow transitions with checks, history and side effects."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from plugins import accounts
from plugins.models import TransitionLog
from plugins.registry import registry


class TransitionError(Exception):
    """Base: the transition could not be fired. ``str()`` is a user-facing message."""


class UnknownTransition(TransitionError):
    pass


class InvalidState(TransitionError):
    pass


class TransitionDenied(TransitionError):
    pass


class GuardFailed(TransitionError):
    pass


class StepUpRequired(TransitionError, accounts.StepUpRequired):
    """The step needs a fresh second factor (``case_view`` asks for the code)."""


def _student_of(record):
    path = getattr(type(record), "portal_student_path", None)
    if not path:
        return None  # a school-level record (``portal_school_path``)
    if path == "pk":
        return record
    obj = record
    for part in path.split("__"):
        obj = getattr(obj, part)
    return obj


def actor_roles(user, record, transition, jurisdiction) -> list[str]:
    return [
        code
        for code in transition.roles
        if jurisdiction.role(code).relation.test(user, record, jurisdiction)
    ]


def allowed_transitions(user, record) -> list:
    """The transitions ``user`` may fire on ``record`` now (state, role and guards hold)."""
    jurisdiction, name = registry.for_record(record)
    wf = jurisdiction.workflow_for(name)
    if wf is None:
        return []
    state = str(getattr(record, wf.field))
    return [
        t
        for t in wf.transitions
        if state in t.source
        and all(g.test(record) for g in t.guards)
        and actor_roles(user, record, t, jurisdiction)
    ]


def fire(record, transition_name: str, user, *, note: str = "", request=None) -> TransitionLog:
    """Move ``record`` along ``transition_name`` as ``user``.

    Checks, in order: the transition exists, the record is in a source state,
    the user holds one of the transition's roles, a fresh second factor when
    the transition needs step-up, and every guard. The state change, the
    history row and the side effects happen in one database transaction; a
    failing effect rolls everything back.
    """
    jurisdiction, name = registry.for_record(record)
    wf = jurisdiction.workflow_for(name)
    if wf is None:
        raise UnknownTransition(_("This record has no workflow."))
    try:
        t = wf.transition(transition_name)
    except KeyError:
        raise UnknownTransition(_("Unknown step “%(name)s”.") % {"name": transition_name}) from None

    with transaction.atomic():
        model = type(record)
        locked = model._default_manager.select_for_update().get(pk=record.pk)
        current = str(getattr(locked, wf.field))
        roles = actor_roles(user, locked, t, jurisdiction)
        if not roles:
            raise TransitionDenied(_("You are not allowed to do this."))
        if current not in t.source:
            raise InvalidState(
                _("“%(step)s” is not possible while the record is “%(state)s”.")
                % {"step": t.label or t.name, "state": dict(wf.states).get(current, current)}
            )
        if t.step_up:
            if request is None or not accounts.has_fresh_second_factor(request):
                raise StepUpRequired(_("Confirm with your second factor to continue."))
        for guard in t.guards:
            if not guard.test(locked):
                raise GuardFailed(str(guard.message))
        setattr(locked, wf.field, t.target)
        locked.save(update_fields=[wf.field])
        student = _student_of(locked)
        log = TransitionLog.objects.create(
            jurisdiction=jurisdiction.code,
            record_type=name,
            record_id=str(locked.pk),
            student=student,
            transition=t.name,
            from_state=current,
            to_state=t.target,
            actor=user if getattr(user, "is_authenticated", False) else None,
            actor_role=roles[0],
            note=note,
        )
        for effect in t.effects:
            effect(record=locked, transition=t, user=user, log=log)
    # Only after the atomic block succeeded: a failing effect leaves the caller's
    # object in the state the database still holds.
    setattr(record, wf.field, t.target)
    return log


def transition_label(record, name: str) -> str:
    """The declared label of step ``name`` of ``record``'s workflow, in the reader's language."""
    jurisdiction, record_name = registry.for_record(record)
    wf = jurisdiction.workflow_for(record_name)
    if wf is not None:
        for t in wf.transitions:
            if t.name == name:
                return str(t.label or t.name)
    return name


def history(record):
    jurisdiction, name = registry.for_record(record)
    return TransitionLog.objects.filter(
        jurisdiction=jurisdiction.code, record_type=name, record_id=str(record.pk)
    )


def labelled_history(record) -> list[dict]:
    """The record's transitions in the reader's words.

    Each row names the step, the states before and after, and the role that
    fired it by their declared labels (in the active language), never by code.
    """
    jurisdiction, name = registry.for_record(record)
    workflow = jurisdiction.workflow_for(name)
    states = dict(workflow.states) if workflow else {}
    steps = {t.name: t.label for t in workflow.transitions if t.label} if workflow else {}
    roles = {role.code: role.label for role in jurisdiction.roles}
    return [
        {
            "at": entry.at,
            "transition": str(steps.get(entry.transition, entry.transition)),
            "from_state": str(states.get(entry.from_state, entry.from_state)),
            "to_state": str(states.get(entry.to_state, entry.to_state)),
            "actor_role": str(roles.get(entry.actor_role, entry.actor_role)),
            "actor": entry.actor,
            "note": entry.note,
        }
        for entry in history(record).select_related("actor")
    ]
