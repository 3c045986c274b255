"""A reminder's e-mail: plain text and HTML, its one next step and a one-click unsubscribe."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from ..models import Reminder
from . import reminders

Kind = Reminder.Kind


def absolute_url(path):
    """Return path on Rebound's public address (mail has no request to build it from)."""
    return settings.REBOUND_BASE_URL.rstrip("/") + path


def next_step_path(kind, *, interview_id=None, letter_id=None):
    """Return the path of the page where the reminder's one next step is taken."""
    if kind == Kind.COOL_OFF_ENDED:
        return reverse("interviews:reflect", args=[interview_id])
    if kind == Kind.LETTER_UNANSWERED:
        return reverse("interviews:letter_detail", args=[letter_id])
    if kind == Kind.STING_CHECK:
        return reverse("interviews:sting_check", args=[interview_id])
    # The dashboard's Coming up holds each upcoming interview's readiness checklist.
    return reverse("interviews:dashboard") + "#coming-up-title"


def reminder_mail(kind, user_id, address, context):
    """Return the reminder e-mail: plain text and HTML, with a one-click unsubscribe."""
    interview = context["interview"]
    letter = context.get("letter")
    unsubscribe = absolute_url(
        reverse(
            "interviews:reminder_unsubscribe",
            args=[reminders.unsubscribe_token(user_id, kind)],
        )
    )
    context = {
        **context,
        "action_url": absolute_url(
            next_step_path(kind, interview_id=interview.pk, letter_id=letter.pk if letter else None)
        ),
        "unsubscribe_url": unsubscribe,
        "settings_url": absolute_url(reverse("interviews:reminder_settings")),
    }
    prefix = f"interviews/account/email/{kind}"
    subject = render_to_string(f"{prefix}_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        render_to_string(f"{prefix}.txt", context),
        to=[address],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string(f"{prefix}.html", context), "text/html")
    return message
