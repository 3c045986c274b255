"""The board: every application in a column for its status, kept drawn in the shared cache.

Its columns are drawn once and kept under the user's generation like the dashboard's
sections (interviews/dashboard/cache.py says why such an entry is never stale). What they
take from the clock is the next interview of each card (which ends when it starts), whether
a card is still on its way back from a bad interview (which can end when a cool-off does)
and the year dates are shown without: `valid_until` names every such moment.

Each card has a move form, and a form carries the request's CSRF token: the columns are
drawn with a random stand-in for the token, kept with them, and each request puts its own
token in its place.
"""

import secrets
from dataclasses import dataclass

from django.db.models import Min, Q
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from ..dashboard.cache import kept, valid_until
from ..models import Application

# Open applications stand in columns of their own, closed ones fold away together.
CLOSED_STATUSES = (
    Application.Status.ACCEPTED,
    Application.Status.REJECTED,
    Application.Status.WITHDRAWN,
    Application.Status.GHOSTED,
)
# A column shows its most recently updated cards and folds the rest behind "Show N more".
CARDS_SHOWN = 6
COLUMNS = "interviews/tracking/application_board.html#columns"


def with_next_interview(applications, now=None):
    """Annotate each application with the start of its next upcoming interview."""
    return applications.annotate(
        next_interview_at=Min(
            "interviews__scheduled_at",
            filter=Q(interviews__scheduled_at__gte=now or timezone.now()),
        )
    )


def _move_options():
    """Return, for each status, the move menu's options with that status chosen.

    Eight options on each of a few hundred cards were most of the board's drawing time.
    """
    selected = mark_safe(" selected")
    choices = Application.Status.choices
    return {
        status: format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((value, selected if value == status else "", label) for value, label in choices),
        )
        for status in Application.Status.values
    }


def columns_of(user, *, show_archived, now, undo=None):
    """Return the board's columns for user at now, each with its cards newest first."""
    mine = Application.objects.owned_by(user)
    if not show_archived:
        mine = mine.filter(archived=False)
    applications = with_next_interview(mine.with_recovering(now), now)
    applications = applications.order_by("-updated_at", "-id")
    options = _move_options()
    by_status = {status: [] for status in Application.Status.values}
    for application in applications:
        application.move_options = options[application.status]
        by_status[application.status].append(application)
    return [
        {
            "status": status,
            "label": label,
            "applications": by_status[status],
            "shown": by_status[status][:CARDS_SHOWN],
            "more": by_status[status][CARDS_SHOWN:],
            "is_open": bool(undo) and undo.get("status") == status,
        }
        for status, label in Application.Status.choices
    ]


@dataclass(frozen=True)
class Drawn:
    """The board's columns as drawn, with the stand-in their forms hold for the CSRF token."""

    total: int
    html: str
    token: str


def _draw(user, *, show_archived, now, undo):
    columns = columns_of(user, show_archived=show_archived, now=now, undo=undo)
    closed = [column for column in columns if column["status"] in CLOSED_STATUSES]
    token = secrets.token_hex(16)
    context = {
        "columns": columns,
        "open_columns": [column for column in columns if column not in closed],
        "closed_columns": closed,
        "closed_total": sum(len(column["applications"]) for column in closed),
        "csrf_token": token,
    }
    total = sum(len(column["applications"]) for column in columns)
    return columns, Drawn(total=total, html=render_to_string(COLUMNS, context), token=token)


def board_context(request, *, show_archived, undo):
    """Return the board page's context, its columns from the cache while they still hold.

    "columns" is the columns' data when they were just drawn (a page offering to undo a
    move is always drawn afresh, with the column of the move unfolded), and absent when they
    come from the cache.
    """
    user, now = request.user, timezone.now()
    fresh = []

    def make(now, keep):
        columns, drawn = _draw(user, show_archived=show_archived, now=now, undo=undo)
        fresh.append(columns)
        return drawn, valid_until(user, now, []) if keep else now

    if undo:
        drawn = make(now, False)[0]
    else:
        drawn = kept(user, "board-archived" if show_archived else "board", now, make)
    html = drawn.html.replace(drawn.token, get_token(request))
    context = {
        "total": drawn.total,
        "board": mark_safe(html),  # noqa: S308 - drawn by our own template
        "undo": undo,
        "show_archived": show_archived,
    }
    if fresh:
        context["columns"] = fresh[0]
    return context
