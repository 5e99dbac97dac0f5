"""Side effects of the IUP's workflow transitions (``Transition(effects=...)``)."""

from __future__ import annotations

from plugins import notifications

from .models import CODE, TalkBooking
from .rules import GOAL_CHANGED, GOAL_CHANGED_TITLE, involved_in_goal


def goal_changed(*, record, transition, user, log):
    """Every goal status change: tell everyone involved."""
    return notifications.notify(
        involved_in_goal(record, actor=user),
        GOAL_CHANGED,
        GOAL_CHANGED_TITLE,
        record.get_absolute_url(),
        jurisdiction=CODE,
    )


def cancel_booking(*, record, transition, user, log):
    """ "cancel_booking": the booked time is free again."""
    TalkBooking.objects.filter(plan=record).delete()
