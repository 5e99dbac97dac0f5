"""Public API of notifications: in-app notices with an unread badge, and e-mail.

    from plugins import notifications

    notifications.notify(users, "goal-changed", _("A goal in your child's plan changed"), url)
    Transition("share", ..., effects=(notifications.notify_effect(
        "workflow", _("A plan was shared with you"), recipients=notifications.guardians_of),))

A notice says what happened (``title``) and where (``url``, a path in the
portal), never the content of a record: that stays behind sign-in. Titles
are stored in their source language and translated for each reader, so
pass a ``gettext_lazy`` string with no record data in it.

E-mail: each person chooses per kind (default on). ``urgent`` notices are
sent at once; the others wait for the daily digest (``send_digests``, also
``manage.py send_digests``), at most one per person per day.

Models load lazily: plugin declarations import this package before the app
registry is ready.
"""

from __future__ import annotations

_SERVICE = (
    "KINDS",
    "email_wanted",
    "mark_all_read",
    "notify",
    "register_kind",
    "unread_count",
)
_EFFECTS = ("family_of", "guardians_of", "notify_effect")
_MAIL = ("send_digests", "send_urgent")
_MODELS = ("DigestLog", "Notice", "NotificationPreference")


def __getattr__(name):
    if name in _SERVICE:
        from . import service

        return getattr(service, name)
    if name in _EFFECTS:
        from . import effects

        return getattr(effects, name)
    if name in _MAIL:
        from . import mail

        return getattr(mail, name)
    if name in _MODELS:
        from . import models

        return getattr(models, name)
    raise AttributeError(name)


__all__ = [*_SERVICE, *_EFFECTS, *_MAIL, *_MODELS]
