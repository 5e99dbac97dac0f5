"""Side effects of the workflow steps (run inside the step's transaction)."""

from __future__ import annotations

from django.utils import timezone, translation

from plugins import audit, consent

from . import rules
from .models import DECISIONS_NEEDING_CONSENT, Decision, EvaluationDate, IopStatus


def information_text(case, language: str | None = None) -> str:
    """The written information to the parent (art. 5), which the parent signs on form 6.

    In ``language`` (default: the active language); the consent service asks
    for it in every language the parent may sign in.
    """
    from django.template.loader import render_to_string

    with translation.override(language or translation.get_language()):
        return render_to_string("rs_pravilnik/information.txt", {"case": case}).strip()


def inform_parent(*, record, transition, user, log):
    """Inform the parent in writing of the proposal and ask for consent on form 6."""
    case = record
    today = timezone.localdate()
    case.proposed_on = case.proposed_on or today
    case.parent_informed_on = today
    case.save(update_fields=["proposed_on", "parent_informed_on"])
    consent.request_consent(
        case, "iop-consent", content=lambda lang: information_text(case, lang), requested_by=user
    )


def stamp(field: str):
    def effect(*, record, transition, user, log):
        setattr(record, field, timezone.localdate())
        record.save(update_fields=[field])

    effect.__name__ = f"stamp_{field}"
    return effect


def schedule(iop) -> list[EvaluationDate]:
    """(Re)write the evaluation dates of an adopted IOP; reminders already sent are kept."""
    start = iop.first_adopted_on or iop.adopted_on
    wanted = dict(rules.evaluation_dates(start, iop.valid_until))
    EvaluationDate.objects.filter(iop=iop, reminded_at__isnull=True).exclude(
        due_on__in=list(wanted)
    ).delete()
    rows = []
    for day, kind in wanted.items():
        row, _ = EvaluationDate.objects.get_or_create(iop=iop, due_on=day, defaults={"kind": kind})
        rows.append(row)
    return rows


def adopt(*, record, transition, user, log):
    iop = record
    today = timezone.localdate()
    iop.adopted_on = today
    iop.first_adopted_on = iop.first_adopted_on or today
    iop.valid_from = iop.valid_from or today
    iop.save(update_fields=["adopted_on", "first_adopted_on", "valid_from"])
    schedule(iop)


def decision_text(evaluation, language: str | None = None) -> str:
    from django.template.loader import render_to_string

    with translation.override(language or translation.get_language()):
        return render_to_string("rs_pravilnik/decision.txt", {"evaluation": evaluation}).strip()


def ask_decision_consent(*, record, transition, user, log):
    if record.decision in DECISIONS_NEEDING_CONSENT:
        consent.request_consent(
            record,
            "evaluation-decision",
            content=lambda lang: decision_text(record, lang),
            requested_by=user,
        )


def decision_consent_given(evaluation) -> bool:
    if evaluation.decision not in DECISIONS_NEEDING_CONSENT:
        return True
    return consent.is_granted(evaluation, "evaluation-decision")


def apply_decision(*, record, transition, user, log):
    """The collegium's decision acts on the IOP (art. 14), in the same transaction."""
    from plugins.workflow import fire

    evaluation = record
    evaluation.decided_on = timezone.localdate()
    evaluation.save(update_fields=["decided_on"])
    iop = evaluation.iop
    note = f"evaluation {evaluation.pk}"
    if evaluation.decision == Decision.EXTEND:
        iop.valid_until = evaluation.extend_until
        iop.save(update_fields=["valid_until"])
        schedule(iop)
        audit.record(None, "edit", record=iop, actor=user)
    elif evaluation.decision == Decision.REVISE:
        fire(iop, "revise", user, note=note)
    elif evaluation.decision == Decision.NEW:
        fire(iop, "supersede", user, note=note)
    elif evaluation.decision == Decision.END:
        fire(iop, "end", user, note=note)
        case = iop.case
        still = case.iops.filter(
            status__in=(IopStatus.DRAFT, IopStatus.PROPOSED, IopStatus.ADOPTED)
        ).exists()
        if case.status == "team" and not still:
            fire(case, "return_to_measures", user, note=note)
