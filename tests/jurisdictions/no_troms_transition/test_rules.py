# ruff: noqa: S101 (pytest tests assert)
"""The screening rule at its edges, and the factors computed from school data."""

import pytest

from jurisdictions.no_troms_transition import rules
from jurisdictions.no_troms_transition.models import Outcome

from .conftest import school_data, screened_row

pytestmark = pytest.mark.django_db


def ticked(*codes):
    return rules.factors(ticked=dict.fromkeys(codes, True))


def test_two_factors_are_not_enough():
    proposal = rules.propose(ticked("earlier_measures", "activity_plan"))
    assert proposal.outcome == Outcome.ORDINARY
    assert proposal.factor_count == 2
    assert not proposal.proposed


def test_three_factors_propose():
    proposal = rules.propose(ticked("earlier_measures", "activity_plan", "national_test_level1"))
    assert proposal.outcome == Outcome.TRANSITION
    assert proposal.factor_count == 3


def test_one_large_deviation_proposes_on_its_own():
    proposal = rules.propose(ticked(), large_deviation="Very shy; weak relations to classmates.")
    assert proposal.proposed and proposal.factor_count == 0


def test_blank_deviation_text_does_not_count():
    assert not rules.propose(ticked("earlier_measures"), large_deviation="   \n").proposed


def test_expressed_need_proposes():
    proposal = rules.propose(ticked(), expressed_need="The father asks for close follow-up.")
    assert proposal.proposed


def test_special_intake_is_excluded_whatever_holds():
    proposal = rules.propose(
        ticked(*rules.TICKED_FACTORS),
        large_deviation="Large",
        expressed_need="Asked",
        special_intake=True,
    )
    assert proposal.outcome == Outcome.SPECIAL_INTAKE
    assert not proposal.proposed


@pytest.mark.parametrize(
    "absence,holds", [("6.0", False), ("6", False), ("6.1", True), ("15", True), ("0", False)]
)
def test_absence_threshold(area, absence, holds):
    row = screened_row(area)
    school_data(row, absence_percent=absence)
    factor = next(f for f in row.factors() if f.code == "absence_high")
    assert factor.computed is True
    assert factor.holds is holds


@pytest.mark.parametrize(
    "average,holds", [("3.0", False), ("3.00", False), ("2.99", True), ("4.5", False)]
)
def test_grade_average_threshold(area, average, holds):
    row = screened_row(area)
    school_data(row, grade_average=average)
    factor = next(f for f in row.factors() if f.code == "low_grade_average")
    assert factor.computed is True
    assert factor.holds is holds


@pytest.mark.parametrize("grade,holds", [("1", True), ("IV", True), ("2", False)])
def test_grade_one_or_iv(area, grade, holds):
    row = screened_row(area)
    school_data(row, lowest_grade=grade)
    factor = next(f for f in row.factors() if f.code == "grade_one_or_iv")
    assert (factor.computed, factor.holds) == (True, holds)


def test_computed_value_wins_over_the_ticked_box(area):
    row = screened_row(area, absence_high=True, low_grade_average=False)
    school_data(row, absence_percent="6.0", grade_average="2.5")
    by_code = {f.code: f for f in row.factors()}
    assert by_code["absence_high"].holds is False  # the box said yes; 6.0 % is not above 6 %
    assert by_code["low_grade_average"].holds is True  # the box said no; 2.5 is below 3


def test_without_school_data_the_ticked_boxes_count(area):
    row = screened_row(area, absence_high=True, earlier_measures=True)
    by_code = {f.code: f for f in row.factors()}
    assert by_code["absence_high"].holds and not by_code["absence_high"].computed
    assert row.proposal().factor_count == 2 and not row.proposal().proposed
    school_data(row, absence_percent="15")
    row = type(row).objects.get(pk=row.pk)
    row.national_test_level1 = True
    assert row.proposal().proposed  # 15 % absence computed, plus two ticked


def test_a_missing_figure_falls_back_to_the_box(area):
    row = screened_row(area, low_grade_average=True)
    school_data(row, absence_percent="2")  # no grade average known
    by_code = {f.code: f for f in row.factors()}
    assert by_code["absence_high"].computed and not by_code["absence_high"].holds
    assert not by_code["low_grade_average"].computed and by_code["low_grade_average"].holds
