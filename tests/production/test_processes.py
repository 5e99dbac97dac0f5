"""The production shape on one machine: two gunicorn app processes and one task worker.

A fresh PostgreSQL database is made for this test alone (whatever database the
rest of the suite uses), migrated and filled with production settings in
subprocesses. The coordinator signs in with password and TOTP code on app
process 1 and asks for a school application's merged PDF there; the job is
queued, the worker process (started only then) builds it, and app process 2
serves the download to the same session. Every process and the database are
removed at the end, pass or fail.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import json
import os
import re
import secrets
import signal
import socket
import struct
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
import requests
from pypdf import PdfReader

pytestmark = [pytest.mark.slow, pytest.mark.serial]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG_ADMIN_URL = os.environ.get("PORTAL_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
WORKER_ID = "prod-test-worker"

# Run in a subprocess with production settings: a school with a coordinator who
# has a TOTP device, and an open school application with three students.
SETUP = """
import json
import django

django.setup()

from django_otp.plugins.otp_totp.models import TOTPDevice

from jurisdictions.no_iskole.models import ApplicationStatus, SchoolApplication, StudentApplication
from plugins.sdk import builders as b

org = b.school()
maths = b.subject("MAT")
coordinator = b.role_holder("coordinator", org)
device = TOTPDevice.objects.create(user=coordinator, name="default", confirmed=True)
sa = SchoolApplication.objects.create(school=org, name="Production shape county", status="open")
names = []
for _ in range(3):
    st = b.student(school_org=org, age=13)
    app = StudentApplication.objects.create(
        student=st,
        status=ApplicationStatus.UNDER_CONSIDERATION,
        expert_assessment="PPT recommends special education in mathematics.",
        school_application=sa,
    )
    app.subjects.set([maths])
    names.append(st.name)
