# ruff: noqa: S101 (pytest tests assert)
"""The demo shows what the README promises, to the accounts it lists."""

import pytest
from django.contrib.auth import get_user_model

from jurisdictions.no_troms_transition import consents
from jurisdictions.no_troms_transition.models import (
    Outcome,
    PlanStatus,
    ScreeningRow,
    TransitionPlan,
)

pytestmark = pytest.mark.django_db
BASE = "/j/no-troms-transition"


def test_demo_cases_and_accounts(demo, verified_client, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="demo-")}
    rows = {
        r.student.person.given_name: r
        for r in ScreeningRow.objects.filter(group__school__slug="sandvaer-lower-secondary")
    }
    assert rows["Henrik"].decision == Outcome.ORDINARY
    assert rows["Ingrid"].decision == Outcome.SPECIAL_INTAKE
    for name in ("Jonas", "Lars", "Maja", "Nils"):
        assert rows[name].decision == Outcome.TRANSITION
    maja_absence = next(f for f in rows["Maja"].factors() if f.code == "absence_high")
    assert maja_absence.computed and maja_absence.holds
    plans = {p.student.person.given_name: p for p in TransitionPlan.objects.all()}
    assert plans["Jonas"].status == PlanStatus.ACTIVE
    assert plans["Maja"].status == PlanStatus.HANDED_OVER
    assert plans["Lars"].status == PlanStatus.AWAITING_CONSENT
    assert plans["Nils"].status == PlanStatus.STOPPED
    assert consents.is_given(plans["Jonas"]) and consents.is_refused(plans["Nils"])

    rektor = verified_client(users["demo-troms-rektor"])
    group = rows["Jonas"].group
    page = rektor.get(f"{BASE}/classes/{group.pk}/").content.decode()
    assert "Jonas Rypdal" in page and "Consent refused" in page

    upper = verified_client(users["demo-troms-upper"])
    assert upper.get(f"{BASE}/plans/{plans['Maja'].pk}/").status_code == 200
    assert upper.get(f"{BASE}/plans/{plans['Lars'].pk}/").status_code == 404

    guardian = verified_client(users["demo-troms-guardian"])
    family = guardian.get("/family/consents/").content.decode()
    assert "Waiting for an answer" in family
    assert guardian.get(f"{BASE}/plans/{plans['Lars'].pk}/").status_code == 404

    assert (
        verified_client(users["demo-troms-owner"]).get(f"{BASE}/overview/owner/").status_code == 200
    )
    assert verified_client(users["demo-troms-owner"]).get(f"{BASE}/measures/").status_code == 200
    county = verified_client(users["demo-county"]).get(f"{BASE}/overview/county/")
    assert county.status_code == 200
    assert "Sandvær ungdomsskole" in county.content.decode()
    assert "Jonas" not in county.content.decode()
