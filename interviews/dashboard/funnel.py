"""Count where a person's applications lead: applied, an interview, an offer, and an answer.

How each number is counted (the dashboard says the same in plain words):

- **Applied**: the status is anything but Wishlist, or there is a date applied, or the
  application got further (an interview or an offer cannot come without applying).
  Archived applications count: archiving hides a row, it does not undo what happened.
- **Reached an interview**: at least one interview is logged, or the status is or ever was
  Interviewing (the StatusChange history).
- **Reached an offer**: the status is or ever was Offer or Accepted, or an interview's outcome
  is Offer.
- **Heard back** (the response rate): an interview, a rejection or an offer. Ghosted,
  withdrawn or no change at all is no answer.
- **Days to a first answer**: from the day applied (the date applied, else the first history
  entry past Wishlist) to the first of: the first interview's day, or the first move into
  Interviewing, Rejected, Offer or Accepted. History is ordered by the day each move happened,
  so a back-dated move counts from its own date. An interview booked ahead means the answer
  came by today at the latest; an answer dated before the day applied counts as the same day.
  The median is given once at least MEDIAN_MIN applications have a time.
- **By source**: Application.source grouped ignoring case and extra spaces; an empty source is
  "No source given". A percentage is shown only beside its count, and only for a group of at
  least PERCENT_MIN applications.

The pure part (build_funnel and the rules above it) works on plain Record objects; the reading
part takes two queries whatever the number of applications.
"""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from ..models import Application, Interview, StatusChange
from . import charts

Status = Application.Status

APPLIED_MIN = 3  # fewer applied than this and the funnel says how to fill it instead
PERCENT_MIN = 5  # smaller groups show counts only: 1 of 2 is not "50%"
MEDIAN_MIN = 3
SOURCES_SHOWN = 8

INTERVIEW_STATUSES = frozenset({Status.INTERVIEWING})
OFFER_STATUSES = frozenset({Status.OFFER, Status.ACCEPTED})
ANSWER_STATUSES = frozenset({Status.INTERVIEWING, Status.REJECTED, Status.OFFER, Status.ACCEPTED})


@dataclass(frozen=True)
class Record:
    """What the funnel knows of one application: dates are days in the owner's time zone."""

    status: str
    applied_on: date | None = None
    source: str = ""
    # (to_status, day) for every history entry, in any order.
    history: tuple[tuple[str, date], ...] = ()
    interviews: int = 0
    first_interview_on: date | None = None
    interview_offer: bool = False


@dataclass(frozen=True)
class Share:
    """A count out of a total, with its percentage only when the total is big enough."""

    count: int
    total: int

    @property
    def percent(self):
        if self.total < PERCENT_MIN:
            return None
        return round(100 * self.count / self.total)

    @property
    def text(self):
        """Return e.g. "4 of 10 (40%)", or "4 of 4" for a small total."""
        if self.percent is None:
            return gettext("%(count)d of %(total)d") % {"count": self.count, "total": self.total}
        return gettext("%(count)d of %(total)d (%(percent)d%%)") % {
            "count": self.count,
            "total": self.total,
            "percent": self.percent,
        }

    @property
    def short(self):
        """Return e.g. "4 (40%)", or "4" for a small total, for a row that gives the total."""
        if self.percent is None:
            return str(self.count)
        return gettext("%(count)d (%(percent)d%%)") % {
            "count": self.count,
            "percent": self.percent,
        }


@dataclass(frozen=True)
class SourceRow:
    label: str
    applied: int
    interview: Share
    offer: Share
    answered: Share
    unnamed: bool = False


@dataclass(frozen=True)
class Funnel:
    applied: int
    interview: Share
    offer: Share
    answered: Share
    median_days: float | None
    timed: int  # how many applications have a time to a first answer
    sources: list[SourceRow] = field(default_factory=list)
    chart: charts.Chart | None = None

    @property
    def is_empty(self):
        return self.applied < APPLIED_MIN

    @property
    def median_text(self):
        """Return the median wait as "9 days", or "2.5 days" between two whole days."""
        if self.median_days is None:
            return ""
        if float(self.median_days).is_integer():
            days = int(self.median_days)
            return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}
        return gettext("%(days)s days") % {"days": number_format(self.median_days, 1)}

    @property
    def applied_min(self):
        return APPLIED_MIN

    @property
    def median_min(self):
        return MEDIAN_MIN

    @property
    def percent_min(self):
        return PERCENT_MIN


def _ever(record, statuses):
    return record.status in statuses or any(to in statuses for to, _ in record.history)


def reached_interview(record):
    """Return whether the application has an interview or was ever Interviewing."""
    return record.interviews > 0 or _ever(record, INTERVIEW_STATUSES)


def reached_offer(record):
    """Return whether the application was ever Offer or Accepted, or an interview ended in one."""
    return record.interview_offer or _ever(record, OFFER_STATUSES)


def is_applied(record):
    """Return whether the application was sent: past Wishlist, dated, or further along."""
    return (
        record.status != Status.WISHLIST
        or record.applied_on is not None
        or reached_interview(record)
        or reached_offer(record)
    )


