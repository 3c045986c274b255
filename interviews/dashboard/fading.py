"""The dashboard's sting: the check-ins open now, and every recent bad interview's line together."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..reflection import checkin, sting
from ..reflection.forms import StingCheckForm
from .charts import Chart, sting_chart


@dataclass(frozen=True)
class Fading:
    prompts: list = field(default_factory=list)
    chart: Chart | None = None
    # How many more check-ins are open than the prompts shown.
    more: int = 0
    # The empty form each prompt's buttons belong to.
    form: StingCheckForm = field(default_factory=StingCheckForm)


def fading(user, now=None):
    """Return the open check-ins (unless the person turned the prompt off) and the lines chart."""
    now = now or timezone.now()
    prompts = checkin.open_check_ins(user, now) if user.profile.ask_sting_on_dashboard else []
    lines = checkin.recent_lines(user)
    chart = sting_chart(
        lines,
        sting.MOMENTS,
        chart_id="chart-sting-all",
        title=_("How the sting fades"),
        description=ngettext(
            "How big %(count)d hard interview felt, from 0 to 10: right after it, at the end of "
            "the reflection, and on day 3 and day 14.",
            "How big your latest %(count)d hard interviews felt, each from 0 to 10: right after, "
            "at the end of the reflection, and on day 3 and day 14.",
            len(lines),
        )
        % {"count": len(lines)},
        label_of=checkin.line_label,
    )
    return Fading(prompts=prompts, chart=chart)
