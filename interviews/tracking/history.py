"""An application's history: its timeline, a change recorded by hand, archiving, bulk moves."""

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from .. import access
from ..models import Application, Interview, StatusChange
from .history_forms import ApplicationArchiveForm, BulkStatusForm, StatusRecordForm
from .services import application_archive, application_status_record, applications_move


@dataclass(frozen=True)
class TimelineEntry:
    """One thing that happened to an application: a status change, an interview or a letter."""

    kind: str  # "status", "interview" or "letter"
    when: object  # An aware datetime, or a date for a letter sent on a day
    item: object

    @property
    def moment(self):
        """Return when as an aware datetime, a plain date read as the start of that day."""
        if isinstance(self.when, dt.datetime):
            return self.when
        return timezone.make_aware(dt.datetime.combine(self.when, dt.time.min))


def merge_timeline(changes, interviews):
    """Return the status changes, interviews and their letters as one list in date order.

    Pure: reads only what is passed, so give interviews with their letters prefetched.
    A letter is placed on the day it was sent, or when it was drafted.
    """
    entries = [TimelineEntry("status", change.changed_at, change) for change in changes]
    for interview in interviews:
        entries.append(TimelineEntry("interview", interview.scheduled_at, interview))
        entries.extend(
            TimelineEntry("letter", letter.sent_on or letter.created_at, letter)
            for letter in interview.letters.all()
        )
    order = {"status": 0, "interview": 1, "letter": 2}
    return sorted(entries, key=lambda entry: (entry.moment, order[entry.kind], entry.item.pk))


def application_timeline(user, application):
    """Return the application's timeline in three queries, however long its history."""
    changes = StatusChange.objects.owned_by(user).filter(application=application)
    interviews = (
        Interview.objects.owned_by(user)
        .filter(application=application)
        .prefetch_related("letters")
        .order_by("scheduled_at", "id")
    )
    return merge_timeline(changes, interviews)


@access.owned(access.get_application)
@require_http_methods(["GET", "POST"])
def application_history(request, application):
    """Show an application's history and record a change by hand, back-dated if need be."""
    form = StatusRecordForm(request.POST or None, application=application)
    if form.is_valid():
        try:
            application_status_record(application=application, **form.change)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Added to the history of %(application)s.") % {"application": application},
            )
            return redirect("interviews:application_history", pk=application.pk)
    return render(
        request,
        "interviews/tracking/history.html",
        {
            "application": application,
            "timeline": application_timeline(request.user, application),
            "form": form,
        },
    )


@access.owned(access.get_application)
@require_POST
def application_archive_toggle(request, application):
    """Archive an application (hide it from the list and board) or bring it back."""
    form = ApplicationArchiveForm(request.POST)
    archived = form.is_valid() and form.cleaned_data["archived"]
    application_archive(application=application, archived=archived)
    if archived:
        text = _("Archived %(application)s. It is hidden from the list and the board.")
    else:
        text = _("%(application)s is back on the list and the board.")
    messages.success(request, text % {"application": application})
    return redirect(application)


@require_POST
def applications_bulk_status(request):
    """Move the chosen applications of the user to one status, each with its history entry."""
    mine = Application.objects.owned_by(request.user)
    form = BulkStatusForm(request.POST, applications=mine)
    back = _list_url(request.POST.get("query", ""))
    if not form.is_valid():
        for name, errors in form.errors.items():
            if name != "query":
                messages.error(request, errors[0])
        return redirect(back)
    status = form.cleaned_data["status"]
    moved = applications_move(applications=form.cleaned_data["applications"], status=status)
    label = Application.Status(status).label
    if moved:
        text = ngettext(
            "Moved %(count)s application to %(status)s.",
            "Moved %(count)s applications to %(status)s.",
            moved,
        )
    else:
        text = _("Nothing moved: the chosen applications were already in %(status)s.")
    messages.success(request, text % {"count": moved, "status": label})
    return redirect(back)


def _list_url(query):
    """Return the list's address with its search and filter, rebuilt so only a query is kept."""
    url = reverse("interviews:application_list")
    params = QueryDict(query[:2000]).urlencode()
    return f"{url}?{params}" if params else url
