"""A database set up by `migrate` alone serves a log-in: the cache table comes with it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Log in on the fresh database through allauth, whose rate limits read the cache first.
LOG_IN = """
import django
django.setup()
from allauth.account.models import EmailAddress
from django.test import Client
from interviews.models import User
user = User.objects.create_user(email="fresh@example.com", password="a-long-fresh-passphrase-9")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
response = Client(raise_request_exception=False).post(
    "/accounts/login/", {"login": "fresh@example.com", "password": "a-long-fresh-passphrase-9"}
)
print(response.status_code, response.headers.get("Location"))
"""


def run(tmp_path, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CACHE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_log_in_works_on_a_database_set_up_by_migrate_alone(tmp_path):
    run(tmp_path, "manage.py", "migrate", "--noinput")
    # JSON log lines share standard output; the probe prints its answer last.
    assert run(tmp_path, "-c", LOG_IN).splitlines()[-1].split() == ["302", "/dashboard/"]
