"""Builds records and actors for the core's conformance suite.

``make_actor`` must give the user exactly the one role asked for, towards
exactly the one record given; the builders make fresh people every call.
"""

from plugins.sdk import ConformanceFactory
from plugins.sdk import builders as b

from .models import Plan, PlanStatus


class NoTromsTransitionFactory(ConformanceFactory):
    def make_record(self, record_type, state=None, for_transition=None, **traits):
        if record_type != "Plan":
            raise KeyError(record_type)
        traits.setdefault("summary", "Summary of the plan")  # satisfies the approve guard
        return Plan.objects.create(student=b.student(), status=state or PlanStatus.DRAFT, **traits)

    def make_actor(self, role, record):
        st = record.student
        if role == "coordinator":
            return b.role_holder("coordinator", st.school, jurisdiction=self.jurisdiction.code)
        if role == "teacher":
            return b.teacher_of(st)
        if role == "guardian":
            return b.guardian_of(st)
        if role == "student":
            return b.student_login(st)
        raise KeyError(role)
