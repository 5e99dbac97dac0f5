"""Regressions from the outside testers' findings (issue 16) on the IOP module."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from jurisdictions.no_iskole.models import (
    AnnualReport,
    ApplicationStatus,
    Iop,
    SpecialEducation,
    Stage,
    StudentApplication,
)
from plugins.audit.models import AuditEvent
from plugins.consent import current_request
from plugins.documents import store_upload
from plugins.models import Group, SchoolYear
from plugins.sdk import builders as b

from .helpers import make_application, make_iop, school_application
from .test_rules import pdf_upload, url

pytestmark = pytest.mark.django_db
A = ApplicationStatus


def _granted_through_the_portal(school, verified_client):
    """The whole path to "granted", so the transition history has every step."""
    app = make_application(school, A.REGISTERED)
    coord = verified_client(school.coordinator)
    coord.post(url("application-step", app.pk, "publish"))
    req = current_request(app, "application-approval")
    verified_client(school.guardian).post(
        reverse("consent:answer", args=[req.pk]), {"decision": "sign", "read": "on"}
    )
    sa = school_application(school)
    coord.post(url("school-application-add", sa.pk), {"application": app.pk})
    coord.post(url("school-application-send", sa.pk), {"sent_on": "2020-01-01"})
    coord.post(url("application-step", app.pk, "grant"))
    app.refresh_from_db()
    assert app.status == A.GRANTED
    return app, coord


# -- 1. the application as PDF ----------------------------------------------------------------


def test_coordinator_and_family_download_the_application_pdf(school, verified_client):
    app = make_application(school, A.REGISTERED)
    coord = verified_client(school.coordinator)
    pdf = coord.get(url("application-pdf", app.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    page = coord.get(url("application", app.pk)).content.decode()
    assert url("application-pdf", app.pk) in page

    # Not yet published: the family gets nothing, and no link.
    family = verified_client(school.guardian)
    assert family.get(url("application-pdf", app.pk)).status_code == 404

    app.status = A.AWAITING_APPROVAL
    app.save()
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    ok = family.get(url("application-pdf", app.pk))
    assert ok.status_code == 200 and ok["Content-Type"] == "application/pdf"
    assert url("application-pdf", app.pk) in family.get(url("application", app.pk)).content.decode()
    # The family's access log shows a download, not a refusal.
    rows = AuditEvent.objects.filter(
        pk__gt=before,
        actor=school.guardian,
        record_type="StudentApplication",
        record_id=str(app.pk),
    )
    assert rows.filter(action="download", outcome="ok").exists()
    assert not rows.filter(action="denied", attempted="download").exists()

    # Another family never.
    stranger = verified_client(b.guardian_of(b.student()))
    assert stranger.get(url("application-pdf", app.pk)).status_code == 404


# -- 9. a decided application -----------------------------------------------------------------


def test_decided_application_keeps_history_and_the_staff_back_link(school, verified_client):
    app, coord = _granted_through_the_portal(school, verified_client)
    html = coord.get(url("application", app.pk)).content.decode()
    assert "Back to my children" not in html and 'href="/family/"' not in html
    assert f'href="{url("index")}"' in html
    assert 'id="hist-h"' in html
    for label in ("Awaiting approval", "Approved", "Under consideration", "Granted"):
        assert f"→ {label}" in html
    # The family gets its own way back, and no staff history.
    family_html = verified_client(school.guardian).get(url("application", app.pk))
    family_html = family_html.content.decode()
    assert "Back to my children" in family_html and 'id="hist-h"' not in family_html


def test_history_is_shown_to_the_coordinator_on_every_status(school, verified_client):
    coord = verified_client(school.coordinator)
    for status in A.values:
        app = make_application(school, status, student=b.student(school_org=school.school))
        html = coord.get(url("application", app.pk)).content.decode()
        assert 'id="hist-h"' in html, status
        assert f'href="{url("index")}"' in html, status


# -- 11. who can get a new application; empty lists ------------------------------------------


def test_new_application_offers_only_students_currently_enrolled(school, verified_client):
    org = school.school
    enrolled = b.student(school_org=org)
    left = b.student(school_org=org)
    left.left_on = timezone.localdate() - datetime.timedelta(days=400)
    left.save()
    no_class = b.student(school_org=org)
    no_class.group = None
    no_class.save()
    old_year = SchoolYear.objects.create(name="2001/02", starts="2001-08-01", ends="2002-07-31")
    last_years_class = b.student(school_org=org)
    last_years_class.group = Group.objects.create(school=org, school_year=old_year, name="7Z")
    last_years_class.save()

    client = verified_client(school.coordinator)
    html = client.get(url("application-new")).content.decode()
    assert enrolled.name in html
    for gone in (left, no_class, last_years_class):
        assert gone.name not in html
        response = client.post(url("application-new"), {"student": gone.pk})
        assert response.status_code == 302
        assert not StudentApplication.objects.filter(student=gone).exists()
    client.post(url("application-new"), {"student": enrolled.pk})
    assert StudentApplication.objects.filter(student=enrolled).exists()


def test_an_empty_student_list_says_why(school, verified_client):
    leader = verified_client(school.leader)
    html = leader.get(url("index")).content.decode()
    assert "No students match" not in html
    assert "No students have an application or an IOP yet." in html
    filtered = leader.get(url("index"), {"q": "Nobody"}).content.decode()
    assert "No students match the filter." in filtered


# -- 20a. uploaded documents for the family --------------------------------------------------


@pytest.mark.parametrize("stage", Stage.values)
def test_family_sees_uploaded_documents_from_the_family_stage(school, verified_client, stage):
    iop = make_iop(school, stage)
    doc = store_upload(
        pdf_upload("Expert assessment from PPT"),
        student=school.student,
        owner="no-iskole",
        record_type="IopDocument",
    )
    family = verified_client(school.guardian)
    published = iop.stage_reached(Stage.PUBLISHED_TO_FAMILY)
    download = family.get(reverse("documents:download", args=[doc.uuid]))
    assert download.status_code == (200 if published else 404)
    if published:
        html = family.get(url("iop", iop.pk)).content.decode()
        assert "Expert assessment from PPT" in html
        assert reverse("documents:download", args=[doc.uuid]) in html
        # Reading, not managing: no upload form, no change or delete links.
        assert "Upload a document" not in html and url("document-delete", doc.uuid) not in html
        assert family.post(url("document-edit", doc.uuid), {"title": "x"}).status_code == 403
    # The student's own teacher still sees only what was made visible to teachers.
    if iop.stage_reached(Stage.PUBLISHED_TO_TEACHERS):
        teacher = verified_client(school.maths_teacher)
        assert teacher.get(reverse("documents:download", args=[doc.uuid])).status_code == 404


# -- 20b. a decision made outside the portal -------------------------------------------------


def test_coordinator_registers_an_outside_decision_and_starts_part_1(school, verified_client):
    client = verified_client(school.coordinator)
    start = client.get(url("decision-new"))
    assert start.status_code == 200 and school.student.name in start.content.decode()
    page = url("decision", school.student.pk)
    assert client.get(page).status_code == 200

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    future = client.post(page, {"decided_on": tomorrow.isoformat(), "subjects": [school.maths.pk]})
    assert future.status_code == 400 and "cannot be in the future" in future.content.decode()
    missing = client.post(page, {"decided_on": "", "subjects": [school.maths.pk]})
    assert missing.status_code == 400
    foreign = client.post(page, {"decided_on": "2024-03-01", "subjects": [b.subject("FRA").pk]})
    assert foreign.status_code == 400
    assert not Iop.objects.filter(student=school.student).exists()
    assert not SpecialEducation.objects.filter(student=school.student).exists()

    done = client.post(
        page,
        {
            "decided_on": "2024-03-01",
            "reference": "Nordvik county 24/118",
            "subjects": [school.maths.pk, school.norwegian.pk],
        },
    )
    iop = Iop.objects.get(student=school.student)
    assert done.status_code == 302 and done["Location"] == url("iop", iop.pk)
    status = SpecialEducation.objects.get(student=school.student)
    assert str(status.decided_on) == "2024-03-01" and status.application is None
    assert status.reference == "Nordvik county 24/118"
    assert status.registered_by == school.coordinator.person
    assert set(iop.subject_plans.values_list("subject__code", flat=True)) == {"MAT", "NOR"}
    assert iop.stage == Stage.IN_PREPARATION
    assert AuditEvent.objects.filter(
        actor=school.coordinator, action="create", record_type="SpecialEducation"
    ).exists()
    assert AuditEvent.objects.filter(
        actor=school.coordinator, action="create", record_type="Iop", record_id=str(iop.pk)
    ).exists()
    html = client.get(url("iop", iop.pk)).content.decode()
    assert "01.03.2024" in html and "Nordvik county 24/118" in html
    # Now the student has an IOP: a second registration is refused.
    again = client.post(page, {"decided_on": "2024-03-02", "subjects": [school.maths.pk]})
    assert again.status_code == 302
    assert Iop.objects.filter(student=school.student).count() == 1


def test_outside_decision_is_for_the_coordinator_of_an_enrolled_student_only(
    school, verified_client
):
    page = url("decision", school.student.pk)
    form = {"decided_on": "2024-03-01", "subjects": [school.maths.pk]}
    assert verified_client(school.maths_teacher).post(page, form).status_code == 403
    assert verified_client(school.guardian).get(page).status_code == 403
    other = verified_client(b.role_holder("coordinator", b.school()))
    assert other.post(page, form).status_code == 404
    # A student with an application in the portal follows the application instead.
    make_application(school, A.APPROVED)
    client = verified_client(school.coordinator)
    assert school.student.name not in client.get(url("decision-new")).content.decode()
    assert client.post(page, form).status_code == 302
    assert not Iop.objects.filter(student=school.student).exists()
    # Needs a fresh second factor, like recording a decision on an application.
    fresh_student = b.student(school_org=school.school)
    fresh_student.subjects.set([school.maths])
    stale = verified_client(school.coordinator, fresh=False)
    asked = stale.post(url("decision", fresh_student.pk), form)
    assert asked.status_code == 302 and "/accounts/verify/" in asked["Location"]
    assert not SpecialEducation.objects.filter(student=fresh_student).exists()


# -- 20c. the annual report sent to the county -----------------------------------------------


def test_annual_report_marked_as_sent_is_locked(school, verified_client):
    iop = make_iop(school, Stage.HALF_YEAR_PUBLISHED)
    AnnualReport.objects.filter(iop=iop).update(summary="Before sending")
    client = verified_client(school.coordinator)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    client.post(url("annual-report-send", iop.pk), {"sent_on": tomorrow.isoformat()})
    report = AnnualReport.objects.get(iop=iop)
    assert report.sent_on is None

    teacher = verified_client(school.maths_teacher)
    assert (
        teacher.post(url("annual-report-send", iop.pk), {"sent_on": "2025-06-20"}).status_code
        == 403
    )
    response = client.post(url("annual-report-send", iop.pk), {"sent_on": "2025-06-20"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert str(report.sent_on) == "2025-06-20" and report.sent_by == school.coordinator.person
    html = client.get(url("iop", iop.pk)).content.decode()
    assert "20.06.2025" in html and school.coordinator.person.full_name in html
    assert url("annual-report", iop.pk) + '"' not in re.sub(r"\s+", " ", html).replace(
        "annual-report/send/", ""
    )

    # Editing now answers a clear refusal, and changes nothing.
    edit = client.get(url("annual-report", iop.pk))
    assert edit.status_code == 409 and "20.06.2025" in edit.content.decode()
    posted = client.post(
        url("annual-report", iop.pk),
        {"summary": "Changed after sending", "teaching_assessment": "", "continued_need": ""},
    )
    assert posted.status_code == 409
    report.refresh_from_db()
    assert report.summary == "Before sending"
    # Sending twice is refused too.
    assert client.post(
        url("annual-report-send", iop.pk), {"sent_on": "2025-06-21"}
    ).status_code in (
        302,
        409,
    )
    report.refresh_from_db()
    assert str(report.sent_on) == "2025-06-20"


# -- 17. the IOP page: contents and collapsible parts ----------------------------------------


def test_iop_page_has_contents_and_collapsible_parts(school, verified_client):
    iop = make_iop(school, Stage.ANNUAL_REPORT_PUBLISHED)
    html = verified_client(school.coordinator).get(url("iop", iop.pk)).content.decode()
    nav = re.search(r'<nav[^>]*aria-labelledby="toc-h".*?</nav>', html, re.S)
    assert nav, "no contents list"
    targets = re.findall(r'href="#([\w-]+)"', nav.group(0))
    assert {"part1", "part2", "annual-report", "documents", "log"} <= set(targets)
    for target in targets:
        assert f'id="{target}"' in html
    assert html.count("<details") >= 5
    # Headings stay headings inside each summary.
    assert re.search(r"<summary[^>]*>\s*<h2[^>]*>\s*IOP part 1", html)