print(json.dumps({
    "username": coordinator.username,
    "password": "test-pass-2026",
    "key": device.key,
    "step": device.step,
    "t0": device.t0,
    "digits": device.digits,
    "school_application": sa.pk,
    "students": names,
}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _redis_url() -> str | None:
    """Redis database 15 when a server answers on loopback, else None (local memory)."""
    try:
        import redis  # noqa: F401
    except ImportError:
        return None
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            if not s.recv(16).startswith(b"+PONG"):
                return None
    except OSError:
        return None
    return "redis://127.0.0.1:6379/15"


def _totp(info: dict, at: float | None = None) -> str:
    """RFC 6238 code of the device, as django-otp computes it (SHA-1)."""
    counter = int(((at or time.time()) - info["t0"]) // info["step"])
    digest = hmac.new(bytes.fromhex(info["key"]), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10 ** info['digits']:0{info['digits']}d}"


def _csrf(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token in the form"
    return match.group(1)


class Stack:
    """The processes and database of one test run; ``close`` removes them all."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.db_name = f"portal_prod_test_{uuid.uuid4().hex[:12]}"
        self.procs: list[tuple[str, subprocess.Popen]] = []
        self.logs: dict[str, Path] = {}
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO"))},
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + self.db_name,
            "MEDIA_ROOT": str(tmp / "media"),
            "PRIVATE_STORAGE_ROOT": str(tmp / "private"),
            "STATIC_ROOT": str(tmp / "static"),
            "PORTAL_PLAIN_HTTP_LOOPBACK": "1",
            "PORTAL_BUNDLE_INLINE_MAX_DOCUMENTS": "0",  # every bundle goes to the worker
            "PORTAL_RENDER_WORKERS": "1",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("REDIS_URL", None)
        redis_url = _redis_url()
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        self.created_db = False

    # -- database --------------------------------------------------------------------------

    def create_db(self) -> None:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.db_name}"')
        self.created_db = True

    def query(self, sql: str) -> list[tuple]:
        with psycopg.connect(self.env["DATABASE_URL"]) as conn:
            return conn.execute(sql).fetchall()

    # -- processes -------------------------------------------------------------------------

    def run(self, name: str, args: list[str], timeout: int = 600) -> str:
        result = subprocess.run(
            args, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=timeout
        )
        assert result.returncode == 0, f"{name} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def start(self, name: str, args: list[str]) -> subprocess.Popen:
        log = self.tmp / f"{name}.log"
        self.logs[name] = log
        with open(log, "wb") as fh:
            proc = subprocess.Popen(
                args,
                cwd=ROOT,
                env=self.env,
                stdout=fh,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: gunicorn's workers go with it
            )
        self.procs.append((name, proc))
        return proc

    def start_app(self, name: str, port: int) -> str:
        self.start(
            name,
            [
                str(BIN / "gunicorn"),
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "120",
                "--access-logfile",
                "-",
                "--no-control-socket",  # gunicorn 27: else every master shares ~/.gunicorn
            ],
        )
        return f"http://127.0.0.1:{port}"

    def wait_healthy(self, base: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, proc in self.procs:
                if name in self.logs:  # a service, not a one-off command
                    assert proc.poll() is None, f"{name} exited early:\n{self.tail(name)}"
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                    return
            time.sleep(0.5)
        raise AssertionError(f"{base} did not become healthy")

    def tail(self, name: str, lines: int = 40) -> str:
        path = self.logs.get(name)
        if not path or not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def close(self) -> None:
        for _name, proc in self.procs:
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
        for _name, proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        if self.created_db:
            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
        if "REDIS_URL" in self.env:
            with contextlib.suppress(Exception):
                import redis

                redis.Redis.from_url(self.env["REDIS_URL"]).flushdb()


@pytest.fixture
def stack(tmp_path):
    s = Stack(tmp_path)
    try:
        yield s
    finally:
        s.close()


def sign_in(session: requests.Session, base: str, info: dict) -> None:
    """Password, then the TOTP code, through the two-step sign-in form."""
    login = f"{base}/accounts/login/"
    page = session.get(login, timeout=30)
    assert page.status_code == 200
    step = session.post(
        login,
        data={
            "csrfmiddlewaretoken": _csrf(page.text),
            "login_view-current_step": "auth",
            "auth-username": info["username"],
            "auth-password": info["password"],
        },
        timeout=30,
    )
    assert step.status_code == 200 and "token-otp_token" in step.text, step.text[:2000]
    done = session.post(
        login,
        data={
            "csrfmiddlewaretoken": _csrf(step.text),
            "login_view-current_step": "token",
            "token-otp_token": _totp(info),
        },
        allow_redirects=False,
        timeout=30,
    )
    assert done.status_code == 302, done.text[:2000]


def test_bundle_requested_on_one_app_is_built_by_the_worker_and_served_by_the_other(stack):
    manage = [sys.executable, "manage.py"]
    stack.create_db()
    # Static files (hashed and compressed for WhiteNoise) and the schema, side by side.
    static = subprocess.Popen(
        [*manage, "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=stack.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    stack.procs.append(("collectstatic", static))
    stack.run("migrate", [*manage, "migrate", "--noinput", "-v0"])
    info = json.loads(stack.run("setup", [sys.executable, "-c", SETUP]).strip().splitlines()[-1])
    output = static.communicate(timeout=600)[0]
    assert static.returncode == 0, output.decode(errors="replace")
    assert (Path(stack.env["STATIC_ROOT"]) / "staticfiles.json").exists()

    app1 = stack.start_app("app1", _free_port())
    app2 = stack.start_app("app2", _free_port())
    stack.wait_healthy(app1)
    stack.wait_healthy(app2)

    # Static files come from WhiteNoise inside gunicorn.
    manifest = json.loads((Path(stack.env["STATIC_ROOT"]) / "staticfiles.json").read_text())
    hashed = next(v for k, v in manifest["paths"].items() if k.endswith(".css"))
    css = requests.get(f"{app2}/static/{hashed}", timeout=30)
    assert css.status_code == 200 and "max-age" in css.headers.get("Cache-Control", "")

    session = requests.Session()
    sign_in(session, app1, info)

    # Requested through app process 1 (a POST from the school application's page):
    # queued, since no worker runs yet.
    detail = f"{app1}/j/no-iskole/school-applications/{info['school_application']}/"
    page = session.get(detail, timeout=60)
    assert page.status_code == 200, page.text[:2000]
    response = session.post(
        f"{detail}pdf/",
        data={"csrfmiddlewaretoken": _csrf(page.text)},
        headers={"Referer": detail},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 302, response.text[:2000]
    progress = response.headers["Location"]
    job_uuid = re.search(r"/files/bundles/([0-9a-f-]{36})/", progress).group(1)
    status_path = f"/files/bundles/{job_uuid}/status/"
    first = session.get(f"{app1}{status_path}", timeout=30).json()
    assert first["status"] == "queued" and first["download_url"] is None, first
    assert session.get(f"{app1}/files/bundles/{job_uuid}/download/", timeout=30).status_code == 404

    # The worker process picks the job up and builds it.
    stack.start(
        "worker",
        [*manage, "task_worker", "--worker-id", WORKER_ID, "--interval", "0.5", "-v", "2"],
    )
    deadline = time.monotonic() + 240
    state = first
    while time.monotonic() < deadline:
        state = session.get(f"{app1}{status_path}", timeout=30).json()
        if state["status"] in ("done", "failed"):
            break
        assert stack.procs[-1][1].poll() is None, f"worker exited:\n{stack.tail('worker')}"
        time.sleep(1)
    assert state["status"] == "done", f"{state}\n{stack.tail('worker')}"
    ran = stack.query(
        "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult "
        "WHERE task_path LIKE '%build_bundle_task'"
    )
    assert len(ran) == 1 and ran[0][0] == "SUCCESSFUL" and WORKER_ID in ran[0][1], ran

    # Downloaded through app process 2 with the same session cookie.
    download = session.get(f"{app2}{state['download_url']}", timeout=60)
    assert download.status_code == 200, download.text[:2000]
    assert download.headers["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(download.content))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert sorted(titles) == sorted(info["students"])
    assert len(reader.pages) >= 3
    # Both app processes answered this session (access logs), and a stranger gets nothing.
    assert "/status/" in stack.tail("app1", 200) and "/download/" in stack.tail("app2", 200)
    stranger = requests.get(f"{app2}{state['download_url']}", allow_redirects=False, timeout=30)
    assert stranger.status_code in (302, 403, 404)
