"""The task worker (django-tasks-db's ``db_worker``) that first recovers what a stopped
worker left behind: tasks still "running" under this worker's id and bundle jobs
without a sign of life are marked failed, so people can try again.

Takes the same options as ``db_worker``; give each worker process its own stable
``--worker-id`` (e.g. ``%H-worker``) so a restarted worker recognises its own leftovers.
"""

import logging

from django_tasks_db.management.commands import db_worker

from plugins.documents.tasks import recover_stale_tasks

logger = logging.getLogger("django_tasks_db")


class Command(db_worker.Command):
    help = __doc__

    def handle(self, *args, worker_id: str, verbosity: int, **options) -> None:
        self.configure_logging(verbosity)
        recovered = recover_stale_tasks(worker_id=worker_id)
        if any(recovered.values()):
            logger.warning(
                "Worker %s: marked %d stopped bundle job(s) and %d task result(s) failed",
                worker_id,
                recovered["jobs"],
                recovered["results"],
            )
        super().handle(*args, worker_id=worker_id, verbosity=verbosity, **options)
