"""The school's pages: its joint application and who is IOP coordinator."""

import datetime

import pytest
from django.utils import timezone

from jurisdictions.no_iskole.models import ApplicationStatus, SchoolApplication
from plugins.audit.models import AuditEvent
from plugins.models import RoleAssignment
from plugins.sdk import builders as b

from .helpers import make_application, school_application
from .test_rules import url

pytestmark = pytest.mark.django_db
A = ApplicationStatus


def test_an_unapproved_application_does_not_join(school, verified_client):
    sa = school_application(school)
    app = make_application(school, A.REGISTERED)
    client = verified_client(school.coordinator)
    page = client.post(url("school-application-add", sa.pk), {"application": app.pk}, follow=True)
    assert "cannot join" in page.content.decode()
    app.refresh_from_db()
    assert app.school_application is None and app.status == A.REGISTERED


def test_an_approved_application_joins_and_leaves(school, verified_client):
    sa = school_application(school)
    app = make_application(school, A.APPROVED)
    client = verified_client(school.coordinator)
    client.post(url("school-application-add", sa.pk), {"application": app.pk})
    app.refresh_from_db()
    assert app.school_application == sa and app.status == A.UNDER_CONSIDERATION
    client.post(url("school-application-remove", sa.pk, app.pk))
    app.refresh_from_db()
    assert app.school_application is None and app.status == A.APPROVED


def test_a_school_application_is_not_sent_in_the_future_nor_empty(school, verified_client):
    sa = school_application(school)
    client = verified_client(school.coordinator)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    client.post(url("school-application-send", sa.pk), {"sent_on": tomorrow.isoformat()})
    client.post(url("school-application-send", sa.pk), {"sent_on": "2024-01-02"})
    sa.refresh_from_db()
    # No student yet: the step is refused and the date is not kept either.
    assert sa.status == "open" and sa.sent_on is None


def test_an_invalid_new_school_application_answers_400(school, verified_client):
    client = verified_client(school.coordinator)
    response = client.post(url("school-applications"), {"school": school.school.pk, "name": ""})
    assert response.status_code == 400
    assert not SchoolApplication.objects.exists()


def test_the_leader_names_a_coordinator_audited_with_the_role_used(school, verified_client):
    teacher = b.teacher_of(school.student)
    client = verified_client(school.leader)
    page = url("coordinators", school.school.pk)
    assert client.post(page, {"person": teacher.person.pk}).status_code == 302
    granted = RoleAssignment.objects.get(person=teacher.person, role="coordinator")
    row = AuditEvent.objects.get(record_type="RoleAssignment", record_id=str(granted.pk))
    assert (row.action, row.role) == ("manage", "leader")
    client.post(page, {"end": granted.pk})
    granted.refresh_from_db()
    assert granted.valid_to < timezone.localdate()
    assert verified_client(school.coordinator).get(page).status_code in (403, 404)
