"""Background tasks (django-tasks): the daily digest for a task worker or scheduler."""

from django_tasks import task

from .mail import send_digests


@task()
def send_digests_task() -> int:
    """``send_digests_task.enqueue()``: the same as ``manage.py send_digests``."""
    return send_digests()
