"""Start follow-up letters from what the user has already told us, and record what happened."""

from django.db import transaction
from django.utils import timezone

from ..models import FollowUpLetter, Reflection
from .drafting import LetterContext, draft_letter, eligibility
from .recipients import default_recipient, interviewer_names, letter_recipients


def letter_context(interview, recipient=None):
    """Return the drafting context for an interview and its reflection (if any).

    With a recipient, the letter greets that one person; without, the interviewers.
    """
    application = interview.application
    reflection = interview.reflection_or_none
    owner = application.owner
    return LetterContext(
        company=application.company,
        role=application.role,
        interviewer_names=interviewer_names(interview.interviewers),
        interview_date=timezone.localtime(interview.scheduled_at, owner.profile.tzinfo).date(),
        causes=list(reflection.causes) if reflection else [],
        outside_circumstances=reflection.outside_circumstances if reflection else "",
        what_happened=reflection.what_happened if reflection else "",
        to_own=reflection.to_own if reflection else "",
        questions=[q.question for q in reflection.questions.all()] if reflection else [],
        lessons=[(lesson.text, lesson.action) for lesson in reflection.lessons.all()]
        if reflection
        else [],
        sender_name=owner.profile.display_name,
        recipient_name=recipient.name if recipient else None,
    )


def letter_eligibility(interview):
    """Return, for each letter kind, whether the interview's reflection makes it fit and why."""
    return eligibility(interview.reflection_or_none or Reflection())


def letter_start(*, interview, kind, recipient=None):
    """Create a draft letter with its first text; raise NotEligible when the kind does not fit.

    The letter goes to recipient, by default the first of letter_recipients: its name and
    address are always that one person's.
    """
    if recipient is None:
        recipient = default_recipient(letter_recipients(interview))
    draft = draft_letter(kind, letter_context(interview, recipient))
    with transaction.atomic():
        return FollowUpLetter.objects.create(
            interview=interview,
            kind=kind,
            recipient_name=recipient.name,
            recipient_email=recipient.email,
            subject=draft.subject,
            body=draft.body,
        )


def letter_mark_sent(*, letter, sent_on):
    """Record that the letter went out on sent_on; its interview then counts as followed up."""
    letter.status = FollowUpLetter.Status.SENT
    letter.sent_on = sent_on
    with transaction.atomic():
        letter.save(update_fields=["status", "sent_on", "updated_at"])
    return letter


def letter_record_response(*, letter, response):
    """Record how the recipient answered a sent letter."""
    letter.response = response
    with transaction.atomic():
        letter.save(update_fields=["response", "updated_at"])
    return letter
