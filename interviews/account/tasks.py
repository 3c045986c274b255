"""The reminder tasks: scheduled when something happens, deciding when they run.

Each task takes ids and ISO strings, reads the current state and asks reminders.decide()
whether the reminder still applies. A reminder is delivered once: the run that creates its
Reminder row (unique by key) is the one that queues the e-mail, in the same transaction, so
a worker that dies half-way leaves either both or neither, and a second run finds the row.
"""

import datetime as dt

from allauth.account.models import EmailAddress
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import FollowUpLetter, Interview, Reflection, Reminder
from ..reflection import sting
from ..web import dates
from ..web.mail import mail_enqueue
from . import reminders
from .reminder_mail import reminder_mail
from .reminders import DELIVER, SWITCHES, WAIT, decide, reminder_key

Kind = Reminder.Kind


def reminder_schedule(reminder_task, *, at, **kwargs):
    """Queue reminder_task to run at `at` (or now, if that has passed) once the commit is done.

    A backend that cannot hold a task until a set time has no way to remind on time, so
    nothing is queued there.
    """
    if not reminder_task.get_backend().supports_defer:
        return
    at = max(at, timezone.now())
    transaction.on_commit(lambda: reminder_task.using(run_after=at).enqueue(**kwargs))


def schedule_cool_off(interview_id):
    """Queue the cool-off-ended reminder of a bad interview at the end of its window."""
    interview = _interview(interview_id)
    if interview is None or not interview.went_badly:
        return
    reminder_schedule(
        remind_cool_off_ended,
        at=interview.cool_off_until,
        interview_id=interview.pk,
        logged_at=timezone.now().isoformat(),
    )


def schedule_sting(interview_id):
    """Queue the day-3 and day-14 check-in reminders of a bad interview."""
    interview = _interview(interview_id)
    if interview is None or not interview.went_badly:
        return
    tz = _profile(interview).tzinfo
    for day in sting.DAYS:
        reminder_schedule(
            remind_sting_check,
            at=sting.reminder_moment(interview.scheduled_at, day, tz),
            interview_id=interview.pk,
            day=day,
            scheduled_at=interview.scheduled_at.isoformat(),
            logged_at=timezone.now().isoformat(),
        )


def schedule_interview(interview_id):
    """Queue the interview-tomorrow reminder for the evening before the interview."""
    interview = _interview(interview_id)
    if interview is None or interview.scheduled_at <= timezone.now():
        return
    reminder_schedule(
        remind_interview_tomorrow,
        at=reminders.interview_moment(interview.scheduled_at, _profile(interview).tzinfo),
        interview_id=interview.pk,
        scheduled_at=interview.scheduled_at.isoformat(),
        logged_at=timezone.now().isoformat(),
    )


def schedule_letter(letter_id):
    """Queue the letter-unanswered reminder for the chosen number of days after sending."""
    letter = _letter(letter_id)
    if letter is None or letter.status != FollowUpLetter.Status.SENT or letter.sent_on is None:
        return
    profile = _profile(letter.interview)
    reminder_schedule(
        remind_letter_unanswered,
        at=reminders.letter_moment(letter.sent_on, profile.letter_reminder_days, profile.tzinfo),
        letter_id=letter.pk,
        sent_on=letter.sent_on.isoformat(),
        logged_at=timezone.now().isoformat(),
    )


