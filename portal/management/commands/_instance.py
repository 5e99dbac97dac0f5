"""Shared parts of ``export_instance`` and ``import_instance``: what a backup holds."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.json"

#: Rows that are rebuilt, not restored: content types and permissions (made by
#: migrate), sessions (everyone signs in again), the search index (rebuilt by
#: ``update_index``), the admin log.
EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "wagtailsearch",
]


def storage_roots() -> dict[str, Path]:
    """The file areas a backup carries: public media and private case files."""
    return {
        "media": Path(settings.MEDIA_ROOT),
        "private": Path(settings.PRIVATE_STORAGE_ROOT),
    }


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_hashes(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): sha256(p)
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def excluded(model) -> bool:
    label = model._meta.label_lower
    return any(label == e or model._meta.app_label == e for e in EXCLUDE)


def row_counts() -> dict[str, int]:
    """Rows per model that a backup carries (proxies and unmanaged models left out)."""
    counts = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or excluded(model):
            continue
        counts[meta.label_lower] = model._base_manager.count()
    return counts
