"""CACHE_URL=redis://… works, and two processes share the log-in limits through it.

These tests start no Redis themselves: they use the one REBOUND_TEST_REDIS_URL names (CI
starts a throwaway redis-server and sets it), and skip without one unless CI or
REBOUND_REQUIRE_REDIS says they must run.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from ..conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REBOUND_TEST_REDIS_URL", "")
REQUIRED = bool(os.environ.get("REBOUND_REQUIRE_REDIS") or os.environ.get("CI"))


@pytest.fixture
def redis_url():
    if not REDIS_URL:
        reason = "REBOUND_TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379/0)"
        if REQUIRED:
            pytest.fail(f"Redis tests are required here, but {reason}.")
        pytest.skip(reason)
    return REDIS_URL


def django_process(script, *args, database, cache_url):
    """Run script in a Django process of its own on the given database and cache."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL=f"sqlite:///{database}",
        CACHE_URL=cache_url,
    )
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Log lines share standard output: the scripts mark their answers with "= ".
    return [line[2:] for line in result.stdout.splitlines() if line.startswith("= ")]


ROUND_TRIP = """
import sys
from django.conf import settings
from django.core.cache import cache
cache.set(sys.argv[1], "shared", 60)
print("=", settings.CACHES["default"]["BACKEND"])
print("=", cache.get(sys.argv[1]))
"""

# Migrate and create the users named before "--", each with the password given first.
SET_UP = """
import sys
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from allauth.account.models import EmailAddress
from interviews.models import User
password, *users = sys.argv[1 : sys.argv.index("--")]
for email in users:
    user = User.objects.create_user(email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
"""

# After "--": a client address, then (email, password) pairs to log in with; print each result.
LOG_IN = """
import sys
from django.test import Client
address, *attempts = sys.argv[sys.argv.index("--") + 1 :]
for email, password in zip(attempts[::2], attempts[1::2]):
    response = Client(REMOTE_ADDR=address).post(
        "/accounts/login/", {"login": email, "password": password}
    )
    if response.status_code == 302:
        print("= signed-in")
    elif b"Too many failed login attempts" in response.content:
        print("= limited")
    else:
        print("= refused")
"""


def test_a_redis_cache_url_gives_django_redis_cache(tmp_path, redis_url):
    key = f"rebound-test-{uuid.uuid4().hex}"
    database = tmp_path / "db.sqlite3"
    assert django_process(ROUND_TRIP, key, database=database, cache_url=redis_url) == [
        "django.core.cache.backends.redis.RedisCache",
        "shared",
    ]
    # A second process reads what the first one wrote.
    read = "from django.core.cache import cache; import sys; print('=', cache.get(sys.argv[1]))"
    assert django_process(read, key, database=database, cache_url=redis_url) == ["shared"]


def test_two_processes_share_the_log_in_limits_through_redis(tmp_path, redis_url):
    import redis

    run = uuid.uuid4().hex[:12]
    alice, bob = f"alice-{run}@example.com", f"bob-{run}@example.com"
    database = tmp_path / "db.sqlite3"
    # Addresses of their own, so that other runs' per-address counts do not interfere.
    first, second = (f"198.51.{number}.{int(run[:2], 16)}" for number in (100, 101))

    def process(script, *args):
        return django_process(script, *args, database=database, cache_url=redis_url)

    wrong = [alice, "a-wrong-guess"] * 5
    assert process(SET_UP + LOG_IN, PASSWORD, alice, bob, "--", first, *wrong) == ["refused"] * 5
    # allauth keeps the count of alice's failures in Redis...
    counts = redis.Redis.from_url(redis_url).scan_iter(match=f"*login_failed*:ip:{first}")
    assert any(counts)
    # ...so another process, from another address, refuses her right password too,
    # while it signs in anyone else.
    assert process(LOG_IN, "--", second, alice, PASSWORD, bob, PASSWORD) == [
        "limited",
        "signed-in",
    ]
