"""scripts/supervise.sh, the supervision of `make prod-demo`, with stand-in processes:
a killed worker is restarted while the app processes keep running; an app process
that ends, Ctrl-C or TERM stops everything."""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.serial]

ROOT = Path(__file__).resolve().parents[2]

DRIVER = r"""
set -euo pipefail
source scripts/supervise.sh
SUPERVISE_BACKOFF=1
SUPERVISE_BACKOFF_MAX=1
supervise_app bash -c 'echo $$ >> "$0/app.pids"; exec sleep 300' "$STATE"
supervise_app bash -c 'echo $$ >> "$0/app.pids"; exec sleep "$1"' "$STATE" "$APP_LIFE"
supervise_restarting worker bash -c 'echo $$ >> "$0/worker.pids"; exec sleep 300' "$STATE"
supervise_wait
"""


def _pids(path: Path) -> list[int]:
    return [int(line) for line in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _until(check, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def supervise(tmp_path):
    procs = []

    def start(app_life: int = 300):
        env = {**os.environ, "STATE": str(tmp_path), "APP_LIFE": str(app_life)}
        proc = subprocess.Popen(
            ["bash", "-c", DRIVER],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        procs.append(proc)
        assert _until(lambda: len(_pids(tmp_path / "app.pids")) == 2), "apps did not start"
        assert _until(lambda: len(_pids(tmp_path / "worker.pids")) == 1), "worker did not start"
        return proc

    yield start
    for proc in procs:  # whatever a failed test left behind: this test's process group only
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_a_killed_worker_is_restarted_and_the_apps_stay_up(supervise, tmp_path, stop_signal):
    proc = supervise()
    apps = _pids(tmp_path / "app.pids")
    first = _pids(tmp_path / "worker.pids")[0]

    os.kill(first, signal.SIGKILL)
    assert _until(lambda: len(_pids(tmp_path / "worker.pids")) == 2), "worker not restarted"
    second = _pids(tmp_path / "worker.pids")[1]
    assert second != first and _alive(second)
    assert proc.poll() is None and all(_alive(pid) for pid in apps)

    # Ctrl-C or TERM stops the apps and the restarted worker, and nothing comes back.
    os.kill(proc.pid, stop_signal)
    proc.wait(timeout=15)
    log = proc.stderr.read()
    assert "worker ended (status 137); restarting in 1s" in log, log
    assert not any(_alive(pid) for pid in [*apps, second])
    time.sleep(1.5)
    assert len(_pids(tmp_path / "worker.pids")) == 2


def test_an_app_process_that_ends_stops_everything(supervise, tmp_path):
    proc = supervise(app_life=2)
    worker = _pids(tmp_path / "worker.pids")[0]
    proc.wait(timeout=15)
    assert "an app process ended (status 0)" in proc.stderr.read()
    assert not any(_alive(pid) for pid in [*_pids(tmp_path / "app.pids"), worker])


def test_prod_demo_supervises_its_worker_with_recovery():
    script = (ROOT / "scripts" / "prod_demo.sh").read_text()
    assert "source scripts/supervise.sh" in script
    assert 'supervise_restarting worker "$PY" manage.py task_worker' in script
    assert "supervise_wait" in script and "wait -n" not in script
    subprocess.run(["bash", "-n", ROOT / "scripts" / "prod_demo.sh"], check=True)