def heard_back(record):
    """Return whether any answer came: an interview, a rejection or an offer."""
    return reached_interview(record) or reached_offer(record) or _ever(record, {Status.REJECTED})


def days_to_first_answer(record, today):
    """Return the days from applying to the first answer, or None without both."""
    history = sorted(record.history, key=lambda entry: entry[1])
    start = record.applied_on or next((when for to, when in history if to != Status.WISHLIST), None)
    answers = [when for to, when in history if to in ANSWER_STATUSES]
    if record.first_interview_on is not None:
        # Booked ahead: the invitation has come already, so today at the latest.
        answers.append(min(record.first_interview_on, today))
    if start is None or not answers:
        return None
    return max(0, (min(answers) - start).days)


def source_key(source):
    """Return the group a source belongs to: trimmed, inner spaces collapsed, any case."""
    return " ".join(source.split()).casefold()


def _source_row(label, records, *, unnamed=False):
    total = len(records)
    return SourceRow(
        label=label,
        applied=total,
        interview=Share(sum(map(reached_interview, records)), total),
        offer=Share(sum(map(reached_offer, records)), total),
        answered=Share(sum(map(heard_back, records)), total),
        unnamed=unnamed,
    )


def by_source(applied):
    """Return one row per source, the biggest first, the rest summed, "No source given" last."""
    groups = defaultdict(list)
    spellings = defaultdict(Counter)
    for record in applied:
        key = source_key(record.source)
        groups[key].append(record)
        if key:
            spellings[key][" ".join(record.source.split())] += 1
    # The spelling used most often names the group; a tie goes to the first in sort order.
    named = sorted(
        (
            (min(s.items(), key=lambda item: (-item[1], item[0]))[0], groups[key])
            for key, s in spellings.items()
        ),
        key=lambda pair: (-len(pair[1]), pair[0].casefold(), pair[0]),
    )
    rows = [_source_row(label, records) for label, records in named[:SOURCES_SHOWN]]
    rest = named[SOURCES_SHOWN:]
    if rest:
        label = ngettext("%(count)d other source", "%(count)d other sources", len(rest)) % {
            "count": len(rest)
        }
        rows.append(_source_row(label, [r for _, records in rest for r in records]))
    if groups.get(""):
        rows.append(_source_row(gettext("No source given"), groups[""], unnamed=True))
    return rows


def funnel_chart(applied, interview, offer):
    title = gettext("From applied to offer")
    description = gettext(
        "Of %(applied)d applications sent, %(interview)d reached an interview and "
        "%(offer)d reached an offer."
    ) % {"applied": applied, "interview": interview.count, "offer": offer.count}
    return charts.stage_chart(
        title,
        description,
        [
            (gettext("Applied"), applied, str(applied)),
            (gettext("Reached an interview"), interview.count, interview.text),
            (gettext("Reached an offer"), offer.count, offer.text),
        ],
        chart_id="chart-funnel",
        table_caption=gettext("Applications at each stage"),
        label_heading=gettext("Stage"),
        value_heading=gettext("Applications"),
    )


def build_funnel(records, today):
    """Return the funnel of the given applications, judged on `today` (the owner's day)."""
    applied = [record for record in records if is_applied(record)]
    total = len(applied)
    interview = Share(sum(map(reached_interview, applied)), total)
    offer = Share(sum(map(reached_offer, applied)), total)
    days = [d for d in (days_to_first_answer(r, today) for r in applied) if d is not None]
    return Funnel(
        applied=total,
        interview=interview,
        offer=offer,
        answered=Share(sum(map(heard_back, applied)), total),
        median_days=statistics.median(days) if len(days) >= MEDIAN_MIN else None,
        timed=len(days),
        sources=by_source(applied),
        chart=funnel_chart(total, interview, offer) if total else None,
    )


def read_records(user, tz):
    """Return a Record for each of the user's applications, in two queries."""
    history = defaultdict(list)
    changes = (
        StatusChange.objects.owned_by(user)
        .order_by()
        .values_list("application_id", "to_status", "changed_at")
    )
    for pk, to_status, changed_at in changes:
        history[pk].append((to_status, timezone.localtime(changed_at, tz).date()))
    rows = (
        Application.objects.owned_by(user)
        .order_by()
        .annotate(
            interview_count=Count("interviews"),
            first_interview_at=Min("interviews__scheduled_at"),
            offers=Count("interviews", filter=Q(interviews__outcome=Interview.Outcome.OFFER)),
        )
        .values_list(
            "pk",
            "status",
            "applied_on",
            "source",
            "interview_count",
            "first_interview_at",
            "offers",
        )
    )
    return [
        Record(
            status=status,
            applied_on=applied_on,
            source=source,
            history=tuple(history.get(pk, ())),
            interviews=interviews,
            first_interview_on=timezone.localtime(first_at, tz).date() if first_at else None,
            interview_offer=offers > 0,
        )
        for pk, status, applied_on, source, interviews, first_at, offers in rows
    ]


def application_funnel(user, tz, today):
    """Return the funnel of every application the user has, archived ones included."""
    return build_funnel(read_records(user, tz), today)
