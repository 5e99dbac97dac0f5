"""Remove what private storage no longer needs: expired bundles, files without a
row (left by a transaction rolled back after the file was written), old renders."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from plugins.documents.models import Document
from plugins.documents.tasks import purge_expired_bundles


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--cache-days", type=int, default=30, help="keep renders used this recently"
        )
        parser.add_argument(
            "--grace-minutes", type=int, default=60, help="leave younger files alone"
        )

    def handle(self, *args, cache_days, grace_minutes, **options):
        root = Path(settings.PRIVATE_STORAGE_ROOT)
        bundles = purge_expired_bundles()
        cutoff = time.time() - grace_minutes * 60
        known = set(Document.objects.values_list("file", flat=True))
        orphans = 0
        for path in (root / "documents").rglob("*.pdf") if (root / "documents").exists() else ():
            if path.relative_to(root).as_posix() not in known and path.stat().st_mtime < cutoff:
                path.unlink()
                orphans += 1
        old = time.time() - cache_days * 86400
        renders = 0
        for path in (root / "cache").rglob("*.pdf") if (root / "cache").exists() else ():
            if path.stat().st_atime < old and path.stat().st_mtime < old:
                path.unlink()
                renders += 1
        self.stdout.write(
            f"expired bundles: {bundles}, orphaned files: {orphans}, old renders: {renders}"
        )
