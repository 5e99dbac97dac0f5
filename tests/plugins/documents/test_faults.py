"""Faults around files: a worker that dies mid-bundle, and a storage that is full."""

import datetime
import errno
import io
from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from plugins.documents import BundleJob, Document, store_upload
from plugins.documents.validation import RejectedUpload
from plugins.sdk import builders as b
from tests.dummy_jurisdiction.models import Case

from .pdfs import blank_pdf

pytestmark = pytest.mark.django_db


def test_a_worker_killed_mid_bundle_leaves_it_retryable_and_serves_nothing(
    upload, verified_client, private_root, settings
):
    settings.PORTAL_BUNDLE_STALE_SECONDS = 60
    school = b.school()
    case = Case.objects.create(student=b.student(school_org=school), summary="Summary text")
    user = b.role_holder("coordinator", school)
    # The worker claimed the job, wrote half a file, and was killed 10 minutes ago.
    job = BundleJob.objects.create(
        title="Half",
        requested_by=user,
        builder="tests.dummy_jurisdiction.bundles.case_bundle",
        params={"case_ids": [case.pk]},
        status=BundleJob.Status.RUNNING,
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=10),
    )
    part = private_root / "bundles" / f"{job.uuid.hex}.part"
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(b"%PDF-1.7\n% half written")
    client = verified_client(user)
    assert client.get(reverse("documents:bundle-download", args=[job.uuid])).status_code == 404
    state = client.get(reverse("documents:bundle-status", args=[job.uuid])).json()
    assert state["retry"] is True and state["download_url"] is None
    assert "stopped" in client.get(reverse("documents:bundle", args=[job.uuid])).content.decode()

    # A job still alive is not taken from its worker.
    alive = BundleJob.objects.create(
        title="Alive",
        requested_by=user,
        builder="x.y",
        status=BundleJob.Status.RUNNING,
        heartbeat_at=timezone.now(),
    )
    client.post(reverse("documents:bundle-retry", args=[alive.uuid]))
    alive.refresh_from_db()
    assert alive.status == BundleJob.Status.RUNNING

    with mock.patch("django.db.transaction.on_commit", side_effect=lambda fn, **kw: fn()):
        response = client.post(reverse("documents:bundle-retry", args=[job.uuid]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == BundleJob.Status.DONE and not part.exists()
    pdf = client.get(reverse("documents:bundle-download", args=[job.uuid]))
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    assert case.student.name in reader.pages[0].extract_text()


def test_a_full_disk_on_upload_is_reported_and_nothing_is_half_saved(upload, private_root):
    student = b.student()
    full = OSError(errno.ENOSPC, "No space left on device")
    with mock.patch.object(FileSystemStorage, "_save", side_effect=full):
        with pytest.raises(RejectedUpload) as caught:
            store_upload(upload(blank_pdf()), student=student, owner="dummy", title="Report")
    assert "could not be stored" in str(caught.value.messages[0])
    assert not Document.objects.exists()
    assert [p for p in private_root.rglob("*") if p.is_file()] == []


def test_the_upload_page_tells_the_user_when_storage_fails(upload, verified_client):
    school = b.school()
    case = Case.objects.create(student=b.student(school_org=school), summary="x")
    client = verified_client(b.role_holder("coordinator", school))
    with mock.patch.object(FileSystemStorage, "_save", side_effect=OSError(errno.EIO, "I/O")):
        response = client.post(
            reverse("dummy:case-upload", args=[case.pk]),
            {"title": "Report", "file": upload(blank_pdf())},
        )
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert not Document.objects.exists()
