"""Counts for the school owner and the county: numbers only, never a name.

Everything here returns organisations, class names and numbers. The county
gets exactly the same table as the school owner; neither sees which students
are behind a number (those stay with the school, behind the role matrix).
Small counts are hidden on the page, in the PDF and in the CSV, so that a
number cannot name a pupil either (see ``suppress_column``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.utils.translation import gettext as _

from plugins.access import organisations_where
from plugins.models import Group, Organisation, SchoolYear

from . import consents
from .measures import LEVEL_ROLES, OWNER, REGION, UNIT, overdue_count
from .models import CODE, Outcome, PlanStatus, SchoolData, ScreeningRow, TransitionPlan


def current_year() -> SchoolYear | None:
    return SchoolYear.for_date() or SchoolYear.objects.order_by("-starts").first()


def organisations_with_role(user, roles, kind=None):
    """Organisations where ``user`` holds one of ``roles`` today (for this plugin or all)."""
    return organisations_where(user, roles, kind=kind, jurisdiction=CODE)


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

    @cached_property
    def table(self) -> Table:
        """The counts as shown to the school owner and the county: small ones hidden."""
        return suppressed_table(self)


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

# -- small counts are hidden ---------------------------------------------------------------
# A school owner or a county sees numbers, never names; but "1 transition student in class
# 10B" names a pupil to anyone who knows the class. As statistics offices do:
#
# 1. Primary suppression: a count from 1 up to below the threshold
#    (PORTAL_SMALL_COUNT_THRESHOLD, default 5) is shown as "<5". 0 is shown as 0.
# 2. Secondary suppression: a total (a school's "All classes" row) is hidden as ":" when any
#    count it adds up is hidden, since total minus the shown counts gives back the hidden
#    ones (with two hidden counts their sum still narrows both down: 2 means 1 and 1).
#    Otherwise every count is 0 or at least the threshold, and so is their total.
#
# A hidden total never reveals more than "at least the sum of the shown counts".

#: A total hidden because a hidden count could be worked out from it (Statistics Norway's sign).
HIDDEN_TOTAL = ":"


def small_count_threshold() -> int:
    return max(1, int(getattr(settings, "PORTAL_SMALL_COUNT_THRESHOLD", 5)))


def small_mark(threshold: int | None = None) -> str:
    return f"<{threshold or small_count_threshold()}"


def suppress_column(cells: list[int], threshold: int) -> tuple[list[str], str]:
    """The ``cells`` of one column and their total, as shown (rules 1 and 2 above)."""

    def small(n: int) -> bool:
        return 0 < n < threshold

    shown = [small_mark(threshold) if small(n) else str(n) for n in cells]
    if any(small(n) for n in cells):
        return shown, HIDDEN_TOTAL
    # Every count is 0 or at least the threshold, so the total is too.
    return shown, str(sum(cells))


@dataclass
class Row:
    name: str
    cells: list[str]


@dataclass
class Table:
    rows: list[Row]
    totals: list[str]


def suppressed_table(school: SchoolCount, threshold: int | None = None) -> Table:
    """One row per class with the COLUMNS as shown, and the school's totals."""
    threshold = threshold or small_count_threshold()
    columns = [
        suppress_column([getattr(c, attr) for c in school.classes], threshold) for attr in COLUMNS
    ]
    rows = [
        Row(klass.name, [cells[i] for cells, _total in columns])
        for i, klass in enumerate(school.classes)
    ]
    return Table(rows=rows, totals=[total for _cells, total in columns])


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


#: A spreadsheet may read a cell as a formula when its first character, or its first
#: after leading blanks (Excel and LibreOffice skip them), is one of these.
FORMULA_STARTS = ("=", "+", "-", "@")


