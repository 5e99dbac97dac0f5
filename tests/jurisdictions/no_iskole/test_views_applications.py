"""The application pages on the SDK page layer: 400 on an invalid form, one audit row per
save with the role used, the step-up resumed with what was posted, one ``.pdf``."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest

from jurisdictions.no_iskole.models import ApplicationStatus, StudentApplication
from plugins.accounts import VERIFIED_AT_KEY
from plugins.audit.models import AuditEvent
from plugins.models import TransitionLog

from .helpers import make_application, school_application
from .test_rules import url, version_of

pytestmark = pytest.mark.django_db
A = ApplicationStatus


def _rows(record, model="StudentApplication"):
    return AuditEvent.objects.filter(record_type=model, record_id=str(record.pk))


def _fields(client, app, **changes):
    data = {
        "expert_assessment": app.expert_assessment,
        "goals": "",
        "other_information": "",
        "subjects": [s.pk for s in app.subjects.all()],
        "version": version_of(client, url("application-edit", app.pk)),
    }
    return {**data, **changes}


def test_a_save_writes_one_audit_row_with_the_role_used(school, verified_client):
    app = make_application(school, A.REGISTERED)
    client = verified_client(school.coordinator)
    data = _fields(client, app, goals="Reads with support.")
    before = _rows(app).count()
    assert client.post(url("application-edit", app.pk), data).status_code == 302
    rows = list(_rows(app).order_by("pk")[before:])
    assert [(r.action, r.role) for r in rows] == [("edit", "coordinator")]
    app.refresh_from_db()
    assert app.goals == "Reads with support."


def test_an_invalid_application_answers_400_and_keeps_the_record(school, verified_client):
    app = make_application(school, A.REGISTERED)
    client = verified_client(school.coordinator)
    data = _fields(client, app, goals="Never saved", subjects=["0"])
    response = client.post(url("application-edit", app.pk), data)
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    app.refresh_from_db()
    assert app.goals == ""


def test_a_decision_asks_for_the_code_and_keeps_the_note(school, verified_client):
    sa = school_application(school, sent=True)
    app = make_application(school, A.UNDER_CONSIDERATION, school_application=sa)
    client = verified_client(school.coordinator, fresh=False)
    asked = client.post(url("application-step", app.pk, "grant"), {"note": "Decision 12/2026"})
    assert asked.status_code == 302 and urlsplit(asked["Location"]).path.endswith("/verify/")
    app.refresh_from_db()
    assert app.status == A.UNDER_CONSIDERATION
    session = client.session
    session[VERIFIED_AT_KEY] = int(time.time())
    session.save()
    resume = parse_qs(urlsplit(asked["Location"]).query)["next"][0]
    assert client.get(resume).status_code == 302
    app.refresh_from_db()
    assert app.status == A.GRANTED
    log = TransitionLog.objects.get(record_id=str(app.pk), transition="grant")
    assert log.note == "Decision 12/2026"


def test_a_step_not_possible_now_is_shown_and_not_taken(school, verified_client):
    app = make_application(school, A.REGISTERED, expert_assessment="")
    client = verified_client(school.coordinator)
    response = client.post(url("application-step", app.pk, "publish"), follow=True)
    assert "Fill in the summary of the expert assessment" in response.content.decode()
    app.refresh_from_db()
    assert app.status == A.REGISTERED


def test_an_unknown_step_is_404_and_a_family_step_403(school, verified_client):
    app = make_application(school, A.UNDER_CONSIDERATION)
    client = verified_client(school.coordinator)
    assert client.post(url("application-step", app.pk, "approve")).status_code == 404
    family = verified_client(school.guardian)
    assert family.post(url("application-step", app.pk, "grant")).status_code in (403, 404)
    app.refresh_from_db()
    assert app.status == A.UNDER_CONSIDERATION


def test_the_application_pdf_is_named_with_one_pdf(school, verified_client):
    app = make_application(school, A.REGISTERED)
    response = verified_client(school.coordinator).get(url("application-pdf", app.pk))
    name = response["Content-Disposition"]
    assert f"application-{app.pk}.pdf" in name and ".pdf.pdf" not in name


def test_deleting_writes_one_delete_row(school, verified_client):
    app = make_application(school, A.REGISTERED)
    pk = app.pk
    before = _rows(app).count()
    response = verified_client(school.coordinator).post(url("application-delete", pk))
    assert response.status_code == 302
    assert not StudentApplication.objects.filter(pk=pk).exists()
    rows = AuditEvent.objects.filter(record_type="StudentApplication", record_id=str(pk))
    assert list(rows.order_by("pk")[before:].values_list("action", flat=True)) == ["delete"]
