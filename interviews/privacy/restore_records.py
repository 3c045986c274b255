"""Turn each record of an export into checked, unsaved rows on the restore's plan."""

from django.utils.translation import gettext as _

from ..models import (
    DOCUMENT_MAX_BYTES,
    CaughtOutQuestion,
    Contact,
    Document,
    FollowUpLetter,
    Interview,
    Lesson,
    Practice,
    Reflection,
    StatusChange,
    StingCheck,
    Tag,
)
from ..tracking import filetypes
from . import archive
from .schema import load_record, nested_list


def plan_tags(plan, names, where, *, owner):
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


def plan_legacy_contact(plan, legacy, where, *, application, owner):
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


def plan_contacts(plan, payload, applications, *, owner):
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


def plan_document(plan, data, where, *, application, files):
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


def plan_history(plan, data, where, version, *, application):
    """Plan an application's status changes; version 1 has none, so its history starts anew."""
    if version == 1:
        if isinstance(data, dict) and "history" in data:
            plan.problems.append(
                _("%(where)s: unknown key “%(key)s”.") % {"where": where, "key": "history"}
            )
        elif application is not None:
            plan.without_history.append(application)
        return
    plan_children(
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


def plan_added_questions(plan, payload, applications, *, owner):
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
        _plan_question(plan, data, where, owner=owner, application=application)


def plan_children(plan, data, where, key, label, plan_child, **parent):
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


def plan_interview(plan, data, where, *, application, owner):
    interview = plan.add(*load_record(Interview, data, where=where, application=application))
    plan.interviews[-1].append(interview)
    reflection_data = data.get("reflection") if isinstance(data, dict) else None
    if reflection_data is not None:
        where_reflection = _("%(where)s, reflection") % {"where": where}
        reflection = plan.add(
            *load_record(Reflection, reflection_data, where=where_reflection, interview=interview)
        )
        plan_children(
            plan,
            reflection_data,
            where_reflection,
            "questions",
            _("question"),
            _plan_question,
            reflection=reflection,
            owner=owner,
        )
        plan_children(
            plan,
            reflection_data,
            where_reflection,
            "lessons",
            _("lesson"),
            _plan_leaf(Lesson),
            reflection=reflection,
        )
    plan_children(
        plan, data, where, "letters", _("letter"), _plan_leaf(FollowUpLetter), interview=interview
    )
    days = set()
    plan_children(
        plan,
        data,
        where,
        "sting_checks",
        _("sting check-in"),
        _plan_sting_check,
        interview=interview,
        days=days,
    )


def _plan_sting_check(plan, data, where, *, interview, days):
    """Plan one check-in; an interview has at most one for each day, as in Rebound."""
    check = plan.add(*load_record(StingCheck, data, where=where, interview=interview))
    if check is None:
        return
    if check.day in days:
        plan.problems.append(
            _("%(where)s: day: this interview already has a check-in for day %(day)s.")
            % {"where": where, "day": check.day}
        )
    days.add(check.day)


def _plan_question(plan, data, where, **parent):
    """Plan a question and the log of its practices."""
    question = plan.add(*load_record(CaughtOutQuestion, data, where=where, **parent))
    plan_children(
        plan, data, where, "practices", _("practice"), _plan_leaf(Practice), question=question
    )


def _plan_leaf(model):
    def plan_leaf(plan, data, where, **parent):
        plan.add(*load_record(model, data, where=where, **parent))

    return plan_leaf
