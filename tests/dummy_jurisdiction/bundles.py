"""The dummy plugin's bundle: per case, its rendered summary and its documents."""

from plugins.access import permitted
from plugins.documents import Attachment, Rendered, Section, documents_of

from .models import Case


def case_bundle(*, user, case_ids):
    """Sections for the cases ``user`` may download, in the order asked for."""
    from .declaration import DummyJurisdiction

    cases = {c.pk: c for c in permitted(user, "download", Case.objects.filter(pk__in=case_ids))}
    sections = []
    for pk in case_ids:
        case = cases.get(pk)
        if case is None:
            continue
        name = case.student.name
        items = [
            Rendered(
                "dummy_jurisdiction/case_summary.html",
                {"case": case},
                title=f"Case {case.pk}",
                student_name=name,
                confidentiality=DummyJurisdiction.confidentiality,
            )
        ]
        docs = permitted(
            user, "download", documents_of("dummy").filter(attached_to=f"Case:{case.pk}")
        )
        items += [Attachment(doc.title, document=doc) for doc in docs.order_by("created_at", "pk")]
        sections.append(Section(name, items, student_id=case.student_id))
    return sections
