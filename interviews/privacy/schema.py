"""The "Your data" export format: schema "rebound-export", version 4.

"Download everything" gives a zip: export.json, the JSON below, and the attached files
under documents/ (e.g. documents/1-cv.pdf). A restore takes the zip, or a plain JSON
file of any version read. One JSON object, nested so that restoring it needs no
database ids::

    {
      "schema": "rebound-export",
      "version": 4,
      "exported_at": "2026-03-01T09:30:00Z",
      "profile": {"display_name": "Alex", "time_zone": "Europe/London", "cool_off_hours": 48,
                  "remind_cool_off": false, …, "remind_sting": false,
                  "ask_sting_on_dashboard": true, …, "quiet_from": "22:00", "quiet_until": "08:00"},
      "applications": [
        {
          "company": "…", "role": "…", "job_url": "…", "location": "…", "source": "…",
          "salary_text": "…", "salary_min": 55000 | null, "salary_max": 60000 | null,
          "salary_currency": "GBP", "salary_period": "year", "deadline": "2026-03-01" | null,
          "excitement": 4 | null,
          "status": "interviewing", "applied_on": "2026-02-20", "notes": "…", "archived": false,
          "created_at": "…", "updated_at": "…", "tags": ["remote", "python"],
          "documents": [{"kind": "resume", "title": "…", "file_name": "cv.pdf", "text": "",
                         "sent": true, "created_at": "…", "updated_at": "…",
                         "file": "documents/1-cv.pdf" | null}],
          "history": [{"from_status": "" | "applied", "to_status": "interviewing",
                       "changed_at": "2026-02-25T12:00:00Z", "note": "…", "created_at": "…"}],
          "interviews": [
            {
              "kind": "technical", "scheduled_at": "2026-02-27T14:00:00Z",
              "duration_minutes": 60, "format": "video", "interviewers": "…",
              "location": "…", "ical_uid": "…",
              "rating": 2, "marked_bad": false, "cool_off_confirmed": true,
              "outcome": "pending", "notes": "…", "created_at": "…", "updated_at": "…",
              "reflection": null | {
                "status": "complete", "feelings_before": ["upset"], "intensity_before": 8,
                "causes": ["under_prepared"], "what_happened": "…",
                "outside_circumstances": "no", "went_well": "…", "kind_words": "…",
                "thinking_traps": ["catastrophising"], "reframe": "…",
                "intensity_after": 4, "confidence_after": 6, "follow_up": "apology",
                "to_own": "…",
                "completed_at": "…", "created_at": "…", "updated_at": "…",
                "questions": [{"question": "…", "what_i_said": "…", "better_answer": "…",
                               "times_practised": 2, "last_practised_at": "…" | null,
                               "box": 1, "due_on": "2026-03-04" | null,
                               "practices": [{"result": "well" | "shaky",
                                              "practised_at": "…"}]}],
                "lessons": [{"text": "…", "category": "preparation", "action": "…",
                             "done": false, "done_at": null}]
              },
              "letters": [{"kind": "apology", "recipient_name": "…", "recipient_email": "…",
                           "subject": "…", "body": "…", "status": "sent",
                           "sent_on": "2026-02-28", "response": "awaiting",
                           "created_at": "…", "updated_at": "…"}],
              "sting_checks": [{"day": 3 | 14, "intensity": 5, "note": "…",
                                "answered_at": "…"}]
            }
          ]
        }
      ],
      "questions": [{"question": "…", "what_i_said": "…", "better_answer": "…",
                     "times_practised": 0, "last_practised_at": null, "box": 1,
                     "due_on": null, "practices": [], "application": 2 | null}],
      "contacts": [{"name": "…", "company": "…", "role": "recruiter", "email": "…",
                    "phone": "…", "profile_url": "…", "notes": "…", "created_at": "…",
                    "updated_at": "…", "applications": [1, 2], "interviews": [[1, 2]]}],
      "tags": ["python", "remote"]
    }

Each application's "history" lists its status changes in date order; the first has an empty
"from_status" (the status it was added with). Version 1 files have no history: restoring one
starts each application's history where it was added, as does a version 2 application whose
"history" is empty or missing. A history entry is refused, like any change made in Rebound,
when it is dated in the future or before the application began.

Versions 1 and 2 had no contacts, documents or tags, and gave each application a
"contact_name" and "contact_email": restoring one of them turns those into a contact of
that application. Version 3 refuses those two keys.

A document holds either pasted "text" (and "file" null) or a "file": the name of the zip
member with its bytes. A member name only finds bytes in the zip; it is never a path.
Restoring checks those bytes as an upload is checked (type by content, size); the stored
type and size come from the bytes, and the download name is made safe again. A plain
JSON file can carry text documents only.

A contact's "applications" are positions (from 1) in this file's "applications"; its
"interviews" are pairs [application position, interview position in that application].
The top-level "tags" lists every tag, used or not; an application's "tags" name some of
them.

The top-level "questions" are the ones added by hand in the question bank rather than in
a reflection. Their "application" is the position (from 1) of the application they are
for in this file's "applications", or null; a file without the key has none of them.

Version 4 added each interview's "sting_checks" (how big it felt on day 3 and day 14, 0–10,
at most one for each day), each question's Leitner "box" (1–5) and "due_on", the
"practices" under each question (how each practice went, "well" or "shaky"), and the
profile's "remind_sting" and "ask_sting_on_dashboard". A file of versions 1 to 3 reads as
having none of them: questions start in box 1, due now. The version went up so that an
older Rebound says which version it cannot read rather than refusing the new keys one by one.

Rules: date-times are ISO 8601 in UTC with a "Z" suffix; dates are YYYY-MM-DD; choice
fields hold the stored value (e.g. "phone_screen"), not the label. Applications are
ordered by creation, interviews by date, letters by creation, questions and lessons in
the order they were added, sting check-ins by day, practices by time. Not exported: the
account's email and password, the private calendar-feed link, unfinished
reflection-wizard drafts, and mentor links with their views (each is a secret,
short-lived link for one person; a restored account shares afresh). On import a
missing key takes the field's default, an unknown key is refused, and any change to
the shape that an older file could not meet means a new version number (a new optional
key, read as empty when missing, keeps version 1).
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from ..models import (
    Application,
    CaughtOutQuestion,
    Contact,
    Document,
    FollowUpLetter,
    Interview,
    Lesson,
    Practice,
    Profile,
    Reflection,
    StatusChange,
    StingCheck,
    Tag,
)
from .decode import decode

SCHEMA = "rebound-export"
VERSION = 4
# The versions a restore reads: 1 has no "history" under each application; 1 and 2 have a
# contact name and e-mail on each application instead of contacts, and no documents or tags;
# 1 to 3 have no sting check-ins, practice log or Leitner boxes.
READ_VERSIONS = (1, 2, 3, 4)
LEGACY_CONTACT_FIELDS = ("contact_name", "contact_email")

PROFILE_FIELDS = (
    "display_name",
    "time_zone",
    "cool_off_hours",
    "remind_cool_off",
    "remind_letter",
    "letter_reminder_days",
    "remind_interview",
    "remind_sting",
    "ask_sting_on_dashboard",
    "remind_by_email",
    "remind_in_app",
    "quiet_from",
    "quiet_until",
)
APPLICATION_FIELDS = (
    "company",
    "role",
    "job_url",
    "location",
    "source",
    "salary_text",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "deadline",
    "excitement",
    "status",
    "applied_on",
    "notes",
    "archived",
    "created_at",
    "updated_at",
)
INTERVIEW_FIELDS = (
    "kind",
    "scheduled_at",
    "duration_minutes",
    "format",
    "interviewers",
    "location",
    "ical_uid",
    "rating",
    "marked_bad",
    "cool_off_confirmed",
    "outcome",
    "notes",
    "created_at",
    "updated_at",
)
REFLECTION_FIELDS = (
    "status",
    *Reflection.ANSWER_FIELDS,
    "completed_at",
    "created_at",
    "updated_at",
)
QUESTION_FIELDS = (
    "question",
    "what_i_said",
    "better_answer",
    "times_practised",
    "last_practised_at",
    "box",
    "due_on",
)
PRACTICE_FIELDS = ("result", "practised_at")
STING_CHECK_FIELDS = ("day", "intensity", "note", "answered_at")
LESSON_FIELDS = ("text", "category", "action", "done", "done_at")
STATUS_CHANGE_FIELDS = ("from_status", "to_status", "changed_at", "note", "created_at")
LETTER_FIELDS = (
    "kind",
    "recipient_name",
    "recipient_email",
    "subject",
    "body",
    "status",
    "sent_on",
    "response",
    "created_at",
    "updated_at",
)
CONTACT_FIELDS = (
    "name",
    "company",
    "role",
    "email",
    "phone",
    "profile_url",
    "notes",
    "created_at",
    "updated_at",
)
# The stored type and size are not written from the file: they come from the file's bytes.
DOCUMENT_FIELDS = ("kind", "title", "file_name", "text", "sent", "created_at", "updated_at")

# The fields each model writes from the file, and the keys that hold nested records (or,
# for contacts and documents, links and file names read apart from the fields).
RECORDS = {
    Profile: (PROFILE_FIELDS, ()),
    Application: (APPLICATION_FIELDS, ("interviews", "history", "tags", "documents")),
    Contact: (CONTACT_FIELDS, ("applications", "interviews")),
    Document: (DOCUMENT_FIELDS, ("file",)),
    # Written as plain names, in lists; a record only while checking one.
    Tag: (("name",), ()),
    StatusChange: (STATUS_CHANGE_FIELDS, ()),
    Interview: (INTERVIEW_FIELDS, ("reflection", "letters", "sting_checks")),
    StingCheck: (STING_CHECK_FIELDS, ()),
    Reflection: (REFLECTION_FIELDS, ("questions", "lessons")),
    CaughtOutQuestion: (QUESTION_FIELDS, ("practices",)),
    Practice: (PRACTICE_FIELDS, ()),
    Lesson: (LESSON_FIELDS, ()),
    FollowUpLetter: (LETTER_FIELDS, ()),
}

# auto_now fields are overwritten on insert, so the importer puts these back afterwards.
TIMESTAMP_FIELDS = ("created_at", "updated_at")


def format_datetime(value):
    """Return an aware date-time as ISO 8601 in UTC, e.g. 2026-03-01T09:30:00Z."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def dump_record(instance):
    """Return the exported fields of a model instance as JSON-ready values."""
    fields, _nested = RECORDS[type(instance)]
    record = {}
    for name in fields:
        value = getattr(instance, name)
        if isinstance(value, datetime):
            value = format_datetime(value)
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, time):
            value = value.isoformat(timespec="minutes")
        record[name] = value
    return record


