"""The demo: a Swedish class with a mentor, plans at different steps, an archive, a booked talk."""

import pytest
from django.contrib.auth import get_user_model

from jurisdictions.se_iup.demo import load
from jurisdictions.se_iup.models import (
    Comment,
    DevelopmentPlan,
    Goal,
    Mentorship,
    PlanStatus,
    TalkBooking,
    TalkSlot,
)
from plugins.models import Organisation

pytestmark = pytest.mark.django_db


def counts():
    return tuple(
        m.objects.count()
        for m in (DevelopmentPlan, Goal, Comment, Mentorship, TalkSlot, TalkBooking, Organisation)
    )


def test_demo_class_plans_archive_and_booked_talk(demo, verified_client):
    school = Organisation.objects.get(slug="granbyskolan")
    assert school.jurisdictions == ["se-iup"]
    assert school.parent.name == "Granby kommun"
    mentor = get_user_model().objects.get(username="demo-se-mentor")
    assert mentor.check_password("demo-pass-2026")
    group = Mentorship.objects.get(mentor=mentor.person).group
    assert group.name == "7B" and group.school == school
    current = DevelopmentPlan.objects.filter(student__group=group).exclude(
        status=PlanStatus.ARCHIVED
    )
    assert len({p.status for p in current}) >= 4
    assert (
        DevelopmentPlan.objects.filter(status=PlanStatus.ARCHIVED, student__group=group).count()
        == 1
    )
    guardian = get_user_model().objects.get(username="demo-guardian")
    booking = TalkBooking.objects.get(plan__student__guardianships__guardian__user=guardian)
    assert booking.plan.status == PlanStatus.TALK_BOOKED and booking.booked_by == guardian
    # The demo guardian sees the booked talk, and the archived plan, through the pages.
    client = verified_client(guardian)
    page = client.get(f"/j/se-iup/plans/{booking.plan.pk}/")
    assert page.status_code == 200 and page.context["booking"] == booking
    assert [p.status for p in page.context["earlier"]] == [PlanStatus.ARCHIVED]
    # The mentor's class page and the student account work.
    assert verified_client(mentor).get(f"/j/se-iup/classes/{group.pk}/plans/").status_code == 200
    student = get_user_model().objects.get(username="demo-se-student")
    plan = DevelopmentPlan.objects.get(student__person__user=student)
    assert plan.status == PlanStatus.SELF_ASSESSMENT
    assert (
        verified_client(student).get(f"/j/se-iup/plans/{plan.pk}/self-assessment/").status_code
        == 200
    )


def test_loading_the_demo_twice_changes_nothing(demo):
    before = counts()
    from content import demo as demo_data

    world = demo_data.load()
    assert counts() == before
    load(world)
    assert counts() == before
