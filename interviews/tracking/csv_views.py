"""CSV export of applications and interviews, and the upload → preview → confirm import."""

import base64
import secrets
import zlib

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from ..models import Application, Interview, StatusChange
from .csv_export import write_applications, write_history, write_interviews
from .csv_forms import ImportUploadForm
from .csv_import import IMPORT_FIELDS, CsvImportError, parse_applications
from .services import applications_import, import_plan

# The uploaded file waits in the (database-backed) session between preview and confirm, so the
# browser never sends rows back for us to trust. One pending import per session, compressed.
PENDING_KEY = "pending_application_import"
PREVIEW_LIMIT = 500


def _csv_download(text, stem):
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    filename = f"{stem}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def applications_export(request):
    """Download all the user's applications as CSV."""
    applications = (
        Application.objects.owned_by(request.user)
        .prefetch_related("tags", "contacts")
        .order_by("pk")
    )
    return _csv_download(write_applications(applications), "rebound-applications")


@require_GET
def interviews_export(request):
    """Download all the user's interviews as CSV, times in UTC."""
    interviews = Interview.objects.owned_by(request.user).order_by("scheduled_at", "pk")
    return _csv_download(write_interviews(interviews), "rebound-interviews")


@require_GET
def history_export(request):
    """Download every status change of the user's applications as CSV, in date order."""
    changes = StatusChange.objects.owned_by(request.user).order_by("changed_at", "pk")
    return _csv_download(write_history(changes), "rebound-history")


def _stash(session, content, filename):
    """Keep the uploaded bytes in the session and return the key that names them."""
    key = secrets.token_urlsafe(16)
    session[PENDING_KEY] = {
        "key": key,
        "filename": filename,
        "data": base64.b64encode(zlib.compress(content)).decode("ascii"),
    }
    return key


def _stashed(session, key):
    """Return (bytes, filename) stashed under key, or None when there is no such upload."""
    pending = session.get(PENDING_KEY)
    if not pending or not secrets.compare_digest(pending["key"], key):
        return None
    return zlib.decompress(base64.b64decode(pending["data"])), pending["filename"]


def _preview_gone(request):
    messages.warning(
        request,
        _(
            "We no longer have that file, or it was already imported. "
            "Nothing was saved — please choose the file again."
        ),
    )
    return redirect("interviews:applications_import")


def _imported_message(count):
    if not count:
        return _("Nothing new to import: every row is already in your applications.")
    return ngettext(
        "Imported %(count)s application.", "Imported %(count)s applications.", count
    ) % {"count": count}


def _as_applications(rows):
    """Return (line, unsaved Application) pairs, so the preview can show status labels."""
    return [
        (row.line, Application(**{name: row.fields[name] for name in IMPORT_FIELDS}))
        for row in rows
    ]


@require_http_methods(["GET", "POST"])
def applications_import_upload(request):
    """Take a CSV file of applications and send the user to its preview."""
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
    else:
        form = ImportUploadForm()
    if form.is_bound and form.is_valid():
        key = _stash(request.session, form.cleaned_data["file"], form.filename)
        return redirect("interviews:applications_import_preview", key=key)
    return render(request, "interviews/tracking/applications_import.html", {"form": form})


@require_http_methods(["GET", "POST"])
def applications_import_preview(request, key):
    """Show what importing the stashed file would do (GET) or do it (POST)."""
    stashed = _stashed(request.session, key)
    if stashed is None:
        return _preview_gone(request)
    content, filename = stashed
    try:
        # Parse again rather than keep parsed rows, so both steps see exactly the same rules.
        parsed = parse_applications(content)
    except CsvImportError:
        request.session.pop(PENDING_KEY, None)
        return _preview_gone(request)
    if request.method == "POST":
        created = applications_import(owner=request.user, rows=parsed.rows)
        request.session.pop(PENDING_KEY, None)
        messages.success(request, _imported_message(len(created)))
        return redirect("interviews:application_list")
    plan = import_plan(owner=request.user, rows=parsed.rows)
    context = {
        "key": key,
        "filename": filename,
        "format_name": parsed.format_name,
        "new_rows": _as_applications(plan.new_rows[:PREVIEW_LIMIT]),
        "new_count": len(plan.new_rows),
        "duplicates": plan.duplicates[:PREVIEW_LIMIT],
        "duplicate_count": len(plan.duplicates),
        "errors": parsed.errors[:PREVIEW_LIMIT],
        "error_count": len(parsed.errors),
        "error_line_count": len({error.line for error in parsed.errors}),
        "preview_limit": PREVIEW_LIMIT,
    }
    return render(request, "interviews/tracking/applications_import_preview.html", context)
