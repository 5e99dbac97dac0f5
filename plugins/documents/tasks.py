"""Bundles built in the background (django-tasks), with progress on the job row.

The immediate backend (tests, ``make run``) builds while enqueuing; the
database backend (production) hands the job to ``manage.py db_worker``.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_noop
from django_tasks import TaskResultStatus, task

from .bundles import BundleError, build_bundle
from .models import BundleJob
from .storage import private_path, private_storage

logger = logging.getLogger(__name__)

#: Key of ``BundleJob.params`` keeping the requester's language (not passed to the builder).
LANGUAGE_PARAM = "_language"


def _dotted(builder: Callable | str) -> str:
    if isinstance(builder, str):
        import_string(builder)  # fail now, in the request, not later in the worker
        return builder
    path = f"{builder.__module__}.{builder.__qualname__}"
    if "<" in path:
        raise ValueError("A bundle builder must be a module-level function.")
    return path


def start_bundle(
    request_or_user,
    *,
    title: str,
    builder: Callable | str,
    params: dict | None = None,
    size_hint: int | None = None,
) -> BundleJob:
    """Create a bundle job for the signed-in user and build it now or in the background.

    ``builder(user=..., **params)`` returns the bundle's ``Section`` list; it
    runs where the bundle is built and must load records only through
    ``plugins.access`` for that user. ``params`` must be JSON (ids, not
    objects). With ``size_hint`` (number of documents) at or below
    ``PORTAL_BUNDLE_INLINE_MAX_DOCUMENTS`` the bundle is built within the
    request; otherwise it is queued and the progress page follows it.
    It is built in the language active now (the reader's): its documents'
    texts and its page numbers.
    """
    user = getattr(request_or_user, "user", request_or_user)
    params = dict(params or {})
    language = translation.get_language()
    if language:
        params[LANGUAGE_PARAM] = language
    job = BundleJob.objects.create(
        title=title[:200], requested_by=user, builder=_dotted(builder), params=params
    )
    inline_max = int(getattr(settings, "PORTAL_BUNDLE_INLINE_MAX_DOCUMENTS", 20))
    if size_hint is not None and size_hint <= inline_max:
        run_bundle_job(job.pk)
    else:
        build_bundle_task.enqueue(job.pk)
    job.refresh_from_db()
    return job


@task()
def build_bundle_task(job_id: int) -> str:
    return run_bundle_job(job_id)


class _Progress:
    """Writes progress to the job row at most twice a second (and at the end)."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.5:
            return
        self.last = now
        BundleJob.objects.filter(pk=self.job_id).update(
            done=done, total=total, heartbeat_at=timezone.now()
        )


def _language_of(user) -> str:
    """The language a person reads the portal's e-mails in (jobs queued without one)."""
    from plugins.contact import language_of

    return language_of(user)


def run_bundle_job(job_id: int) -> str:
    """Build the bundle of one job; returns its final status."""
    claimed = BundleJob.objects.filter(pk=job_id, status=BundleJob.Status.QUEUED).update(
        status=BundleJob.Status.RUNNING, heartbeat_at=timezone.now()
    )
    if not claimed:
        return BundleJob.objects.filter(pk=job_id).values_list("status", flat=True).first() or ""
    job = BundleJob.objects.select_related("requested_by").get(pk=job_id)
    name = f"bundles/{job.uuid.hex}.pdf"
    path = private_path("bundles") / f"{job.uuid.hex}.pdf"
    # Written beside the final name and renamed when complete: a worker killed
    # half-way leaves only a ".part" file, which nothing ever serves.
    part = path.with_suffix(".part")
    try:
        params = dict(job.params or {})
        language = params.pop(LANGUAGE_PARAM, None) or _language_of(job.requested_by)
        with translation.override(language):
            sections = list(import_string(job.builder)(user=job.requested_by, **params))
            total = sum(len(s.items) for s in sections)
            BundleJob.objects.filter(pk=job.pk).update(total=total)
            result = build_bundle(
                sections, part, title=job.title, progress=_Progress(job.pk), language=language
            )
        part.replace(path)
    except Exception as exc:
        part.unlink(missing_ok=True)
        logger.exception("Bundle job %s failed", job.pk)
        # Kept untranslated: the progress page translates it for whoever reads it.
        message = (
            str(exc)
            if isinstance(exc, BundleError)
            else gettext_noop("The bundle could not be built.")
        )
        BundleJob.objects.filter(pk=job.pk).update(
            status=BundleJob.Status.FAILED, error=message[:300], finished_at=timezone.now()
        )
        return BundleJob.Status.FAILED
    now = timezone.now()
    ttl = int(getattr(settings, "PORTAL_BUNDLE_TTL_SECONDS", 24 * 3600))
    with transaction.atomic():
        BundleJob.objects.filter(pk=job.pk).update(
            status=BundleJob.Status.DONE,
            done=result.documents,
            total=result.documents,
            file=name,
            pages=result.pages,
            size=result.size,
            student_ids=sorted({s.student_id for s in sections if s.student_id}),
            finished_at=now,
            expires_at=now + datetime.timedelta(seconds=ttl),
        )
    return BundleJob.Status.DONE


#: Shown (translated for the reader) on a job whose worker stopped before it finished.
STOPPED = gettext_noop("The building of the bundle stopped. Try again.")


class WorkerStopped(Exception):
    """Recorded on a task result whose worker stopped (killed, crashed) while running it."""


def stale_seconds() -> int:
    """How long a running job may go without a sign of life before it counts as stopped.

    ``PORTAL_TASK_STALE_SECONDS`` (``PORTAL_BUNDLE_STALE_SECONDS`` is the older name).
    Progress is written at least every document, so the bound only needs to exceed the
    time one document takes to add.
    """
    value = getattr(settings, "PORTAL_TASK_STALE_SECONDS", None)
    if value is None:
        value = getattr(settings, "PORTAL_BUNDLE_STALE_SECONDS", 600)
    return int(value)


def stalled_jobs(now=None):
    """Jobs whose worker stopped: running with no sign of life for ``stale_seconds()``."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(seconds=stale_seconds())
    return BundleJob.objects.filter(status=BundleJob.Status.RUNNING).filter(
        models.Q(heartbeat_at__lt=limit) | models.Q(heartbeat_at__isnull=True)
    )


def is_stalled(job: BundleJob, now=None) -> bool:
    """Whether this job (as loaded) is running without a sign of life for too long."""
    if job.status != BundleJob.Status.RUNNING:
        return False
    if job.heartbeat_at is None:
        return True
    now = now or timezone.now()
    return job.heartbeat_at < now - datetime.timedelta(seconds=stale_seconds())


def _fail_stopped_jobs(jobs, now) -> int:
    """Mark these running jobs failed and retryable; their half-written files are removed."""
    count = 0
    for job in jobs.only("pk", "uuid"):
        # Conditional: a job that finished or moved on meanwhile is left alone.
        if jobs.filter(pk=job.pk).update(
            status=BundleJob.Status.FAILED, error=STOPPED, finished_at=now
        ):
            (private_path("bundles") / f"{job.uuid.hex}.part").unlink(missing_ok=True)
            logger.warning("Bundle job %s: its worker stopped; marked failed (retryable)", job.pk)
            count += 1
    return count


def _fail_task_result(result_id, now, reason: str) -> bool:
    from django_tasks_db.models import DBTaskResult

    return bool(
        DBTaskResult.objects.filter(pk=result_id, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            return_value=None,
            exception_class_path=f"{WorkerStopped.__module__}.{WorkerStopped.__qualname__}",
            traceback=f"{WorkerStopped.__qualname__}: {reason}\n",
        )
    )


def recover_stale_tasks(worker_id: str | None = None, now=None) -> dict[str, int]:
    """Fail what a stopped worker left "running", so people can try again.

    Run when a worker starts (``manage.py task_worker``). A worker runs one task at
    a time, so whatever the database still shows as running under the starting
    worker's own id was left by its previous process, which is gone. Bundle jobs
    without a sign of life for ``stale_seconds()`` are failed too (whichever worker
    had them), and so is the task result of a bundle job that has failed or finished.
    Task results of other workers' non-bundle tasks are left alone: nothing tells
    whether their worker still lives.
    """
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    task_path = build_bundle_task.module_path
    jobs = _fail_stopped_jobs(stalled_jobs(now), now)
    results = 0
    for result in DBTaskResult.objects.running().only(
        "pk", "task_path", "worker_ids", "args_kwargs"
    ):
        mine = bool(worker_id) and bool(result.worker_ids) and result.worker_ids[-1] == worker_id
        job_id = None
        if result.task_path == task_path:
            args = (result.args_kwargs or {}).get("args") or []
            job_id = args[0] if args else (result.args_kwargs or {}).get("kwargs", {}).get("job_id")
        if mine and job_id is not None:
            jobs += _fail_stopped_jobs(
                BundleJob.objects.filter(pk=job_id, status=BundleJob.Status.RUNNING), now
            )
        # The job failed or finished without its task result hearing of it.
        orphaned = job_id is not None and not (
            BundleJob.objects.filter(
                pk=job_id, status__in=[BundleJob.Status.QUEUED, BundleJob.Status.RUNNING]
            ).exists()
        )
        if mine or orphaned:
            reason = "the worker stopped while running this task"
            if _fail_task_result(result.pk, now, reason):
                logger.warning("Task %s: its worker stopped; marked failed", result.pk)
                results += 1
    return {"jobs": jobs, "results": results}


def retry_bundle(job: BundleJob) -> bool:
    """Queue a failed or stalled job again (its half-written file is removed first)."""
    retryable = BundleJob.objects.filter(pk=job.pk).filter(
        models.Q(status=BundleJob.Status.FAILED) | models.Q(pk__in=stalled_jobs().values("pk"))
    )
    if not retryable.update(status=BundleJob.Status.QUEUED, error="", done=0, heartbeat_at=None):
        return False
    (private_path("bundles") / f"{job.uuid.hex}.part").unlink(missing_ok=True)
    transaction.on_commit(lambda: build_bundle_task.enqueue(job.pk))
    return True


def purge_expired_bundles(now=None) -> int:
    """Remove the files of expired bundles; returns how many were removed."""
    now = now or timezone.now()
    storage = private_storage()
    count = 0
    for job in BundleJob.objects.filter(expires_at__lte=now).exclude(file=""):
        storage.delete(job.file)
        BundleJob.objects.filter(pk=job.pk).update(file="")
        count += 1
    return count
