"""Your data: export it, restore it into an empty account, end sessions, delete the account.

The export format is documented in interviews/privacy/schema.py.
"""

import zoneinfo
from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import profile_for
from ..models import (
    DOCUMENT_MAX_BYTES,
    Application,
    CaughtOutQuestion,
    Contact,
    Document,
    FollowUpLetter,
    Interview,
    Lesson,
    Profile,
    Reflection,
    StatusChange,
    Tag,
    User,
)
from ..tracking import filetypes
from . import archive
from .schema import (
    LEGACY_CONTACT_FIELDS,
    PROFILE_FIELDS,
    READ_VERSIONS,
    SCHEMA,
    VERSION,
    dump_record,
    format_datetime,
    load_record,
    nested_list,
)

TOP_LEVEL_KEYS = {
    "schema",
    "version",
    "exported_at",
    "profile",
    "applications",
    "questions",
    "contacts",
    "tags",
}

# Parents before children, so each row's foreign key points at a saved row.
INSERT_ORDER = (
    Application,
    StatusChange,
    Interview,
    Reflection,
    CaughtOutQuestion,
    Lesson,
    FollowUpLetter,
    Contact,
    Document,
)


class DataImportError(Exception):
    """The file cannot be restored into this account; nothing was written."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = list(problems)


def exportable_applications(owner):
    """Return owner's applications with everything nested under them, in export order."""
    interviews = (
        Interview.objects.order_by("scheduled_at", "id")
        .select_related("reflection")
        .prefetch_related(
            Prefetch("reflection__questions", queryset=CaughtOutQuestion.objects.order_by("id")),
            Prefetch("reflection__lessons", queryset=Lesson.objects.order_by("id")),
            Prefetch("letters", queryset=FollowUpLetter.objects.order_by("created_at", "id")),
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
    return CaughtOutQuestion.objects.owned_by(owner).filter(reflection=None).order_by("id")


def account_has_data(owner):
    """Say whether owner already keeps something an import could double."""
    return (
        Application.objects.owned_by(owner).exists()
        or CaughtOutQuestion.objects.owned_by(owner).exists()
        or Contact.objects.owned_by(owner).exists()
    )


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
            {**dump_record(question), "application": position.get(question.application_id)}
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
            "questions": [dump_record(q) for q in reflection.questions.all()],
            "lessons": [dump_record(lesson) for lesson in reflection.lessons.all()],
        }
    return {
        **dump_record(interview),
        "reflection": reflection,
        "letters": [dump_record(letter) for letter in interview.letters.all()],
    }


@dataclass
class _Plan:
    """Validated, unsaved rows in insertion order, one list per model."""

    profile: object = None
    rows: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    # Applications whose file gives no history: they start it where they were added.
    without_history: list = field(default_factory=list)
    # History entries to check against their application once it is saved: (where, entry).
    history: list = field(default_factory=list)
    # Each application's planned interviews (None for one that failed), for contacts' links.
    interviews: list = field(default_factory=list)
    # Tags by name, and the (application, tag) pairs to link once both are saved.
    tags: dict = field(default_factory=dict)
    application_tags: list = field(default_factory=list)
    # (contact, application) and (contact, interview) pairs to link once saved.
    contact_applications: list = field(default_factory=list)
    contact_interviews: list = field(default_factory=list)
    # (document, zip member name) of each document whose bytes come from the zip.
    document_files: list = field(default_factory=list)

    def add(self, loaded, problems):
        self.problems.extend(problems)
        if loaded is not None:
            self.rows.setdefault(type(loaded.instance), []).append(loaded)
        return loaded.instance if loaded else None

    def count(self, model):
        return len(self.rows.get(model, []))


def account_data_import(*, owner, payload, files=None):
    """Restore an export into owner's empty account, all or nothing.

    files are the export zip's files (archive.ArchiveFiles), or None for a plain JSON file.
    Validate every record with full_clean, and every file as an upload, before writing
    anything; raise DataImportError listing the problems and leave the database and the
    document storage untouched. Return the number of rows written per model.
    """
    plan = _plan_import(owner, payload, files)
    if plan.problems:
        raise DataImportError(plan.problems)
    stored = []
    try:
        with transaction.atomic():
            _write(owner, plan, files, stored)
    except BaseException:
        # The rows are rolled back; the files saved for them must go too.
        for document in stored:
            document.file.storage.delete(document.file.name)
        raise
    return {model: plan.count(model) for model in plan.rows}


def _write(owner, plan, files, stored):
    # Lock the account row so two imports at once cannot both find it empty.
    User.objects.select_for_update().only("pk").get(pk=owner.pk)
    if account_has_data(owner):
        raise DataImportError([_already_has_data()])
    profile = profile_for(owner)
    for name in PROFILE_FIELDS:
        setattr(profile, name, getattr(plan.profile, name))
    profile.save(update_fields=PROFILE_FIELDS)
    for model in INSERT_ORDER:
        if model is Document:
            _store_document_files(plan, files, stored)
        _insert(plan.rows.get(model, []))
    # The application's first day is known only now: refuse entries before it, undoing all.
    problems = _history_problems(plan.history)
    if problems:
        raise DataImportError(problems)
    StatusChange.objects.bulk_create(StatusChange.first_entries(plan.without_history))
    _link(owner, plan)


def _store_document_files(plan, files, stored):
    """Save each planned document's bytes to the document storage under a chance name."""
    for document, member in plan.document_files:
        # upload_to picks the stored name by chance; the name given here is not used.
        document.file.save("restored", ContentFile(files.read(member)), save=False)
        stored.append(document)


def _link(owner, plan):
    """Write the many-to-many links: tags (reusing owner's own by name), contacts.

    A file may name the same link twice; it is written once.
    """
    existing = {tag.name: tag for tag in Tag.objects.owned_by(owner)}
    new_tags = [tag for name, tag in plan.tags.items() if name not in existing]
    Tag.objects.bulk_create(new_tags)
    tags = {**{tag.name: tag for tag in new_tags}, **existing}
    Application.tags.through.objects.bulk_create(
        Application.tags.through(application_id=application_id, tag_id=tag_id)
        for application_id, tag_id in dict.fromkeys(
            (application.pk, tags[name].pk) for application, name in plan.application_tags
        )
    )
    Contact.applications.through.objects.bulk_create(
        Contact.applications.through(contact_id=contact_id, application_id=application_id)
        for contact_id, application_id in dict.fromkeys(
            (contact.pk, application.pk) for contact, application in plan.contact_applications
        )
    )
    Interview.contacts.through.objects.bulk_create(
        Interview.contacts.through(interview_id=interview_id, contact_id=contact_id)
        for interview_id, contact_id in dict.fromkeys(
            (interview.pk, contact.pk) for contact, interview in plan.contact_interviews
        )
    )


def _history_problems(entries):
    """Return what StatusChange.clean() says against each saved entry, named by its place."""
    problems = []
    for where, entry in entries:
        try:
            entry.clean()
        except ValidationError as error:
            problems.extend(
                f"{where}: {name}: {message}"
                for name, messages in error.message_dict.items()
                for message in messages
            )
    return problems


def _insert(loaded_rows):
    """Insert rows in order, then put back the timestamps that auto_now replaced."""
    if not loaded_rows:
        return
    instances = [loaded.instance for loaded in loaded_rows]
    type(instances[0]).objects.bulk_create(instances)
    stamped = []
    for loaded in loaded_rows:
        for name, value in loaded.timestamps.items():
            setattr(loaded.instance, name, value)
        if loaded.timestamps:
            stamped.append(loaded.instance)
    if stamped:
        fields = sorted({name for loaded in loaded_rows for name in loaded.timestamps})
        type(instances[0]).objects.bulk_update(stamped, fields)


def _already_has_data():
    return _(
        "Your account already has applications, contacts or questions. Importing works only "
        "into an empty account, so nothing is overwritten or doubled. Create a new account to "
        "import into."
    )


def _plan_import(owner, payload, files=None):
    """Check the file's envelope, then build every row; collect all problems."""
    plan = _Plan()
    if not isinstance(payload, dict) or payload.get("schema") != SCHEMA:
        plan.problems.append(_("This file is not a Rebound data export."))
        return plan
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        plan.problems.append(
            _("The export's “version” must be a whole number, such as %(ours)s.")
            % {"ours": VERSION}
        )
        return plan
    if version not in READ_VERSIONS:
        plan.problems.append(
            _("This export uses format version %(found)s; this Rebound reads versions %(read)s.")
            % {
                "found": payload.get("version"),
                "read": _read_versions_text(),
            }
        )
        return plan
    plan.problems.extend(
        _("Unknown top-level key “%(key)s”.") % {"key": key}
        for key in payload
        if key not in TOP_LEVEL_KEYS
    )
    if account_has_data(owner):
        plan.problems.append(_already_has_data())
        return plan
    loaded, problems = load_record(
        Profile,
        payload.get("profile", {}),
        where=_("Profile"),
        # Only the settings are read from the file; the account keeps its own user and token.
        # (Passing user=owner would also replace owner.profile with this unsaved copy.)
        exclude=["user", "calendar_token"],
    )
    plan.problems.extend(problems)
    plan.profile = loaded.instance if loaded else None
    if plan.profile and plan.profile.time_zone not in zoneinfo.available_timezones():
        plan.problems.append(
            _("Profile: time_zone: “%(zone)s” is not a time zone Rebound knows.")
            % {"zone": plan.profile.time_zone}
        )
    try:
        applications = nested_list(payload, "applications", where=_("The file"))
    except ValueError as error:
        plan.problems.append(str(error))
        return plan
    _plan_tags(plan, payload.get("tags", []), _("The file"), owner=owner)
    planned = []
    for number, data in enumerate(applications, start=1):
        where = _("Application %(number)s") % {"number": number}
        legacy = {}
        if version < 3 and isinstance(data, dict):
            # Older files kept one contact on the application itself.
            data = dict(data)
            legacy = {key: data.pop(key) for key in LEGACY_CONTACT_FIELDS if key in data}
        application = plan.add(*load_record(Application, data, where=where, owner=owner))
        planned.append(application)
        plan.interviews.append([])
        _plan_legacy_contact(plan, legacy, where, application=application, owner=owner)
        _plan_history(plan, data, where, version, application=application)
        _plan_children(
            plan,
            data,
            where,
            "interviews",
            _("interview"),
            _plan_interview,
            application=application,
            owner=owner,
        )
        _plan_children(
            plan,
            data,
            where,
            "documents",
            _("document"),
            _plan_document,
            application=application,
            files=files,
        )
        if isinstance(data, dict) and "tags" in data:
            tags = _plan_tags(plan, data["tags"], where, owner=owner)
            plan.application_tags.extend((application, name) for name in tags if application)
    _plan_added_questions(plan, payload, planned, owner=owner)
    _plan_contacts(plan, payload, planned, owner=owner)
    return plan


def _read_versions_text():
    numbers = [str(number) for number in READ_VERSIONS]
    return _("%(some)s and %(last)s") % {"some": ", ".join(numbers[:-1]), "last": numbers[-1]}


def _plan_tags(plan, names, where, *, owner):
    """Plan the tags named in a list; return the names that are fit to use."""
    if not isinstance(names, list):
        plan.problems.append(
            _("%(where)s: “%(key)s” must be a list.") % {"where": where, "key": "tags"}
        )
        return []
    fit = []
    for name in names:
        if isinstance(name, str) and name in plan.tags:
            fit.append(name)
            continue
        tag_where = _("%(where)s, tag “%(name)s”") % {"where": where, "name": name}
        loaded, problems = load_record(Tag, {"name": name}, where=tag_where, owner=owner)
        plan.problems.extend(problems)
        if loaded is not None:
            plan.tags[loaded.instance.name] = loaded.instance
            fit.append(loaded.instance.name)
    return fit


def _plan_legacy_contact(plan, legacy, where, *, application, owner):
    """Turn a version 1 or 2 application's contact name and e-mail into a contact of it."""
    name = legacy.get("contact_name") or ""
    email = legacy.get("contact_email") or ""
    if not name and not email:
        return
    if not isinstance(name, str) or not isinstance(email, str):
        plan.problems.append(
            _("%(where)s: contact_name and contact_email must be text.") % {"where": where}
        )
        return
    record = {"name": name or email, "email": email}
    contact = plan.add(*load_record(Contact, record, where=where, owner=owner))
    if contact is not None and application is not None:
        contact.company = application.company
        plan.contact_applications.append((contact, application))


def _plan_contacts(plan, payload, applications, *, owner):
    """Plan the contacts, each linked to applications and interviews by their places in the file."""
    try:
        records = nested_list(payload, "contacts", where=_("The file"))
    except ValueError as error:
        plan.problems.append(str(error))
        return
    for number, data in enumerate(records, start=1):
        where = _("Contact %(number)s") % {"number": number}
        contact = plan.add(*load_record(Contact, data, where=where, owner=owner))
        if not isinstance(data, dict):
            continue
        for place in _places(plan, data.get("applications", []), where, "applications"):
            if not isinstance(place, int) or isinstance(place, bool):
                place = 0
            if not 1 <= place <= len(applications):
                plan.problems.append(
                    _(
                        "%(where)s: applications: each must be the number of one of the file's "
                        "applications, counting from 1 (it has %(count)s)."
                    )
                    % {"where": where, "count": len(applications)}
                )
            elif contact is not None and applications[place - 1] is not None:
                plan.contact_applications.append((contact, applications[place - 1]))
        for pair in _places(plan, data.get("interviews", []), where, "interviews"):
            interview = _interview_at(plan, pair)
            if interview is False:
                plan.problems.append(
                    _(
                        "%(where)s: interviews: each must be [application number, interview "
                        "number], counting from 1, of an interview in the file."
                    )
                    % {"where": where}
                )
            elif contact is not None and interview is not None:
                plan.contact_interviews.append((contact, interview))


def _places(plan, value, where, key):
    if isinstance(value, list):
        return value
    plan.problems.append(_("%(where)s: “%(key)s” must be a list.") % {"where": where, "key": key})
    return []


def _interview_at(plan, pair):
    """Return the planned interview at [application, interview] (None if it failed), else False."""
    if (
        not isinstance(pair, list)
        or len(pair) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in pair)
    ):
        return False
    application, interview = pair
    if not 1 <= application <= len(plan.interviews):
        return False
    interviews = plan.interviews[application - 1]
    if not 1 <= interview <= len(interviews):
        return False
    return interviews[interview - 1]