@task()
def remind_cool_off_ended(*, interview_id, logged_at):
    """Remind that a bad interview's cool-off is over, unless it was taken or reflected on."""
    interview = _interview(interview_id)
    if interview is None:
        return "skipped: gone"
    profile = _profile(interview)
    kind = Kind.COOL_OFF_ENDED
    reflection = interview.reflection_or_none
    applies = _wanted(profile, kind)
    if applies is True:
        if not interview.went_badly:
            applies = "not a bad interview"
        elif interview.cool_off_confirmed:
            applies = "cool-off taken"
        elif reflection is not None and reflection.status == Reflection.Status.COMPLETE:
            applies = "reflection finished"
    due_at = interview.cool_off_until or timezone.now()
    decision = _decide(profile, applies, due_at, logged_at)
    return _act(
        decision,
        remind_cool_off_ended,
        {"interview_id": interview_id, "logged_at": logged_at},
        lambda: _deliver(
            kind=kind,
            profile=profile,
            key=reminder_key(kind, interview.pk),
            due_at=due_at,
            interview=interview,
            context=_interview_context(interview, profile),
        ),
    )


@task()
def remind_letter_unanswered(*, letter_id, sent_on, logged_at):
    """Remind that a sent letter has had no answer, unless one was recorded."""
    letter = _letter(letter_id)
    if letter is None:
        return "skipped: gone"
    interview = letter.interview
    profile = _profile(interview)
    kind = Kind.LETTER_UNANSWERED
    applies = _wanted(profile, kind)
    if applies is True:
        if letter.status != FollowUpLetter.Status.SENT or letter.sent_on is None:
            applies = "not sent"
        elif letter.sent_on.isoformat() != sent_on:
            applies = "sent on another day"
        elif letter.response != FollowUpLetter.Response.AWAITING:
            applies = "answered"
    sent_day = letter.sent_on or dt.date.fromisoformat(sent_on)
    due_at = reminders.letter_moment(sent_day, profile.letter_reminder_days, profile.tzinfo)
    decision = _decide(profile, applies, due_at, logged_at)
    return _act(
        decision,
        remind_letter_unanswered,
        {"letter_id": letter_id, "sent_on": sent_on, "logged_at": logged_at},
        lambda: _deliver(
            kind=kind,
            profile=profile,
            key=reminder_key(kind, letter.pk, sent_day),
            due_at=due_at,
            interview=interview,
            letter=letter,
            context={
                **_interview_context(interview, profile),
                "letter": letter,
                "days": (timezone.localdate(timezone.now(), profile.tzinfo) - sent_day).days,
            },
        ),
    )


@task()
def remind_interview_tomorrow(*, interview_id, scheduled_at, logged_at):
    """Remind of an interview the evening before, unless it moved, went or already began."""
    interview = _interview(interview_id)
    if interview is None:
        return "skipped: gone"
    profile = _profile(interview)
    kind = Kind.INTERVIEW_TOMORROW
    booked_for = dt.datetime.fromisoformat(scheduled_at)
    applies = _wanted(profile, kind)
    if applies is True and reminder_key(kind, interview.pk, interview.scheduled_at) != (
        reminder_key(kind, interview.pk, booked_for)
    ):
        applies = "moved"
    due_at = reminders.interview_moment(booked_for, profile.tzinfo)
    decision = _decide(profile, applies, due_at, logged_at, deadline=booked_for)
    return _act(
        decision,
        remind_interview_tomorrow,
        {"interview_id": interview_id, "scheduled_at": scheduled_at, "logged_at": logged_at},
        lambda: _deliver(
            kind=kind,
            profile=profile,
            key=reminder_key(kind, interview.pk, booked_for),
            due_at=due_at,
            interview=interview,
            context=_interview_context(interview, profile),
        ),
    )


