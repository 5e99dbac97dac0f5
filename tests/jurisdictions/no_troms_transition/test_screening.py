# ruff: noqa: S101 (pytest tests assert)
"""The class screening table, the row form and the rektor's decision, through the pages."""

import pytest

from jurisdictions.no_troms_transition.models import Outcome, RowStatus, ScreeningRow
from plugins.models import AuditEvent
from plugins.sdk import builders as b
from tests.conftest import posted_form as posted

from .conftest import give_role, school_data, screened_row

pytestmark = pytest.mark.django_db
BASE = "/j/no-troms-transition"


def test_pages_need_a_login(client, area):
    row = screened_row(area)
    for url in (f"{BASE}/", f"{BASE}/classes/{area.group.pk}/", f"{BASE}/rows/{row.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_rektor_starts_the_screening_with_one_row_per_student(verified_client, area):
    for given in ("Arve", "Brita", "Carl"):
        area.add_student(given, "Testesen")
    client = verified_client(area.rektor)
    page = client.get(f"{BASE}/classes/{area.group.pk}/")
    assert page.status_code == 200
    assert "Add these students to the screening" in page.content.decode()
    assert client.get(f"{BASE}/classes/{area.group.pk}/start/").status_code == 405
    response = client.post(f"{BASE}/classes/{area.group.pk}/start/")
    assert response.status_code == 302
    assert ScreeningRow.objects.filter(group=area.group).count() == 3
    client.post(f"{BASE}/classes/{area.group.pk}/start/")  # twice: still one row each
    assert ScreeningRow.objects.filter(group=area.group).count() == 3
    page = client.get(f"{BASE}/classes/{area.group.pk}/").content.decode()
    assert "Arve Testesen" in page and "Not decided yet" in page
    assert page.count('<th scope="row">') == 3
    assert response["Cache-Control"].count("no-store") == 1


def test_table_shows_computed_and_ticked_factors_and_escapes_text(verified_client, area):
    row = screened_row(
        area,
        earlier_measures=True,
        large_deviation="<script>alert(1)</script> very shy",
    )
    school_data(row, absence_percent="15")
    page = verified_client(area.rektor).get(f"{BASE}/classes/{area.group.pk}/").content.decode()
    assert "Absence above 6 %" in page and "(computed: 15.0 %)" in page
    assert "2 of 7" in page  # earlier measures (ticked) and absence (computed)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "Proposed" in page


def test_another_school_sees_nothing(verified_client, area, other_area):
    row = screened_row(area)
    stranger = verified_client(other_area.rektor)
    assert stranger.get(f"{BASE}/classes/{area.group.pk}/").status_code == 404
    assert stranger.get(f"{BASE}/rows/{row.pk}/").status_code == 404
    assert stranger.post(f"{BASE}/classes/{area.group.pk}/start/").status_code == 404
    response = stranger.post(f"{BASE}/rows/{row.pk}/edit/", {"assessment": "x"})
    assert response.status_code == 404
    assert AuditEvent.objects.filter(outcome="404", record_id=str(row.pk)).exists()
    # The school owner and the upper-secondary school do not read screening rows either.
    assert verified_client(area.owner).get(f"{BASE}/rows/{row.pk}/").status_code == 404
    assert verified_client(area.upper_staff).get(f"{BASE}/rows/{row.pk}/").status_code == 404


def test_teacher_fills_in_but_cannot_decide(verified_client, area):
    row = screened_row(area)
    teacher = b.teacher_of(row.student)
    client = verified_client(teacher)
    page = client.get(f"{BASE}/rows/{row.pk}/")
    response = client.post(
        f"{BASE}/rows/{row.pk}/edit/",
        posted(page, earlier_measures="on", assessment="Follows the ordinary transition"),
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.earlier_measures and row.assessment == "Follows the ordinary transition"
    assert client.post(f"{BASE}/rows/{row.pk}/decide/", {"decision": "confirm"}).status_code == 403
    row.refresh_from_db()
    assert row.status == RowStatus.OPEN


def test_computed_boxes_cannot_be_ticked_by_hand(verified_client, area):
    row = screened_row(area)
    school_data(row, absence_percent="2.0")
    client = verified_client(area.rektor)
    page = client.get(f"{BASE}/rows/{row.pk}/")
    response = client.post(f"{BASE}/rows/{row.pk}/edit/", posted(page, absence_high="on"))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.absence_high is False


def test_school_figures_accept_a_decimal_comma_and_say_what_is_wrong(verified_client, area):
    row = screened_row(area)
    client = verified_client(area.counsellor)
    response = client.post(
        f"{BASE}/rows/{row.pk}/school-data/", {"absence_percent": "6,5", "grade_average": ""}
    )
    assert response.status_code == 302
    assert next(f for f in row.factors() if f.code == "absence_high").holds
    response = client.post(
        f"{BASE}/rows/{row.pk}/school-data/", {"absence_percent": "120", "grade_average": "abc"}
    )
    assert response.status_code == 400
    errors = response.context["data_form"].errors
    assert "absence_percent" in errors and "grade_average" in errors


def test_rektor_confirms_the_proposal_with_a_fresh_second_factor(verified_client, area):
    row = screened_row(area, expressed_need="The mother is unsure about the move.")
    stale = verified_client(area.rektor, fresh=False)
    response = stale.post(f"{BASE}/rows/{row.pk}/decide/", {"decision": "confirm"})
    assert response.status_code == 302 and "/verify" in response["Location"]
    row.refresh_from_db()
    assert row.status == RowStatus.OPEN
    response = verified_client(area.rektor).post(
        f"{BASE}/rows/{row.pk}/decide/", {"decision": "confirm"}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == RowStatus.DECIDED
    assert row.decision == Outcome.TRANSITION and not row.overrides_proposal
    assert row.decided_by == area.rektor


def test_override_needs_a_reason_and_flips_the_proposal(verified_client, area):
    row = screened_row(area, earlier_measures=True)  # one factor: not proposed
    client = verified_client(area.rektor)
    response = client.post(f"{BASE}/rows/{row.pk}/decide/", {"decision": "override", "reason": " "})
    assert response.status_code == 400
    assert "Write why you decide otherwise" in response.content.decode()
    row.refresh_from_db()
    assert row.status == RowStatus.OPEN and row.override_reason == ""
    response = client.post(
        f"{BASE}/rows/{row.pk}/decide/",
        {"decision": "override", "reason": "Weak relations to classmates."},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.decision == Outcome.TRANSITION and row.overrides_proposal
    assert row.override_reason == "Weak relations to classmates."


def test_special_intake_student_cannot_be_overridden_into_follow_up(verified_client, area):
    row = screened_row(area, special_intake=True, earlier_measures=True)
    client = verified_client(area.rektor)
    response = client.post(
        f"{BASE}/rows/{row.pk}/decide/", {"decision": "override", "reason": "Try anyway"}
    )
    assert response.status_code == 400
    row.refresh_from_db()
    assert row.status == RowStatus.OPEN and row.override_reason == ""  # rolled back
    client.post(f"{BASE}/rows/{row.pk}/decide/", {"decision": "confirm"})
    row.refresh_from_db()
    assert row.decision == Outcome.SPECIAL_INTAKE
    page = client.get(f"{BASE}/classes/{area.group.pk}/").content.decode()
    assert "Follows the special-intake track" in page


def test_leader_role_alone_is_not_rektor(verified_client, area):
    row = screened_row(area)
    leader = give_role(b.user(), "leader", area.school)
    assert verified_client(leader).get(f"{BASE}/rows/{row.pk}/").status_code == 404
    give_role(leader, "rektor", area.school)
    assert verified_client(leader).get(f"{BASE}/rows/{row.pk}/").status_code == 200


def test_pages_speak_norwegian_bokmal(verified_client, area, settings):
    screened_row(area, earlier_measures=True)
    client = verified_client(area.rektor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    page = client.get(f"{BASE}/classes/{area.group.pk}/").content.decode()
    assert "Kartlegging av klasse 10B" in page
    assert "Tidligere tiltak" in page and "Ikke foreslått" in page
