"""The image's own health check passes under the production settings, whatever the host names."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.urls import reverse

from interviews.web.health import probe_url

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def healthcheck_command():
    """Return the Dockerfile's HEALTHCHECK command as the argv Docker would run."""
    lines = (ROOT / "Dockerfile").read_text().replace("\\\n", " ").splitlines()
    (line,) = [line for line in lines if line.startswith("HEALTHCHECK ")]
    command = line.partition(" CMD ")[2].strip()
    if command.startswith("["):
        return json.loads(command)
    return ["/bin/sh", "-c", command]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(tmp_path, port):
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "GUNICORN_"))
        and name not in {"DATABASE_URL", "CACHE_URL", "EMAIL_URL"}
    }
    return env | {
        "DJANGO_SETTINGS_MODULE": "rebound.settings",
        "DJANGO_SECRET_KEY": "healthcheck-test-secret-key-0123456789-abcdefghijklmnopqrstu",
        # The real domain only: the probe's 127.0.0.1 is not among the allowed hosts.
        "DJANGO_ALLOWED_HOSTS": "rebound.example.com",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://rebound.example.com",
        "DJANGO_BEHIND_TLS_PROXY": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "EMAIL_URL": "smtp+tls://rebound:mail-password@mail.example.com:587",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "HOME": str(tmp_path),
        # The image puts its virtual environment first on PATH, so `python` is the project's.
        "PATH": f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
    }


def probe(env):
    return subprocess.run(
        healthcheck_command(), cwd=ROOT, env=env, capture_output=True, text=True, timeout=30
    )


def test_the_images_health_check_passes_with_the_real_domain_as_the_only_host(tmp_path):
    port = free_port()
    env = production_env(tmp_path, port)
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [VENV_BIN / "gunicorn", "-c", "python:rebound.gunicorn"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until_listening(server, port, log)
            # Like Docker's retries: the worker may still be booting when the port opens.
            deadline = time.monotonic() + 60
            while (result := probe(env)).returncode != 0 and time.monotonic() < deadline:
                time.sleep(0.5)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr + log.read_text()


def test_the_health_check_fails_when_nothing_answers(tmp_path):
    assert probe(production_env(tmp_path, free_port())).returncode != 0


def wait_until_listening(server, port, log):
    """Wait until gunicorn accepts connections (without asking /healthz/ itself)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited with {server.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"gunicorn did not listen on {port} within 60 s:\n{log.read_text()}")


@pytest.mark.parametrize("host", ["127.0.0.1", "10.1.2.3:8000", "unknown.invalid"])
def test_healthz_answers_whatever_the_host(client, settings, host):
    settings.ALLOWED_HOSTS = ["rebound.example.com"]
    response = client.get(reverse("healthz"), headers={"host": host})
    assert response.status_code == 200
    assert response.content == b"ok"


def test_every_other_page_still_refuses_a_host_that_is_not_allowed(client, settings, db):
    settings.ALLOWED_HOSTS = ["rebound.example.com"]
    assert client.get(reverse("home"), headers={"host": "127.0.0.1"}).status_code == 400
    assert client.get("/healthz/extra", headers={"host": "127.0.0.1"}).status_code == 400


def test_healthz_still_refuses_a_post(client):
    assert client.post(reverse("healthz")).status_code == 405


@pytest.mark.parametrize(
    ("bind", "url"),
    [
        ("0.0.0.0:8000", "http://127.0.0.1:8000/healthz/"),
        ("[::]:8080", "http://[::1]:8080/healthz/"),
        ("127.0.0.1:9000", "http://127.0.0.1:9000/healthz/"),
        (":8000", "http://127.0.0.1:8000/healthz/"),
    ],
)
def test_the_probe_asks_the_address_gunicorn_binds(bind, url):
    assert probe_url(bind) == url
