"""Production settings refuse insecure defaults and pass ``check --deploy``."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def run_manage(*args, env_extra=None):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "MEDIA_ROOT",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        )
    }
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.production"
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def good_env(tmp_path):
    return {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "portal.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }


def test_check_deploy_is_clean(tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_extra=good_env(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "MEDIA_ROOT"])
def test_refuses_to_start_without(tmp_path, missing):
    env = good_env(tmp_path)
    del env[missing]
    result = run_manage("check", env_extra=env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


@pytest.mark.parametrize("key", ["insecure-development-key-change-me", "short", "a" * 60])
def test_refuses_weak_secret_key(tmp_path, key):
    env = good_env(tmp_path) | {"SECRET_KEY": key}
    result = run_manage("check", env_extra=env)
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_production_is_not_debug(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)",
        env_extra=good_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["False", "True"]
