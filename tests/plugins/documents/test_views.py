"""Downloads and bundles over HTTP: the owner's matrix decides, refusals are 404 with no content."""

import io
import uuid

import pytest
from django.urls import reverse
from pypdf import PdfReader

from plugins.audit.models import AuditEvent
from plugins.documents import BundleJob, Document, start_bundle, store_upload
from plugins.documents.storage import private_storage
from plugins.registry import registry
from plugins.sdk import builders as b
from tests.dummy_jurisdiction.models import Case, CaseDocument

from . import pdfs
from .conftest import stored_files

pytestmark = pytest.mark.django_db

PDF = pdfs.text_pdf(["Confidential assessment of the student"])


@pytest.fixture
def case(student):
    return Case.objects.create(student=student, summary="Needs support in reading")


def make_document(upload, student, *, visible=False, case=None):
    return store_upload(
        upload(PDF, "assessment.pdf"),
        student=student,
        owner="dummy",
        title='PPT "assessment"; 2026/27',
        visible_to_teachers=visible,
        attached_to=f"Case:{case.pk}" if case else "",
    )


def url(doc):
    return reverse("documents:download", args=[doc.uuid])


def test_the_owner_plugin_proxy_is_the_record_type(upload, student):
    doc = make_document(upload, student)
    assert registry.for_record(CaseDocument)[1] == "CaseDocument"
    with pytest.raises(LookupError):
        registry.for_record(Document)  # the shared model itself belongs to nobody
    from plugins.access import can

    coordinator = b.role_holder("coordinator", student.school)
    assert can(coordinator, "download", CaseDocument.objects.get(pk=doc.pk))
    assert not can(coordinator, "download", Document.objects.get(pk=doc.pk))


def test_coordinator_downloads_with_safe_headers(upload, student, verified_client):
    doc = make_document(upload, student)
    coordinator = b.role_holder("coordinator", student.school)
    response = verified_client(coordinator).get(url(doc))
    assert response.status_code == 200
    served = b"".join(response.streaming_content)
    with private_storage().open(doc.file) as stored:
        assert served == stored.read()  # the stored (clean) copy
    assert "Confidential assessment" in PdfReader(io.BytesIO(served)).pages[0].extract_text()
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="PPT _assessment_ 2026_27.pdf"' in disposition
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    event = AuditEvent.objects.get(action="download")
    assert (event.actor_id, event.record_type, event.record_id, event.student_id, event.role) == (
        coordinator.pk,
        "CaseDocument",
        str(doc.pk),
        student.pk,
        "coordinator",
    )


@pytest.mark.parametrize(
    "who,visible,status",
    [
        ("teacher", True, 200),
        ("teacher", False, 404),
        ("guardian", True, 404),
        ("student", True, 404),
        ("other-coordinator", True, 404),
        ("other-teacher", True, 404),
    ],
)
def test_only_the_matrix_lets_people_download(
    who, visible, status, upload, student, verified_client
):
    doc = make_document(upload, student, visible=visible)
    other = b.student()
    user = {
        "teacher": lambda: b.teacher_of(student),
        "guardian": lambda: b.guardian_of(student),
        "student": lambda: b.student_login(student),
        "other-coordinator": lambda: b.role_holder("coordinator", other.school),
        "other-teacher": lambda: b.teacher_of(other),
    }[who]()
    response = verified_client(user).get(url(doc))
    assert response.status_code == status
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if status == 404:
        assert b"%PDF" not in body and b"Confidential assessment" not in body
        assert "attachment" not in response.get("Content-Disposition", "")
        event = AuditEvent.objects.get(action="denied")
        assert (event.attempted, event.outcome, event.record_id) == ("download", "404", str(doc.pk))
    else:
        assert "Confidential assessment" in PdfReader(io.BytesIO(body)).pages[0].extract_text()


def test_unknown_document_is_404(verified_client, student):
    coordinator = b.role_holder("coordinator", student.school)
    response = verified_client(coordinator).get(reverse("documents:download", args=[uuid.uuid4()]))
    assert response.status_code == 404


