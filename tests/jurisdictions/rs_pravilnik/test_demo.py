# ruff: noqa: S101 (pytest tests assert)
"""The demo: a primary school and a preschool with students at each step."""

import pytest

from jurisdictions.rs_pravilnik.models import CaseStatus, Iop, IopKind, IopStatus, SupportCase
from plugins.access import can, permitted

pytestmark = pytest.mark.django_db


def test_demo_has_every_step_and_an_iop2_with_its_iop1(demo):
    from django.contrib.auth import get_user_model

    statuses = set(
        SupportCase.objects.filter(
            student__school__slug__in=["os-javorov-list", "pu-suncica"]
        ).values_list("status", flat=True)
    )
    assert {
        CaseStatus.OBSERVATION,
        CaseStatus.PROPOSED,
        CaseStatus.ACCEPTED,
        CaseStatus.REFUSED,
        CaseStatus.TEAM,
    } <= statuses
    iop2 = Iop.objects.get(kind=IopKind.IOP2, case__student__person__given_name="Марко")
    assert iop2.status == IopStatus.ADOPTED
    assert [i.kind for i in iop2.history] == [IopKind.IOP1]
    assert iop2.history[0].status == IopStatus.SUPERSEDED
    assert Iop.objects.filter(kind=IopKind.IOP3, status=IopStatus.ADOPTED).exists()
    assert Iop.objects.filter(
        case__student__school__kind="preschool", status=IopStatus.ADOPTED
    ).exists()
    users = get_user_model().objects
    parent = users.get(username="demo-rs-parent")
    assert can(parent, "view", iop2) and can(parent, "view", iop2.history[0])
    others = permitted(
        parent, "view", Iop.objects.exclude(case__student__guardianships__guardian__user=parent)
    )
    assert not others.exists()
    team = users.get(username="demo-rs-team")
    assert permitted(team, "view", SupportCase.objects.all()).count() >= 9


def test_demo_loads_twice_without_new_rows(demo):
    from content import demo as demo_data
    from plugins.models import TransitionLog

    counts = (SupportCase.objects.count(), Iop.objects.count(), TransitionLog.objects.count())
    demo_data.load()
    assert (
        SupportCase.objects.count(),
        Iop.objects.count(),
        TransitionLog.objects.count(),
    ) == counts
