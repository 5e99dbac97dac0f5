"""Export a whole instance: every row (JSON), every file, and a manifest to check them by.

    python manage.py export_instance /backups/portal-2026-12-01

The directory is created (it must not exist yet). ``import_instance`` restores
it into an empty, migrated database. For PostgreSQL, ``pg_dump`` plus a copy
of the two file areas is the alternative (docs/deploy.md).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ._instance import DATA, EXCLUDE, FORMAT, MANIFEST, file_hashes, row_counts, storage_roots


class Command(BaseCommand):
    help = "Export every row and file of this instance into a new directory."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, directory, **options):
        target = Path(directory)
        if target.exists():
            raise CommandError(f"{target} already exists: give a new directory.")
        tmp = target.with_name(target.name + ".partial")
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        try:
            # One snapshot: rows and counts read in the same transaction.
            with transaction.atomic():
                call_command(
                    "dumpdata",
                    natural_foreign=True,
                    exclude=EXCLUDE,
                    output=str(tmp / DATA),
                    verbosity=0,
                )
                counts = row_counts()
            files = {}
            for name, root in storage_roots().items():
                if root.exists():
                    shutil.copytree(root, tmp / name, symlinks=False)
                files[name] = file_hashes(tmp / name)
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "counts": counts,
                "files": files,
            }
            (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
            tmp.rename(target)
        except Exception:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        total_files = sum(len(v) for v in files.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {sum(counts.values())} rows and {total_files} files to {target}."
            )
        )
