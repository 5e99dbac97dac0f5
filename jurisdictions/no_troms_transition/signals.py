"""The plan's status follows the consents: signing starts it, a refusal or withdrawal stops it.

When the second of the two consents (student and guardian) is signed, the
receiver fires the plan's ``start`` step as the person who signed last, so
the plan runs without anyone at the school clicking again and its history
says whose consent started it.

A refusal or withdrawal fires the plan's ``stop`` step as that person, so
the plan's history says who ended it and when. If the step cannot be fired
(the plan is already stopped or completed) nothing else changes: the refusal
itself always stands.

Both listen to the consent service's ``consent_decided`` signal, sent once per
decision in the same transaction as the receipt.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging

from django.dispatch import receiver

from plugins.consent import ConsentRequest
from plugins.consent.signals import consent_decided

from .consents import SPECS
from .models import CODE

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


_ENDED = ("refused", "withdrawn")


def _ours(consent_request) -> bool:
    return (
        not _paused.get()
        and consent_request.jurisdiction == CODE
        and consent_request.spec_code in SPECS
        and consent_request.is_current
    )


@receiver(consent_decided, dispatch_uid="no_troms_transition_stop_on_refusal")
def stop_on_refusal(sender, consent_request, receipt, decision, **kwargs):
    if decision not in _ENDED or not _ours(consent_request):
        return
    from plugins.workflow import TransitionError, fire

    from .models import PlanStatus, TransitionPlan

    plan = TransitionPlan.objects.filter(pk=consent_request.record_id).first()
    if plan is None or plan.status in (PlanStatus.STOPPED, PlanStatus.COMPLETED):
        return
    try:
        fire(plan, "stop", receipt.signer, note=str(receipt.get_decision_display()))
    except TransitionError as exc:
        logger.warning("Plan %s was not stopped after a refusal: %s", plan.pk, exc)


@receiver(consent_decided, dispatch_uid="no_troms_transition_start_on_consent")
def start_on_consent(sender, consent_request, receipt, decision, **kwargs):
    if consent_request.status != ConsentRequest.Status.SIGNED or not _ours(consent_request):
        return
    from plugins.workflow import TransitionError, fire

    from .consents import is_given
    from .models import PlanStatus, TransitionPlan

    plan = TransitionPlan.objects.filter(pk=consent_request.record_id).first()
    if plan is None or plan.status != PlanStatus.AWAITING_CONSENT or not is_given(plan):
        return
    try:
        fire(plan, "start", receipt.signer, note=str(receipt.get_decision_display()))
    except TransitionError as exc:
        # The consent stands; the school can still start the plan by hand.
        logger.warning("Plan %s was not started after consent: %s", plan.pk, exc)
