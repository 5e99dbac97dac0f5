"""Everything the portal holds about one student, for the family's right of access.

``student_data(student)`` gathers, from the core and from every installed
jurisdiction, each row that belongs to the student (through the models'
``portal_student_path``), the documents, consent requests and receipts, the
workflow history and the access log. ``as_json`` makes it machine-readable;
the family pages render the same data as one PDF with the stored documents
appended.
"""

from __future__ import annotations

import base64
import json

from django.core.serializers import serialize
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

#: Storage internals, not data about the child (the documents themselves are appended).
HIDDEN_FIELDS = {"password", "file"}


def _value(value):
    if isinstance(value, memoryview | bytes):
        data = bytes(value)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return base64.b64encode(data).decode("ascii")
    return value


def _rows(queryset) -> list[dict]:
    binary = {f.name for f in queryset.model._meta.fields if isinstance(f, models.BinaryField)}
    rows = []
    for item in serialize("python", queryset):
        fields = {
            k: _value(base64.b64decode(v) if k in binary and isinstance(v, str) else v)
            for k, v in item["fields"].items()
            if k not in HIDDEN_FIELDS
        }
        rows.append({"id": item["pk"], **fields})
    return rows


def _core_sections(student) -> list[dict]:
    from plugins.audit.models import AuditEvent
    from plugins.consent.models import ConsentReceipt, ConsentRequest
    from plugins.documents.models import Document
    from plugins.models import GuardianRelation, Person, Student, TransitionLog

    requests = ConsentRequest.objects.filter(student=student).order_by("pk")
    return [
        {
            "title": "Student",
            "model": "plugins.student",
            "rows": _rows(Student.objects.filter(pk=student.pk)),
        },
        {
            "title": "Person",
            "model": "plugins.person",
            "rows": _rows(Person.objects.filter(pk=student.person_id)),
        },
        {
            "title": "Guardians",
            "model": "plugins.guardianrelation",
            "rows": _rows(GuardianRelation.objects.filter(student=student).order_by("pk")),
        },
        {
            "title": "Documents",
            "model": "documents.document",
            "rows": _rows(Document.objects.filter(student=student).order_by("created_at", "pk")),
        },
        {"title": "Consent requests", "model": "consent.consentrequest", "rows": _rows(requests)},
        {
            "title": "Consent receipts",
            "model": "consent.consentreceipt",
            "rows": _rows(ConsentReceipt.objects.filter(request__in=requests).order_by("pk")),
        },
        {
            "title": "Workflow history",
            "model": "plugins.transitionlog",
            "rows": _rows(TransitionLog.objects.filter(student=student).order_by("at", "pk")),
        },
        {
            "title": "Access log",
            "model": "audit.auditevent",
            "rows": _rows(AuditEvent.objects.filter(student=student).order_by("pk")),
        },
    ]


def _plugin_sections(student) -> list[dict]:
    from plugins.documents.models import Document
    from plugins.registry import registry

    sections = []
    for j in registry.all():
        for name in j.record_types:
            model = j.record_model(name)
            path = getattr(model, "portal_student_path", None)
            if not path or issubclass(model, Document):
                continue  # school-level records; documents are listed once above
            lookup = {"pk": student.pk} if path == "pk" else {path: student.pk}
            rows = _rows(model._default_manager.filter(**lookup).order_by("pk"))
            if rows:
                sections.append(
                    {
                        "title": f"{j.name}: {model._meta.verbose_name}",
                        "model": model._meta.label_lower,
                        "jurisdiction": j.code,
                        "rows": rows,
                    }
                )
    return sections


def student_data(student) -> dict:
    return {
        "student": student.name,
        "exported_at": timezone.now(),
        "sections": _core_sections(student) + _plugin_sections(student),
    }


def as_json(data: dict) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
