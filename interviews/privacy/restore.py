"""Restore an export into an empty account: check it all, then write it all or nothing.

The export format is documented in interviews/privacy/schema.py.
"""

import zoneinfo
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from ..access import profile_for
from ..dashboard import cache as dashboard_cache
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
    User,
)
from .restore_records import (
    plan_added_questions,
    plan_children,
    plan_contacts,
    plan_document,
    plan_history,
    plan_interview,
    plan_legacy_contact,
    plan_tags,
)
from .schema import (
    LEGACY_CONTACT_FIELDS,
    PROFILE_FIELDS,
    READ_VERSIONS,
    SCHEMA,
    VERSION,
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
    StingCheck,
    Reflection,
    CaughtOutQuestion,
    Practice,
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


def account_has_data(owner):
    """Say whether owner already keeps something an import could double."""
    return (
        Application.objects.owned_by(owner).exists()
        or CaughtOutQuestion.objects.owned_by(owner).exists()
        or Contact.objects.owned_by(owner).exists()
    )


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
    dashboard_cache.changed(owner.pk)


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
    plan_tags(plan, payload.get("tags", []), _("The file"), owner=owner)
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
        plan_legacy_contact(plan, legacy, where, application=application, owner=owner)
        plan_history(plan, data, where, version, application=application)
        plan_children(
            plan,
            data,
            where,
            "interviews",
            _("interview"),
            plan_interview,
            application=application,
            owner=owner,
        )
        plan_children(
            plan,
            data,
            where,
            "documents",
            _("document"),
            plan_document,
            application=application,
            files=files,
        )
        if isinstance(data, dict) and "tags" in data:
            tags = plan_tags(plan, data["tags"], where, owner=owner)
            plan.application_tags.extend((application, name) for name in tags if application)
    plan_added_questions(plan, payload, planned, owner=owner)
    plan_contacts(plan, payload, planned, owner=owner)
    return plan


def _read_versions_text():
    numbers = [str(number) for number in READ_VERSIONS]
    return _("%(some)s and %(last)s") % {"some": ", ".join(numbers[:-1]), "last": numbers[-1]}
