"""Raise notices, count and read them, and know who wants e-mail for which kind."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .models import Notice, NotificationPreference

#: Kinds of notice a person can choose e-mail for: code -> label. Plugins add theirs
#: with ``register_kind``; a kind nobody registered still works (shown by its code).
KINDS: dict[str, str] = {
    "workflow": _("A plan or application moved on"),
    "goal-changed": _("A goal changed"),
    "consent-requested": _("A consent is asked for"),
    "deadline": _("Deadlines and reminders"),
}


def register_kind(code: str, label) -> None:
    """Offer ``code`` on the e-mail settings page under ``label`` (a lazy translation)."""
    KINDS[code] = label


def _users(recipients) -> list:
    """Active users from users, people (``Person``), ids are not accepted; one of each."""
    if recipients is None:
        return []
    if not isinstance(recipients, Iterable) or isinstance(recipients, (str, bytes)):
        recipients = [recipients]
    user_model = get_user_model()
    seen, users = set(), []
    for item in recipients:
        user = item if isinstance(item, user_model) else getattr(item, "user", None)
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        users.append(user)
    return users


def _check_url(url: str) -> str:
    url = str(url)
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        raise ValueError(f"A notice links to a path inside the portal, not {url!r}.")
    return url


def source_text(title) -> str:
    """The untranslated text of ``title`` (a lazy translation gives its msgid)."""
    with translation.override(None):
        return str(title)


def notify(recipients, kind: str, title, url: str, *, urgent: bool = False, jurisdiction: str = ""):
    """Give each of ``recipients`` (users or people) a notice; return the notices.

    ``title`` says what happened and never what a record says: pass a
    ``gettext_lazy`` string so every reader sees it in their language.
    ``url`` is a path inside the portal. Whether a recipient may open it is
    the caller's business (``notify_effect`` checks the role matrix).
    Urgent notices are e-mailed when the surrounding transaction commits (a
    rolled-back workflow step sends nothing); the others wait for the daily
    digest.
    """
    users = _users(recipients)
    text = source_text(title).strip()
    if not text:
        raise ValueError("A notice needs a title.")
    url = _check_url(url)
    now = timezone.now()
    notices = Notice.objects.bulk_create(
        Notice(
            recipient=user,
            kind=kind,
            title=text[:200],
            url=url,
            jurisdiction=jurisdiction,
            urgent=urgent,
            created=now,
        )
        for user in users
    )
    if urgent and notices:
        from .mail import send_urgent

        ids = [n.pk for n in notices]
        transaction.on_commit(lambda: send_urgent(ids))
    return notices


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_all_read(user) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def email_wanted(user, kind: str, choices: dict[str, bool] | None = None) -> bool:
    """Does ``user`` want e-mail for ``kind``? Yes unless they said no."""
    if choices is None:
        choices = dict(
            NotificationPreference.objects.filter(user=user).values_list("kind", "email")
        )
    return choices.get(kind, True)
