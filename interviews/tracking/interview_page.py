"""What the interview page shows: where its road back stands, and what came of it."""

from django.utils.translation import gettext as _

from ..dashboard.charts import sting_chart
from ..models import FollowUpLetter, Interview, RecoveryStage, WizardDraft
from ..reflection import checkin, sting
from ..reflection.progress import draft_progress


def road_back_key(recovery):
    """Return the name of the stage reached ("logged" … "ready"), which picks the page's words."""
    return RecoveryStage(recovery.stage).name.lower()


def window_worth_mentioning(interview, now):
    """Return whether the page should speak of a cool-off window that has already closed.

    A window that closed before the interview was even logged was never lived through in
    Rebound: naming its end would only read as a date in the past, so it is left out.
    """
    until = interview.cool_off_until
    return until is not None and until <= now and interview.created_at < until


def open_clash(user, interview):
    """Return the bad interview whose open cool-off window this one is booked inside, if any.

    Once the user has said they took the time after that interview, its window no longer
    asks anything of them, so it is not brought up again.
    """
    bad = Interview.objects.owned_by(user).went_badly().filter(cool_off_confirmed=False)
    return interview.cool_off_clash(bad)


def latest_draft_letter(letters):
    drafts = [letter for letter in letters if letter.status == FollowUpLetter.Status.DRAFT]
    return max(drafts, key=lambda letter: (letter.updated_at, letter.pk), default=None)


def sting_section(user, interview, now):
    """Return the open check-in day and the line of how big a bad interview felt, or None."""
    if not interview.went_badly:
        return None
    line = checkin.interview_line(interview)
    tz = user.profile.tzinfo
    day = checkin.open_day_for(interview, now, tz)
    return {
        "day": day,
        "days_since": sting.days_since(interview.scheduled_at, tz, now),
        "answered": day is not None and line.at_check_in(day) is not None,
        "chart": sting_chart(
            [line],
            sting.MOMENTS,
            chart_id="chart-sting",
            title=_("How big it felt"),
            description=_(
                "How big this interview felt on a scale from 0 to 10: right after it, at the "
                "end of the reflection, and on day 3 and day 14."
            ),
            label_of=checkin.line_label,
        ),
    }


def interview_page(user, interview, now):
    """Return the interview page's context, in a fixed number of queries however much it lists.

    The interview comes with its recovery flags, reflection, lessons and letters (see
    InterviewQuerySet.with_recovery); the questions and the wizard draft are one query each.
    """
    is_upcoming = interview.scheduled_at >= now
    recovery = interview.recovery(now)
    reflection = interview.reflection_or_none
    letters = list(interview.letters.all())
    lessons = list(reflection.lessons.all()) if reflection is not None else []
    questions = list(reflection.questions.all()) if reflection is not None else []
    draft = WizardDraft.objects.filter(owner=user, interview=interview).first()
    return {
        "interview": interview,
        "application": interview.application,
        "is_upcoming": is_upcoming,
        "clash": open_clash(user, interview) if is_upcoming else None,
        "recovery": recovery,
        "road_back": road_back_key(recovery) if recovery is not None else None,
        "cooling_off": interview.is_cooling_off(now),
        "window_ended": window_worth_mentioning(interview, now),
        "reflection": reflection,
        "draft": draft_progress(draft),
        "letters": letters,
        "draft_letter": latest_draft_letter(letters),
        "lessons": lessons,
        "open_actions": sum(1 for lesson in lessons if not lesson.done),
        "questions": questions,
        "sting": sting_section(user, interview, now),
    }