@dataclass
class Loaded:
    """An unsaved, validated instance and the timestamps the file gave it."""

    instance: models.Model
    timestamps: dict = field(default_factory=dict)


def load_record(model, data, *, where, exclude=(), **parents):
    """Build and validate an unsaved instance from one record; collect problems, don't stop.

    Return (Loaded or None, problems). `parents` are the already-built related objects
    (e.g. application=…); they are left out of validation because they are not saved yet.
    """
    if not isinstance(data, dict):
        return None, [_("%(where)s: expected an object.") % {"where": where}]
    fields, nested = RECORDS[model]
    problems = [
        _("%(where)s: unknown key “%(key)s”.") % {"where": where, "key": key}
        for key in data
        if key not in fields and key not in nested
    ]
    instance = model(**parents)
    timestamps = {}
    for name in fields:
        if name not in data:
            continue
        try:
            value = decode(model._meta.get_field(name), data[name])
        except ValueError as error:
            problems.append(f"{where}: {name}: {error}")
            continue
        setattr(instance, name, value)
        if name in TIMESTAMP_FIELDS:
            timestamps[name] = value
    if problems:
        return None, problems
    try:
        instance.full_clean(exclude=[*parents, *exclude])
    except ValidationError as error:
        return None, [
            f"{where}: {name}: {message}" if name != "__all__" else f"{where}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return Loaded(instance, timestamps), []


def nested_list(data, key, *, where):
    """Return the list under key (empty when missing), or raise ValueError for anything else."""
    value = data.get(key, []) if isinstance(data, dict) else []
    if not isinstance(value, list):
        raise ValueError(_("%(where)s: “%(key)s” must be a list.") % {"where": where, "key": key})
    return value
