"""Downloads and bundle progress. Every view is a case view: signed in, second
factor verified, never cached; a document or bundle the user may not see is 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plugins import audit
from plugins.accounts.decorators import case_view

from .models import BundleJob
from .services import download_response, pdf_response
from .storage import private_storage
from .tasks import STOPPED, is_stalled, retry_bundle


@case_view
def download(request, uuid):
    """A document, if the owner plugin's matrix lets this user download it."""
    return download_response(request, uuid, "download")


def _own_job(request, uuid) -> BundleJob:
    job = BundleJob.objects.filter(uuid=uuid, requested_by=request.user).first()
    if job is None:
        audit.record(
            request,
            "denied",
            record_type="Bundle",
            record_id=str(uuid),
            outcome="404",
            attempted="view",
        )
        raise Http404
    return job


def _status(job: BundleJob) -> dict:
    ready = job.status == BundleJob.Status.DONE and job.file and not job.is_expired
    # A job whose worker stopped shows as failed (and retryable) until retried.
    stalled = is_stalled(job)
    failed = job.status == BundleJob.Status.FAILED or stalled
    if job.status == BundleJob.Status.DONE and not ready:
        message = _("The bundle has expired. Build it again.")
    elif job.status == BundleJob.Status.DONE:
        message = _("The bundle is ready: %(pages)s pages.") % {"pages": job.pages}
    elif stalled:
        message = _(STOPPED)
    elif job.status == BundleJob.Status.FAILED:
        # The stored error is a msgid, translated here for whoever reads it.
        message = _(job.error) if job.error else _("The bundle could not be built.")
    elif job.total:
        message = _("%(done)s of %(total)s documents added.") % {
            "done": job.done,
            "total": job.total,
        }
    else:
        message = _("Waiting to start.")
    return {
        "status": BundleJob.Status.FAILED.value if failed else job.status,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": message,
        "download_url": reverse("documents:bundle-download", args=[job.uuid]) if ready else None,
        "retry": failed,
    }


@case_view
def bundle_progress(request, uuid):
    job = _own_job(request, uuid)
    return render(request, "documents/bundle_progress.html", {"job": job, "state": _status(job)})


@case_view
def bundle_status(request, uuid):
    return JsonResponse(_status(_own_job(request, uuid)))


@case_view
def bundle_download(request, uuid):
    job = _own_job(request, uuid)
    if job.status != BundleJob.Status.DONE or not job.file or job.is_expired:
        raise Http404
    try:
        fh = private_storage().open(job.file, "rb")
    except FileNotFoundError:
        raise Http404 from None
    for student_id in job.student_ids or [None]:
        audit.record(
            request, "download", student=student_id, record_type="Bundle", record_id=str(job.uuid)
        )
    from .validation import safe_filename

    return pdf_response(fh, safe_filename(job.title, basename=False))


@case_view
@require_POST
def bundle_retry(request, uuid):
    """Build a failed or stalled bundle again (a worker that stopped leaves it retryable)."""
    job = _own_job(request, uuid)
    if not retry_bundle(job):
        messages.info(request, _("This bundle is not waiting for a retry."))
    return redirect("documents:bundle", uuid=job.uuid)
