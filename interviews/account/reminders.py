"""When a reminder is due, whether it still is, and the key that lets it happen only once.

Pure decisions, no database and no request: the tasks in tasks.py read the current state,
hand it here and do what the Decision says.

The moments, all in the person's own time zone:
- cool-off ended: when the cool-off window after a bad interview closes;
- letter unanswered: at 09:00, the chosen number of days after the day it was sent;
- interview tomorrow: at 18:00 the evening before the interview;
- sting check-in: at 18:00 on day 3 and on day 14 after a bad interview (see
  reflection/sting.py), while that check-in is open and unanswered.

A reminder whose moment had already passed when its event was recorded (a bad interview
logged a week late, a letter marked sent ten days after it went) is not sent: the person
has just been looking at it.
"""

import datetime as dt
from dataclasses import dataclass

from django.core import signing

from ..models import Reminder

# Each kind and the Profile switch that turns it on.
SWITCHES = {
    Reminder.Kind.COOL_OFF_ENDED: "remind_cool_off",
    Reminder.Kind.LETTER_UNANSWERED: "remind_letter",
    Reminder.Kind.INTERVIEW_TOMORROW: "remind_interview",
    Reminder.Kind.STING_CHECK: "remind_sting",
}
# An unsubscribe link in an old mail keeps working this long.
UNSUBSCRIBE_MAX_AGE = dt.timedelta(days=365)

LETTER_REMINDER_TIME = dt.time(9, 0)
EVENING_BEFORE = dt.time(18, 0)
# A worker's clock and the web server's may differ a little: this early still counts as due.
DUE_SLACK = dt.timedelta(minutes=1)

SKIP = "skip"
WAIT = "wait"
DELIVER = "deliver"


@dataclass(frozen=True)
class Decision:
    """What a reminder task does now: skip it, wait until `at`, or deliver it."""

    action: str
    at: dt.datetime | None = None
    reason: str = ""


def letter_moment(sent_on, days, tz):
    """Return 09:00 in tz, `days` days after the letter was sent."""
    return dt.datetime.combine(sent_on + dt.timedelta(days=days), LETTER_REMINDER_TIME, tz)


def interview_moment(scheduled_at, tz):
    """Return 18:00 in tz on the day before the interview (as that day is in tz)."""
    local_day = scheduled_at.astimezone(tz).date()
    return dt.datetime.combine(local_day - dt.timedelta(days=1), EVENING_BEFORE, tz)


def quiet_end(moment, quiet_from, quiet_until, tz):
    """Return when the quiet hours around moment end, or None when moment is not inside them.

    The window is in tz and may run past midnight (22:00 to 07:00). Without both times,
    or with the same time twice, there are no quiet hours.
    """
    if quiet_from is None or quiet_until is None or quiet_from == quiet_until:
        return None
    local = moment.astimezone(tz)
    clock = local.time().replace(tzinfo=None)
    if quiet_from < quiet_until:
        inside = quiet_from <= clock < quiet_until
        end_day = local.date()
    else:
        inside = clock >= quiet_from or clock < quiet_until
        end_day = local.date() + dt.timedelta(days=1) if clock >= quiet_from else local.date()
    if not inside:
        return None
    return dt.datetime.combine(end_day, quiet_until, tz)


def decide(*, now, applies, due_at, logged_at, deadline=None, quiet=(None, None), tz=dt.UTC):
    """Return the Decision for a reminder due at due_at, about an event recorded at logged_at.

    applies is False (or a reason string) when the reminder no longer fits the current state;
    deadline, if given, is the moment after which it would be no use; quiet is the pair of
    quiet-hours times in tz.
    """
    if applies is not True:
        return Decision(SKIP, reason=applies or "no longer applies")
    if logged_at >= due_at:
        return Decision(SKIP, reason="already past when recorded")
    if due_at > now + DUE_SLACK:
        return Decision(WAIT, at=due_at, reason="not due yet")
    if deadline is not None and now >= deadline:
        return Decision(SKIP, reason="too late")
    end = quiet_end(now, *quiet, tz)
    if end is not None:
        if deadline is not None and end >= deadline:
            return Decision(SKIP, reason="quiet until too late")
        return Decision(WAIT, at=end, reason="quiet hours")
    return Decision(DELIVER)


def _stamp(moment):
    if isinstance(moment, dt.datetime):
        return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return moment.isoformat()


def reminder_key(kind, object_id, moment=None):
    """Return the idempotency key: the kind, what it is about and, if it can change, when.

    A cool-off ends once per interview; a letter is reminded once per day it was sent; an
    interview once per time it is booked for, so moving it gives a new key.
    """
    parts = [str(kind), str(object_id)]
    if moment is not None:
        parts.append(_stamp(moment))
    return ":".join(parts)


class BadToken(Exception):
    """An unsubscribe token that is forged, damaged or for a kind that does not exist."""


class ExpiredToken(BadToken):
    """A genuine unsubscribe token older than UNSUBSCRIBE_MAX_AGE."""


def _salt(kind):
    return f"rebound.reminders.unsubscribe.{kind}"


def unsubscribe_token(user_id, kind):
    """Return the signed token that turns off one kind of reminder for one person."""
    return signing.dumps({"u": user_id, "k": str(kind)}, salt=_salt(kind), compress=False)


def read_unsubscribe_token(token):
    """Return (user id, kind) from a token, or raise BadToken / ExpiredToken."""
    for kind in SWITCHES:
        try:
            data = signing.loads(token, salt=_salt(kind), max_age=UNSUBSCRIBE_MAX_AGE)
        except signing.SignatureExpired:
            raise ExpiredToken from None
        except (signing.BadSignature, ValueError, TypeError):
            continue
        if isinstance(data, dict) and data.get("k") == kind and isinstance(data.get("u"), int):
            return data["u"], kind
    raise BadToken
