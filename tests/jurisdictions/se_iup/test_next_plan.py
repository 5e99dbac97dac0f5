"""Creating the next IUP proposes the term after the latest plan, and validates the term.

Regression (issue 16, finding 12): the class page proposed the current term for
the next plan, so a mentor who kept the default was told that a plan already
existed for this term.
"""

import re

import pytest

from jurisdictions.se_iup.models import (
    DevelopmentPlan,
    PlanStatus,
    next_term,
    term_for,
)

from .conftest import make_plan

pytestmark = pytest.mark.django_db


def term_key(term):
    """Chronological order of terms: spring (VT) before autumn (HT) of a year."""
    return int(term[2:]), term[:2] == "HT"


def previous_term(term):
    kind, year = term[:2], int(term[2:])
    return f"HT{year - 1}" if kind == "VT" else f"VT{year}"


def new_plan_select(html, student):
    """The options of the student's "next plan" select: ([values], selected value)."""
    match = re.search(
        rf'<select name="term" id="term-{student.pk}">(.*?)</select>', html, re.DOTALL
    )
    assert match, f"no term select for student {student.pk}"
    options = re.findall(r'<option value="([A-Z]{2}\d{4})"( selected)?>', match.group(1))
    values = [value for value, _sel in options]
    selected = [value for value, sel in options if sel]
    assert len(selected) == 1, options
    return values, selected[0]


def class_page(client, world):
    response = client.get(f"/j/se-iup/classes/{world.group.pk}/plans/")
    assert response.status_code == 200
    return response.content.decode()


def test_next_plan_proposes_the_term_after_the_evaluated_plan(world, verified_client):
    current = term_for()
    make_plan(world.ada, PlanStatus.EVALUATED, mentor=world.mentor, term=current)
    mentor = verified_client(world.mentor)
    values, selected = new_plan_select(class_page(mentor, world), world.ada)
    assert selected == next_term(current)
    # Terms that already have a plan, or lie before it, are not offered.
    assert current not in values
    assert all(term_key(v) > term_key(current) for v in values)

    # Keeping the proposal creates the next plan and archives the evaluated one.
    response = mentor.post(f"/j/se-iup/students/{world.ada.pk}/plans/new/", {"term": selected})
    new = DevelopmentPlan.objects.exclude(status=PlanStatus.ARCHIVED).get(student=world.ada)
    assert response.status_code == 302
    assert response["Location"] == f"/j/se-iup/plans/{new.pk}/"
    assert new.term == next_term(current)


def test_a_student_without_a_plan_gets_the_current_term(world, verified_client):
    values, selected = new_plan_select(class_page(verified_client(world.mentor), world), world.bo)
    assert selected == term_for()
    assert values[0] == term_for()


def test_an_old_latest_plan_proposes_no_term_in_the_past(world, verified_client):
    old = previous_term(previous_term(term_for()))
    make_plan(world.ada, PlanStatus.ARCHIVED, mentor=world.mentor, term=previous_term(old))
    make_plan(world.ada, PlanStatus.EVALUATED, mentor=world.mentor, term=old)
    values, selected = new_plan_select(class_page(verified_client(world.mentor), world), world.ada)
    assert selected == term_for()
    assert all(term_key(v) >= term_key(term_for()) for v in values)


def test_a_plan_far_ahead_is_followed_by_the_term_after_it(world, verified_client):
    ahead = next_term(next_term(next_term(term_for())))
    make_plan(world.ada, PlanStatus.EVALUATED, mentor=world.mentor, term=ahead)
    mentor = verified_client(world.mentor)
    values, selected = new_plan_select(class_page(mentor, world), world.ada)
    assert selected == next_term(ahead)
    response = mentor.post(f"/j/se-iup/students/{world.ada.pk}/plans/new/", {"term": selected})
    assert response.status_code == 302
    assert DevelopmentPlan.objects.filter(student=world.ada, term=next_term(ahead)).exists()


@pytest.mark.parametrize("offset", ["same", "earlier"])
def test_a_term_not_after_the_latest_plan_is_refused_by_the_form(world, verified_client, offset):
    current = term_for()
    plan = make_plan(world.ada, PlanStatus.EVALUATED, mentor=world.mentor, term=current)
    posted = current if offset == "same" else previous_term(current)
    response = verified_client(world.mentor).post(
        f"/j/se-iup/students/{world.ada.pk}/plans/new/", {"term": posted}, follow=True
    )
    page = response.content.decode()
    assert "Choose a term after" in page
    assert DevelopmentPlan.objects.filter(student=world.ada).count() == 1
    plan.refresh_from_db()
    assert plan.status == PlanStatus.EVALUATED


def test_a_term_that_is_not_a_term_is_refused(world, verified_client):
    response = verified_client(world.mentor).post(
        f"/j/se-iup/students/{world.ada.pk}/plans/new/", {"term": "XX1"}, follow=True
    )
    assert "Choose a term for the new plan." in response.content.decode()
    assert not DevelopmentPlan.objects.exists()
