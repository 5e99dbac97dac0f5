"""Public API of the audit trail: ``record`` one event, read ``for_student``.

    from plugins import audit
    audit.record(request, "view", record=case, role="teacher")

A registered record gives the jurisdiction, record type, record id and the
student (through the model's ``portal_student_path``). Nothing of the
record's content is stored. This module imports models lazily: it is loaded
while ``plugins.models`` is still being imported.
"""

from __future__ import annotations

import re

#: Core actions are AuditEvent.Action; a plugin's own matrix actions are kept as named.
ACTION_RE = re.compile(r"^[a-z][a-z0-9_-]{0,29}$")


def client_address(request) -> str | None:
    """The client's address (through trusted proxies only), or None when missing or malformed."""
    if request is None:
        return None
    from plugins.clientip import real_client_address

    return real_client_address(request)


def display_name(user) -> str:
    person = getattr(user, "person", None)
    if person is not None and person.full_name:
        return person.full_name[:200]
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return (full or user.get_username())[:200]


def student_id_of(record) -> int | None:
    """The primary key of the record's student, following ``portal_student_path``."""
    from plugins.models import Student

    if isinstance(record, Student):
        return record.pk
    path = getattr(type(record), "portal_student_path", None)
    if not path:
        return None
    if path == "pk":
        return record.pk
    obj = record
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


def describe_record(record) -> tuple[str, str, str]:
    """(jurisdiction code, record type, record id) of a record, registered or not."""
    from plugins.registry import registry

    try:
        jurisdiction, name = registry.for_record(record)
        code = jurisdiction.code
    except LookupError:
        code, name = "", type(record).__name__
    return code, name, "" if record.pk is None else str(record.pk)


def record(
    request,
    action: str,
    *,
    record=None,
    student=None,
    role: str = "",
    outcome: str = "ok",
    actor=None,
    username: str = "",
    attempted: str = "",
    record_type: str = "",
    record_id: str = "",
    jurisdiction: str = "",
    detail: str = "",
    address: str | None = None,
):
    """Append one audit event and return it.

    ``address`` is the client's address when there is no request to read it
    from (e.g. kept with a consent's evidence); by default the request's.

    ``actor`` defaults to the request's signed-in user; ``username`` is the
    name to keep when there is no user (a failed sign-in). ``record_type``,
    ``record_id`` and ``jurisdiction`` describe a record that is not loaded
    (e.g. a refused id); a given ``record`` fills them in.
    """
    from .models import AuditEvent

    if not ACTION_RE.match(action or ""):
        raise ValueError(f"Audit action {action!r} must be a short lower-case name (e.g. 'view').")
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            actor = user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    student_pk = getattr(student, "pk", student)
    if record is not None:
        jurisdiction, record_type, record_id = describe_record(record)
        if student_pk is None:
            student_pk = student_id_of(record)
    path = getattr(request, "path", "") if request is not None else ""
    return AuditEvent.objects.create(
        actor=actor,
        actor_name=display_name(actor) if actor is not None else (username or "")[:200],
        role=(role or "")[:60],
        action=action,
        attempted=(attempted or "")[:30],
        outcome=(outcome or "")[:20],
        jurisdiction=(jurisdiction or "")[:60],
        record_type=(record_type or "")[:80],
        record_id=(str(record_id) if record_id else "")[:64],
        student_id=student_pk,
        address=address if address is not None else client_address(request),
        path=(path or "")[:300],
        detail=(detail or "")[:120],
    )


def for_student(student):
    """Every event about ``student``, newest first."""
    from .models import AuditEvent

    return AuditEvent.objects.filter(student=student).select_related("actor").order_by("-at", "-pk")


__all__ = ["client_address", "for_student", "record"]
