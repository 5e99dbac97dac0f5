"""Restore an instance exported by ``export_instance``.

    python manage.py migrate && python manage.py import_instance /backups/portal-2026-12-01 --replace

Everything is checked before anything is written: the manifest, every file's
SHA-256. The database part runs in one transaction and the row counts must
match the manifest, else nothing is kept; files go to the storage areas only
after the rows are in, and are moved back out if that fails.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from plugins.models import Student

from ._instance import DATA, FORMAT, MANIFEST, file_hashes, row_counts, storage_roots


def empty_tables() -> None:
    """Delete every row except content types and permissions.

    Those two are made by ``migrate`` and referenced by natural key in the
    backup; keeping them keeps their ids, which running processes have cached.
    """
    from django.contrib.auth.models import Permission
    from django.db import connection

    keep = {ContentType._meta.db_table, Permission._meta.db_table}
    tables = set(connection.introspection.django_table_names(only_existing=True)) - keep
    # DELETE, not TRUNCATE: it runs inside the caller's transaction on every database
    # (foreign keys are checked at commit), so a failed restore leaves everything as it was.
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608  # nosec B608


class Command(BaseCommand):
    help = "Restore rows and files exported by export_instance (into a migrated database)."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete every row and file this instance holds now, then restore.",
        )

    def handle(self, directory, replace=False, **options):
        source = Path(directory)
        try:
            manifest = json.loads((source / MANIFEST).read_text())
        except (OSError, ValueError) as exc:
            raise CommandError(f"{source} holds no readable {MANIFEST}: {exc}") from exc
        if manifest.get("format") != FORMAT:
            raise CommandError(f"Unknown backup format {manifest.get('format')!r}.")
        if not (source / DATA).is_file():
            raise CommandError(f"{source / DATA} is missing.")
        for name, expected in manifest["files"].items():
            found = file_hashes(source / name)
            if found != expected:
                broken = sorted(set(expected.items()) ^ set(found.items()))[:3]
                raise CommandError(f"Files in {name}/ do not match the manifest: {broken}")
        if Student.objects.exists() and not replace:
            raise CommandError(
                "This instance already holds data. Use --replace to delete it and restore."
            )

        roots = storage_roots()
        with transaction.atomic():
            if replace:
                empty_tables()
            call_command("loaddata", str(source / DATA), verbosity=0)
            counts = row_counts()
            wrong = {
                k: (v, counts.get(k)) for k, v in manifest["counts"].items() if counts.get(k) != v
            }
            if wrong:
                raise CommandError(f"Row counts differ after loading (expected, found): {wrong}")
            moved = []
            try:
                for name, root in roots.items():
                    if root.exists() and replace:
                        aside = root.with_name(root.name + ".before-import")
                        shutil.rmtree(aside, ignore_errors=True)
                        root.rename(aside)
                        moved.append((root, aside))
                    if (source / name).exists():
                        shutil.copytree(source / name, root, dirs_exist_ok=True)
                    else:
                        root.mkdir(parents=True, exist_ok=True)
            except Exception:
                for root, aside in moved:
                    shutil.rmtree(root, ignore_errors=True)
                    aside.rename(root)
                raise
        for _root, aside in moved:
            shutil.rmtree(aside, ignore_errors=True)
        call_command("update_index", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(manifest['counts'].values())} rows and "
                f"{sum(len(v) for v in manifest['files'].values())} files from {source}."
            )
        )
