# ruff: noqa: S101 (pytest tests assert)
"""The plugin's pages answer as every jurisdiction's do: a refused form is a 400, a save
leaves one audit row with the role used, a step asked with a stale second factor is done
with what was posted once the code is given, a download ends in one ``.pdf``."""

import time
from urllib.parse import parse_qs, urlparse

import pytest

from jurisdictions.no_troms_transition.models import (
    Outcome,
    PlanStatus,
    RowStatus,
    ScreeningRow,
    TransitionPlan,
)
from plugins.accounts import VERIFIED_AT_KEY
from plugins.models import AuditEvent, TransitionLog
from tests.conftest import posted_form as posted

from .conftest import answer_consents, plan_for, screened_row

pytestmark = pytest.mark.django_db
BASE = "/j/no-troms-transition"


def _audit(record):
    return AuditEvent.objects.filter(
        record_type=type(record).__name__, record_id=str(record.pk), action="edit"
    )


def test_screening_row_edit_page_opens_and_refuses_a_post_without_version(verified_client, area):
    row = screened_row(area, assessment="Before")
    client = verified_client(area.counsellor)
    page = client.get(f"{BASE}/rows/{row.pk}/edit/")
    assert page.status_code == 200
    data = posted(page, "form", assessment="After")
    data.pop("version")
    response = client.post(f"{BASE}/rows/{row.pk}/edit/", data)
    assert response.status_code == 400
    assert ScreeningRow.objects.get(pk=row.pk).assessment == "Before"


def test_one_audit_row_per_save_with_the_role_used(verified_client, area):
    row = screened_row(area, assessment="Before")
    client = verified_client(area.counsellor)
    page = client.get(f"{BASE}/rows/{row.pk}/")
    before = _audit(row).count()
    response = client.post(f"{BASE}/rows/{row.pk}/edit/", posted(page, "form", assessment="Now"))
    assert response.status_code == 302
    rows = _audit(row).order_by("-pk")
    assert rows.count() == before + 1
    assert rows[0].role == "counsellor"


def test_step_save_leaves_one_audit_row_and_an_invalid_step_is_a_400(verified_client, area):
    plan = answer_consents(area, plan_for(area))
    assert plan.status == PlanStatus.ACTIVE
    step = plan.steps.first()
    client = verified_client(area.rektor)
    url = f"{BASE}/plans/{plan.pk}/steps/{step.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    before = _audit(step).count()
    bad = client.post(url, posted(page, "form", due="not a date", note="Lost"))
    assert bad.status_code == 400
    step.refresh_from_db()
    assert step.note != "Lost"
    assert _audit(step).count() == before + 1  # the refused post's own load, nothing more
    before = _audit(step).count()
    assert client.post(url, posted(page, "form", note="Saved")).status_code == 302
    step.refresh_from_db()
    assert step.note == "Saved"
    assert list(_audit(step).values_list("role", flat=True))[before:] == ["rektor"]


def test_override_asked_with_a_stale_factor_is_done_with_the_reason_after_the_code(
    verified_client, area
):
    row = screened_row(area, expressed_need="Wants to move town.")
    client = verified_client(area.rektor, fresh=False)
    reason = "The family has moved; the class teacher knows better."
    response = client.post(
        f"{BASE}/rows/{row.pk}/decide/", {"decision": "override", "reason": reason}
    )
    assert response.status_code == 302 and response["Location"].startswith("/accounts/verify/")
    row.refresh_from_db()
    assert row.status == RowStatus.OPEN and not row.override_reason

    session = client.session
    session[VERIFIED_AT_KEY] = int(time.time())
    session.save()
    target = parse_qs(urlparse(response["Location"]).query)["next"][0]
    resumed = client.get(target)
    assert resumed.status_code == 302 and resumed["Location"] == f"{BASE}/rows/{row.pk}/"
    row.refresh_from_db()
    assert row.status == RowStatus.DECIDED and row.overrides_proposal
    assert row.override_reason == reason and row.decision == Outcome.ORDINARY
    log = TransitionLog.objects.get(record_type="ScreeningRow", record_id=str(row.pk))
    assert log.transition == "override" and log.note == reason


def test_a_step_not_possible_now_is_shown_in_the_form_and_keeps_no_reason(verified_client, area):
    row = screened_row(area, special_intake=True)
    client = verified_client(area.rektor)
    response = client.post(
        f"{BASE}/rows/{row.pk}/decide/", {"decision": "override", "reason": "Try anyway"}
    )
    assert response.status_code == 400
    assert response.context["decision_form"].non_field_errors()
    row.refresh_from_db()
    assert row.status == RowStatus.OPEN and row.override_reason == ""


def test_overview_pdf_is_named_with_one_pdf_ending(verified_client, area):
    response = verified_client(area.county_officer).get(f"{BASE}/overview/county/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment") and disposition.count(".pdf") == 1
    assert "transition-county-" in disposition


def test_plan_step_fired_from_the_plan_page(verified_client, area):
    plan = answer_consents(area, plan_for(area))
    plan.steps.filter(code="application").update(done_at=plan.created_at)
    response = verified_client(area.counsellor).post(
        f"{BASE}/plans/{plan.pk}/step/", {"transition": "hand_over", "note": "All set."}
    )
    assert response.status_code == 302
    assert TransitionPlan.objects.get(pk=plan.pk).status == PlanStatus.HANDED_OVER
    log = TransitionLog.objects.filter(record_type="TransitionPlan", record_id=str(plan.pk))
    assert log.get(transition="hand_over").note == "All set."
