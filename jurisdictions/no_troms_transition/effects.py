"""What the workflow's steps do besides changing the state (``Transition.effects``)."""

from django.utils import timezone

from . import consents
from .models import Outcome


def record_confirmation(record, transition, user, log):
    record.decision = record.proposal().outcome
    record.overrides_proposal = False
    record.override_reason = ""
    record.decided_by = user if getattr(user, "is_authenticated", False) else None
    record.decided_at = log.at
    record.save(
        update_fields=[
            "decision",
            "overrides_proposal",
            "override_reason",
            "decided_by",
            "decided_at",
        ]
    )


def record_override(record, transition, user, log):
    proposed = record.proposal().outcome
    record.decision = Outcome.ORDINARY if proposed == Outcome.TRANSITION else Outcome.TRANSITION
    record.overrides_proposal = True
    record.decided_by = user if getattr(user, "is_authenticated", False) else None
    record.decided_at = log.at
    record.save(update_fields=["decision", "overrides_proposal", "decided_by", "decided_at"])


def clear_decision(record, transition, user, log):
    record.decision = ""
    record.overrides_proposal = False
    record.decided_by = None
    record.decided_at = None
    record.save(update_fields=["decision", "overrides_proposal", "decided_by", "decided_at"])


def stamp_handover(record, transition, user, log):
    record.handed_over_at = timezone.now()
    record.save(update_fields=["handed_over_at"])


def ask_consent_again(record, transition, user, log):
    consents.ask(record, requested_by=user)
