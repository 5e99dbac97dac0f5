"""Reminders of the scheduled IOP evaluations (art. 13), through the portal's notices.

``send_due_reminders`` is run daily (``manage.py rs_pravilnik_reminders``): each
scheduled evaluation of an adopted IOP that falls due within the next
``days_ahead`` days is announced once to the school's inclusive-education team
and the student's support team (not the parent: the parent is told of the
result, not of the schedule).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plugins.access import can
from plugins.models import RoleAssignment
from plugins.notifications import notify

from . import CODE
from .models import EvaluationDate, IopStatus, MemberFunction, TeamMember

TITLE = _("An IOP evaluation is due soon")


def recipients(iop) -> list:
    case = iop.case
    today = timezone.localdate()
    staff = (
        RoleAssignment.objects.filter(
            role="inclusive_team",
            organisation_id=case.student.school_id,
            jurisdiction__in=("", CODE),
            person__user__isnull=False,
        )
        .exclude(valid_from__gt=today)
        .exclude(valid_to__lt=today)
    )
    members = TeamMember.objects.filter(case=case, person__user__isnull=False).exclude(
        function=MemberFunction.PARENT
    )
    users = [r.person.user for r in staff.select_related("person__user")]
    users += [m.person.user for m in members.select_related("person__user")]
    return [u for u in users if u.is_active and can(u, "view", iop)]


def send_due_reminders(today: datetime.date | None = None, days_ahead: int = 14) -> int:
    """Send the reminders that are due; return how many scheduled dates were announced."""
    today = today or timezone.localdate()
    due = (
        EvaluationDate.objects.filter(
            reminded_at__isnull=True,
            due_on__lte=today + datetime.timedelta(days=days_ahead),
            iop__status=IopStatus.ADOPTED,
        )
        .select_related("iop__case__student")
        .order_by("due_on")
    )
    sent = 0
    for row in due:
        with transaction.atomic():
            url = reverse(f"{CODE}:iop", args=[row.iop_id])
            notify(recipients(row.iop), "deadline", TITLE, url, jurisdiction=CODE)
            row.reminded_at = timezone.now()
            row.save(update_fields=["reminded_at"])
            sent += 1
    return sent
