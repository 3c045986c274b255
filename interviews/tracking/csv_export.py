"""Export applications, interviews and history as CSV (pure functions); csv_import reads some."""

import csv
import io
from datetime import UTC, date, datetime

from django.utils import timezone

from ..models import Application
from .csv_cells import format_contacts
from .csv_import import FORMULA_STARTS

APPLICATION_COLUMNS = (
    "id", "company", "role", "status", "applied_on", "job_url", "location", "source",
    "salary_text", "salary_min", "salary_max", "salary_currency", "salary_period", "deadline",
    "excitement", "tags", "contacts", "notes", "created_at", "updated_at",
)  # fmt: skip
INTERVIEW_COLUMNS = (
    "application_id", "company", "role", "kind", "scheduled_at_utc", "duration_minutes",
    "format", "interviewers", "rating", "went_badly", "outcome", "notes",
)  # fmt: skip
HISTORY_COLUMNS = ("company", "role", "from", "to", "when", "note")


def _cell(value):
    """Return value as CSV text, quote-prefixed if a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date | datetime):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _write(columns, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return out.getvalue()


def _related(app, name):
    """Return an application's tags or contacts; an unsaved one has none yet."""
    if getattr(app, "pk", None) is None and isinstance(app, Application):
        return []
    related = getattr(app, name)
    return related.all() if hasattr(related, "all") else related


# Columns that are not a field of the application, and how to write each.
_DERIVED = {
    "tags": lambda app: "; ".join(tag.name for tag in _related(app, "tags")),
    "contacts": lambda app: format_contacts(
        (contact.name, contact.email) for contact in _related(app, "contacts")
    ),
}


def write_applications(applications) -> str:
    """Return applications as CSV text with APPLICATION_COLUMNS; parse_applications reads it.

    Tags and contacts are read for each application: pass a queryset with
    prefetch_related("tags", "contacts").
    """

    def row(app):
        return [
            _DERIVED[name](app) if name in _DERIVED else getattr(app, name)
            for name in APPLICATION_COLUMNS
        ]

    return _write(APPLICATION_COLUMNS, map(row, applications))


def write_interviews(interviews) -> str:
    """Return interviews as CSV text with INTERVIEW_COLUMNS and times in UTC.

    Each interview's application is read, so pass a queryset with select_related("application").
    """

    def row(interview):
        app = interview.application
        when = interview.scheduled_at.astimezone(UTC).isoformat().replace("+00:00", "Z")
        return [
            interview.application_id, app.company, app.role, interview.kind, when,
            interview.duration_minutes, interview.format, interview.interviewers,
            interview.rating, interview.went_badly, interview.outcome, interview.notes,
        ]  # fmt: skip

    return _write(INTERVIEW_COLUMNS, map(row, interviews))


def write_history(changes) -> str:
    """Return status changes as CSV text with HISTORY_COLUMNS, one row per change.

    Statuses are written as their labels and times in the active (the user's) time zone,
    with its offset. Pass a queryset with select_related("application").
    """
    labels = dict(Application.Status.choices)

    def row(change):
        app = change.application
        when = timezone.localtime(change.changed_at).isoformat(timespec="minutes")
        return [
            app.company, app.role, labels.get(change.from_status, change.from_status),
            labels.get(change.to_status, change.to_status), when, change.note,
        ]  # fmt: skip

    return _write(HISTORY_COLUMNS, map(row, changes))
