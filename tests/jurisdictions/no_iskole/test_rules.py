"""The IOP module's rules, tried through its pages as each person would."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from jurisdictions.no_iskole.demo import demo_pdf
from jurisdictions.no_iskole.models import (
    ApplicationStatus,
    AssessmentKind,
    Iop,
    IopDocument,
    SpecialEducation,
    Stage,
    StudentApplication,
    SubjectAssessment,
    SubjectPlan,
    WorkStatus,
)
from jurisdictions.no_iskole.services import approval_text
from plugins.consent import current_request, is_granted
from plugins.documents import store_upload
from plugins.models import RoleAssignment
from plugins.sdk import builders as b

from .helpers import make_application, make_iop, school_application

pytestmark = pytest.mark.django_db
A = ApplicationStatus


def url(name, *args):
    return reverse(f"no-iskole:{name}", args=args)


def version_of(client, path, key="form"):
    """The hidden ``version`` of the edit form on ``path``, as a browser sends it back."""
    return client.get(path).context[key]["version"].value()


def pdf_upload(title="Report"):
    return SimpleUploadedFile(f"{title}.pdf", demo_pdf(title), "application/pdf")


# -- teachers ---------------------------------------------------------------------------------


def test_teacher_writes_own_subject_and_is_refused_for_another(school, verified_client):
    iop = make_iop(school, Stage.PUBLISHED_TO_TEACHERS)
    maths = iop.subject_plans.get(subject=school.maths)
    norwegian = iop.subject_plans.get(subject=school.norwegian)
    client = verified_client(school.maths_teacher)

    # Reads both subjects on the IOP page.
    page = client.get(url("iop", iop.pk))
    assert page.status_code == 200
    assert "Mathematics" in page.content.decode() or school.maths.name in page.content.decode()

    data = {
        "competence_goals": "Count to 100",
        "learning_goals": "Number line",
        "work_status": WorkStatus.IN_PROGRESS,
        "half_year_assessment": "Good start",
        "annual_assessment": "",
    }
    sent = {**data, "version": version_of(client, url("subject", maths.pk))}
    assert client.post(url("subject", maths.pk), sent).status_code == 302
    maths.refresh_from_db()
    assert maths.competence_goals == "Count to 100" and maths.work_status == WorkStatus.IN_PROGRESS
    half = SubjectAssessment.objects.get(subject_plan=maths, kind=AssessmentKind.HALF_YEAR)
    assert half.text == "Good start"

    # Another subject: readable, but a write is refused and changes nothing.
    assert client.get(url("subject", norwegian.pk)).status_code == 200
    refused = client.post(url("subject", norwegian.pk), {**data, "competence_goals": "Hacked"})
    assert refused.status_code == 403
    norwegian.refresh_from_db()
    assert norwegian.competence_goals == ""


def test_teacher_does_not_see_a_student_they_do_not_teach(school, verified_client):
    iop = make_iop(school, Stage.PUBLISHED_TO_FAMILY)
    client = verified_client(school.stranger_teacher)
    assert client.get(url("iop", iop.pk)).status_code == 404
    plan = iop.subject_plans.first()
    assert client.get(url("subject", plan.pk)).status_code == 404
    listing = client.get(url("index")).content.decode()
    assert school.student.name not in listing


def test_teachers_see_nothing_while_in_preparation(school, verified_client):
    iop = make_iop(school, Stage.IN_PREPARATION)
    client = verified_client(school.maths_teacher)
    assert client.get(url("iop", iop.pk)).status_code == 404
    assert school.student.name not in client.get(url("index")).content.decode()


def test_last_years_teacher_loses_access(school, verified_client):
    iop = make_iop(school, Stage.PUBLISHED_TO_TEACHERS)
    from plugins.models import TeachingAssignment

    TeachingAssignment.objects.filter(teacher=school.maths_teacher.person).update(
        school_year=b.school_year().__class__.objects.create(
            name="Old year", starts="2001-08-01", ends="2002-06-30"
        )
    )
    assert verified_client(school.maths_teacher).get(url("iop", iop.pk)).status_code == 404


def test_teacher_downloads_only_documents_made_visible(school, verified_client):
    make_iop(school, Stage.PUBLISHED_TO_TEACHERS)
    visible = store_upload(
        pdf_upload("Visible"),
        student=school.student,
        owner="no-iskole",
        record_type="IopDocument",
        visible_to_teachers=True,
    )
    hidden = store_upload(
        pdf_upload("Hidden"), student=school.student, owner="no-iskole", record_type="IopDocument"
    )
    client = verified_client(school.maths_teacher)
    ok = client.get(reverse("documents:download", args=[visible.uuid]))
    assert ok.status_code == 200 and ok["Content-Type"] == "application/pdf"
    assert client.get(reverse("documents:download", args=[hidden.uuid])).status_code == 404
    # The coordinator turns visibility on: now the teacher may download it.
    coord = verified_client(school.coordinator)
    coord.post(
        reverse("no-iskole:document-edit", args=[hidden.uuid]),
        {"title": "Hidden", "visible_to_teachers": "on"},
    )
    assert client.get(reverse("documents:download", args=[hidden.uuid])).status_code == 200


# -- applications -----------------------------------------------------------------------------


def test_coordinator_registers_fills_in_and_publishes(school, verified_client):
    client = verified_client(school.coordinator)
    choose = client.get(url("application-new"), {"q": school.student.person.family_name})
    assert school.student.name in choose.content.decode()
    response = client.post(url("application-new"), {"student": school.student.pk})
    app = StudentApplication.objects.get(student=school.student)
    assert response.status_code == 302 and app.status == A.REGISTERED

    # Publishing before the form is complete is refused with the reason.
    client.post(url("application-step", app.pk, "publish"))
    app.refresh_from_db()
    assert app.status == A.REGISTERED

    # Only the student's registered subjects can be chosen.
    foreign = b.subject("FRA")
    bad = client.post(
        url("application-edit", app.pk),
        {
            "expert_assessment": "PPT",
            "goals": "",
            "other_information": "",
            "subjects": [foreign.pk],
            "version": version_of(client, url("application-edit", app.pk)),
        },
    )
    assert bad.status_code == 400 and not app.subjects.exists()
    client.post(
        url("application-edit", app.pk),
        {
            "expert_assessment": "PPT recommends it.",
            "goals": "Reading",
            "other_information": "",
            "subjects": [school.maths.pk],
            "version": version_of(client, url("application-edit", app.pk)),
        },
    )
    client.post(
        url("application-attachments", app.pk), {"title": "PPT report", "file": pdf_upload()}
    )
    assert IopDocument.objects.filter(attached_to=app.attached_key).count() == 1
    client.post(url("application-step", app.pk, "publish"))
    app.refresh_from_db()
    assert app.status == A.AWAITING_APPROVAL
    request = current_request(app, "application-approval")
    assert request is not None and request.status == "pending"
    assert "PPT report" in request.content.decode()

    # The family now sees it; before publishing they did not.
    family = verified_client(school.guardian)
    page = family.get(url("application", app.pk))
    assert page.status_code == 200 and "PPT recommends it." in page.content.decode()


def test_family_does_not_see_a_registered_application(school, verified_client):
    app = make_application(school, A.REGISTERED)
    assert verified_client(school.guardian).get(url("application", app.pk)).status_code == 404
    other_family = b.guardian_of(b.student())
    app.status = A.AWAITING_APPROVAL
    app.save()
    assert verified_client(other_family).get(url("application", app.pk)).status_code == 404


def test_guardian_approves_through_the_consent_service(school, verified_client):
    app = make_application(school, A.REGISTERED)
    coord = verified_client(school.coordinator)
    coord.post(url("application-step", app.pk, "publish"))
    req = current_request(app, "application-approval")
    family = verified_client(school.guardian)
    family.post(reverse("consent:answer", args=[req.pk]), {"decision": "sign", "read": "on"})
    app.refresh_from_db()
    assert app.status == A.APPROVED
    assert is_granted(app, "application-approval", approval_text(app))


def test_changing_an_approved_application_asks_again(school, verified_client):
    app = make_application(school, A.REGISTERED)
    coord = verified_client(school.coordinator)
    coord.post(url("application-step", app.pk, "publish"))
    req = current_request(app, "application-approval")
    verified_client(school.guardian).post(
        reverse("consent:answer", args=[req.pk]), {"decision": "sign", "read": "on"}
    )
    app.refresh_from_db()
    assert app.status == A.APPROVED
    coord.post(
        url("application-edit", app.pk),
        {
            "expert_assessment": "Changed summary",
            "goals": "",
            "other_information": "",
            "subjects": [school.maths.pk],
            "version": version_of(coord, url("application-edit", app.pk)),
        },
    )
    app.refresh_from_db()
    assert app.status == A.AWAITING_APPROVAL
    assert not is_granted(app, "application-approval", approval_text(app))
    new = current_request(app, "application-approval")
    assert new.pk != req.pk and new.status == "pending"
    assert b"Changed summary" in bytes(new.content)


def test_a_not_yet_approved_application_cannot_join_a_school_application(school, verified_client):
    sa = school_application(school)
    client = verified_client(school.coordinator)
    for status in (A.REGISTERED, A.AWAITING_APPROVAL):
        app = make_application(school, status, student=b.student(school_org=school.school))
        client.post(url("school-application-add", sa.pk), {"application": app.pk})
        app.refresh_from_db()
        assert app.status == status and app.school_application is None
    approved = make_application(school, A.APPROVED)
    client.post(url("school-application-add", sa.pk), {"application": approved.pk})
    approved.refresh_from_db()
    assert approved.status == A.UNDER_CONSIDERATION and approved.school_application == sa


def test_a_sent_school_application_rejects_every_change(school, verified_client):
    sa = school_application(school)
    client = verified_client(school.coordinator)
    inside = make_application(school, A.APPROVED)
    client.post(url("school-application-add", sa.pk), {"application": inside.pk})
    client.post(url("school-application-send", sa.pk), {"sent_on": "2020-01-01"})
    sa.refresh_from_db()
    assert sa.status == "sent" and str(sa.sent_on) == "2020-01-01"

    waiting = make_application(school, A.APPROVED, student=b.student(school_org=school.school))
    client.post(url("school-application-add", sa.pk), {"application": waiting.pk})
    client.post(url("school-application-remove", sa.pk, inside.pk))
    edit = client.post(
        url("application-edit", inside.pk),
        {"expert_assessment": "x", "goals": "", "other_information": "", "subjects": []},
    )
    client.post(url("school-application-send", sa.pk), {"sent_on": "2021-01-01"})
    waiting.refresh_from_db()
    inside.refresh_from_db()
    sa.refresh_from_db()
    assert waiting.school_application is None and waiting.status == A.APPROVED
    assert inside.school_application == sa and inside.status == A.UNDER_CONSIDERATION
    assert edit.status_code == 403 and inside.expert_assessment != "x"
    assert str(sa.sent_on) == "2020-01-01"


def test_decision_needs_a_sent_application_and_a_fresh_second_factor(school, verified_client):
    sa = school_application(school)
    app = make_application(school, A.UNDER_CONSIDERATION, school_application=sa)
    client = verified_client(school.coordinator)
    client.post(url("application-step", app.pk, "grant"))
    app.refresh_from_db()
    assert app.status == A.UNDER_CONSIDERATION  # not sent yet
    sa.status, sa.sent_on = "sent", "2020-01-01"
    sa.save()
    stale = verified_client(school.coordinator, fresh=False)
    response = stale.post(url("application-step", app.pk, "grant"))
    assert response.status_code == 302 and "/accounts/verify/" in response["Location"]
    app.refresh_from_db()
    assert app.status == A.UNDER_CONSIDERATION
    client.post(url("application-step", app.pk, "grant"))
    app.refresh_from_db()
    assert app.status == A.GRANTED and app.decided_on is not None
    assert SpecialEducation.objects.filter(student=school.student).exists()


def test_merged_pdf_has_a_bookmark_per_student_and_their_attachments(school, verified_client):
    sa = school_application(school)
    second = b.student(school_org=school.school)
    second.person.given_name, second.person.family_name = "Kaja", "Holm"
    second.person.save()
    apps = [
        make_application(school, A.UNDER_CONSIDERATION, school_application=sa),
        make_application(school, A.UNDER_CONSIDERATION, school_application=sa, student=second),
    ]
    store_upload(
        pdf_upload("Expert report"),
        student=apps[0].student,
        owner="no-iskole",
        record_type="IopDocument",
        attached_to=apps[0].attached_key,
    )
    client = verified_client(school.coordinator)
    progress = client.post(url("school-application-pdf", sa.pk))
    assert progress.status_code == 302
    job_page = client.get(progress["Location"])
    assert job_page.status_code == 200
    download = client.get(progress["Location"].rstrip("/") + "/download/")
    assert download.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert school.student.name in titles and "Kaja Holm" in titles
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Kaja Holm" in text and "Expert report" in text
    assert len(reader.pages) >= 3  # two applications and one attachment
    # Another school's coordinator gets nothing.
    other = verified_client(b.role_holder("coordinator", b.school()))
    assert other.post(url("school-application-pdf", sa.pk)).status_code == 404
    assert client.get(url("school-application-pdf", sa.pk)).status_code == 405


# -- documents --------------------------------------------------------------------------------


def test_a_document_attached_to_an_application_cannot_be_deleted(school, verified_client):
    app = make_application(school)
    doc = store_upload(
        pdf_upload(),
        student=school.student,
        owner="no-iskole",
        record_type="IopDocument",
        attached_to=app.attached_key,
    )
    client = verified_client(school.coordinator)
    assert client.get(url("document-delete", doc.uuid)).status_code == 409
    assert client.post(url("document-delete", doc.uuid)).status_code == 409
    assert IopDocument.objects.filter(pk=doc.pk).exists()
    # Detached, it asks for confirmation, then goes.
    client.post(url("application-detach", app.pk, doc.uuid))
    confirm = client.get(url("document-delete", doc.uuid))
    assert confirm.status_code == 200 and "cannot be undone" in confirm.content.decode()
    assert client.post(url("document-delete", doc.uuid)).status_code == 302
    assert not IopDocument.objects.filter(pk=doc.pk).exists()


def test_a_hostile_upload_is_refused_and_nothing_is_stored(school, verified_client):
    iop = make_iop(school, Stage.IN_PREPARATION)
    client = verified_client(school.coordinator)
    fake = SimpleUploadedFile("report.pdf", b"<script>alert(1)</script>", "application/pdf")
    client.post(url("document-upload", iop.pk), {"title": "Fake", "file": fake})
    assert not IopDocument.objects.filter(student=school.student).exists()


# -- families ---------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", Stage.values)
def test_families_never_see_a_stage_before_it_is_published(school, verified_client, stage):
    iop = make_iop(school, stage)
    for plan in iop.subject_plans.all():
        plan.competence_goals = "Goal text"
        plan.save()
    SubjectAssessment.objects.filter(iop=iop, kind=AssessmentKind.HALF_YEAR).update(
        text="Half-year words"
    )
    SubjectAssessment.objects.filter(iop=iop, kind=AssessmentKind.ANNUAL).update(
        text="Annual words"
    )
    iop.annual_report.summary = "Report words"
    iop.annual_report.save()
    client = verified_client(school.guardian)
    page = client.get(url("iop", iop.pk))
    reached = Iop.objects.get(pk=iop.pk).stage_reached
    if not reached(Stage.PUBLISHED_TO_FAMILY):
        assert page.status_code == 404
        assert client.get(url("iop-pdf", iop.pk, "iop")).status_code == 404
        return
    html = page.content.decode()
    assert page.status_code == 200 and "Goal text" in html
    assert ("Half-year words" in html) == reached(Stage.HALF_YEAR_PUBLISHED)
    assert ("Annual words" in html) == reached(Stage.ANNUAL_REPORT_PUBLISHED)
    assert ("Report words" in html) == reached(Stage.ANNUAL_REPORT_PUBLISHED)
    half = client.get(url("iop-pdf", iop.pk, "half-year"))
    assert (half.status_code == 200) == reached(Stage.HALF_YEAR_PUBLISHED)
    annual = client.get(url("iop-pdf", iop.pk, "annual-report"))
    assert (annual.status_code == 200) == reached(Stage.ANNUAL_REPORT_PUBLISHED)
    # The family never gets the log or staff documents.
    assert 'id="log"' not in html and "Upload a document" not in html


def test_coordinator_may_jump_to_any_stage_and_back(school, verified_client):
    iop = make_iop(school, Stage.IN_PREPARATION)
    client = verified_client(school.coordinator)
    client.post(url("iop-stage", iop.pk), {"stage": Stage.ANNUAL_REPORT_PUBLISHED})
    iop.refresh_from_db()
    assert iop.stage == Stage.ANNUAL_REPORT_PUBLISHED
    client.post(url("iop-stage", iop.pk), {"stage": Stage.PUBLISHED_TO_TEACHERS})
    iop.refresh_from_db()
    assert iop.stage == Stage.PUBLISHED_TO_TEACHERS
    teacher = verified_client(school.maths_teacher)
    assert (
        teacher.post(url("iop-stage", iop.pk), {"stage": Stage.IN_PREPARATION}).status_code == 403
    )
    iop.refresh_from_db()
    assert iop.stage == Stage.PUBLISHED_TO_TEACHERS


def test_log_entries_are_dated_with_author_and_escaped(school, verified_client):
    iop = make_iop(school, Stage.PUBLISHED_TO_TEACHERS)
    client = verified_client(school.coordinator)
    client.post(url("iop-log", iop.pk), {"text": "<script>alert('x')</script> Met the family"})
    html = client.get(url("iop", iop.pk)).content.decode()
    assert "&lt;script&gt;" in html and "<script>alert('x')" not in html
    entry = iop.log_entries.get()
    assert entry.author_name and entry.created_at
    assert (
        verified_client(school.maths_teacher)
        .post(url("iop-log", iop.pk), {"text": "x"})
        .status_code
        == 403
    )


# -- lists, switcher, roles -------------------------------------------------------------------


def test_student_list_shows_status_stage_and_progress_and_filters(school, verified_client):
    make_application(school, A.GRANTED)
    iop = make_iop(school, Stage.PUBLISHED_TO_TEACHERS)
    SubjectPlan.objects.filter(iop=iop, subject=school.maths).update(work_status=WorkStatus.DONE)
    other = b.student(school_org=school.school)
    make_application(school, A.REGISTERED, student=other)
    client = verified_client(school.coordinator)
    html = client.get(url("index")).content.decode()
    assert school.student.name in html and other.name in html
    assert "Granted" in html and "Published to teachers" in html and "1 of 2 subjects done" in html
    filtered = client.get(url("index"), {"status": A.REGISTERED}).content.decode()
    assert other.name in filtered and school.student.name not in filtered
    by_stage = client.get(url("index"), {"stage": Stage.PUBLISHED_TO_TEACHERS}).content.decode()
    assert school.student.name in by_stage and other.name not in by_stage


def test_another_schools_coordinator_sees_nothing(school, verified_client):
    app = make_application(school, A.AWAITING_APPROVAL)
    iop = make_iop(school, Stage.PUBLISHED_TO_FAMILY)
    other = verified_client(b.role_holder("coordinator", b.school()))
    assert other.get(url("application", app.pk)).status_code == 404
    assert other.get(url("iop", iop.pk)).status_code == 404
    assert school.student.name not in other.get(url("index")).content.decode()


def test_switcher_lists_only_the_iops_one_may_see(school, verified_client):
    iop = make_iop(school, Stage.PUBLISHED_TO_TEACHERS)
    classmate = b.student(school_org=school.school)
    classmate.group = school.student.group
    classmate.save()
    from jurisdictions.no_iskole.services import start_iop

    other_iop = start_iop(classmate, school_year=b.school_year(), subjects=[school.maths])
    other_iop.stage = Stage.PUBLISHED_TO_TEACHERS
    other_iop.save()
    hidden = start_iop(
        b.student(school_org=school.school), school_year=b.school_year(), subjects=[]
    )
    client = verified_client(school.maths_teacher)
    html = client.get(url("iop", iop.pk)).content.decode()
    assert classmate.name in html and hidden.student.name not in html
    jump = client.get(url("iop-switch"), {"iop": other_iop.pk})
    assert jump.status_code == 302 and jump["Location"] == url("iop", other_iop.pk)


def test_school_leader_grants_and_ends_the_coordinator_role(school, verified_client):
    client = verified_client(school.leader)
    candidate = school.maths_teacher.person
    client.post(url("coordinators", school.school.pk), {"person": candidate.pk})
    assignment = RoleAssignment.objects.get(person=candidate, role="coordinator")
    assert assignment.jurisdiction == "no-iskole"
    iop = make_iop(school, Stage.IN_PREPARATION)
    assert verified_client(school.maths_teacher).get(url("iop", iop.pk)).status_code == 200
    client.post(url("coordinators", school.school.pk), {"end": assignment.pk})
    assert verified_client(school.maths_teacher).get(url("iop", iop.pk)).status_code == 404
    # A coordinator cannot hand out the role.
    assert (
        verified_client(school.coordinator).get(url("coordinators", school.school.pk)).status_code
        == 403
    )


def test_case_pages_are_never_stored(school, verified_client):
    iop = make_iop(school, Stage.PUBLISHED_TO_FAMILY)
    response = verified_client(school.guardian).get(url("iop", iop.pk))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_two_coordinators_editing_at_once_do_not_overwrite_each_other(school, verified_client):
    iop = make_iop(school, Stage.IN_PREPARATION)
    second = b.role_holder("coordinator", school.school)
    first_client, second_client = verified_client(school.coordinator), verified_client(second)
    edit = url("iop-edit", iop.pk)
    version_first = first_client.get(edit).context["form"]["version"].value()
    version_second = second_client.get(edit).context["form"]["version"].value()
    assert version_first == version_second

    def fields(text, version):
        return {"mapping": text, "overall_goals": "", "organisation": "", "version": version}

    assert first_client.post(edit, fields("First words", version_first)).status_code == 302
    late = second_client.post(edit, fields("Second words", version_second))
    assert late.status_code == 400  # an invalid form answers 400, as in every plugin
    assert "Someone else saved this" in late.content.decode()
    assert "Second words" in late.content.decode()  # their text is kept in the form
    iop.refresh_from_db()
    assert iop.mapping == "First words"
    # After reloading, the second coordinator can save on top of the first.
    fresh = second_client.get(edit).context["form"]["version"].value()
    assert second_client.post(edit, fields("Second words", fresh)).status_code == 302
    iop.refresh_from_db()
    assert iop.mapping == "Second words"


def test_an_edit_without_the_version_is_refused(school, verified_client):
    """Leaving the version out must not skip the check above."""
    iop = make_iop(school, Stage.IN_PREPARATION)
    client = verified_client(school.coordinator)
    edit = url("iop-edit", iop.pk)
    client.get(edit)
    fields = {"mapping": "Sneaked in", "overall_goals": "", "organisation": ""}
    response = client.post(edit, fields)
    assert response.status_code == 400
    assert "the form did not say which version of the record" in response.content.decode()
    iop.refresh_from_db()
    assert iop.mapping != "Sneaked in"