def test_document_of_an_uninstalled_plugin_is_seen_by_nobody(upload, student, verified_client):
    doc = make_document(upload, student)
    Document.objects.filter(pk=doc.pk).update(owner="gone")
    coordinator = b.role_holder("coordinator", student.school)
    assert verified_client(coordinator).get(url(doc)).status_code == 404


def test_signed_out_users_are_sent_to_sign_in(client, upload, student):
    doc = make_document(upload, student)
    response = client.get(url(doc))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_files_are_outside_media_and_have_no_url(upload, student, client, private_root, settings):
    doc = make_document(upload, student)
    (path,) = stored_files(private_root)
    assert settings.MEDIA_ROOT not in path.parents
    with pytest.raises(ValueError):
        private_storage().url(doc.file)
    for guess in (
        f"/media/{doc.file}",
        f"/media/private/{doc.file}",
        f"/{doc.file}",
        f"/documents/{doc.file}",
    ):
        response = client.get(guess)
        assert response.status_code in (302, 404), guess
        assert b"%PDF" not in response.content


def test_missing_file_is_404(upload, student, verified_client, private_root):
    doc = make_document(upload, student)
    for path in stored_files(private_root):
        path.unlink()
    coordinator = b.role_holder("coordinator", student.school)
    assert verified_client(coordinator).get(url(doc)).status_code == 404


