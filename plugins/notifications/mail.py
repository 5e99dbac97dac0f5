"""E-mail about notices: urgent ones at once, the rest in one digest per person per day.

An e-mail lists what happened and a link to where; it never carries what a
record says. It is written in the recipient's language (``Person.language``,
else ``LANGUAGE_CODE``).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from plugins.contact import address_of, language_of  # noqa: F401  (also importable from here)

from .models import DigestLog, Notice, NotificationPreference
from .service import email_wanted

logger = logging.getLogger(__name__)


def base_url() -> str:
    return getattr(settings, "PORTAL_BASE_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def _choices(user) -> dict[str, bool]:
    return dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))


def _render(user, template: str, notices) -> tuple[str, str]:
    """Subject and body in the recipient's language: titles and links only."""
    with translation.override(language_of(user)):
        context = {
            "site_name": str(settings.WAGTAIL_SITE_NAME),
            "items": [
                {"title": n.display_title, "link": base_url() + n.url, "urgent": n.urgent}
                for n in notices
            ],
            "count": len(notices),
            "notices_link": base_url() + reverse("notifications:list"),
            "settings_link": base_url() + reverse("notifications:settings"),
        }
        subject = render_to_string(f"notifications/email/{template}_subject.txt", context)
        body = render_to_string(f"notifications/email/{template}_body.txt", context)
    return " ".join(subject.split()), body


def send_urgent(notice_ids) -> int:
    """E-mail each urgent notice at once (respecting the person's choice); return how many."""
    sent = 0
    notices = Notice.objects.filter(
        pk__in=list(notice_ids), emailed_at__isnull=True
    ).select_related("recipient", "recipient__person")
    for notice in notices:
        user = notice.recipient
        address = address_of(user)
        if not address or not user.is_active or not email_wanted(user, notice.kind):
            continue
        # Claim the notice first: two workers never send the same e-mail twice.
        if not Notice.objects.filter(pk=notice.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        ):
            continue
        subject, body = _render(user, "urgent", [notice])
        try:
            send_mail(subject, body, None, [address])
        except Exception:
            # Left for the daily digest rather than lost.
            Notice.objects.filter(pk=notice.pk).update(emailed_at=None)
            logger.exception("Urgent notice %s could not be e-mailed", notice.pk)
            continue
        sent += 1
    return sent


def send_digests(today=None) -> int:
    """Send each person one e-mail listing their unread, not yet e-mailed notices.

    At most one digest per person per day (``DigestLog``): running it twice
    on a day sends nothing the second time; what arrives later waits for
    tomorrow. Notices already read in the portal are not e-mailed. Returns
    the number of digests sent.
    """
    today = today or timezone.localdate()
    pending = Notice.objects.filter(read_at__isnull=True, emailed_at__isnull=True)
    done_today = DigestLog.objects.filter(date=today).values("user_id")
    users = (
        get_user_model()
        .objects.filter(is_active=True, pk__in=pending.values("recipient_id"))
        .exclude(pk__in=done_today)
        .select_related("person")
        .order_by("pk")
    )
    sent = 0
    for user in users:
        address = address_of(user)
        if not address:
            continue
        choices = _choices(user)
        notices = [
            n
            for n in pending.filter(recipient=user).order_by("created", "pk")
            if email_wanted(user, n.kind, choices)
        ]
        if not notices:
            continue
        subject, body = _render(user, "digest", notices)
        try:
            with transaction.atomic():
                # The unique (user, date) row is taken before sending: a second
                # run, even a concurrent one, finds it and sends nothing.
                DigestLog.objects.create(user=user, date=today, notice_count=len(notices))
                Notice.objects.filter(pk__in=[n.pk for n in notices]).update(
                    emailed_at=timezone.now()
                )
                send_mail(subject, body, None, [address])
        except IntegrityError:
            continue
        except Exception:
            logger.exception("Digest for user %s could not be sent", user.pk)
            continue
        sent += 1
    return sent
