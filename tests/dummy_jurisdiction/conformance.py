from plugins.sdk import ConformanceFactory
from plugins.sdk import builders as b

from .models import Case, SubjectNote


class DummyFactory(ConformanceFactory):
    variants = {"Case": [{"visible_to_teachers": True}, {"visible_to_teachers": False}]}

    def make_record(self, record_type, state=None, for_transition=None, **traits):
        st = b.student()
        case = Case.objects.create(
            student=st, status=state or "draft", summary="Summary", **(traits if record_type == "Case" else {})
        )
        if record_type == "Case":
            return case
        return SubjectNote.objects.create(case=case, subject=b.subject())

    def make_actor(self, role, record):
        st = record.student if isinstance(record, Case) else record.case.student
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