def _safe(value) -> str:
    """A cell a spreadsheet will not read as a formula (CSV injection, OWASP).

    A text whose first character is a tab or carriage return, or whose first
    non-whitespace character starts a formula (`` =1``, ``\t=1``), gets a leading
    single quote, which spreadsheets show as text and do not evaluate.
    """
    text = str(value)
    if text[:1] in ("\t", "\r") or text.lstrip()[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def as_csv(owners: list[OwnerCount]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(column_labels())
    for owner in owners:
        for school in owner.schools:
            # Small counts are hidden here as on the page (see suppress_column).
            for row in school.table.rows or [Row("", ["0"] * len(COLUMNS))]:
                writer.writerow(
                    [
                        _safe(owner.owner.name),
                        _safe(school.school.name),
                        _safe(row.name),
                        *row.cells,
                        school.overdue,
                        owner.overdue,
                    ]
                )
    return out.getvalue()


def measure_orgs(user) -> list[tuple[str, Organisation]]:
    """(level, organisation) pairs whose measures calendar the user answers for."""
    levels = (
        (UNIT, Organisation.Kind.SCHOOL),
        (OWNER, Organisation.Kind.MUNICIPALITY),
        (REGION, Organisation.Kind.COUNTY),
    )
    return [
        (level, org)
        for level, kind in levels
        for org in organisations_with_role(user, [LEVEL_ROLES[level]], kind)
    ]


def report(user, level: str) -> dict | None:
    """The school owner's or the county's overview for ``user`` (None: nothing for them)."""
    year = current_year()
    if level == "owner":
        owners = organisations_with_role(user, ["school_owner"], Organisation.Kind.MUNICIPALITY)
        data = [owner_counts(o, year) for o in owners]
        title = _("Transition follow-up: overview for the school owner")
    elif level == "county":
        counties = organisations_with_role(user, ["case_officer"], Organisation.Kind.COUNTY)
        data = [o for c in counties for o in county_counts(c, year)]
        title = _("Transition follow-up: overview for the county")
        if not counties:
            return None
    else:
        return None
    if level == "owner" and not data:
        return None
    threshold = small_count_threshold()
    return {
        "owners": data,
        "year": year,
        "title": title,
        "level": level,
        "small_threshold": threshold,
        "small_mark": small_mark(threshold),
        "hidden_total": HIDDEN_TOTAL,
        "file_year": year.name.replace("/", "-") if year else "year",
    }


def groups_for(user, rows):
    """The classes on the user's start page: this year's at their schools, and those of ``rows``."""
    schools = organisations_with_role(user, ("rektor", "counsellor"), Organisation.Kind.SCHOOL)
    groups = Group.objects.filter(school__in=schools, school_year=current_year())
    groups = groups | Group.objects.filter(pk__in=rows.values("group_id"))
    return (
        groups.distinct().select_related("school", "school_year").order_by("school__name", "name")
    )


def screening_table(rows, year) -> list[dict]:
    """The class list: each row with its factors, the proposal, the plan and its consent."""
    data = SchoolData.objects.filter(student_id__in=[r.student_id for r in rows], school_year=year)
    data = {d.student_id: d for d in data}
    plans = TransitionPlan.objects.filter(screening__in=rows).select_related("upper_school")
    plans = {p.screening_id: p for p in plans}
    table = []
    for row in rows:
        row._school_data = data.get(row.student_id)
        plan = plans.get(row.pk)
        factors = row.factors()
        table.append(
            {
                "row": row,
                "factors": factors,
                "holding": [f for f in factors if f.holds],
                "proposal": row.proposal(),
                "plan": plan,
                "consent": consents.plan_label(plan) if plan else "",
            }
        )
    return table


def measure_sections(pairs, year, today) -> list[dict]:
    """The measures calendar of each (level, organisation) the user answers for."""
    from .measures import status_for

    sections = []
    for level, org in pairs:
        section = {"level": level, "org": org, "rows": status_for(org, level, year), "schools": []}
        if level == OWNER:
            # The school owner sees every school's overdue measures.
            for school in lower_secondary_schools(org):
                late = [r for r in status_for(school, UNIT, year) if r.overdue(today)]
                section["schools"].append({"school": school, "overdue": late})
        sections.append(section)
    return sections