def _plan_document(plan, data, where, *, application, files):
    """Plan a document: pasted text, or a file whose bytes are in the zip and pass the checks."""
    member = None
    if isinstance(data, dict):
        data = dict(data)
        member = data.pop("file", None)
    loaded, problems = load_record(
        Document, data, where=where, exclude=["file"], application=application
    )
    document = plan.add(loaded, problems)
    if document is None:
        return
    if member is None:
        if not document.text.strip():
            plan.problems.append(
                _("%(where)s: a document needs its text, or a file from the zip.")
                % {"where": where}
            )
        document.file_name = ""
        document.content_type = filetypes.TXT.content_type
        document.size = len(document.text.encode("utf-8"))
        return
    problem = _check_document_file(document, member, files)
    if problem:
        plan.problems.append(f"{where}: file: {problem}")
    else:
        plan.document_files.append((document, member))


def _check_document_file(document, member, files):
    """Fill in the document's type, size and safe name from its zip member; return a problem."""
    if not isinstance(member, str):
        return _("must be the name of a file in the zip, or null.")
    if files is None:
        return _(
            "its file travels in the zip that Rebound exports; restore from the .zip file "
            "rather than from export.json alone."
        )
    try:
        content = files.read(member)
    except archive.ArchiveError as error:
        return str(error)
    if content is None:
        return _("the zip has no file “%(name)s”.") % {"name": member}
    if len(content) > DOCUMENT_MAX_BYTES:
        return _("“%(name)s” is over the size a document can be.") % {"name": member}
    try:
        kind = filetypes.sniff(content, name=document.file_name)
    except filetypes.FileTypeError as error:
        return _("“%(name)s” is refused: %(why)s") % {"name": member, "why": error}
    document.file_name = filetypes.safe_file_name(document.file_name, kind)
    document.content_type = kind.content_type
    document.size = len(content)
    return None


