"""deploy/nginx.conf is valid, and carries every GET through a rolling restart of one replica.

Runs Debian's nginx on the shipped file with only its machine-specific lines rewritten (ports,
certificate, pid and log paths); skips when nginx is absent, unless CI or
REBOUND_REQUIRE_NGINX says it must run.
"""

import http.client
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from interviews.web.limits import MAX_UPLOAD_MB

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "nginx.conf"
VENV_BIN = Path(sys.executable).parent
REQUIRED = bool(os.environ.get("REBOUND_REQUIRE_NGINX") or os.environ.get("CI"))
HOST = "rebound.example.com"


@pytest.fixture
def nginx():
    found = shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
    )
    if found is None:
        reason = "nginx is not installed (apt-get install -y nginx-light)"
        if REQUIRED:
            pytest.fail(f"The nginx checks are required here, but {reason}.")
        pytest.skip(reason)
    return found


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def replace_once(text, old, new):
    assert text.count(old) == 1, f"deploy/nginx.conf should have exactly one {old!r}"
    return text.replace(old, new)


def local_config(tmp_path, *, http_port, https_port, replicas):
    """Write deploy/nginx.conf with its machine-specific lines pointed into tmp_path."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", f"/CN={HOST}",
         "-keyout", tmp_path / "key.pem", "-out", tmp_path / "cert.pem"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    text = CONFIG.read_text()
    if os.geteuid() != 0:
        text = replace_once(text, "user www-data;\n", "")
    for old, new in [
        ("pid /run/nginx.pid;", f"pid {tmp_path}/nginx.pid;"),
        ("error_log /var/log/nginx/error.log;", f"error_log {tmp_path}/error.log;"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen [::]:80;\n", ""),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("listen [::]:443 ssl http2;\n", ""),
        (f"/etc/letsencrypt/live/{HOST}/fullchain.pem", f"{tmp_path}/cert.pem"),
        (f"/etc/letsencrypt/live/{HOST}/privkey.pem", f"{tmp_path}/key.pem"),
        ("server 127.0.0.1:8001 ", f"server 127.0.0.1:{replicas[0]} "),
        ("server 127.0.0.1:8002 ", f"server 127.0.0.1:{replicas[1]} "),
    ]:
        text = replace_once(text, old, new)
    # nginx's scratch folders, which the unprivileged user may not write where Debian puts them.
    temp_paths = "".join(
        f"    {kind}_temp_path {tmp_path}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    text = replace_once(text, "http {\n", "http {\n" + temp_paths)
    path = tmp_path / "nginx.conf"
    path.write_text(text)
    return path


def nginx_command(nginx, config, tmp_path, *args):
    return [nginx, "-c", config, "-p", tmp_path, "-e", tmp_path / "error.log", *args]


def test_the_example_nginx_config_is_valid(nginx, tmp_path):
    config = local_config(tmp_path, http_port=free_port(), https_port=free_port(),
                          replicas=(free_port(), free_port()))  # fmt: skip
    result = subprocess.run(
        nginx_command(nginx, config, tmp_path, "-t"), capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr


def test_nginx_lets_through_every_upload_rebound_accepts():
    (size,) = re.findall(r"client_max_body_size (\d+)m;", CONFIG.read_text())
    assert int(size) > MAX_UPLOAD_MB


def replica_env(tmp_path, port):
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "GUNICORN_"))
        and name not in {"DATABASE_URL", "CACHE_URL", "EMAIL_URL"}
    }
    return env | {
        "DJANGO_SETTINGS_MODULE": "rebound.settings",
        "DJANGO_SECRET_KEY": "nginx-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_BEHIND_TLS_PROXY": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "HOME": str(tmp_path),
    }


def start_replica(tmp_path, port):
    log = (tmp_path / f"replica-{port}.log").open("a")
    server = subprocess.Popen(
        [VENV_BIN / "gunicorn", "-c", "python:rebound.gunicorn"],
        cwd=ROOT,
        env=replica_env(tmp_path, port),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_until_listening(server, port)
    return server


def wait_until_listening(process, port):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"exited with {process.returncode}"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nothing listened on {port} within 60 s")


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


class Clients:
    """Threads that GET /healthz/ through nginx until told to stop; they record every answer."""

    def __init__(self, port, cafile, count=4):
        self.port, self.done, self.lock = port, threading.Event(), threading.Lock()
        self.context = ssl.create_default_context(cafile=cafile)
        self.context.check_hostname = False  # the certificate names HOST, not 127.0.0.1
        self.answers, self.failures = [], []
        self.threads = [threading.Thread(target=self.run) for _ in range(count)]

    def run(self):
        connection = None
        # Bounded: a stuck test stops by itself after 5,000 requests a thread.
        for _ in range(5000):
            if self.done.is_set():
                break
            connection = connection or http.client.HTTPSConnection(
                "127.0.0.1", self.port, context=self.context, timeout=30
            )
            try:
                connection.request("GET", "/healthz/", headers={"Host": HOST})
                response = connection.getresponse()
                response.read()
                answer = response.status
            except (OSError, http.client.HTTPException) as error:
                answer, connection = repr(error), None
            with self.lock:
                (self.answers if answer == 200 else self.failures).append(answer)

    def served(self):
        with self.lock:
            return len(self.answers) + len(self.failures)

    def wait_for(self, count):
        deadline = time.monotonic() + 60
        while self.served() < count:
            assert time.monotonic() < deadline, f"only {self.served()} requests in 60 s"
            time.sleep(0.01)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        for thread in self.threads:
            thread.join(timeout=60)


def test_every_get_survives_a_rolling_restart_of_one_replica(nginx, tmp_path):
    http_port, https_port = free_port(), free_port()
    ports = (free_port(), free_port())
    config = local_config(tmp_path, http_port=http_port, https_port=https_port, replicas=ports)
    replicas = [start_replica(tmp_path, port) for port in ports]
    proxy = subprocess.Popen(
        nginx_command(nginx, config, tmp_path, "-g", "daemon off;"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_until_listening(proxy, https_port)
        with Clients(https_port, tmp_path / "cert.pem") as clients:
            clients.wait_for(40)
            # Restart the first replica as a deployment would: stop it, start it again.
            stop(replicas[0])
            during = clients.served()
            replicas[0] = start_replica(tmp_path, ports[0])
            restarted = clients.served()
            clients.wait_for(restarted + 100)
    finally:
        stop(proxy)
        for replica in replicas:
            stop(replica)
    assert clients.failures == []
    assert restarted > during  # requests were answered while the replica was down
    assert len(clients.answers) >= restarted + 100
