"""Wall-clock times around daylight-saving changes: skipped ones and repeated ones."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

ONE_MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class ClockChange:
    """A change of the clocks: at `instant` (UTC) local time jumps from `before` to `after`."""

    instant: datetime
    before: datetime
    after: datetime

    @property
    def goes_forward(self):
        return self.after > self.before


@dataclass(frozen=True)
class LocalTime:
    """What a wall-clock time means in a zone: one moment, none (`gap`) or two (`fold`)."""

    wall: datetime
    zone: object
    moments: tuple  # Aware datetimes: one for an ordinary time, two for a fold, none for a gap.
    change: ClockChange | None = None

    @property
    def is_gap(self):
        return not self.moments

    @property
    def is_fold(self):
        return len(self.moments) == 2

    @property
    def shifted(self):
        """Return the moment a time in a gap means once the clocks have gone forward."""
        if not self.is_gap:
            return None
        before = self.wall.replace(tzinfo=self.zone, fold=0)
        # fold=0 reads the time with the offset from before the change, i.e. as if the clocks
        # had not moved yet; in the new offset that is the same distance past the jump.
        return before.astimezone(UTC).astimezone(self.zone)


def _offset_at(instant, zone):
    return instant.astimezone(zone).utcoffset()


def _change_between(start, end, zone):
    """Return the clock change between two UTC instants whose offsets differ."""
    start_offset = _offset_at(start, zone)
    end_offset = _offset_at(end, zone)
    # Binary search by the minute: zones change their clocks on a whole minute.
    low, high = start, end
    while high - low > ONE_MINUTE:
        middle = low + ((high - low) // ONE_MINUTE // 2) * ONE_MINUTE
        if _offset_at(middle, zone) == start_offset:
            low = middle
        else:
            high = middle
    naive_utc = high.replace(tzinfo=None)
    return ClockChange(instant=high, before=naive_utc + start_offset, after=naive_utc + end_offset)


def read_wall_time(wall, zone):
    """Return what a naive wall-clock time means in a zone."""
    wall = wall.replace(tzinfo=None, fold=0)
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    first_offset, second_offset = first.utcoffset(), second.utcoffset()
    if first_offset == second_offset:
        return LocalTime(wall=wall, zone=zone, moments=(first,))
    # Either side of a change: the UTC instants the two readings name.
    first_utc = (wall - first_offset).replace(tzinfo=UTC)
    second_utc = (wall - second_offset).replace(tzinfo=UTC)
    start, end = sorted((first_utc, second_utc))
    change = _change_between(start, end, zone)
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None, fold=0)
    if round_trip != wall:
        return LocalTime(wall=wall, zone=zone, moments=(), change=change)
    return LocalTime(wall=wall, zone=zone, moments=(first, second), change=change)
