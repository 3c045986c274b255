"""The dashboard's road back: where each bad interview stands, and what is booked too soon."""

import math
import operator
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property, reduce

from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper, F, Prefetch, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext

from ..models import (
    MAX_DURATION_MINUTES,
    FollowUpLetter,
    Interview,
    Recovery,
    RecoveryStage,
    WizardDraft,
    recovery_conditions,
)
from ..reflection.progress import draft_progress
from ..web.limits import PAGE_SIZE

RECOVERING_SHOWN = 6


def page_url(name, *args, query=None):
    """Return the path of an `interviews:` page, with an optional query string."""
    path = reverse(f"interviews:{name}", args=args)
    return f"{path}?{urlencode(query)}" if query else path


@dataclass(frozen=True)
class NextStep:
    """The one thing to do next on the road back, and where to do it."""

    kind: str
    label: str
    url: str


@dataclass(frozen=True)
class RecoveringItem:
    interview: Interview
    recovery: Recovery
    next_step: NextStep


@dataclass(frozen=True)
class Recovering:
    items: list[RecoveringItem]
    total: int
    bad_count: int
    ready_count: int
    # The bad interviews whose cool-off window is still open and whose time the user has
    # not yet taken (no confirmed cool-off, no finished reflection), for the clash check.
    cooling: list[Interview] = field(repr=False)

    @property
    def more(self):
        return self.total - len(self.items)

    @property
    def ready_percent(self):
        return round(100 * self.ready_count / self.bad_count) if self.bad_count else 0


def saved_drafts():
    """Prefetch each interview's saved wizard draft (its owner's, so 0 or 1) as saved_drafts."""
    own = WizardDraft.objects.filter(owner=F("interview__application__owner"))
    return Prefetch("wizard_drafts", queryset=own, to_attr="saved_drafts")


def saved_draft(interview):
    """Return the interview's saved wizard draft, or None."""
    drafts = getattr(interview, "saved_drafts", None)
    if drafts is None:
        drafts = list(interview.wizard_drafts.filter(owner=interview.application.owner_id))
    return drafts[0] if drafts else None


def next_step(interview, recovery, now):
    """Return the next step for a bad interview that is not yet ready."""
    reached = dict(zip(RecoveryStage, recovery.reached, strict=True))
    reflection = interview.reflection_or_none
    reflected = reached[RecoveryStage.REFLECTED] and reached[RecoveryStage.FORGIVEN]
    progress = draft_progress(saved_draft(interview))
    if progress is not None and not reflected:
        # A reflection under way says where it stopped, even inside the cool-off.
        label = gettext("Continue — step %(number)d of %(total)d") % {
            "number": progress.number,
            "total": progress.total,
        }
        return NextStep("reflect", label, progress.url)
    if not reached[RecoveryStage.COOLED_OFF]:
        seconds = (interview.cool_off_until - now).total_seconds()
        hours = max(1, math.ceil(seconds / 3600))
        label = ngettext(
            "Cooling off — %(hours)d h left", "Cooling off — %(hours)d h left", hours
        ) % {"hours": hours}
        return NextStep("cooling", label, page_url("interview_detail", interview.pk))
    if not reflected:
        if reflection is not None and not reflection.is_complete:
            label = gettext("Continue your reflection")
        else:
            label = gettext("Reflect now")
        return NextStep("reflect", label, page_url("reflect", interview.pk))
    if not reached[RecoveryStage.FOLLOWED_UP]:
        drafts = [
            letter
            for letter in interview.letters.all()
            if letter.status == FollowUpLetter.Status.DRAFT
        ]
        if drafts:
            draft = max(drafts, key=lambda letter: (letter.updated_at, letter.pk))
            return NextStep(
                "letter", gettext("Finish your letter"), page_url("letter_detail", draft.pk)
            )
        return NextStep(
            "letter",
            gettext("Write your follow-up letter"),
            page_url("letter_create", interview.pk),
        )
    left = sum(not lesson.done for lesson in reflection.lessons.all())
    label = ngettext(
        "%(count)d action left before you're ready",
        "%(count)d actions left before you're ready",
        left,
    ) % {"count": left}
    return NextStep("actions", label, page_url("action_list", query={"interview": interview.pk}))