@task()
def remind_sting_check(*, interview_id, day, scheduled_at, logged_at):
    """Ask how big a bad interview feels now, unless it was answered, moved or went well."""
    interview = _interview(interview_id)
    if interview is None:
        return "skipped: gone"
    profile = _profile(interview)
    kind = Kind.STING_CHECK
    held_at = dt.datetime.fromisoformat(scheduled_at)
    applies = _wanted(profile, kind)
    if applies is True:
        if not interview.went_badly:
            applies = "not a bad interview"
        elif interview.scheduled_at != held_at:
            applies = "moved"
        elif interview.sting_checks.filter(day=day).exists():
            applies = "answered"
    due_at = sting.reminder_moment(held_at, day, profile.tzinfo)
    decision = _decide(
        profile,
        applies,
        due_at,
        logged_at,
        deadline=sting.closes_at(held_at, day, profile.tzinfo),
    )
    return _act(
        decision,
        remind_sting_check,
        {
            "interview_id": interview_id,
            "day": day,
            "scheduled_at": scheduled_at,
            "logged_at": logged_at,
        },
        lambda: _deliver(
            kind=kind,
            profile=profile,
            key=reminder_key(kind, f"{interview.pk}-{day}", held_at),
            due_at=due_at,
            interview=interview,
            context={**_interview_context(interview, profile), "day": day},
        ),
    )


def _interview(pk):
    return (
        Interview.objects.select_related("application__owner__profile", "reflection")
        .filter(pk=pk)
        .first()
    )


def _letter(pk):
    return (
        FollowUpLetter.objects.select_related("interview__application__owner__profile")
        .filter(pk=pk)
        .first()
    )


def _profile(interview):
    return interview.application.owner.profile


def _wanted(profile, kind):
    """Return True while the person wants this kind of reminder, or the reason they do not."""
    if not profile.user.is_active:
        return "account closed"
    if not getattr(profile, SWITCHES[kind]):
        return "turned off"
    if not (profile.remind_by_email or profile.remind_in_app):
        return "no way to remind"
    return True


def _decide(profile, applies, due_at, logged_at, deadline=None):
    return decide(
        now=timezone.now(),
        applies=applies,
        due_at=due_at,
        logged_at=dt.datetime.fromisoformat(logged_at),
        deadline=deadline,
        quiet=(profile.quiet_from, profile.quiet_until),
        tz=profile.tzinfo,
    )


def _act(decision, reminder_task, kwargs, deliver):
    if decision.action == WAIT:
        reminder_schedule(reminder_task, at=decision.at, **kwargs)
        return f"waiting: {decision.reason}"
    if decision.action == DELIVER:
        return deliver()
    return f"skipped: {decision.reason}"


def _deliver(*, kind, profile, key, due_at, interview=None, letter=None, context):
    """Record the reminder under its key and, for the run that created it, queue the e-mail."""
    now = timezone.now()
    owner = profile.user
    with transaction.atomic():
        reminder, created = Reminder.objects.get_or_create(
            key=key,
            defaults={
                "owner": owner,
                "kind": kind,
                "interview": interview,
                "letter": letter,
                "due_at": due_at,
                # Someone reminded by e-mail only never sees it under Today.
                "dismissed_at": None if profile.remind_in_app else now,
            },
        )
        if not created:
            return "skipped: already delivered"
        address = _address(owner) if profile.remind_by_email else None
        if address is None:
            return "delivered"
        mail_enqueue(reminder_mail(kind, owner.pk, address, context), kind=f"reminder_{kind}")
        reminder.emailed_at = now
        reminder.save(update_fields=["emailed_at"])
    return "delivered and mailed"


def _address(user):
    """Return the person's primary address if they have proved it is theirs, else None."""
    address = EmailAddress.objects.filter(user=user, primary=True, verified=True).first()
    return address.email if address else None


def _interview_context(interview, profile):
    with timezone.override(profile.tzinfo):
        when = dates.long_day_time(interview.scheduled_at)
        cool_off_until = interview.cool_off_until
        ended = dates.long_day_time(cool_off_until) if cool_off_until else ""
    return {
        "name": profile.display_name,
        "interview": interview,
        "company": interview.application.company,
        "what": _interview_words(interview),
        "when": when,
        "cool_off_ended": ended,
    }


def _interview_words(interview):
    """Return "technical interview", or just "interview" for the kind called Other."""
    if interview.kind == Interview.Kind.OTHER:
        return _("interview")
    return _("%(kind)s interview") % {"kind": interview.get_kind_display().lower()}
