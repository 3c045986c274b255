"""Queued mail: nothing leaves before the commit; an outage is retried, then given up."""

import logging
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from interviews.web.mail import RETRY_DELAYS, deliver_mail, mail_enqueue

pytestmark = pytest.mark.django_db

ADDRESS = "alice@example.com"


class DownBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def message():
    letter = EmailMultiAlternatives("Subject", "Body with a link /accounts/x/", to=[ADDRESS])
    letter.attach_alternative("<p>Body</p>", "text/html")
    return letter


def queued():
    return list(DBTaskResult.objects.filter(task_path="interviews.web.mail.deliver_mail"))


def test_mail_is_queued_only_when_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        mail_enqueue(message(), kind="test")
        assert queued() == []
    for callback in callbacks:
        callback()
    (task,) = queued()
    assert task.args_kwargs["kwargs"]["to"] == [ADDRESS]
    assert mail.outbox == []


def test_the_task_sends_text_and_html():
    (kwargs,) = [
        {
            "kind": "test",
            "subject": "Hi",
            "body": "Text",
            "from_email": None,
            "to": [ADDRESS],
            "headers": {"List-Unsubscribe": "<https://x/>"},
            "alternatives": [{"content": "<p>Hi</p>", "mimetype": "text/html"}],
        }
    ]
    assert deliver_mail.call(**kwargs) == "sent"
    (sent,) = mail.outbox
    assert sent.to == [ADDRESS]
    assert sent.extra_headers["List-Unsubscribe"] == "<https://x/>"
    assert sent.alternatives[0].content == "<p>Hi</p>"


def payload(attempt):
    return {
        "kind": "password_reset_key",
        "subject": "Reset",
        "body": "/accounts/key/",
        "from_email": None,
        "to": [ADDRESS],
        "headers": {},
        "alternatives": [],
        "attempt": attempt,
    }


def test_an_outage_queues_the_next_try_after_a_pause(settings, caplog):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.DownBackend"}}
    before = timezone.now()
    assert deliver_mail.call(**payload(1)) == "retrying"
    (retry,) = queued()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after >= before + RETRY_DELAYS[0]
    assert retry.run_after < before + RETRY_DELAYS[0] + timedelta(minutes=1)
    assert ADDRESS not in caplog.text
    assert "/accounts/" not in caplog.text


def test_the_last_try_gives_up_with_an_error_that_names_no_one(settings, caplog):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.DownBackend"}}
    with caplog.at_level(logging.WARNING, logger="rebound.mail"):
        assert deliver_mail.call(**payload(len(RETRY_DELAYS) + 1)) == "given up"
    assert queued() == []
    (record,) = [r for r in caplog.records if r.name == "rebound.mail"]
    assert record.levelno == logging.ERROR
    assert "password_reset_key" in record.getMessage()
    assert ADDRESS not in caplog.text
