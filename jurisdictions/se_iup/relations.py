"""The mentor relation: mentor of the class the record's student belongs to.

Mentorship is recorded on its own (``Mentorship``: a person and a class),
not derived from teaching: in Swedish schools the mentor follows a class's
students whether or not they teach them a subject, and a subject teacher is
not a mentor.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from plugins.access.relations import NOTHING, Relation


def _person_id(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    person = getattr(user, "person", None)
    return person.pk if person is not None else None


def _group_path(model) -> str:
    path = model.portal_student_path
    return "group" if path == "pk" else f"{path}__group"


class MentorOfStudent(Relation):
    label = "mentor of the student's class"

    def q(self, user, jurisdiction, model):
        from .models import Mentorship

        person_id = _person_id(user)
        if person_id is None:
            return NOTHING
        mentorships = Mentorship.objects.filter(
            mentor_id=person_id, group=OuterRef(_group_path(model))
        )
        return Q(Exists(mentorships))


mentor_of_student = MentorOfStudent()
