"""Read-only questions about consents, for plugins: no plugin reads consent's tables itself.

    from plugins import consent

    consent.current_requests(plans, ("guardian-ok", "student-ok"))  # {plan.pk: {spec: request}}
    consent.statuses(plans, specs)          # {plan.pk: {spec: "signed" | ... | None}}, one query
    consent.status_of(plan, "guardian-ok")  # "pending", "signed", ... or None (never asked)
    Plan.objects.filter(consent.status_q(Plan, "guardian-ok", ["signed"]))
    consent.signatures(plan, "guardian-ok") # who signed the current request, and when

"Current" is the request that counts now for a spec on a record (a changed
document replaces the request; the replaced one is kept but no longer counts).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast

from plugins.registry import registry

from .models import ConsentReceipt, ConsentRequest


def _type_of(model_or_record) -> tuple[str, str]:
    jurisdiction, name = registry.for_record(model_or_record)
    return jurisdiction.code, name


def _specs(spec_codes) -> tuple[str, ...]:
    return (spec_codes,) if isinstance(spec_codes, str) else tuple(spec_codes)


def current_requests(records: Iterable, spec_codes) -> dict:
    """``{record.pk: {spec_code: ConsentRequest | None}}`` for many records, in one query.

    ``records`` are records of one registered record type (a list or a
    queryset); ``spec_codes`` one code or several. Every record and every
    spec is in the answer (None: never asked).
    """
    records = list(records)
    specs = _specs(spec_codes)
    answer = {r.pk: dict.fromkeys(specs) for r in records if r.pk is not None}
    if not answer or not specs:
        return answer
    code, name = _type_of(records[0])
    by_id = {str(pk): pk for pk in answer}
    rows = ConsentRequest.objects.filter(
        jurisdiction=code,
        record_type=name,
        record_id__in=list(by_id),
        spec_code__in=specs,
        is_current=True,
    ).select_related("student__person")
    for row in rows:
        pk = by_id.get(row.record_id)
        if pk is not None:
            answer[pk][row.spec_code] = row
    return answer


def statuses(records: Iterable, spec_codes) -> dict:
    """``{record.pk: {spec_code: status | None}}`` (``ConsentRequest.Status`` values), one query."""
    return {
        pk: {spec: (req.status if req is not None else None) for spec, req in found.items()}
        for pk, found in current_requests(records, spec_codes).items()
    }


def status_of(record, spec_code: str) -> str | None:
    """The status of the current request for ``spec_code`` on ``record`` (None: never asked)."""
    if record.pk is None:
        return None
    return statuses([record], spec_code)[record.pk][spec_code]


def status_q(record_model, spec_code: str, status_values, path: str = "pk") -> Q:
    """A filter: the current request for ``spec_code`` has one of ``status_values``.

    ``record_model`` is the record type the consent is about; ``path`` leads
    from the filtered model to that record (``"pk"`` when filtering the
    record type itself, else a foreign key such as ``"plan"``). Works on
    SQLite and PostgreSQL (the record id is compared as text).
    """
    code, name = _type_of(record_model)
    target = "pk" if path == "pk" else f"{path}__pk"
    return Q(
        Exists(
            ConsentRequest.objects.filter(
                jurisdiction=code,
                record_type=name,
                record_id=Cast(OuterRef(target), output_field=CharField()),
                spec_code=spec_code,
                is_current=True,
                status__in=list(_specs(status_values)),
            )
        )
    )


@dataclass(frozen=True)
class Signature:
    """One signature on a request: who, in what capacity, when, in which language."""

    user_id: int | None
    name: str
    role: str
    at: object
    language: str


def signatures(record, spec_code: str) -> list[Signature]:
    """Who signed the current request for ``spec_code`` on ``record``, oldest first."""
    if record.pk is None:
        return []
    code, name = _type_of(record)
    receipts = ConsentReceipt.objects.filter(
        request__jurisdiction=code,
        request__record_type=name,
        request__record_id=str(record.pk),
        request__spec_code=spec_code,
        request__is_current=True,
        decision=ConsentReceipt.Decision.SIGNED,
    ).order_by("at", "pk")
    return [
        Signature(
            user_id=r.signer_id,
            name=r.signer_name,
            role=r.signer_role,
            at=r.at,
            language=r.language,
        )
        for r in receipts
    ]


def decided_at(record, spec_code: str):
    """When the current request for ``spec_code`` on ``record`` was answered (None: not yet)."""
    if record.pk is None:
        return None
    req = current_requests([record], spec_code)[record.pk][spec_code]
    return req.decided_at if req is not None else None
