"""A worker killed mid-job: the job and its task record stop saying "running", the
person sees a failed job in their own language and can try again."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, trans_real
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from plugins.documents import BundleJob
from plugins.documents.tasks import (
    STOPPED,
    WorkerStopped,
    build_bundle_task,
    recover_stale_tasks,
    stalled_jobs,
)
from plugins.documents.views import _status
from plugins.sdk import builders as b
from tests.dummy_jurisdiction.models import Case

pytestmark = pytest.mark.django_db

#: Stands for the Norwegian translation until the lead adds it to the catalogue.
NB_STOPPED = "Arbeidet med å lage samledokumentet stoppet. Prøv igjen."


@pytest.fixture
def nb_catalogue():
    """The stopped message in the nb catalogue (in memory, for this test only)."""
    catalog = trans_real.translation("nb")._catalog._catalogs[0]
    with mock.patch.dict(catalog, {STOPPED: NB_STOPPED}):
        yield


def _ago(**kwargs):
    return timezone.now() - datetime.timedelta(**kwargs)


def _job(user, *, heartbeat, status=BundleJob.Status.RUNNING, case=None, **kw):
    return BundleJob.objects.create(
        title="Bundle",
        requested_by=user,
        builder="tests.dummy_jurisdiction.bundles.case_bundle",
        params={"case_ids": [case.pk]} if case else {},
        status=status,
        heartbeat_at=heartbeat,
        **kw,
    )


def _result(worker_id, *, job_id=None, task_path=None, status=TaskResultStatus.RUNNING):
    return DBTaskResult.objects.create(
        status=status,
        started_at=timezone.now(),
        args_kwargs={"args": [job_id] if job_id is not None else [], "kwargs": {}},
        task_path=task_path or build_bundle_task.module_path,
        worker_ids=[worker_id],
        backend_name="default",
    )


def test_a_running_job_whose_worker_is_gone_shows_failed_and_retryable_in_the_readers_language(
    verified_client, settings, private_root, nb_catalogue
):
    settings.PORTAL_TASK_STALE_SECONDS = 60
    school = b.school()
    case = Case.objects.create(student=b.student(school_org=school), summary="Summary text")
    user = b.role_holder("coordinator", school)
    job = _job(user, heartbeat=_ago(minutes=5), case=case)
    client = verified_client(user)

    state = client.get(
        reverse("documents:bundle-status", args=[job.uuid]), HTTP_ACCEPT_LANGUAGE="nb"
    ).json()
    # Failed, so the page stops polling and offers the retry; in the reader's language.
    assert state["status"] == "failed" and state["retry"] is True
    assert state["message"] == NB_STOPPED
    page = client.get(reverse("documents:bundle", args=[job.uuid]), HTTP_ACCEPT_LANGUAGE="nb")
    html = page.content.decode()
    assert NB_STOPPED in html and 'data-state="failed"' in html
    assert 'id="bundle-retry"' in html and 'id="bundle-retry" method="post"' in html
    assert "hidden>" not in html.split('id="bundle-retry"')[1].split("<button")[0]
    # Another reader gets another language: the message is translated when read.
    english = client.get(
        reverse("documents:bundle-status", args=[job.uuid]), HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    assert english["message"] == STOPPED

    # The retry builds it again (the immediate backend builds while enqueuing).
    with mock.patch("django.db.transaction.on_commit", side_effect=lambda fn, **kw: fn()):
        response = client.post(reverse("documents:bundle-retry", args=[job.uuid]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == BundleJob.Status.DONE and job.error == ""


def test_the_stopped_message_goes_through_gettext_in_every_language(settings):
    settings.PORTAL_TASK_STALE_SECONDS = 60
    user = b.role_holder("coordinator", b.school())
    running = _job(user, heartbeat=_ago(minutes=5))
    failed = _job(user, heartbeat=_ago(minutes=5), status=BundleJob.Status.FAILED, error=STOPPED)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            assert _status(running)["message"] == gettext(STOPPED)
            assert _status(failed)["message"] == gettext(STOPPED)
            assert _status(failed)["retry"] is True and _status(failed)["status"] == "failed"


def test_a_job_with_recent_progress_is_still_running(settings):
    settings.PORTAL_TASK_STALE_SECONDS = 60
    user = b.role_holder("coordinator", b.school())
    job = _job(user, heartbeat=_ago(seconds=10), total=4, done=1)
    state = _status(job)
    assert state["status"] == "running" and state["retry"] is False
    # The older setting name still applies when the new one is not set.
    del settings.PORTAL_TASK_STALE_SECONDS
    settings.PORTAL_BUNDLE_STALE_SECONDS = 5
    assert _status(job)["status"] == "failed"


def test_a_starting_worker_fails_what_its_previous_process_left_running(settings, private_root):
    settings.PORTAL_TASK_STALE_SECONDS = 600
    user = b.role_holder("coordinator", b.school())
    # Killed a second ago: the heartbeat is fresh, but the worker is the one starting now.
    mine = _job(user, heartbeat=_ago(seconds=1))
    mine_result = _result("w1", job_id=mine.pk)
    mine_digest = _result("w1", task_path="plugins.notifications.tasks.send_digests_task")
    part = private_root / "bundles" / f"{mine.uuid.hex}.part"
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(b"%PDF-1.7\n% half")
    # Another worker, alive and making progress: left alone.
    theirs = _job(user, heartbeat=_ago(seconds=1))
    theirs_result = _result("w2", job_id=theirs.pk)
    theirs_digest = _result("w2", task_path="plugins.notifications.tasks.send_digests_task")
    # Another worker's job with no sign of life for too long: failed, and its task record.
    silent = _job(user, heartbeat=_ago(hours=1))
    silent_result = _result("w3", job_id=silent.pk)

    assert recover_stale_tasks(worker_id="w1") == {"jobs": 2, "results": 3}

    for job in (mine, silent):
        job.refresh_from_db()
        assert job.status == BundleJob.Status.FAILED and job.error == STOPPED
        assert job.finished_at is not None
    assert not part.exists()
    theirs.refresh_from_db()
    assert theirs.status == BundleJob.Status.RUNNING
    for result in (mine_result, mine_digest, silent_result):
        result.refresh_from_db()
        assert result.status == TaskResultStatus.FAILED and result.finished_at is not None
        assert result.exception_class_path.endswith(WorkerStopped.__qualname__)
        assert result.task_result.status == TaskResultStatus.FAILED
    for result in (theirs_result, theirs_digest):
        result.refresh_from_db()
        assert result.status == TaskResultStatus.RUNNING
    # Idempotent: a second start finds nothing more.
    assert recover_stale_tasks(worker_id="w1") == {"jobs": 0, "results": 0}
    assert not stalled_jobs().exists()


# The worker closes its database connections between batches, as in production: on
# PostgreSQL that ends a test transaction, so this test commits and is cleaned up after.
@pytest.mark.django_db(transaction=True)
def test_the_task_worker_recovers_before_it_takes_new_work(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    user = b.role_holder("coordinator", b.school())
    job = _job(user, heartbeat=_ago(seconds=1))
    result = _result("prod-demo-worker", job_id=job.pk)
    # Keep pytest's own signal handlers.
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.Worker.configure_signals"
    ) as signals:
        call_command(
            "task_worker", "--worker-id", "prod-demo-worker", "--batch", "--no-startup-delay"
        )
    assert signals.called
    job.refresh_from_db()
    result.refresh_from_db()
    assert job.status == BundleJob.Status.FAILED and job.error == STOPPED
    assert result.status == TaskResultStatus.FAILED
