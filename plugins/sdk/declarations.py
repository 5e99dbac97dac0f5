"""The vocabulary a jurisdiction uses to declare itself, as plain data.

Everything here is immutable and free of database access, so the registry
can validate, list and document a plugin at start-up, and the conformance
suite can derive its test cases from the same declaration the runtime uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy

from plugins.guards import Guard

#: The actions a role matrix may name. A plugin may add its own through
#: ``Jurisdiction.extra_actions``; anything else is a start-up error.
ACTIONS: tuple[str, ...] = (
    "view",
    "create",
    "edit",
    "delete",
    "publish",
    "download",
    "upload",
    "sign",
    "approve",
    "decide",
    "comment",
    "manage",
)


@dataclass(frozen=True)
class Condition:
    """A condition on a record that narrows a matrix cell ("when status >= x").

    ``test`` answers for one record in Python; ``q`` gives the same answer as a
    database filter so list views never load records they may not show.
    """

    label: str
    test: Callable[[Any], bool]
    q: Callable[[], Q]

    def __call__(self, record: Any) -> bool:
        return bool(self.test(record))

    def __and__(self, other: Condition) -> Condition:
        return Condition(
            label=f"{self.label} and {other.label}",
            test=lambda r: self.test(r) and other.test(r),
            q=lambda: self.q() & other.q(),
        )


def state_in(*states: str, field: str = "status") -> Condition:
    """True while the record's workflow field holds one of ``states``."""
    wanted = tuple(str(s) for s in states)
    return Condition(
        label=f"{field} in ({', '.join(wanted)})",
        test=lambda r: str(getattr(r, field)) in wanted,
        q=lambda: Q(**{f"{field}__in": wanted}),
    )


def state_at_least(state: str, order: Iterable[str], field: str = "status") -> Condition:
    """True once the record reached ``state`` in the ordered list ``order``."""
    order = [str(s) for s in order]
    if str(state) not in order:
        raise ValueError(f"{state!r} is not one of {order}")
    reached = order[order.index(str(state)) :]
    cond = state_in(*reached, field=field)
    return Condition(label=f"{field} >= {state}", test=cond.test, q=cond.q)


def flag(attr: str) -> Condition:
    """True when a boolean field of the record is set (e.g. visible_to_teachers)."""
    return Condition(
        label=attr,
        test=lambda r: bool(getattr(r, attr)),
        q=lambda: Q(**{attr: True}),
    )


@dataclass(frozen=True)
class Role:
    """A role in a jurisdiction, satisfied when ``relation`` links a user to a record.

    ``implies`` names roles this one always also holds (whoever teaches the
    record's subject also teaches the student), so the conformance suite knows
    what to expect of an actor in this role.
    """

    code: str
    label: str
    relation: Any  # plugins.access.relations.Relation
    description: str = ""
    implies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Permission:
    """One cell of the role matrix: ``roles`` may ``action`` a ``record``, ``when`` true."""

    record: str
    action: str
    roles: tuple[str, ...]
    when: Condition | None = None

    def describe(self) -> str:
        who = ", ".join(self.roles)
        return f"{self.record}.{self.action}: {who}" + (
            f" when {self.when.label}" if self.when else ""
        )


def allow(record: str, action: str, *roles: str, when: Condition | None = None) -> Permission:
    """Shorthand for a matrix cell: ``allow("Plan", "view", "coordinator", "teacher")``."""
    return Permission(record=record, action=action, roles=tuple(roles), when=when)


@dataclass(frozen=True)
class Transition:
    """A named step of a workflow: from any of ``source`` to ``target``, fired by ``roles``."""

    name: str
    source: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    label: str = ""
    guards: tuple[Guard, ...] = ()
    step_up: bool = False
    consent: str | None = None
    effects: tuple[Callable[..., None], ...] = ()

    def __post_init__(self):
        if isinstance(self.source, str):
            object.__setattr__(self, "source", (self.source,))
        object.__setattr__(self, "source", tuple(str(s) for s in self.source))
        object.__setattr__(self, "target", str(self.target))
        object.__setattr__(self, "roles", tuple(self.roles))
        if self.consent and not any(g.label == _consent_label(self.consent) for g in self.guards):
            # The consent is one more guard: the engine knows nothing of consents.
            object.__setattr__(self, "guards", (*self.guards, _consent_signed(self.consent)))


def _consent_label(code: str) -> str:
    return f"consent {code} signed"


def _consent_signed(code: str) -> Guard:
    def test(record) -> bool:
        from plugins.consent import is_granted

        return is_granted(record, code)

    return Guard(
        _consent_label(code), test, gettext_lazy("This step needs a signed consent first.")
    )


@dataclass(frozen=True)
class Workflow:
    """A state machine over one field of one record type."""

    record: str
    states: tuple[tuple[str, str], ...]
    initial: str
    transitions: tuple[Transition, ...]
    field: str = "status"

    def __post_init__(self):
        # Accept a Django TextChoices class as ``states``.
        states = self.states
        if hasattr(states, "choices"):
            states = states.choices
        # Labels stay lazy: they are read in the reader's language, not the one at start-up.
        object.__setattr__(self, "states", tuple((str(v), lbl) for v, lbl in states))
        object.__setattr__(self, "initial", str(self.initial))

    @property
    def state_values(self) -> list[str]:
        return [v for v, _ in self.states]

    def transition(self, name: str) -> Transition:
        for t in self.transitions:
            if t.name == name:
                return t
        raise KeyError(name)


@dataclass(frozen=True)
class ConsentSpec:
    """What a family member signs, who may sign it, and what signing unlocks."""

    code: str
    label: str
    record: str
    signers: str = (
        "guardian_or_student"  # any_guardian, all_guardians, student_of_age, guardian_or_student
    )
    unlocks: str = ""
    withdrawable: bool = True
    #: Fire the ``unlocks`` transition as the signer once the consent is signed
    #: (e.g. the family's approval moves an application on by itself).
    fire_on_sign: bool = False


@dataclass(frozen=True)
class DocumentSpec:
    """A document the plugin renders to PDF from a template, drawing on ``record``."""

    code: str
    label: str
    record: str
    template: str


@dataclass(frozen=True)
class Deadline:
    """A yearly dated step (day and month), with who is responsible and why."""

    code: str
    label: str
    month: int
    day: int
    responsible: str
    purpose: str = ""


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    roles: tuple[str, ...] = ()
