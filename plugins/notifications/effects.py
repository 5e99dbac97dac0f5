"""Notices as workflow side effects, and who to send them to.

A transition lists ``notify_effect("workflow", _("A plan was shared with you"),
recipients=guardians_of)`` among its ``effects``.
"""

from __future__ import annotations

from collections.abc import Callable


def _student_of(record):
    from plugins.models import Student

    if isinstance(record, Student):
        return record
    path = getattr(type(record), "portal_student_path", None)
    if not path:
        return None
    if path == "pk":
        return record
    obj = record
    for hop in path.split("__"):
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    return obj


def guardians_of(record) -> list:
    """The users of every guardian of the record's student (access is checked by the effect)."""
    from django.contrib.auth import get_user_model

    student = _student_of(record)
    if student is None:
        return []
    return list(
        get_user_model().objects.filter(is_active=True, person__wards__student=student).distinct()
    )


def family_of(record) -> list:
    """The record's guardians and the student themself, when they have a login."""
    student = _student_of(record)
    users = guardians_of(record)
    if student is not None and student.person.user_id and student.person.user.is_active:
        users.append(student.person.user)
    return users


def _url_for(record, url) -> str:
    if callable(url):
        return url(record)
    if url:
        return str(url)
    if hasattr(record, "get_absolute_url"):
        return record.get_absolute_url()
    raise ValueError(f"notify_effect needs a url for {type(record).__name__}.")


def notify_effect(
    kind: str,
    title,
    *,
    recipients: Callable,
    url: str | Callable | None = None,
    urgent: bool = False,
    only_who_can: str | None = "view",
):
    """A ``Transition.effects`` entry that raises a notice for ``recipients(record)``.

    ``url`` is a path, a callable ``url(record)``, or omitted for the
    record's ``get_absolute_url()``. ``only_who_can`` (default "view") keeps
    only the people the role matrix lets do that action on the record after
    the step: a guardian who lost access when the student came of age is not
    told about a plan they can no longer open. The actor is never notified
    of their own step.
    """

    def effect(*, record, transition, user, log):
        from plugins.access import can
        from plugins.registry import registry

        from .service import notify

        people = [
            u
            for u in recipients(record)
            if u is not None and getattr(u, "pk", None) != getattr(user, "pk", None)
        ]
        if only_who_can:
            people = [u for u in people if can(u, only_who_can, record)]
        try:
            code = registry.for_record(record)[0].code
        except LookupError:
            code = ""
        return notify(people, kind, title, _url_for(record, url), urgent=urgent, jurisdiction=code)

    effect.notice_kind = kind
    effect.__name__ = f"notify_{kind.replace('-', '_')}"
    return effect