def ready_once_cooled():
    """Match the bad interviews that reach Ready as soon as their cool-off has passed."""
    return reduce(operator.and_, recovery_conditions().values())


def _cutoff(user, now):
    """Return the moment before which every cool-off window has closed, whatever the length."""
    return now - timedelta(hours=user.profile.cool_off_hours, minutes=MAX_DURATION_MINUTES)


def _flags(bad, cutoff):
    """Return (pk, recent, old_ready) for each bad interview, newest first.

    Before the cutoff the database can tell which interviews are Ready; the few since are
    judged in Python, where the clock and a confirmed cool-off come in.
    """
    return list(
        bad.annotate(
            recent=ExpressionWrapper(Q(scheduled_at__gte=cutoff), output_field=BooleanField()),
            old_ready=ExpressionWrapper(
                Q(scheduled_at__lt=cutoff) & ready_once_cooled(), output_field=BooleanField()
            ),
        ).values_list("pk", "recent", "old_ready")
    )


def recovering(user, now):
    """Return the bad interviews still on their way back, most recent first."""
    bad = Interview.objects.owned_by(user).went_badly()
    cutoff = _cutoff(user, now)
    flags = _flags(bad, cutoff)
    recent = sum(1 for _, is_recent, _ in flags if is_recent)
    old_ready = sum(1 for _, _, is_ready in flags if is_ready)
    # Newest first: every recent interview, then enough older ones still recovering.
    wanted = [pk for pk, _, is_ready in flags if not is_ready][: recent + RECOVERING_SHOWN]
    items, cooling, recent_ready = [], [], 0
    for interview in bad.filter(pk__in=wanted).with_recovery().prefetch_related(saved_drafts()):
        recovery = interview.recovery(now)
        if interview.scheduled_at >= cutoff and not any(recovery.reached[1:]):
            # Still inside the window, and no stage after Logged reached: the time is not taken.
            cooling.append(interview)
        if recovery.is_ready:
            recent_ready += 1
        elif len(items) < RECOVERING_SHOWN:
            items.append(RecoveringItem(interview, recovery, next_step(interview, recovery, now)))
    ready_count = old_ready + recent_ready
    return Recovering(items, len(flags) - ready_count, len(flags), ready_count, cooling)


def recovering_page(user, now, number):
    """Return one page of every bad interview still on its way back, most recent first."""
    bad = Interview.objects.owned_by(user).went_badly()
    flags = _flags(bad, _cutoff(user, now))
    recent = [pk for pk, is_recent, _ in flags if is_recent]
    recent_ready = {
        interview.pk
        for interview in bad.filter(pk__in=recent).with_recovery()
        if interview.recovery(now).is_ready
    }
    pks = [pk for pk, _, is_ready in flags if not (is_ready or pk in recent_ready)]
    page = Paginator(pks, PAGE_SIZE).get_page(number)
    shown = bad.filter(pk__in=list(page.object_list)).with_recovery()
    by_pk = {interview.pk: interview for interview in shown.prefetch_related(saved_drafts())}
    items = []
    for pk in page.object_list:
        interview = by_pk[pk]
        recovery = interview.recovery(now)
        items.append(RecoveringItem(interview, recovery, next_step(interview, recovery, now)))
    page.object_list = items
    return page


@dataclass(frozen=True)
class Clash:
    """An upcoming interview booked inside a bad interview's cool-off window."""

    interview: Interview
    bad: Interview

    @property
    def cool_off_until(self):
        return self.bad.cool_off_until

    @property
    def reflect_url(self):
        return page_url("reflect", self.bad.pk)

    @cached_property
    def draft(self):
        """Return where a reflection on the bad interview stopped, or None if none is begun."""
        return draft_progress(saved_draft(self.bad))


def too_soon(upcoming, cooling):
    """Return the upcoming interviews that fall inside an open cool-off window."""
    clashes = []
    for interview in upcoming:
        bad = interview.cool_off_clash(cooling)
        if bad is not None:
            clashes.append(Clash(interview, bad))
    return clashes
