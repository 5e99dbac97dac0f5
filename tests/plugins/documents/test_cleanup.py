"""documents_cleanup: files without rows, expired bundles and old renders go; the rest stays."""

import os
import time

import pytest
from django.core.management import call_command

from plugins.documents import store_upload

from . import pdfs
from .conftest import stored_files

pytestmark = pytest.mark.django_db


def test_cleanup_removes_only_what_nothing_needs(upload, student, private_root):
    doc = store_upload(upload(pdfs.text_pdf(1)), student=student, owner="dummy", title="Keep")
    orphan = private_root / "documents" / "2020" / "01" / "orphan.pdf"
    young_orphan = private_root / "documents" / "2020" / "01" / "young.pdf"
    old_render = private_root / "cache" / "render" / "ab" / "ab.pdf"
    for path in (orphan, young_orphan, old_render):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.7")
    long_ago = time.time() - 90 * 86400
    os.utime(orphan, (long_ago, long_ago))
    os.utime(old_render, (long_ago, long_ago))

    call_command("documents_cleanup")

    remaining = {p.relative_to(private_root).as_posix() for p in stored_files(private_root)}
    assert remaining == {doc.file, "documents/2020/01/young.pdf"}
