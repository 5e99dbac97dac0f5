"""How to reach a user: their e-mail address and the language to write in.

A foundation module (it imports no service), shared by accounts (security
e-mails), notifications (notices) and documents (bundles in the reader's
language). ``plugins.notifications.mail`` still exports both names.
"""

from __future__ import annotations

from django.conf import settings


def address_of(user) -> str:
    """The e-mail address to write to: the person's, else the account's ("" when none)."""
    person = getattr(user, "person", None)
    return (getattr(person, "email", "") or user.email or "").strip()


def language_of(user) -> str:
    """The language to write to ``user`` in: the person's, else ``LANGUAGE_CODE``."""
    person = getattr(user, "person", None)
    wanted = (getattr(person, "language", "") or "").strip().lower()
    codes = {code for code, _name in settings.LANGUAGES}
    return wanted if wanted in codes else settings.LANGUAGE_CODE
