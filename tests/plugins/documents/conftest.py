import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plugins.sdk import builders as b


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Every documents test keeps its files in its own private root."""
    root = tmp_path / "private"
    root.mkdir()
    settings.PRIVATE_STORAGE_ROOT = root
    settings.MEDIA_ROOT = tmp_path / "media"
    return root


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest.fixture
def upload():
    def make(data: bytes, name: str = "report.pdf", content_type: str = "application/pdf"):
        return SimpleUploadedFile(name, data, content_type=content_type)

    return make


@pytest.fixture
def student(db):
    return b.student()


@pytest.fixture
def test_templates(settings):
    """Templates of these tests (under ./templates/documents_test/)."""
    import copy
    from pathlib import Path

    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], Path(__file__).parent / "templates"]
    settings.TEMPLATES = templates


@pytest.fixture
def http_server():
    """A loopback HTTP server that counts the requests it gets (none are expected)."""
    import http.server
    import threading

    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(b"\x89PNG\r\n\x1a\n")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.hits = hits
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()