def _plan_history(plan, data, where, version, *, application):
    """Plan an application's status changes; version 1 has none, so its history starts anew."""
    if version == 1:
        if isinstance(data, dict) and "history" in data:
            plan.problems.append(
                _("%(where)s: unknown key “%(key)s”.") % {"where": where, "key": "history"}
            )
        elif application is not None:
            plan.without_history.append(application)
        return
    _plan_children(
        plan, data, where, "history", _("history entry"), _plan_change, application=application
    )
    if application is not None and not _listed(data, "history"):
        plan.without_history.append(application)


def _listed(data, key):
    """Say whether data holds a non-empty list under key."""
    return isinstance(data, dict) and isinstance(data.get(key), list) and bool(data[key])


def _plan_change(plan, data, where, *, application):
    change = plan.add(*load_record(StatusChange, data, where=where, application=application))
    if change is not None:
        plan.history.append((where, change))


def _plan_added_questions(plan, payload, applications, *, owner):
    """Plan the questions added by hand, each tied to an application of the file or none."""
    try:
        records = nested_list(payload, "questions", where=_("The file"))
    except ValueError as error:
        plan.problems.append(str(error))
        return
    for number, data in enumerate(records, start=1):
        where = _("Question %(number)s") % {"number": number}
        application = None
        if isinstance(data, dict) and "application" in data:
            data = dict(data)
            place = data.pop("application")
            if place is not None:
                if isinstance(place, bool) or not isinstance(place, int):
                    place = 0
                if not 1 <= place <= len(applications):
                    plan.problems.append(
                        _(
                            "%(where)s: application: must be null or the number of one of the "
                            "file's applications, counting from 1 (it has %(count)s)."
                        )
                        % {"where": where, "count": len(applications)}
                    )
                    continue
                application = applications[place - 1]
        plan.add(
            *load_record(CaughtOutQuestion, data, where=where, owner=owner, application=application)
        )


