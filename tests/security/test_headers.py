"""Security headers under the production settings."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.example.org",
        MEDIA_ROOT=str(tmp_path / "media"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
    )
    return env


PROBE = textwrap.dedent(
    """
    import json, django
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from django.test import Client, override_settings
    # No collectstatic here: plain static storage, every other setting as in production.
    override_settings(STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }).enable()
    client = Client(HTTP_HOST="portal.example.org", HTTP_X_FORWARDED_PROTO="https")
    out = {}
    for path in ("/healthz", "/accounts/login/"):
        r = client.get(path, secure=True)
        out[path] = {"status": r.status_code, "headers": {k.lower(): v for k, v in r.items()}}
    plain = Client(HTTP_HOST="portal.example.org").get("/accounts/login/")
    out["http"] = {"status": plain.status_code, "location": plain.get("Location", "")}
    print("JSON" + json.dumps(out))
    """
)


def probe(tmp_path) -> dict:
    import json

    proc = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    line = next(x for x in proc.stdout.splitlines() if x.startswith("JSON"))
    return json.loads(line[4:])


def test_production_responses_carry_the_security_headers(tmp_path):
    result = probe(tmp_path)
    assert result["http"]["status"] == 301
    assert result["http"]["location"].startswith("https://portal.example.org/")
    for path in ("/healthz", "/accounts/login/"):
        headers = result[path]["headers"]
        assert result[path]["status"] == 200, (path, result[path])
        assert "max-age=31536000" in headers.get("strict-transport-security", ""), path
        assert "includesubdomains" in headers["strict-transport-security"].lower()
        assert headers.get("x-frame-options") == "DENY", path
        assert headers.get("referrer-policy") == "same-origin", path
        assert headers.get("x-content-type-options") == "nosniff", path
        csp = headers.get("content-security-policy", "")
        assert csp, f"{path}: no Content-Security-Policy header (django-csp not configured)"
        assert "default-src" in csp and "'self'" in csp, csp
        assert "frame-ancestors 'none'" in csp or "frame-ancestors 'self'" in csp, csp
        assert "object-src 'none'" in csp or "default-src 'none'" in csp, csp
        assert "unsafe-eval" not in csp, csp


def test_check_deploy_is_clean(tmp_path):
    proc = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
