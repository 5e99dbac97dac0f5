"""Counts for the school owner and the county: numbers only, never a name.

Everything here returns organisations, class names and numbers. The county
gets exactly the same table as the school owner; neither sees which students
are behind a number (those stay with the school, behind the role matrix).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from plugins.models import Organisation, RoleAssignment, SchoolYear

from . import consents
from .measures import OWNER, UNIT, overdue_count
from .models import CODE, Outcome, PlanStatus, SchoolData, ScreeningRow, TransitionPlan


def current_year() -> SchoolYear | None:
    return SchoolYear.for_date() or SchoolYear.objects.order_by("-starts").first()


def organisations_with_role(user, roles, kind=None):
    """Organisations where ``user`` holds one of ``roles`` today (for this plugin or all)."""
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None or not user.is_active:
        return Organisation.objects.none()
    today = timezone.localdate()
    assignments = RoleAssignment.objects.filter(
        Q(jurisdiction="") | Q(jurisdiction=CODE),
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_to__isnull=True) | Q(valid_to__gte=today),
        person=person,
        role__in=list(roles),
    )
    qs = Organisation.objects.filter(pk__in=assignments.values("organisation_id"))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("name")


def holds_role(user, roles, organisation) -> bool:
    return organisations_with_role(user, roles).filter(pk=organisation.pk).exists()


def runs_here(org: Organisation) -> bool:
    return CODE in (org.jurisdictions or [])


@dataclass
class ClassCount:
    name: str
    screened: int = 0
    proposed: int = 0
    decided: int = 0
    transition: int = 0
    consented: int = 0
    plans: int = 0


@dataclass
class SchoolCount:
    school: Organisation
    classes: list[ClassCount] = field(default_factory=list)
    overdue: int = 0

    def total(self, attr: str) -> int:
        return sum(getattr(c, attr) for c in self.classes)


@dataclass
class OwnerCount:
    owner: Organisation
    schools: list[SchoolCount] = field(default_factory=list)
    overdue: int = 0


def lower_secondary_schools(owner: Organisation):
    schools = Organisation.objects.filter(parent=owner, kind=Organisation.Kind.SCHOOL)
    return [s for s in schools.order_by("name") if runs_here(s) and s.level != "upper_secondary"]


def school_counts(school: Organisation, year: SchoolYear, today=None) -> SchoolCount:
    rows = list(
        ScreeningRow.objects.filter(student__school=school, school_year=year).select_related(
            "group"
        )
    )
    data = {
        d.student_id: d
        for d in SchoolData.objects.filter(
            student_id__in=[r.student_id for r in rows], school_year=year
        )
    }
    plans = TransitionPlan.objects.filter(screening__in=rows)
    live = dict(plans.exclude(status=PlanStatus.STOPPED).values_list("screening_id", "pk"))
    consented = set(plans.filter(consents.given_q()).values_list("screening_id", flat=True))
    by_class: dict[str, ClassCount] = {}
    for row in rows:
        row._school_data = data.get(row.student_id)
        count = by_class.setdefault(row.group.name, ClassCount(row.group.name))
        count.screened += 1
        count.proposed += int(row.proposal().proposed)
        count.decided += int(bool(row.decision))
        count.transition += int(row.decision == Outcome.TRANSITION)
        count.consented += int(row.pk in consented)
        count.plans += int(row.pk in live)
    return SchoolCount(
        school=school,
        classes=[by_class[k] for k in sorted(by_class)],
        overdue=overdue_count(school, UNIT, year, today),
    )


def owner_counts(owner: Organisation, year: SchoolYear, today=None) -> OwnerCount:
    return OwnerCount(
        owner=owner,
        schools=[school_counts(s, year, today) for s in lower_secondary_schools(owner)],
        overdue=overdue_count(owner, OWNER, year, today),
    )


def county_counts(county: Organisation, year: SchoolYear, today=None) -> list[OwnerCount]:
    owners = Organisation.objects.filter(
        parent=county, kind=Organisation.Kind.MUNICIPALITY
    ).order_by("name")
    result = [owner_counts(o, year, today) for o in owners]
    return [o for o in result if o.schools]


COLUMNS = ("screened", "proposed", "transition", "consented", "plans")


def column_labels() -> list[str]:
    return [
        _("Municipality"),
        _("School"),
        _("Class"),
        _("Screened"),
        _("Proposed"),
        _("Transition students"),
        _("Consent given"),
        _("Plans running"),
        _("Overdue measures (school)"),
        _("Overdue measures (school owner)"),
    ]


def _safe(value) -> str:
    """A cell a spreadsheet will not read as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def as_csv(owners: list[OwnerCount]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(column_labels())
    for owner in owners:
        for school in owner.schools:
            for klass in school.classes or [ClassCount("")]:
                writer.writerow(
                    [
                        _safe(owner.owner.name),
                        _safe(school.school.name),
                        _safe(klass.name),
                        *[getattr(klass, c) for c in COLUMNS],
                        school.overdue,
                        owner.overdue,
                    ]
                )
    return out.getvalue()
