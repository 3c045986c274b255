"""Accounts: sign up, log in by email, log out by POST, password reset, rate limits."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from interviews.models import Profile, User

from ..conftest import PASSWORD


def signup(client, email="new@example.com", password=PASSWORD):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": password, "password2": password, "time_zone": "UTC"},
    )


def test_sign_up_creates_a_user_with_a_profile_and_sends_a_verification_email(client, db, worker):
    with worker():
        response = signup(client)
        # The page does not wait for the mail server: the worker sends the mail.
        assert mail.outbox == []
    assert response.status_code == 302
    user = User.objects.get(email="new@example.com")
    assert Profile.objects.filter(user=user, cool_off_hours=48).exists()
    assert len(mail.outbox) == 1
    assert "new@example.com" in mail.outbox[0].to


def test_email_verification_is_mandatory_without_debug(client, db, worker):
    with worker():
        signup(client)
    response = client.get(reverse("interviews:dashboard"))
    assert response.status_code == 302
    link = re.search(r"https?://testserver(\S+)", mail.outbox[0].body).group(1)
    confirm = client.post(link)
    assert confirm.status_code == 302
    assert client.get(reverse("interviews:dashboard")).status_code == 200


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short-pw1", b"at least 12 characters"),
        ("password1234", b"too common"),
    ],
)
def test_weak_password_is_refused_with_a_clear_message(client, db, password, message):
    response = signup(client, password=password)
    assert response.status_code == 200
    assert message in response.content
    assert not User.objects.filter(email="new@example.com").exists()


def test_log_in_by_email_and_log_out_by_post(client, alice):
    response = client.post(
        reverse("account_login"), {"login": "alice@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("interviews:dashboard")
    assert client.get(reverse("interviews:dashboard")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("interviews:dashboard")).status_code == 302


def test_log_out_by_get_does_not_log_out(alice_client):
    alice_client.get(reverse("account_logout"))
    assert alice_client.get(reverse("interviews:dashboard")).status_code == 200


def test_session_key_changes_at_log_in(client, alice):
    client.get(reverse("account_login"))
    before = client.session.session_key
    client.post(reverse("account_login"), {"login": "alice@example.com", "password": PASSWORD})
    assert client.session.session_key != before


def test_wrong_password_shows_an_error(client, alice):
    response = client.post(
        reverse("account_login"), {"login": "alice@example.com", "password": "not-the-password"}
    )
    assert response.status_code == 200
    assert b"not correct" in response.content


def test_password_reset_emails_a_link_that_sets_a_new_password(client, alice, worker):
    with worker():
        client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://testserver(\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    new_password = "another-long-passphrase-77"
    done = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(new_password)


def test_repeated_failed_log_ins_are_rate_limited_with_a_message(client, alice):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "alice@example.com", "password": "nope"})
    response = client.post(
        reverse("account_login"), {"login": "alice@example.com", "password": PASSWORD}
    )
    assert response.status_code in {200, 429}
    assert b"Too many failed login attempts" in response.content
    assert client.get(reverse("interviews:dashboard")).status_code == 302


def test_account_pages_use_the_site_layout(client, db):
    for name in ("account_login", "account_signup", "account_reset_password"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert b"Skip to main content" in response.content
        assert b"form-control" in response.content