def _plan_children(plan, data, where, key, label, plan_child, **parent):
    """Plan each record of the list under key, naming it "<where>, <label> <number>"."""
    try:
        children = nested_list(data, key, where=where)
    except ValueError as error:
        plan.problems.append(str(error))
        return
    for number, child in enumerate(children, start=1):
        child_where = _("%(where)s, %(label)s %(number)s") % {
            "where": where,
            "label": label,
            "number": number,
        }
        plan_child(plan, child, child_where, **parent)


def _plan_interview(plan, data, where, *, application, owner):
    interview = plan.add(*load_record(Interview, data, where=where, application=application))
    plan.interviews[-1].append(interview)
    reflection_data = data.get("reflection") if isinstance(data, dict) else None
    if reflection_data is not None:
        where_reflection = _("%(where)s, reflection") % {"where": where}
        reflection = plan.add(
            *load_record(Reflection, reflection_data, where=where_reflection, interview=interview)
        )
        _plan_children(
            plan,
            reflection_data,
            where_reflection,
            "questions",
            _("question"),
            _plan_leaf(CaughtOutQuestion),
            reflection=reflection,
            owner=owner,
        )
        _plan_children(
            plan,
            reflection_data,
            where_reflection,
            "lessons",
            _("lesson"),
            _plan_leaf(Lesson),
            reflection=reflection,
        )
    _plan_children(
        plan, data, where, "letters", _("letter"), _plan_leaf(FollowUpLetter), interview=interview
    )


