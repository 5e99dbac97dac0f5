"""Private storage: files under ``settings.PRIVATE_STORAGE_ROOT``, with no URL.

Read the setting on every call, so tests (and a changed setting) point
elsewhere without reloading anything.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A FileSystemStorage that refuses to make URLs: files leave only through views."""

    def __init__(self):
        super().__init__(
            location=str(settings.PRIVATE_STORAGE_ROOT),
            base_url=None,
            file_permissions_mode=0o600,
            directory_permissions_mode=0o700,
        )

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a permission-checked view.")


def private_storage() -> PrivateStorage:
    return PrivateStorage()


def private_path(*parts: str) -> Path:
    """A path under the private root (created), for caches and temporary bundle files."""
    path = Path(settings.PRIVATE_STORAGE_ROOT).joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
