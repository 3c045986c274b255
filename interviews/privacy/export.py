"""Export everything a user keeps: one JSON-ready record, or the zip with the files.

The export format is documented in interviews/privacy/schema.py.
"""

from django.db.models import Prefetch
from django.utils import timezone

from ..access import profile_for
from ..models import (
    Application,
    CaughtOutQuestion,
    Contact,
    Document,
    FollowUpLetter,
    Interview,
    Lesson,
    Practice,
    StatusChange,
    StingCheck,
    Tag,
)
from ..tracking import filetypes
from . import archive
from .schema import SCHEMA, VERSION, dump_record, format_datetime


def _with_practices(questions):
    """Return questions in the order added, each with its practice log in time order."""
    practices = Practice.objects.order_by("practised_at", "id")
    return questions.order_by("id").prefetch_related(Prefetch("practices", queryset=practices))


def exportable_applications(owner):
    """Return owner's applications with everything nested under them, in export order."""
    interviews = (
        Interview.objects.order_by("scheduled_at", "id")
        .select_related("reflection")
        .prefetch_related(
            Prefetch("reflection__questions", queryset=_with_practices(CaughtOutQuestion.objects)),
            Prefetch("reflection__lessons", queryset=Lesson.objects.order_by("id")),
            Prefetch("letters", queryset=FollowUpLetter.objects.order_by("created_at", "id")),
            Prefetch("sting_checks", queryset=StingCheck.objects.order_by("day", "id")),
        )
    )
    return (
        Application.objects.owned_by(owner)
        .order_by("created_at", "id")
        .prefetch_related(
            Prefetch("interviews", queryset=interviews),
            Prefetch("status_changes", queryset=StatusChange.objects.order_by("changed_at", "id")),
            Prefetch("documents", queryset=Document.objects.order_by("created_at", "id")),
            Prefetch("tags", queryset=Tag.objects.order_by("name")),
        )
    )


def exportable_contacts(owner):
    """Return owner's contacts, in the order added, with the ids of what they are linked to."""
    return (
        Contact.objects.owned_by(owner)
        .order_by("created_at", "id")
        .prefetch_related(
            Prefetch("applications", queryset=Application.objects.only("id")),
            Prefetch("interviews", queryset=Interview.objects.only("id")),
        )
    )


def exportable_questions(owner):
    """Return the questions owner added by hand (not in a reflection), in the order added."""
    return _with_practices(CaughtOutQuestion.objects.owned_by(owner).filter(reflection=None))


def account_data_export(*, owner, now=None):
    """Return everything owner keeps in Rebound as one JSON-ready dict."""
    return _export(owner, now)[0]


def account_data_archive(*, owner, out, now=None):
    """Write everything owner keeps, files included, to out (a binary file) as the export zip."""
    payload, members = _export(owner, now)
    archive.write_archive(out, payload, members)


def _export(owner, now):
    """Return the export's JSON-ready dict and the (zip member name, Document) of each file."""
    profile = profile_for(owner)
    applications = list(exportable_applications(owner))
    # Other records name an application by its place in the file, not an id.
    position = {application.pk: n for n, application in enumerate(applications, start=1)}
    interview_position = {
        interview.pk: [place, n]
        for place, application in enumerate(applications, start=1)
        for n, interview in enumerate(application.interviews.all(), start=1)
    }
    members = []
    payload = {
        "schema": SCHEMA,
        "version": VERSION,
        "exported_at": format_datetime((now or timezone.now()).replace(microsecond=0)),
        "profile": dump_record(profile),
        "applications": [
            {
                **dump_record(application),
                "tags": [tag.name for tag in application.tags.all()],
                "history": [dump_record(change) for change in application.status_changes.all()],
                "interviews": [_dump_interview(i) for i in application.interviews.all()],
                "documents": [_dump_document(d, members) for d in application.documents.all()],
            }
            for application in applications
        ],
        "questions": [
            {**_dump_question(question), "application": position.get(question.application_id)}
            for question in exportable_questions(owner)
        ],
        "contacts": [
            {
                **dump_record(contact),
                # Only links within the account: a contact never names someone else's rows.
                "applications": sorted(
                    position[a.pk] for a in contact.applications.all() if a.pk in position
                ),
                "interviews": sorted(
                    interview_position[i.pk]
                    for i in contact.interviews.all()
                    if i.pk in interview_position
                ),
            }
            for contact in exportable_contacts(owner)
        ],
        "tags": list(Tag.objects.owned_by(owner).order_by("name").values_list("name", flat=True)),
    }
    return payload, members


def _dump_document(document, members):
    """Return a document's record; a file joins members under a name no other file has."""
    member = None
    if document.file:
        kind = filetypes.for_content_type(document.content_type) or filetypes.TXT
        name = filetypes.safe_file_name(document.file_name, kind)
        member = f"documents/{len(members) + 1}-{name}"
        members.append((member, document))
    return {**dump_record(document), "file": member}


def _dump_interview(interview):
    reflection = interview.reflection_or_none
    if reflection is not None:
        reflection = {
            **dump_record(reflection),
            "questions": [_dump_question(q) for q in reflection.questions.all()],
            "lessons": [dump_record(lesson) for lesson in reflection.lessons.all()],
        }
    return {
        **dump_record(interview),
        "reflection": reflection,
        "letters": [dump_record(letter) for letter in interview.letters.all()],
        "sting_checks": [dump_record(check) for check in interview.sting_checks.all()],
    }


def _dump_question(question):
    practices = [dump_record(practice) for practice in question.practices.all()]
    return {**dump_record(question), "practices": practices}
