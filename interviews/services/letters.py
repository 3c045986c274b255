"""Start follow-up letters from what the user has already told us."""

from django.db import transaction
from django.utils import timezone

from ..letters import LetterContext, draft_letter
from ..models import FollowUpLetter


def letter_context(interview):
    """Return the drafting context for an interview and its reflection (if any)."""
    application = interview.application
    reflection = interview.reflection_or_none
    owner = application.owner
    names = [name.strip() for name in interview.interviewers.split(",") if name.strip()]
    return LetterContext(
        company=application.company,
        role=application.role,
        interviewer_names=names,
        interview_date=timezone.localtime(interview.scheduled_at, owner.profile.tzinfo).date(),
        causes=list(reflection.causes) if reflection else [],
        outside_circumstances=reflection.outside_circumstances if reflection else "",
        what_happened=reflection.what_happened if reflection else "",
        questions=[q.question for q in reflection.questions.all()] if reflection else [],
        lessons=[(lesson.text, lesson.action) for lesson in reflection.lessons.all()]
        if reflection
        else [],
        sender_name=owner.get_full_name(),
    )


def letter_start(*, interview, kind):
    """Create a draft letter with its first text; raise NotEligible when the kind does not fit."""
    draft = draft_letter(kind, letter_context(interview))
    names = [name.strip() for name in interview.interviewers.split(",") if name.strip()]
    with transaction.atomic():
        return FollowUpLetter.objects.create(
            interview=interview,
            kind=kind,
            recipient_name=names[0] if names else interview.application.contact_name,
            recipient_email=interview.application.contact_email,
            subject=draft.subject,
            body=draft.body,
        )
