"""Words for an application's structured facts: how keen the user is, how near the deadline."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..models import EXCITEMENT_MAX

EXCITEMENT_WORDS = {
    1: gettext_lazy("Not very"),
    2: gettext_lazy("A little"),
    3: gettext_lazy("Quite keen"),
    4: gettext_lazy("Very keen"),
    5: gettext_lazy("Dream job"),
}
# The deadline filter's "soon": within this many days from today.
DEADLINE_SOON_DAYS = 7


def excitement_text(value):
    """Return an excitement as words with its number, e.g. "4/5 · Very keen", or ""."""
    if value not in EXCITEMENT_WORDS:
        return ""
    return f"{value}/{EXCITEMENT_MAX} · {EXCITEMENT_WORDS[value]}"


def deadline_note(deadline, today):
    """Return how far off a deadline is: "today", "tomorrow", "in 3 days", "passed"."""
    if deadline is None:
        return ""
    days = (deadline - today).days
    if days < 0:
        return _("passed")
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    return ngettext("in %(days)s day", "in %(days)s days", days) % {"days": days}
