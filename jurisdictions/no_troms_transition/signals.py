"""The plan's status follows the consents: signing starts it, a refusal or withdrawal stops it.

When the second of the two consents (student and guardian) is signed, the
receiver fires the plan's ``start`` step as the person who signed last, so
the plan runs without anyone at the school clicking again and its history
says whose consent started it.

The consent service saves the request with its new status inside the same
database transaction as the family member's decision; this receiver fires
the plan's ``stop`` step as that person, so the plan's history says who
ended it and when. If the step cannot be fired (the plan is already stopped
or completed) nothing else changes: the refusal itself always stands.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging

from django.db.models.signals import post_save
from django.dispatch import receiver

from plugins.consent import ConsentReceipt, ConsentRequest

from .consents import CODE, SPECS

logger = logging.getLogger(__name__)
_paused = contextvars.ContextVar("no_troms_transition_signals_paused", default=False)


@contextlib.contextmanager
def paused():
    """Record consent decisions without stopping plans (building test records)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


@receiver(post_save, sender=ConsentRequest, dispatch_uid="no_troms_transition_stop_on_refusal")
def stop_on_refusal(sender, instance, created, **kwargs):
    if _paused.get() or created:
        return
    if instance.jurisdiction != CODE or instance.spec_code not in SPECS:
        return
    ended = (ConsentRequest.Status.REFUSED, ConsentRequest.Status.WITHDRAWN)
    if instance.status not in ended or not instance.is_current:
        return
    from plugins.workflow import TransitionError, fire

    from .models import PlanStatus, TransitionPlan

    plan = TransitionPlan.objects.filter(pk=instance.record_id).first()
    if plan is None or plan.status in (PlanStatus.STOPPED, PlanStatus.COMPLETED):
        return
    receipt = instance.receipts.order_by("-at", "-pk").first()
    actor = receipt.signer if receipt is not None else None
    try:
        fire(plan, "stop", actor, note=str(receipt.get_decision_display()) if receipt else "")
    except TransitionError as exc:
        logger.warning("Plan %s was not stopped after a refusal: %s", plan.pk, exc)


@receiver(post_save, sender=ConsentRequest, dispatch_uid="no_troms_transition_start_on_consent")
def start_on_consent(sender, instance, created, **kwargs):
    if _paused.get() or created:
        return
    if instance.jurisdiction != CODE or instance.spec_code not in SPECS:
        return
    if instance.status != ConsentRequest.Status.SIGNED or not instance.is_current:
        return
    from plugins.workflow import TransitionError, fire

    from .consents import is_given
    from .models import PlanStatus, TransitionPlan

    plan = TransitionPlan.objects.filter(pk=instance.record_id).first()
    if plan is None or plan.status != PlanStatus.AWAITING_CONSENT or not is_given(plan):
        return
    receipt = (
        instance.receipts.filter(decision=ConsentReceipt.Decision.SIGNED)
        .order_by("-at", "-pk")
        .first()
    )
    actor = receipt.signer if receipt is not None else None
    try:
        fire(plan, "start", actor, note=str(receipt.get_decision_display()) if receipt else "")
    except TransitionError as exc:
        # The consent stands; the school can still start the plan by hand.
        logger.warning("Plan %s was not started after consent: %s", plan.pk, exc)
