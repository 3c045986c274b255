"""What the dashboard's Today section lists: the person's open reminders that still apply."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import profile_for
from ..models import FollowUpLetter, Reflection, Reminder
from .tasks import next_step_path

Kind = Reminder.Kind
TODAY_SHOWN = 10


@dataclass(frozen=True)
class TodayItem:
    pk: int
    kind: str
    title: str
    action_label: str
    url: str
    due_at: object


def _still_applies(now):
    """Return the condition an open reminder meets while what it is about still waits."""
    return (
        Q(kind=Kind.COOL_OFF_ENDED)
        & ~Q(interview__cool_off_confirmed=True)
        & ~Q(interview__reflection__status=Reflection.Status.COMPLETE)
        | Q(kind=Kind.LETTER_UNANSWERED, letter__response=FollowUpLetter.Response.AWAITING)
        | Q(kind=Kind.INTERVIEW_TOMORROW, interview__scheduled_at__gt=now)
    )


def today_reminders(user, now=None):
    """Return the open reminders to show under Today, newest first, in one query (two at most).

    Nothing when the person does not want reminders on the dashboard.
    """
    if not profile_for(user).remind_in_app:
        return []
    now = now or timezone.now()
    rows = (
        Reminder.objects.owned_by(user)
        .open()
        .filter(_still_applies(now))
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
