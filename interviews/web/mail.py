"""Mail goes out from the worker, so a slow or broken mail server never holds up a page.

`mail_enqueue(message)` queues an e-mail once the current transaction commits; the
`deliver_mail` task sends it and, while the server is unreachable, tries again later with
growing pauses. Messages carry links and keys, so no log line names more than the mail's kind.
"""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger("rebound.mail")

# A mail server that is down, refuses the connection, times out or rejects Rebound's login.
MAIL_SERVER_ERRORS = (smtplib.SMTPException, OSError)
# Pauses before each new try: a minute, five, half an hour, two hours, six hours.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)


def mail_enqueue(message, *, kind):
    """Queue an EmailMessage to be sent by the worker once the transaction commits.

    `kind` names the mail in logs ("password_reset_key"), never its address or content.
    """
    payload = {
        "kind": kind,
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            {"content": alternative.content, "mimetype": alternative.mimetype}
            for alternative in getattr(message, "alternatives", ())
        ],
    }
    transaction.on_commit(lambda: deliver_mail.enqueue(**payload))


@task()
def deliver_mail(*, kind, subject, body, from_email, to, headers, alternatives, attempt=1):
    """Send one queued e-mail; on a mail server error, queue the next try and return."""
    message = EmailMultiAlternatives(subject, body, from_email, to, headers=headers)
    for alternative in alternatives:
        message.attach_alternative(alternative["content"], alternative["mimetype"])
    try:
        message.send()
    except MAIL_SERVER_ERRORS as error:
        reason = type(error).__name__
        if attempt > len(RETRY_DELAYS):
            logger.error("Mail %s given up after %d tries: %s", kind, attempt, reason)
            return "given up"
        delay = RETRY_DELAYS[attempt - 1]
        logger.warning("Mail %s not sent (%s); trying again in %s", kind, reason, delay)
        deliver_mail.using(run_after=timezone.now() + delay).enqueue(
            kind=kind,
            subject=subject,
            body=body,
            from_email=from_email,
            to=to,
            headers=headers,
            alternatives=alternatives,
            attempt=attempt + 1,
        )
        return "retrying"
    return "sent"
