"""Behind the load balancer the log-in limits key on each client; a forged header buys nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from ..conftest import PASSWORD
from .test_settings_env import run_python

PROBE = """
import django
django.setup()
from django.conf import settings
# allauth trusts no proxy when the setting is absent.
print(getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0))
"""


def trusted_proxy_count(**env):
    result = run_python("-c", PROBE, **env)
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


def test_no_proxy_is_trusted_by_default():
    assert trusted_proxy_count() == 0


def test_behind_a_tls_proxy_means_one_trusted_proxy():
    assert trusted_proxy_count(DJANGO_BEHIND_TLS_PROXY="true") == 1


def test_a_deeper_chain_of_proxies_is_set_by_its_own_variable():
    assert trusted_proxy_count(DJANGO_BEHIND_TLS_PROXY="true", DJANGO_TRUSTED_PROXY_COUNT="2") == 2


def test_a_negative_proxy_count_is_refused_at_start():
    result = run_python("-c", PROBE, DJANGO_TRUSTED_PROXY_COUNT="-1")
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXY_COUNT" in result.stderr


def log_in(client, email, password, client_address):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        headers={"x-forwarded-for": client_address},
    )


def fail_ten_times(client, addresses):
    """Send ten wrong passwords across three made-up accounts, each under its own limit."""
    for attempt, address in zip(range(10), addresses, strict=False):
        response = log_in(client, f"nobody{attempt % 3}@example.com", "wrong-password", address)
        assert response.status_code == 200


@pytest.fixture
def behind_one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = trusted_proxy_count(DJANGO_BEHIND_TLS_PROXY="true")


@pytest.fixture
def no_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = trusted_proxy_count()


def test_behind_the_proxy_one_attacker_does_not_lock_out_everyone(behind_one_proxy, client, alice):
    # The proxy appends the address it saw, so the last entry is the real client.
    fail_ten_times(client, ["198.51.100.1, 203.0.113.66"] * 10)
    blocked = log_in(client, "nobody9@example.com", "wrong-password", "203.0.113.66")
    assert b"Too many failed login attempts" in blocked.content
    response = log_in(client, "alice@example.com", PASSWORD, "192.0.2.10")
    assert response.status_code == 302
    assert response["Location"] == reverse("interviews:dashboard")


def test_behind_the_proxy_many_clients_may_log_in_within_a_minute(behind_one_proxy, alice):
    for number in range(31):
        response = log_in(Client(), "alice@example.com", PASSWORD, f"192.0.2.{number + 1}")
        assert response.status_code == 302, number


def test_without_a_proxy_a_forged_forwarded_for_changes_nothing(no_proxy, client, alice):
    forged = [f"192.0.2.{number}" for number in range(1, 11)]
    fail_ten_times(client, forged)
    response = log_in(client, "nobody9@example.com", "wrong-password", "192.0.2.200")
    assert b"Too many failed login attempts" in response.content
