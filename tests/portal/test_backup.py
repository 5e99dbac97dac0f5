"""Export and restore a whole instance: the demo round-trips with equal counts and file hashes."""

import json

import pytest
from django.core.management import CommandError, call_command

from plugins.models import Student
from portal.management.commands._instance import file_hashes, row_counts, storage_roots

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    settings.DEBUG = True
    return tmp_path


def test_demo_round_trips(areas):
    from content import demo

    demo.load()
    before_rows = row_counts()
    before_files = {name: file_hashes(root) for name, root in storage_roots().items()}
    assert before_rows["plugins.student"] > 0 and before_files["private"]

    call_command("export_instance", str(areas / "backup"))
    manifest = json.loads((areas / "backup" / "manifest.json").read_text())
    assert manifest["counts"] == before_rows

    # Into an existing instance only with --replace; without, nothing changes.
    with pytest.raises(CommandError, match="--replace"):
        call_command("import_instance", str(areas / "backup"))

    call_command("import_instance", str(areas / "backup"), "--replace")
    assert row_counts() == before_rows
    assert {name: file_hashes(root) for name, root in storage_roots().items()} == before_files
    assert Student.objects.filter(person__given_name="Ola").exists()


def test_a_tampered_backup_is_refused_before_anything_is_written(areas):
    from content import demo

    demo.load()
    call_command("export_instance", str(areas / "backup"))
    victim = next((areas / "backup" / "private").rglob("*.pdf"))
    victim.write_bytes(b"%PDF-1.4 changed")
    rows = row_counts()
    with pytest.raises(CommandError, match="do not match the manifest"):
        call_command("import_instance", str(areas / "backup"), "--replace")
    assert row_counts() == rows


def test_export_refuses_an_existing_directory(areas):
    (areas / "taken").mkdir()
    with pytest.raises(CommandError, match="already exists"):
        call_command("export_instance", str(areas / "taken"))
