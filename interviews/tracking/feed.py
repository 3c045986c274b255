"""The private iCalendar feed of a user's interviews, read by calendar apps."""

from datetime import UTC, timedelta

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from icalendar import Alarm, Calendar, Event

from ..models import Interview, Profile


def event_title(interview):
    """Return a calendar title like "Technical interview — Northwind"."""
    titles = {
        Interview.Kind.PHONE_SCREEN: _("Phone screen"),
        Interview.Kind.TECHNICAL: _("Technical interview"),
        Interview.Kind.BEHAVIOURAL: _("Behavioural interview"),
        Interview.Kind.CASE: _("Case interview"),
        Interview.Kind.PANEL: _("Panel interview"),
        Interview.Kind.ON_SITE: _("On-site interview"),
        Interview.Kind.FINAL: _("Final interview"),
    }
    kind = titles.get(interview.kind, _("Interview"))
    return f"{kind} — {interview.application.company}"


def event_description(interview):
    """Return the role, interviewers and format, one per line."""
    lines = [_("Role: %(role)s") % {"role": interview.application.role}]
    if interview.interviewers:
        lines.append(_("Interviewers: %(names)s") % {"names": interview.interviewers})
    lines.append(_("Format: %(format)s") % {"format": interview.get_format_display()})
    return "\n".join(lines)


# Calendar apps remind the person this long before an interview starts.
ALARM_BEFORE = timedelta(hours=1)
# The end of a cool-off is a moment, shown as a short event that keeps the time free.
COOL_OFF_MARKER = timedelta(minutes=15)


def alarm(description):
    """Return a display alarm ALARM_BEFORE the event it is added to."""
    reminder = Alarm()
    reminder.add("action", "DISPLAY")
    reminder.add("trigger", -ALARM_BEFORE)
    reminder.add("description", description)
    return reminder


def cool_off_event(interview, *, link):
    """Return the event marking when a bad interview's cool-off window ends."""
    until = interview.cool_off_until.astimezone(UTC)
    event = Event()
    event.add("uid", f"cool-off-{interview.pk}@rebound")
    event.add("dtstamp", interview.updated_at.astimezone(UTC))
    event.add("dtstart", until)
    event.add("dtend", until + COOL_OFF_MARKER)
    event.add(
        "summary", _("Cool-off ends — %(company)s") % {"company": interview.application.company}
    )
    event.add(
        "description",
        _(
            "The time you gave yourself after this interview is over."
            " Look back on it when you are ready."
        ),
    )
    event.add("transp", "TRANSPARENT")
    event.add("url", link)
    return event


def interviews_calendar(interviews, *, link_for):
    """Return an iCalendar of the interviews, one event each, with times in UTC.

    Each interview has an alarm before it; a bad one also marks where its cool-off ends.
    """
    calendar = Calendar()
    calendar.add("prodid", "-//Rebound//Interviews//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Rebound interviews"))
    for interview in interviews:
        event = Event()
        # The UID stays the same across fetches, so calendar apps update events in place.
        event.add("uid", f"interview-{interview.pk}@rebound")
        event.add("dtstamp", interview.updated_at.astimezone(UTC))
        event.add("last-modified", interview.updated_at.astimezone(UTC))
        event.add("dtstart", interview.scheduled_at.astimezone(UTC))
        event.add("dtend", interview.ends_at.astimezone(UTC))
        event.add("summary", event_title(interview))
        event.add("description", event_description(interview))
        event.add("url", link_for(interview))
        event.add_component(alarm(event_title(interview)))
        calendar.add_component(event)
        if interview.went_badly:
            calendar.add_component(cool_off_event(interview, link=link_for(interview)))
    return calendar


# Calendar apps cannot log in: the secret token in the URL is the credential.
@login_not_required
@require_safe
@cache_control(private=True, no_store=True)
def calendar_feed(request, token):
    """Return the interviews of the user whose secret calendar token is in the URL."""
    profile = get_object_or_404(Profile.objects.select_related("user"), calendar_token=token)
    interviews = Interview.objects.owned_by(profile.user).order_by("scheduled_at", "pk")
    calendar = interviews_calendar(
        interviews, link_for=lambda item: request.build_absolute_uri(item.get_absolute_url())
    )
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