def _plan_leaf(model):
    def plan_leaf(plan, data, where, **parent):
        plan.add(*load_record(model, data, where=where, **parent))

    return plan_leaf


def user_session_keys(user):
    """Return the keys of every stored session that belongs to user.

    Session data is signed and encoded, so it cannot be filtered in SQL: each row is
    decoded. This reads the whole session table, which is fine at Rebound's scale.
    """
    session_model = import_module(settings.SESSION_ENGINE).SessionStore.get_model_class()
    user_id = str(user.pk)
    return [
        session.session_key
        for session in session_model.objects.only("session_key", "session_data").iterator()
        if session.get_decoded().get(SESSION_KEY) == user_id
    ]


def user_sessions_end(*, user):
    """Delete every session of user, on every device; return how many were ended."""
    session_model = import_module(settings.SESSION_ENGINE).SessionStore.get_model_class()
    with transaction.atomic():
        keys = user_session_keys(user)
        session_model.objects.filter(session_key__in=keys).delete()
    return len(keys)


def account_delete(*, user):
    """Delete user and every row they own, and end their sessions, in one transaction.

    The user row cascades to the profile, applications (and through them interviews,
    reflections, lessons and letters), questions, wizard drafts and email addresses.
    """
    with transaction.atomic():
        user_sessions_end(user=user)
        user.delete()
