"""Import interviews from calendar invites: upload the .ics files → preview → confirm."""

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from ..access import get_application, id_or_none, profile_for
from ..models import Application, Contact, Interview
from .board import CLOSED_STATUSES
from .invite_forms import InvitePreviewForm, InviteUploadForm
from .invites import InviteEvent
from .services import invites_import

# The parsed invites wait in the (database-backed) session between preview and confirm, so
# the browser never sends events back for us to trust. One pending import per session.
PENDING_KEY = "pending_invite_import"


def _stash(session, events, application):
    """Keep the parsed events in the session and return the key that names them."""
    key = secrets.token_urlsafe(16)
    session[PENDING_KEY] = {
        "key": key,
        "events": [event.to_session() for event in events],
        "application": application.pk if application else None,
    }
    return key


def _stashed(session, key):
    """Return (events, application id) stashed under key, or None when there is no such upload."""
    pending = session.get(PENDING_KEY)
    if not pending or not secrets.compare_digest(pending["key"], key):
        return None
    try:
        events = [InviteEvent.from_session(data) for data in pending["events"]]
    except (KeyError, TypeError, ValueError):
        # Stashed by an older version of this page: ask for the files again.
        return None
    return events, pending.get("application")


def _application_asked_for(request):
    """Return the application whose page the import was opened from, if any (404 if not hers)."""
    pk = id_or_none(request.GET.get("application"))
    return get_application(request.user, pk) if pk is not None else None


def _preview_gone(request):
    messages.warning(
        request,
        _(
            "We no longer have those invites, or they were already imported. "
            "Nothing was saved — please choose the files again."
        ),
    )
    return redirect("interviews:invites_import")


def _imported_message(created, updated):
    added = ngettext("Added %(count)s interview", "Added %(count)s interviews", created) % {
        "count": created
    }
    if not updated:
        return f"{added}."
    changed = ngettext("updated %(count)s", "updated %(count)s", updated) % {"count": updated}
    return _("%(added)s, %(updated)s.") % {"added": added, "updated": changed}


def _choosable_applications(user, existing):
    """Return the user's open applications, and any an invite's interview already belongs to."""
    applications = list(
        Application.objects.owned_by(user)
        .filter(archived=False)
        .exclude(status__in=CLOSED_STATUSES)
        .order_by("company", "role", "pk")
    )
    known = {application.pk for application in applications}
    for interview in existing.values():
        if interview.application_id not in known:
            applications.append(interview.application)
            known.add(interview.application_id)
    return applications


def _known_addresses(user, events):
    """Return the addresses among the invites' people that are already the user's contacts."""
    emails = {person.email.casefold() for event in events for person in event.people}
    emails.discard("")
    if not emails:
        return set()
    return set(
        Contact.objects.owned_by(user)
        .annotate(address=Lower("email"))
        .filter(address__in=emails)
        .values_list("address", flat=True)
    )


def _person_fate(person, own, known):
    """Say what importing does with one of the invite's people."""
    address = person.email.casefold()
    if not address:
        return _("no e-mail address, so not kept as a contact")
    if address == own:
        return _("you")
    if address in known:
        return _("already in your contacts")
    return _("becomes a contact")


@require_http_methods(["GET", "POST"])
def invites_import_upload(request):
    """Take one or more .ics invite files and send the user to their preview."""
    time_zone = profile_for(request.user).tzinfo
    application = _application_asked_for(request)
    if request.method == "POST":
        form = InviteUploadForm(request.POST, request.FILES, time_zone=time_zone)
    else:
        form = InviteUploadForm(time_zone=time_zone)
    if form.is_bound and form.is_valid():
        key = _stash(request.session, form.cleaned_data["files"], application)
        return redirect("interviews:invites_import_preview", key=key)
    return render(
        request,
        "interviews/tracking/invites_import.html",
        {"form": form, "application": application},
    )


@require_http_methods(["GET", "POST"])
def invites_import_preview(request, key):
    """Show what importing the stashed invites would do (GET) or do it (POST)."""
    stashed = _stashed(request.session, key)
    if stashed is None:
        return _preview_gone(request)
    events, asked_for = stashed
    existing = {
        interview.ical_uid: interview
        for interview in Interview.objects.owned_by(request.user).filter(
            ical_uid__in=[event.uid for event in events]
        )
    }
    form = InvitePreviewForm(
        request.POST if request.method == "POST" else None,
        events=events,
        applications=_choosable_applications(request.user, existing),
        existing=existing,
        default=asked_for,
    )
    if form.is_bound and form.is_valid():
        try:
            created, updated = invites_import(
                owner=request.user, events=events, choices=form.choices()
            )
        except ValidationError as refused:
            # Checked before saving anything; the transaction leaves nothing half-done.
            form.add_error(
                None, _("Nothing was imported: %(reason)s") % {"reason": " ".join(refused.messages)}
            )
        else:
            request.session.pop(PENDING_KEY, None)
            messages.success(request, _imported_message(created, updated))
            return redirect("interviews:interview_list")
    own = request.user.email.casefold()
    known = _known_addresses(request.user, events)
    for row in form.rows:
        row.people = [(person, _person_fate(person, own, known)) for person in row.event.people]
    context = {"key": key, "form": form, "rows": form.rows}
    return render(request, "interviews/tracking/invites_import_preview.html", context)
