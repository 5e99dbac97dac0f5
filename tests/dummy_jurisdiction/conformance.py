from django.urls import reverse

from plugins.sdk import ConformanceFactory, testing
from plugins.sdk import builders as b

from .declaration import approval_text
from .models import Case, CaseDocument, SubjectNote


def sign_approval(case, signer=None):
    """Sign "case-approval" for the case summary as it is now, with a fresh second factor.

    ``signer`` defaults to whoever may sign: a new guardian while the student
    is under age, the student once of age.
    """
    return testing.sign_consent(case, "case-approval", signer=signer, content=approval_text(case))


class DummyFactory(ConformanceFactory):
    variants = {
        "Case": [{"visible_to_teachers": True}, {"visible_to_teachers": False}],
        "CaseDocument": [{"visible_to_teachers": True}, {"visible_to_teachers": False}],
    }

    def make_record(self, record_type, state=None, for_transition=None, **traits):
        st = b.student()
        if record_type == "CaseDocument":
            return CaseDocument.objects.create(
                student=st,
                owner=self.jurisdiction.code,
                record_type="CaseDocument",
                title="Report",
                file="documents/conformance-has-no-file.pdf",
                sha256="0" * 64,
                **traits,
            )
        case = Case.objects.create(
            student=st,
            status=state or "draft",
            summary="Summary",
            **(traits if record_type == "Case" else {}),
        )
        if record_type == "Case":
            if for_transition == "approve":
                sign_approval(case)
            return case
        return SubjectNote.objects.create(case=case, subject=b.subject())

    def make_actor(self, role, record):
        st = record.student if isinstance(record, Case | CaseDocument) else record.case.student
        if role == "coordinator":
            return b.role_holder("coordinator", st.school)
        if role == "teacher":
            return b.teacher_of(st)  # teaches another subject than the record's
        if role == "own_subject":
            return b.teacher_of(st, getattr(record, "subject", None), via_group=True)
        if role == "guardian":
            return b.guardian_of(st)
        if role == "student":
            return b.student_login(st)
        raise KeyError(role)

    def edit_page(self, record_type, record):
        if record_type != "Case":
            return None
        url = reverse("dummy:case-edit", args=[record.pk])
        return url, {"summary": "A new summary."}, {"summary": "x" * 5001}

    def step_page(self, transition, record):
        return reverse("dummy:case-step", args=[record.pk, transition.name]), {"note": "Kept."}

    def document_page(self, spec, record):
        return reverse("dummy:case-pdf", args=[record.pk])
