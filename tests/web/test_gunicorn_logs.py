"""The real gunicorn, started with the project's config, writes no secret to its output."""

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")

# Prepare the site as a release would, then create alice with an application, sign her
# in, and print her secrets as one JSON line. (One process: each start of Django is slow.)
SET_UP_SITE_AND_ALICE = """
import json
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("createcachetable", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.test import Client
from interviews.models import Application, User
user = User.objects.create_user(email="alice@example.com", password="a-long-unusual-phrase-42")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
Application.objects.create(owner=user, company="Northwind", role="Backend developer")
client = Client()
client.force_login(user)
print(json.dumps({
    "token": user.profile.calendar_token,
    "session": client.cookies["sessionid"].value,
    "uid": user_pk_to_url_str(user),
    "key": default_token_generator.make_token(user),
}))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(tmp_path, port):
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "GUNICORN_"))
        and name not in {"DATABASE_URL", "CACHE_URL", "EMAIL_URL", "XDG_RUNTIME_DIR"}
    }
    return env | {
        "DJANGO_SETTINGS_MODULE": "rebound.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "gunicorn-log-test-secret-key-0123456789-abcdefghijklmnop",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "EMAIL_URL": "memorymail://",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "HOME": str(tmp_path / "home"),
        "PYTHONUNBUFFERED": "1",
    }


def manage(env, *args):
    """Run manage.py with env and return its standard output."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def fetch(url, session=None):
    """Return the status of a GET to url, without following a redirect."""
    request = urllib.request.Request(url)
    if session:
        request.add_header("Cookie", f"sessionid={session}")
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_serving(server, url, output):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited with {server.returncode}:\n{output()}")
        try:
            if fetch(url) == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer {url} within 60 s:\n{output()}")


def stop(server):
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def test_gunicorn_logs_json_requests_on_stdout_and_no_secret_anywhere(tmp_path):
    port = free_port()
    env = production_env(tmp_path, port)
    alice = json.loads(
        manage(env, "shell", "-v", "0", "-c", SET_UP_SITE_AND_ALICE).splitlines()[-1]
    )
    base = f"http://127.0.0.1:{port}"
    stdout_path, stderr_path = tmp_path / "stdout.log", tmp_path / "stderr.log"

    def output():
        return stdout_path.read_text() + stderr_path.read_text()

    with stdout_path.open("w") as stdout, stderr_path.open("w") as stderr:
        server = subprocess.Popen(
            [GUNICORN, "-c", "python:rebound.gunicorn"],
            cwd=BASE_DIR,
            env=env,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,
        )
        try:
            wait_until_serving(server, f"{base}/healthz/", output)
            statuses = {
                "feed": fetch(f"{base}/calendar/{alice['token']}.ics"),
                "search": fetch(f"{base}/applications/?q=private+search", alice["session"]),
                "reset": fetch(
                    f"{base}/accounts/password/reset/key/{alice['uid']}-{alice['key']}/"
                ),
            }
        finally:
            stop(server)

    # A real feed, a signed-in search, and a valid key (allauth moves it into the session).
    assert statuses == {"feed": 200, "search": 200, "reset": 302}
    stdout_text, everything = stdout_path.read_text(), output()
    for secret in (alice["token"], alice["key"], alice["session"], "private", "q="):
        assert secret not in everything
    assert "HTTP/1.1" not in everything  # gunicorn's access log line
    requests = [
        (entry["method"], entry["path"], entry["status"])
        for entry in (json.loads(line) for line in stdout_text.splitlines() if line[:1] == "{")
        if entry.get("logger") == "rebound.request"
    ]
    assert ("GET", "/calendar/[secret].ics", 200) in requests
    assert ("GET", "/applications/", 200) in requests
    assert ("GET", "/accounts/password/reset/key/[secret]-[secret]/", 302) in requests
    assert '"logger": "rebound.request"' not in stderr_path.read_text()
    # The control socket stays off (it would live in $HOME/.gunicorn/).
    assert not (tmp_path / "home" / ".gunicorn").exists()


def test_gunicorn_error_lines_mask_secrets_and_drop_query_strings(monkeypatch):
    from rebound import gunicorn as config

    # A worker logs the raw request URI when the application raises past Django.
    error_log = logging.getLogger("gunicorn.error")
    monkeypatch.setattr(error_log, "filters", [])
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    monkeypatch.setattr(error_log, "handlers", [handler])
    monkeypatch.setattr(error_log, "propagate", False)
    config.post_worker_init(worker=None)
    error_log.error("Error handling request %s %s", "GET", "/calendar/Zq7Secret.ics?q=private")
    (record,) = records
    assert record.getMessage() == "Error handling request GET /calendar/[secret].ics"
