"""Where a support case stands, derived from its records every time it is shown.

The case's workflow state says which steps the director and the team took;
whether the parent consented, which IOP is in force and whether an evaluation
waits for a decision are in other records (the consent service's requests and
receipts, the IOPs, the evaluations, the notices to social welfare). The stage
shown to people is computed here from all of them, never stored beside them,
so it cannot go stale: ``stage_of`` for one case, ``with_stages`` for a list.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from . import CODE
from .models import (
    CaseStatus,
    EvaluationStatus,
    Iop,
    IopKind,
    IopStatus,
)

IN_FORCE = (IopStatus.DRAFT, IopStatus.PROPOSED, IopStatus.ADOPTED)


@dataclass(frozen=True)
class Stage:
    """``code`` for programs and tests, ``label`` for people (in the active language)."""

    code: str
    label: str

    def __str__(self):
        return self.label


def plan_name(kind: str) -> str:
    """ "IOP1", "IOP2", "IOP3" in the active language (ИОП1 in Serbian Cyrillic)."""
    names = {IopKind.IOP1: _("IOP1"), IopKind.IOP2: _("IOP2"), IopKind.IOP3: _("IOP3")}
    return names.get(kind, kind)


def _consent_status(record, spec_code: str) -> str:
    """The status of the current request (``""`` when never asked).

    ``with_stages`` loads the requests of a whole list at once into ``_stage_consents``.
    """
    from plugins import consent

    loaded = getattr(record, "_stage_consents", None)
    if loaded is not None and spec_code in loaded:
        req = loaded[spec_code]
    else:
        req = consent.current_request(record, spec_code)
    return req.status if req is not None else ""


def _iop_stage(iop) -> Stage:
    plan = {"plan": plan_name(iop.kind)}
    if iop.status == IopStatus.DRAFT:
        if iop.kind == IopKind.IOP2 and _consent_status(iop, "iop2-consent") != "signed":
            return Stage(
                "iop2_consent",
                _("%(plan)s being drafted; waiting for the parent's consent") % plan,
            )
        return Stage("iop_draft", _("%(plan)s being drafted by the support team") % plan)
    if iop.status == IopStatus.PROPOSED:
        return Stage("iop_proposed", _("%(plan)s proposed to the pedagogical collegium") % plan)
    proposed = [ev for ev in iop.evaluations.all() if ev.status == EvaluationStatus.PROPOSED]
    if proposed:
        waiting = [
            ev
            for ev in proposed
            if ev.needs_consent and _consent_status(ev, "evaluation-decision") != "signed"
        ]
        if waiting:
            return Stage(
                "evaluation_consent",
                _("%(plan)s: evaluation decision waiting for the parent's consent") % plan,
            )
        return Stage(
            "evaluation_proposed",
            _("%(plan)s: evaluation decision with the pedagogical collegium") % plan,
        )
    return Stage("iop_adopted", _("%(plan)s adopted and applied") % plan)


def _current_iop(iops):
    """The IOP in force: adopted before proposed before drafted, newest first."""
    rank = {IopStatus.ADOPTED: 0, IopStatus.PROPOSED: 1, IopStatus.DRAFT: 2}
    live = [i for i in iops if i.status in IN_FORCE]
    if not live:
        return None
    return min(live, key=lambda i: (rank[i.status], -i.created_at.timestamp(), -i.pk))


def stage_of(case) -> Stage:
    """Where ``case`` stands now (one case; ``with_stages`` for a list)."""
    if case.status == CaseStatus.CLOSED:
        return Stage("closed", _("Closed"))
    iops = list(case.iops.all())
    current = _current_iop(iops)
    if current is not None:
        return _iop_stage(current)
    if case.status == CaseStatus.TEAM:
        if any(i.status == IopStatus.SUPERSEDED for i in iops):
            return Stage("new_iop", _("Support team appointed; a new IOP is to be written"))
        return Stage("team", _("Support team appointed; no IOP yet"))
    if case.status == CaseStatus.OBSERVATION:
        if any(i.status == IopStatus.ENDED for i in iops):
            return Stage("returned", _("Back to individualisation measures after the IOP ended"))
        return Stage("observation", _("Observation and individualisation measures"))
    # Proposed, accepted or refused: the parent's answer on form 6 decides what is next.
    status = _consent_status(case, "iop-consent")
    if status == "refused":
        if case.welfare_notices.all():
            return Stage(
                "welfare", _("Parent refused consent; the social-welfare institution was notified")
            )
        return Stage("refused", _("Parent refused consent"))
    if status == "withdrawn":
        return Stage("withdrawn", _("The parent withdrew consent (form 6)"))
    if status == "signed":
        if case.status == CaseStatus.ACCEPTED:
            return Stage(
                "consented",
                _("The parent has consented (form 6); the director appoints the support team"),
            )
        return Stage(
            "proposed_consented",
            _("Proposal with the director; the parent has consented (form 6)"),
        )
    if case.status == CaseStatus.ACCEPTED:
        return Stage("accepted", _("Proposal accepted; waiting for the parent's consent (form 6)"))
    return Stage(
        "proposed", _("Proposal with the director; waiting for the parent's consent (form 6)")
    )


def with_stages(cases) -> list:
    """The cases of a list, each with ``.stage``, in a fixed number of queries."""
    from plugins import consent

    cases = list(
        cases.prefetch_related(
            Prefetch("iops", queryset=Iop.objects.prefetch_related("evaluations")),
            "welfare_notices",
        )
    )
    iops = [i for c in cases for i in c.iops.all()]
    evaluations = [e for i in iops for e in i.evaluations.all()]
    wanted = (
        ("SupportCase", "iop-consent", cases),
        ("Iop", "iop2-consent", iops),
        ("Evaluation", "evaluation-decision", evaluations),
    )
    query = Q(pk__in=[])
    for record_type, spec_code, records in wanted:
        if records:
            query |= Q(
                record_type=record_type,
                spec_code=spec_code,
                record_id__in=[str(r.pk) for r in records],
            )
    current = {
        (req.record_type, req.spec_code, req.record_id): req
        for req in consent.ConsentRequest.objects.filter(query, jurisdiction=CODE, is_current=True)
    }
    for record_type, spec_code, records in wanted:
        for record in records:
            record._stage_consents = {
                spec_code: current.get((record_type, spec_code, str(record.pk)))
            }
    for case in cases:
        case.stage = stage_of(case)
    return cases
