"""What the dashboard's Today section lists: the person's open reminders that still apply."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import profile_for
from ..models import FollowUpLetter, Reflection, Reminder, StingCheck
from .reminder_mail import next_step_path

Kind = Reminder.Kind
TODAY_SHOWN = 10
# A check-in reminder comes at 18:00 on its day; its check-in stays open at least this long
# after (day 3 until day 14), so Today never sends anyone to a closed one.
STING_SHOWN_FOR = dt.timedelta(days=10)


@dataclass(frozen=True)
class TodayItem:
    pk: int
    kind: str
    title: str
    action_label: str
    url: str
    due_at: object


def _still_applies(now, sting_prompted):
    """Return the condition an open reminder meets while what it is about still waits.

    A check-in answered since its reminder came needs nothing more; one the dashboard asks
    about itself (sting_prompted) is not listed twice.
    """
    applies = (
        Q(kind=Kind.COOL_OFF_ENDED)
        & ~Q(interview__cool_off_confirmed=True)
        & ~Q(interview__reflection__status=Reflection.Status.COMPLETE)
        | Q(kind=Kind.LETTER_UNANSWERED, letter__response=FollowUpLetter.Response.AWAITING)
        | Q(kind=Kind.INTERVIEW_TOMORROW, interview__scheduled_at__gt=now)
    )
    if sting_prompted:
        return applies
    answered = StingCheck.objects.filter(
        interview=OuterRef("interview"), answered_at__gte=OuterRef("due_at")
    )
    return applies | (
        Q(kind=Kind.STING_CHECK, due_at__gt=now - STING_SHOWN_FOR) & ~Exists(answered)
    )


def today_reminders(user, now=None):
    """Return the open reminders to show under Today, newest first, in one query (two at most).

    Nothing when the person does not want reminders on the dashboard.
    """
    profile = profile_for(user)
    if not profile.remind_in_app:
        return []
    now = now or timezone.now()
    rows = (
        Reminder.objects.owned_by(user)
        .open()
        .filter(_still_applies(now, profile.ask_sting_on_dashboard))
        .select_related("interview__application", "letter")
        .order_by("-due_at", "-pk")[:TODAY_SHOWN]
    )
    return [_item(reminder) for reminder in rows]


def _item(reminder):
    interview = reminder.interview
    company = interview.application.company if interview else ""
    if reminder.kind == Kind.COOL_OFF_ENDED:
        title = _("Your cool-off after %(company)s is over") % {"company": company}
        action = _("Look back on it")
    elif reminder.kind == Kind.LETTER_UNANSWERED:
        title = _("No answer yet from %(company)s") % {"company": company}
        action = _("Open the letter")
    elif reminder.kind == Kind.STING_CHECK:
        title = _("How big does %(company)s feel now?") % {"company": company}
        action = _("Answer with one number")
    else:
        title = _("Your interview with %(company)s is coming up") % {"company": company}
        action = _("See your checklist")
    return TodayItem(
        pk=reminder.pk,
        kind=reminder.kind,
        title=title,
        action_label=action,
        url=next_step_path(
            reminder.kind, interview_id=reminder.interview_id, letter_id=reminder.letter_id
        ),
        due_at=reminder.due_at,
    )
