"""The yearly measures calendar (tiltak) of the routine, per level.

Each measure is also declared as a ``Deadline`` of the jurisdiction (so the
portal's calendars and reminders know it); completion is tracked per
organisation and school year in ``MeasureCompletion``. A measure not done by
its date is overdue, and overdue measures are shown to the school owner.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plugins.sdk import Deadline

UNIT, OWNER, REGION = "unit", "owner", "region"

#: Who answers for each level: the role code held at the organisation.
LEVEL_ROLES = {UNIT: "rektor", OWNER: "school_owner", REGION: "case_officer"}


@dataclass(frozen=True)
class Measure:
    code: str
    level: str
    month: int
    day: int
    label: str
    when: str  # as the calendar says it ("August", "by 1.10")
    responsible: str  # who, in words
    content: tuple[str, ...] = ()  # what it involves, or the meeting's agenda

    @property
    def deadline(self) -> Deadline:
        return Deadline(
            self.code,
            self.label,
            month=self.month,
            day=self.day,
            responsible=LEVEL_ROLES[self.level],
            purpose="; ".join(str(c) for c in self.content),
        )

    def due_in(self, school_year) -> datetime.date:
        start = school_year.starts.year
        return datetime.date(start if self.month >= 8 else start + 1, self.month, self.day)


MEASURES: tuple[Measure, ...] = (
    # -- unit level: the lower-secondary school, the rektor answers ----------------------
    Measure(
        "unit-inform-staff",
        UNIT,
        8,
        31,
        _("Make all staff familiar with the transition routine"),
        pgettext_lazy("month of a measure", "August"),
        _("Rektor"),
    ),
    Measure(
        "unit-screen",
        UNIT,
        10,
        1,
        _("Screen the students of the final year"),
        _("By 1 October"),
        _("Rektor"),
        (
            _("Identify students against the risk factors"),
            _("Three or more factors, one large deviation, or an expressed need"),
        ),
    ),
    Measure(
        "unit-consent",
        UNIT,
        10,
        31,
        _("Consent from student and guardian"),
        _("Before contact is made"),
        _("Rektor"),
        (
            _("Why the offer is made and what the follow-up means"),
            _("A refusal is written down in the screening table"),
        ),
    ),
    Measure(
        "unit-contact",
        UNIT,
        11,
        1,
        _("Make contact with the upper-secondary schools"),
        _("By 1 November"),
        _("Rektor"),
        (
            _("Tell the school which students consider it"),
            _("Ask who contributes to each plan"),
            _("Pass on particular wishes of student or guardians"),
        ),
    ),
    Measure(
        "unit-run-plans",
        UNIT,
        3,
        15,
        _("Run the individual transition plans"),
        _("From contact until 15 March"),
        _("Rektor"),
        (_("The upper-secondary school takes over once the application is sent"),),
    ),
    Measure(
        "unit-adjustments",
        UNIT,
        3,
        31,
        _("Collect wishes to adjust the measures"),
        pgettext_lazy("month of a measure", "March"),
        _("Rektor"),
        (_("Send them to the school owner for the dialogue meeting"),),
    ),
    # -- school owner: the municipality ------------------------------------------------------
    Measure(
        "owner-aug",
        OWNER,
        8,
        31,
        _("Go through the yearly calendar and the routine with the schools"),
        pgettext_lazy("month of a measure", "August"),
        _("School owner"),
        (_("Go through who counts as a transition student"),),
    ),
    Measure(
        "owner-sep",
        OWNER,
        9,
        30,
        _("Check that the staff were informed (measure 1)"),
        pgettext_lazy("month of a measure", "September"),
        _("School owner"),
    ),
    Measure(
        "owner-oct",
        OWNER,
        10,
        31,
        _("Check that the students were screened (measure 2)"),
        pgettext_lazy("month of a measure", "October"),
        _("School owner"),
    ),
    Measure(
        "owner-nov",
        OWNER,
        11,
        30,
        _("Check consent and contact with upper secondary (measures 3 and 4)"),
        pgettext_lazy("month of a measure", "November"),
        _("School owner"),
    ),
    Measure(
        "owner-dec",
        OWNER,
        12,
        31,
        _("Check that the plans are running (measure 5)"),
        pgettext_lazy("month of a measure", "December"),
        _("School owner"),
    ),
    Measure(
        "owner-jan",
        OWNER,
        1,
        31,
        _("Check that the plans are running (measure 5)"),
        pgettext_lazy("month of a measure", "January"),
        _("School owner"),
    ),
    Measure(
        "owner-feb",
        OWNER,
        2,
        28,
        _("Check that applications are on their way"),
        pgettext_lazy("month of a measure", "February"),
        _("School owner"),
    ),
    Measure(
        "owner-mar",
        OWNER,
        3,
        20,
        _("Check the handovers to upper secondary"),
        pgettext_lazy("month of a measure", "March"),
        _("School owner"),
    ),
    Measure(
        "owner-evaluation",
        OWNER,
        3,
        31,
        _("Municipal evaluation of what to improve"),
        pgettext_lazy("month of a measure", "March"),
        _("School owner"),
    ),
    # -- region: dialogue meetings between the municipalities and the county ---------------
    Measure(
        "region-dialogue-1",
        REGION,
        9,
        30,
        _("Dialogue meeting 1"),
        pgettext_lazy("month of a measure", "September"),
        _("County educational-psychological service"),
        (_("The year's routine and calendar"), _("Any other business")),
    ),
    Measure(
        "region-dialogue-2",
        REGION,
        12,
        15,
        _("Dialogue meeting 2"),
        _("November/December"),
        _("County education department"),
        (
            _("Figures and trends shared by the upper-secondary schools"),
            _("Evaluation of dialogue meeting 1: participants, content, form"),
            _("Any other business"),
        ),
    ),
    Measure(
        "region-dialogue-3",
        REGION,
        4,
        30,
        _("Dialogue meeting 3"),
        pgettext_lazy("month of a measure", "April"),
        _("The municipalities"),
        (
            _("Trends from the municipalities"),
            _("Experience with using the system"),
            _("Evaluation and revision of the measures"),
        ),
    ),
)

BY_CODE = {m.code: m for m in MEASURES}


def of_level(level: str) -> list[Measure]:
    return [m for m in MEASURES if m.level == level]


@dataclass
class MeasureStatus:
    measure: Measure
    due: datetime.date
    completion: object | None  # MeasureCompletion

    @property
    def done(self) -> bool:
        return self.completion is not None

    def overdue(self, today: datetime.date | None = None) -> bool:
        return not self.done and self.due < (today or timezone.localdate())


def status_for(organisation, level: str, school_year) -> list[MeasureStatus]:
    from .models import MeasureCompletion

    done = {
        c.measure: c
        for c in MeasureCompletion.objects.filter(
            organisation=organisation, school_year=school_year
        )
    }
    rows = [MeasureStatus(m, m.due_in(school_year), done.get(m.code)) for m in of_level(level)]
    return sorted(rows, key=lambda r: r.due)


def overdue_count(organisation, level: str, school_year, today=None) -> int:
    return sum(1 for row in status_for(organisation, level, school_year) if row.overdue(today))


def set_done(organisation, school_year, code: str, user, done: bool = True, note: str = ""):
    """Mark measure ``code`` as done (or open again) for ``organisation`` this school year."""
    from .models import MeasureCompletion

    rows = MeasureCompletion.objects.filter(
        organisation=organisation, school_year=school_year, measure=code
    )
    if not done:
        rows.delete()
    else:
        MeasureCompletion.objects.get_or_create(
            organisation=organisation,
            school_year=school_year,
            measure=code,
            defaults={"done_by": user, "note": note[:500]},
        )
