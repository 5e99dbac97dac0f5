"""The demo world for the tests: loaded once per test process, restored after that.

Loading the demo renders PDFs and builds the guidance and its translations (about 25 s).
Each test module (and the security package) needs the world as ``load_demo`` leaves
it, inside an outer transaction that is rolled back when the module is done. The first
load in a process runs ``content.demo.load()`` for real and keeps what it produced:
every row of every table, and every file under the media and private storage roots. A
later load, inside its own outer transaction, empties the tables and writes those rows
back, and rewrites any stored file a test removed or changed, which gives the same
database and files in a second or two. The returned world is a deep copy of the first.

Only the tests use this: ``manage.py load_demo`` always loads for real, and the demo's
own tests (tests/content/test_demo.py) call it directly.
"""

from __future__ import annotations

import copy
from pathlib import Path

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction

_snapshots: dict[str, dict] = {}


def _table_names() -> list[str]:
    """The tables to keep: on SQLite, full-text tables (and their shadow tables) are left
    out; triggers on the search index table fill them as its rows are written."""
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        virtual = []
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
            virtual = [row[0] for row in cursor.fetchall()]
    return sorted(
        name for name in names if not any(name == v or name.startswith(f"{v}_") for v in virtual)
    )


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _read_rows() -> dict[str, tuple[list[str], list[tuple]]]:
    tables = {}
    with connection.cursor() as cursor:
        for table in _table_names():
            cursor.execute(f"SELECT * FROM {_quote(table)}")  # noqa: S608  # nosec B608 - table names from introspection
            columns = [column[0] for column in cursor.description]
            tables[table] = (columns, [tuple(row) for row in cursor.fetchall()])
    return tables


def _storage_roots() -> list[Path]:
    return [Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_STORAGE_ROOT)]


def _read_files() -> dict[Path, bytes]:
    files = {}
    for root in _storage_roots():
        if root.is_dir():
            for path in root.rglob("*"):
                if path.is_file():
                    files[path] = path.read_bytes()
    return files


def _write_rows(tables: dict[str, tuple[list[str], list[tuple]]]) -> None:
    present = set(_table_names())
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Foreign keys are deferred to the end of the (never committed) outer
            # transaction; every table is emptied and refilled inside it.
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in present:
            cursor.execute(f"DELETE FROM {_quote(table)}")  # noqa: S608  # nosec B608 - table names from introspection
        for table, (columns, rows) in tables.items():
            if not rows or table not in present:
                continue
            names = ", ".join(_quote(column) for column in columns)
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {_quote(table)} ({names}) VALUES ({marks})", rows)  # noqa: S608  # nosec B608
        if connection.vendor == "postgresql":
            from django.apps import apps

            for statement in connection.ops.sequence_reset_sql(
                no_style(), apps.get_models(include_auto_created=True)
            ):
                cursor.execute(statement)


def _write_files(files: dict[Path, bytes]) -> None:
    for path, content in files.items():
        if not path.is_file() or path.read_bytes() != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


def _forget_cached_ids() -> None:
    """Caches keyed by database ids that a flush in an earlier test may have made stale."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    ContentType.objects.clear_cache()
    cache.clear()


def _key() -> tuple:
    """What the kept world depends on: a load under other settings is made for real."""
    return (
        connection.vendor,
        tuple(_storage_roots()),
        tuple(getattr(settings, "PORTAL_DEMO_GUIDANCE_LANGUAGES", ())),
    )


def kept(name: str, loader):
    """What ``loader()`` returns and writes, made once per process under ``name``.

    The database must be as migrated when it is first called for ``name`` (a test's
    own rows made before it are kept in the copy, and wiped by every later restore).
    """
    snapshot = _snapshots.get(name)
    if snapshot is None or snapshot["key"] != _key():
        _forget_cached_ids()
        result = loader()
        _snapshots[name] = {
            "key": _key(),
            "tables": _read_rows(),
            "files": _read_files(),
            "result": copy.deepcopy(result),
        }
        return result
    _write_rows(snapshot["tables"])
    _write_files(snapshot["files"])
    _forget_cached_ids()
    return copy.deepcopy(snapshot["result"])


def load() -> dict:
    """The demo world in the current (outer) transaction, as ``content.demo.load()`` makes it.

    Only inside a transaction: the browser tests (``transactional_db``, serialized
    rollback) load the demo themselves.
    """
    from content import demo as demo_data

    return kept("demo", demo_data.load)
