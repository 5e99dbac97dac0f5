"""The one relation the core does not ship: member of the student's support team."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from plugins.access.relations import NOTHING, Relation


class SupportTeamMember(Relation):
    """Named on the support team (Тим за додатну подршку) of a case of the record's student."""

    label = "member of the student's support team"

    def q(self, user, jurisdiction, model):
        from .models import TeamMember

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return NOTHING
        person = getattr(user, "person", None)
        path = getattr(model, "portal_student_path", None)
        if person is None or not path:
            return NOTHING
        student = "pk" if path == "pk" else path
        members = TeamMember.objects.filter(person_id=person.pk, case__student=OuterRef(student))
        return Q(Exists(members))


support_team_member = SupportTeamMember()
