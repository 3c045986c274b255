"""The worker is a real second process: what the web side queues, `db_worker` sends.

On PostgreSQL the worker reads the test database itself; SQLite's test database lives in
memory, so there the test migrates a database file of its own for both processes to share.
"""

import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from .test_settings_env import ROOT

ENQUEUE = """
import django
django.setup()
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from interviews.web.mail import mail_enqueue

message = EmailMultiAlternatives("Your cool-off has ended", "Take a look when you are ready.",
                                 "Rebound <no-reply@localhost>", ["alice@example.com"])
message.attach_alternative("<p>Take a look when you are ready.</p>", "text/html")
with transaction.atomic():
    mail_enqueue(message, kind="cool_off_ended")
"""


def manage(*args, database_url, outbox, timeout=60):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url,
        "EMAIL_URL": f"filemail:///{outbox}",
    }
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture
def worker_database(request, tmp_path):
    """Return a DATABASE_URL that this test and a worker process both reach."""
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'rebound.sqlite3'}"
        manage("manage.py", "migrate", "--noinput", database_url=url, outbox=tmp_path)
        return url
    request.getfixturevalue("transactional_db")
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{connection.settings_dict['NAME']}"))


def test_a_worker_process_sends_the_mail_the_web_side_queued(worker_database, tmp_path):
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    manage("-c", ENQUEUE, database_url=worker_database, outbox=outbox)
    assert list(outbox.iterdir()) == [], "queued mail must wait for the worker"

    worker = manage(
        "manage.py",
        "db_worker",
        "--batch",
        "--no-reload",
        "--no-startup-delay",
        "--queue-name=*",
        database_url=worker_database,
        outbox=outbox,
    )

    (sent,) = outbox.iterdir()
    mail = sent.read_text()
    assert "Subject: Your cool-off has ended" in mail
    assert "To: alice@example.com" in mail
    assert "<p>Take a look when you are ready.</p>" in mail
    assert "deliver_mail" in worker.stdout
    # The worker's own log names the task, never who it wrote to.
    assert "alice@example.com" not in worker.stdout + worker.stderr
