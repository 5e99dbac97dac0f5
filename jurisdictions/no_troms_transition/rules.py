"""The screening rule of the routine, as plain functions (no database).

A student is proposed for transition follow-up ("noen-elev") when three or
more risk factors hold, when one deviation is described as large enough to
worry about on its own, or when the student or a guardian asked for it. A
student who applies by the special-intake deadline follows that track
instead and is never proposed here.

Absence, grade average and grade 1/IV are computed from the school's figures
when it has them ("computed"); otherwise the ticked box counts ("by hand").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

#: Absence strictly above this share (in percent) is a risk factor; 6.0 is not.
ABSENCE_LIMIT = Decimal("6")
#: A grade average strictly below this is a risk factor; 3.0 is not.
GRADE_AVERAGE_LIMIT = Decimal("3")
#: Lowest grades that count as "grade 1 or IV in a subject".
WEAK_GRADES = ("1", "IV")
#: Factors needed for a proposal.
FACTORS_NEEDED = 3

#: The risk factors in the order of the screening form, with their labels.
FACTOR_LABELS = {
    "absence_high": _("Absence above 6 %"),
    "earlier_measures": _("Earlier measures"),
    "activity_plan": _("Current activity plan"),
    "national_test_level1": _("Level 1 on national tests"),
    "earlier_special_education": _("Earlier special education"),
    "low_grade_average": _("Grade average below 3"),
    "grade_one_or_iv": _("Grade 1 or IV in a subject"),
}
TICKED_FACTORS = tuple(FACTOR_LABELS)
#: Factors the portal can compute from school data.
COMPUTABLE = ("absence_high", "low_grade_average", "grade_one_or_iv")


@dataclass(frozen=True)
class Factor:
    code: str
    label: str
    holds: bool
    computed: bool
    #: The figure the computed answer rests on ("7.5 %", "2.80", "IV").
    basis: str = ""


@dataclass(frozen=True)
class Proposal:
    outcome: str  # one of models.Outcome's values
    reasons: tuple[str, ...]
    factor_count: int

    @property
    def proposed(self) -> bool:
        return self.outcome == "transition"


def _number(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value))


def absence_is_high(absence_percent) -> bool | None:
    value = _number(absence_percent)
    return None if value is None else value > ABSENCE_LIMIT


def average_is_low(grade_average) -> bool | None:
    value = _number(grade_average)
    return None if value is None else value < GRADE_AVERAGE_LIMIT


def grade_is_weak(lowest_grade) -> bool | None:
    return None if not lowest_grade else str(lowest_grade) in WEAK_GRADES


def factors(
    *, ticked: dict[str, bool], absence_percent=None, grade_average=None, lowest_grade=""
) -> list[Factor]:
    """Every risk factor with its answer: computed from school data when present."""
    computed = {
        "absence_high": (absence_is_high(absence_percent), f"{absence_percent} %"),
        "low_grade_average": (average_is_low(grade_average), f"{grade_average}"),
        "grade_one_or_iv": (grade_is_weak(lowest_grade), f"{lowest_grade}"),
    }
    result = []
    for code, label in FACTOR_LABELS.items():
        answer, basis = computed.get(code, (None, ""))
        if answer is None:
            result.append(Factor(code, label, bool(ticked.get(code)), computed=False))
        else:
            result.append(Factor(code, label, answer, computed=True, basis=basis))
    return result


def propose(
    factor_list: list[Factor],
    *,
    large_deviation: str = "",
    expressed_need: str = "",
    special_intake: bool = False,
) -> Proposal:
    count = sum(1 for f in factor_list if f.holds)
    if special_intake:
        return Proposal(
            "special_intake", (str(_("Applies by the special-intake deadline")),), count
        )
    reasons = []
    if count >= FACTORS_NEEDED:
        reasons.append(str(_("%(count)s risk factors hold") % {"count": count}))
    if (large_deviation or "").strip():
        reasons.append(str(_("A particularly large deviation is described")))
    if (expressed_need or "").strip():
        reasons.append(str(_("The student or a guardian asked for follow-up")))
    if reasons:
        return Proposal("transition", tuple(reasons), count)
    return Proposal(
        "ordinary",
        (str(_("%(count)s of %(needed)s risk factors needed") % {"count": count, "needed": 3}),),
        count,
    )
