"""The mentor relation: mentor of the class the record's student belongs to.

Mentorship is recorded on its own (``Mentorship``: a person and a class),
not derived from teaching: in Swedish schools the mentor follows a class's
students whether or not they teach them a subject, and a subject teacher is
not a mentor.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from plugins.access import person_id_of
from plugins.access.relations import NOTHING, Relation


def _group_path(model) -> str:
    path = model.portal_student_path
    return "group" if path == "pk" else f"{path}__group"


class MentorOfStudent(Relation):
    label = "mentor of the student's class"

    def q(self, user, jurisdiction, model):
        from .models import Mentorship

        person_id = person_id_of(user)
        if person_id is None:
            return NOTHING
        mentorships = Mentorship.objects.filter(
            mentor_id=person_id, group=OuterRef(_group_path(model))
        )
        return Q(Exists(mentorships))


mentor_of_student = MentorOfStudent()
