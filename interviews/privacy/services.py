"""Your data: export it, restore it into an empty account, end sessions, delete the account.

The export format is documented in interviews/privacy/schema.py.
"""

import zoneinfo
from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import profile_for
from ..models import (
    Application,
    CaughtOutQuestion,
    FollowUpLetter,
    Interview,
    Lesson,
    Profile,
    Reflection,
    StatusChange,
    User,
)
from .schema import (
    PROFILE_FIELDS,
    READ_VERSIONS,
    SCHEMA,
    VERSION,
    dump_record,
    format_datetime,
    load_record,
    nested_list,
)

TOP_LEVEL_KEYS = {"schema", "version", "exported_at", "profile", "applications", "questions"}

# Parents before children, so each row's foreign key points at a saved row.
INSERT_ORDER = (
    Application,
    StatusChange,
    Interview,
    Reflection,
    CaughtOutQuestion,
    Lesson,
    FollowUpLetter,
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
    )


def account_data_export(*, owner, now=None):
    """Return everything owner keeps in Rebound as one JSON-ready dict."""
    profile = profile_for(owner)
    applications = list(exportable_applications(owner))
    # A question added by hand names its application by its place in the file, not an id.
    position = {application.pk: n for n, application in enumerate(applications, start=1)}
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "exported_at": format_datetime((now or timezone.now()).replace(microsecond=0)),
        "profile": dump_record(profile),
        "applications": [
            {
                **dump_record(application),
                "history": [dump_record(change) for change in application.status_changes.all()],
                "interviews": [_dump_interview(i) for i in application.interviews.all()],
            }
            for application in applications
        ],
        "questions": [
            {**dump_record(question), "application": position.get(question.application_id)}
            for question in exportable_questions(owner)
        ],
    }


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

    def add(self, loaded, problems):
        self.problems.extend(problems)
        if loaded is not None:
            self.rows.setdefault(type(loaded.instance), []).append(loaded)
        return loaded.instance if loaded else None

    def count(self, model):
        return len(self.rows.get(model, []))


def account_data_import(*, owner, payload):
    """Restore an export into owner's empty account, all or nothing.

    Validate every record with full_clean before writing anything; raise
    DataImportError listing the problems and leave the database untouched.
    Return the number of rows written per model.
    """
    plan = _plan_import(owner, payload)
    if plan.problems:
        raise DataImportError(plan.problems)
    with transaction.atomic():
        # Lock the account row so two imports at once cannot both find it empty.
        User.objects.select_for_update().only("pk").get(pk=owner.pk)
        if account_has_data(owner):
            raise DataImportError([_already_has_data()])
        profile = profile_for(owner)
        for name in PROFILE_FIELDS:
            setattr(profile, name, getattr(plan.profile, name))
        profile.save(update_fields=PROFILE_FIELDS)
        for model in INSERT_ORDER:
            _insert(plan.rows.get(model, []))
        # The application's first day is known only now: refuse entries before it, undoing all.
        problems = _history_problems(plan.history)
        if problems:
            raise DataImportError(problems)
        StatusChange.objects.bulk_create(StatusChange.first_entries(plan.without_history))
    return {model: plan.count(model) for model in plan.rows}


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
        "Your account already has applications or questions. Importing works only into an "
        "empty account, so nothing is overwritten or doubled. Create a new account to import "
        "into."
    )


def _plan_import(owner, payload):
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
                "read": _(" and ").join(str(number) for number in READ_VERSIONS),
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
    planned = []
    for number, data in enumerate(applications, start=1):
        where = _("Application %(number)s") % {"number": number}
        application = plan.add(*load_record(Application, data, where=where, owner=owner))
        planned.append(application)
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
    _plan_added_questions(plan, payload, planned, owner=owner)
    return plan


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