# -- the plugin's upload view --------------------------------------------------
def test_upload_view_names_the_reason_and_stores_nothing(case, verified_client, private_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    coordinator = b.role_holder("coordinator", case.student.school)
    client = verified_client(coordinator)
    target = reverse("dummy:case-upload", args=[case.pk])
    bad = SimpleUploadedFile("plan.pdf", pdfs.encrypted_pdf(), content_type="application/pdf")
    response = client.post(target, {"title": "Plan", "file": bad}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "password-protected or encrypted" in response.content.decode()
    assert Document.objects.count() == 0 and stored_files(private_root) == []

    good = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    response = client.post(target, {"title": "Plan", "file": good, "visible_to_teachers": "on"})
    assert response.status_code == 201
    doc = CaseDocument.objects.get()
    assert (doc.title, doc.visible_to_teachers, doc.attached_to, doc.created_by) == (
        "Plan",
        True,
        f"Case:{case.pk}",
        coordinator,
    )
    assert AuditEvent.objects.filter(action="upload", record_id=str(doc.pk)).count() == 1


def test_upload_view_needs_the_edit_permission(case, verified_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    teacher = b.teacher_of(case.student)
    good = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    response = verified_client(teacher).post(
        reverse("dummy:case-upload", args=[case.pk]), {"title": "x", "file": good}
    )
    assert response.status_code == 403
    assert Document.objects.count() == 0


def test_plugin_renders_its_document(case, verified_client):
    coordinator = b.role_holder("coordinator", case.student.school)
    response = verified_client(coordinator).get(reverse("dummy:case-pdf", args=[case.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
    assert "Needs support in reading" in text
    assert case.student.name in text and "Confidential: test marking" in text


# -- bundles -------------------------------------------------------------------
def two_cases_with_documents(upload):
    school = b.school()
    cases = []
    for _ in range(2):
        st = b.student(school_org=school)
        case = Case.objects.create(student=st, summary=f"Summary of {st.name}")
        make_document(upload, st, case=case)
        cases.append(case)
    return school, cases


def test_bundle_job_runs_and_shows_progress(upload, verified_client):
    school, cases = two_cases_with_documents(upload)
    coordinator = b.role_holder("coordinator", school)
    job = start_bundle(
        coordinator,
        title="School application",
        builder="tests.dummy_jurisdiction.bundles.case_bundle",
        params={"case_ids": [c.pk for c in cases]},
    )
    assert job.status == BundleJob.Status.DONE
    assert (job.done, job.total, job.percent) == (4, 4, 100)
    assert job.student_ids == sorted(c.student_id for c in cases)

    client = verified_client(coordinator)
    page = client.get(reverse("documents:bundle", args=[job.uuid]))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<progress id="bundle-progress-bar" max="100" value="100">' in html
    assert 'role="status" aria-live="polite"' in html
    assert "documents/bundle-progress.js" in html

    state = client.get(reverse("documents:bundle-status", args=[job.uuid])).json()
    assert state["status"] == "done" and state["percent"] == 100
    assert state["download_url"] == reverse("documents:bundle-download", args=[job.uuid])

    response = client.get(state["download_url"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert [o.title for o in reader.outline if not isinstance(o, list)] == [
        c.student.name for c in cases
    ]
    text = "".join(p.extract_text() for p in reader.pages)
    for c in cases:
        assert c.student.name in text and f"Summary of {c.student.name}" in text
    downloads = AuditEvent.objects.filter(action="download", record_type="Bundle")
    assert sorted(downloads.values_list("student_id", flat=True)) == job.student_ids


def test_a_bundle_holds_only_what_its_requester_may_download(upload):
    school, cases = two_cases_with_documents(upload)
    teacher = b.teacher_of(cases[0].student)
    Case.objects.filter(pk=cases[0].pk).update(visible_to_teachers=True)
    job = start_bundle(
        teacher,
        title="Mine",
        builder="tests.dummy_jurisdiction.bundles.case_bundle",
        params={"case_ids": [c.pk for c in cases]},
        size_hint=2,
    )
    assert job.status == BundleJob.Status.DONE
    assert job.student_ids == [cases[0].student_id]
    # the case summary only: the uploaded document was not made visible to teachers
    with private_storage().open(job.file, "rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    assert [o.title for o in reader.outline if not isinstance(o, list)] == [cases[0].student.name]
    assert len(reader.outline[1]) == 1


def test_other_people_never_see_a_bundle(upload, verified_client):
    school, cases = two_cases_with_documents(upload)
    owner = b.role_holder("coordinator", school)
    colleague = b.role_holder("coordinator", school)
    job = start_bundle(
        owner,
        title="x",
        builder="tests.dummy_jurisdiction.bundles.case_bundle",
        params={"case_ids": [cases[0].pk]},
    )
    client = verified_client(colleague)
    for name in ("documents:bundle", "documents:bundle-status", "documents:bundle-download"):
        response = client.get(reverse(name, args=[job.uuid]))
        assert response.status_code == 404
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"%PDF" not in body


def failing_builder(*, user):
    raise RuntimeError("boom")


def test_a_failed_bundle_says_so_and_leaves_no_file(verified_client, private_root):
    user = b.user()
    job = start_bundle(user, title="Broken", builder=failing_builder)
    assert job.status == BundleJob.Status.FAILED and job.error == "The bundle could not be built."
    assert list((private_root / "bundles").glob("*")) == []
    state = verified_client(user).get(reverse("documents:bundle-status", args=[job.uuid])).json()
    assert state["status"] == "failed" and state["download_url"] is None


def test_queued_job_shows_waiting_and_expired_bundle_is_gone(upload, verified_client, settings):
    from django.utils import timezone

    from plugins.documents.tasks import purge_expired_bundles

    school, cases = two_cases_with_documents(upload)
    user = b.role_holder("coordinator", school)
    queued = BundleJob.objects.create(title="Later", requested_by=user, builder="x.y")
    client = verified_client(user)
    html = client.get(
        reverse("documents:bundle", args=[queued.uuid]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'value="0"' in html and "Waiting to start." in html

    job = start_bundle(
        user,
        title="Old",
        builder="tests.dummy_jurisdiction.bundles.case_bundle",
        params={"case_ids": [cases[0].pk]},
    )
    BundleJob.objects.filter(pk=job.pk).update(expires_at=timezone.now())
    assert client.get(reverse("documents:bundle-download", args=[job.uuid])).status_code == 404
    assert purge_expired_bundles() == 1
    assert not private_storage().exists(job.file)
