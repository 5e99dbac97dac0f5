"""Relations of this plugin beyond the SDK's ready-made ones."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from plugins.access import person_id_of
from plugins.access.relations import NOTHING, Relation
from plugins.models import RoleAssignment

from .consents import given_q


class ReceivingSchoolStaff(Relation):
    """Holds ``role`` at the plan's receiving upper-secondary school, once consent is given.

    The upper-secondary school learns of the student only after both the
    guardian and the student signed: before that, and after a refusal or a
    withdrawal, this relation holds for nobody. The model names the path to
    the receiving school in ``portal_upper_school_path`` and to the plan in
    ``portal_plan_path``.
    """

    def __init__(self, role: str = "upper_staff"):
        self.role = role
        self.label = f'has role "{role}" at the receiving upper-secondary school, after consent'

    def q(self, user, jurisdiction, model):
        person_id = person_id_of(user)
        school_path = getattr(model, "portal_upper_school_path", None)
        plan_path = getattr(model, "portal_plan_path", None)
        if person_id is None or not school_path or not plan_path:
            return NOTHING
        today = timezone.localdate()
        assignments = RoleAssignment.objects.filter(
            Q(jurisdiction="") | Q(jurisdiction=jurisdiction.code),
            Q(valid_from__isnull=True) | Q(valid_from__lte=today),
            Q(valid_to__isnull=True) | Q(valid_to__gte=today),
            person_id=person_id,
            role=self.role,
            organisation=OuterRef(school_path),
        )
        return Q(Exists(assignments)) & given_q(plan_path)


receiving_school_staff = ReceivingSchoolStaff()
