"""Account mail during a mail-server outage: the page never waits, the worker tries again."""

import logging
import smtplib

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from interviews.models import User

from ..conftest import PASSWORD, logged_in, run_queued_tasks

ERRORS = {
    "refused": ConnectionRefusedError(111, "Connection refused"),
    "timeout": TimeoutError("timed out"),
    "disconnected": smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
    "auth": smtplib.SMTPAuthenticationError(535, b"5.7.8 Authentication failed"),
}


class DownBackend(BaseEmailBackend):
    """A mail server that is down: every send raises, after noting what it was asked to send."""

    error = ERRORS["refused"]
    attempted = []

    def send_messages(self, messages):
        DownBackend.attempted.extend(message.message().as_string() for message in messages)
        raise self.error


@pytest.fixture(params=ERRORS, ids=str)
def mail_down(request, settings):
    DownBackend.error = ERRORS[request.param]
    DownBackend.attempted = []
    working = settings.MAILERS
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.DownBackend"}}

    def restore():
        settings.MAILERS = working

    restore.attempted = DownBackend.attempted
    return restore


def shown(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def assert_logged_without_secrets(caplog, attempted):
    (record,) = [r for r in caplog.records if r.name == "rebound.mail"]
    assert record.levelno == logging.WARNING
    assert attempted, "the backend was never asked to send"
    assert "/" not in record.getMessage()
    logged = caplog.text
    links = [word for word in "\n".join(attempted).split() if "/accounts/" in word]
    assert links, "the mail held no link to look for"
    for link in links:
        # Neither the link nor the key in it reaches any log line.
        assert link not in logged
        key = link.rstrip("/").rpartition("/")[2]
        assert key not in logged
        assert key.rpartition("-")[2] not in logged


def signup(client, email="new@example.com"):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, "time_zone": "UTC"},
    )


def retry_now():
    """Bring every queued retry forward, as if its pause had passed."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def assert_retry_queued():
    (retry,) = DBTaskResult.objects.filter(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now()


def test_sign_up_while_mail_is_down_keeps_the_account_and_sends_the_link_once_mail_is_back(
    client, db, mail_down, caplog, worker
):
    with worker():
        response = signup(client)
    assert response.status_code == 302
    assert User.objects.filter(email="new@example.com").exists()
    # The page never waited for the mail server, so it has no failure to report.
    assert not any("could not" in message for message in shown(response))
    assert client.get(response["Location"]).status_code == 200
    assert_retry_queued()
    assert_logged_without_secrets(caplog, mail_down.attempted)

    mail_down()
    retry_now()
    run_queued_tasks()
    (message,) = mail.outbox
    assert message.to == ["new@example.com"]
    assert "/accounts/confirm-email/" in message.body


def test_password_reset_while_mail_is_down_sends_the_link_once_mail_is_back(
    client, alice, mail_down, caplog, worker
):
    with worker():
        response = client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert_retry_queued()
    assert_logged_without_secrets(caplog, mail_down.attempted)

    mail_down()
    retry_now()
    run_queued_tasks()
    (sent,) = mail.outbox
    assert "/accounts/password/reset/key/" in sent.body


def test_resending_the_verification_while_mail_is_down_sends_it_once_mail_is_back(
    alice, mail_down, caplog, worker
):
    EmailAddress.objects.filter(user=alice).update(verified=False)
    client = logged_in(alice)
    with worker():
        response = client.post(
            reverse("account_email"), {"action_send": "", "email": "alice@example.com"}
        )
    assert response.status_code == 302
    assert_retry_queued()
    assert_logged_without_secrets(caplog, mail_down.attempted)

    mail_down()
    retry_now()
    run_queued_tasks()
    (sent,) = mail.outbox
    assert "/accounts/confirm-email/" in sent.body
