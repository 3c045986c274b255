"""`make run` serves the site and runs the worker beside it; Ctrl-C stops both."""

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from .test_settings_env import ROOT


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def processes_using(database):
    """Return the pids whose environment points at this database (make's children)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if f"DATABASE_URL=sqlite:///{database}".encode() in environ:
            found.append((int(entry.name), cmdline))
    return found


def wait_for(condition, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.5)
    return None


def healthy(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir() or not shutil.which("setsid"), reason="needs Linux")
def test_make_run_serves_the_site_with_a_worker_and_ctrl_c_stops_both(tmp_path):
    database = tmp_path / "run.sqlite3"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env |= {"DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "rebound.settings"}
    make = subprocess.Popen(
        ["make", "--no-print-directory", "run", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        assert wait_for(lambda: healthy(port)), "the site never answered /healthz/"
        commands = [cmdline for _pid, cmdline in processes_using(database)]
        assert any("runserver" in c for c in commands), commands
        assert any("db_worker" in c for c in commands), commands

        os.killpg(make.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        make.wait(timeout=30)
        assert wait_for(lambda: not processes_using(database), timeout=15) is not None, (
            processes_using(database)
        )
        assert not healthy(port)
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
        for pid, _cmdline in processes_using(database):
            os.kill(pid, signal.SIGKILL)
