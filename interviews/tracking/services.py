"""Writes for tracking: booking an interview, importing from CSV, recording history."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ..dashboard import cache as dashboard_cache
from ..models import Application, Contact, Interview, Profile, StatusChange, Tag
from .csv_import import IMPORT_FIELDS, ParsedRow, duplicate_key, split_duplicates
from .invite_matching import interviewer_names

# An interview being booked means the application has reached the interviewing stage.
NOT_YET_INTERVIEWING = frozenset({Application.Status.WISHLIST, Application.Status.APPLIED})


def interview_book(*, interview, contacts=()):
    """Save a new interview; move its application on to interviewing and return True if earlier.

    contacts are the interviewers picked from the application's contacts.
    """
    with transaction.atomic():
        interview.save()
        if contacts:
            interview.contacts.set(contacts)
        application = interview.application
        moved = application.status in NOT_YET_INTERVIEWING
        if moved:
            application.status = Application.Status.INTERVIEWING
            application.save(update_fields=["status", "updated_at"])
    return moved


@dataclass(frozen=True)
class DuplicateRow:
    row: ParsedRow
    already_saved: bool  # True: matches a saved application; False: repeats an earlier row


@dataclass
class ImportPlan:
    new_rows: list[ParsedRow] = field(default_factory=list)
    duplicates: list[DuplicateRow] = field(default_factory=list)


def existing_application_keys(owner):
    """Return the duplicate keys of the owner's saved applications."""
    rows = Application.objects.owned_by(owner).values_list("company", "role", "job_url")
    return {duplicate_key(*values) for values in rows}


def import_plan(*, owner, rows):
    """Split parsed rows into those to create and those that duplicate saved or earlier rows."""
    existing = existing_application_keys(owner)
    new_rows, duplicate_rows = split_duplicates(rows, existing)
    duplicates = [
        DuplicateRow(
            row,
            duplicate_key(row.fields["company"], row.fields["role"], row.fields["job_url"])
            in existing,
        )
        for row in duplicate_rows
    ]
    return ImportPlan(new_rows, duplicates)


def applications_import(*, owner, rows):
    """Create an application for every row that is not a duplicate; return the created ones."""
    with transaction.atomic():
        # Lock the owner's profile row so two confirms of the same file cannot both pass the
        # duplicate check before either has saved (a no-op on SQLite, which writes one at a time).
        list(Profile.objects.select_for_update().filter(user=owner).values_list("pk"))
        plan = import_plan(owner=owner, rows=rows)
        created = Application.objects.bulk_create(
            Application(owner=owner, **{name: row.fields[name] for name in IMPORT_FIELDS})
            for row in plan.new_rows
        )
        StatusChange.objects.bulk_create(StatusChange.first_entries(created))
        _tag_imported(owner, plan.new_rows, created)
        _link_imported_contacts(owner, plan.new_rows, created)
        dashboard_cache.changed(owner.pk)
        return created


def owner_tags(owner, names):
    """Return the owner's tags for names, in that order, creating the missing ones.

    An existing tag matches whatever its case ("remote" finds "Remote"). Call it inside a
    transaction; a tag another request adds meanwhile is found rather than added twice.
    """
    if not names:
        return []
    existing = {tag.name.casefold(): tag for tag in Tag.objects.owned_by(owner).order_by("pk")}
    missing = [Tag(owner=owner, name=name) for name in names if name.casefold() not in existing]
    if missing:
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        dashboard_cache.changed(owner.pk)
        added = Tag.objects.owned_by(owner).filter(name__in=[tag.name for tag in missing])
        existing |= {tag.name.casefold(): tag for tag in added}
    return [existing[name.casefold()] for name in names]


def _tag_imported(owner, rows, applications):
    """Give each imported application the tags of its row."""
    wanted = {}
    for row in rows:
        for name in row.fields["tags"]:
            wanted.setdefault(name.casefold(), name)  # the first spelling in the file
    tags = dict(zip(wanted, owner_tags(owner, list(wanted.values())), strict=True))
    Application.tags.through.objects.bulk_create(
        Application.tags.through(application_id=application.pk, tag_id=tags[name.casefold()].pk)
        for row, application in zip(rows, applications, strict=True)
        for name in row.fields["tags"]
    )


class _ContactBook:
    """The owner's contacts, found by e-mail or by name, as an import adds to them."""

    def __init__(self, owner):
        self.owner = owner
        self.by_email, self.by_name, self.new = {}, {}, []
        for contact in Contact.objects.owned_by(owner).only("pk", "name", "email").order_by("pk"):
            self._remember(contact)

    def _remember(self, contact):
        if contact.email:
            self.by_email.setdefault(contact.email.casefold(), contact)
        self.by_name.setdefault(contact.name.casefold(), contact)

    def find_or_add(self, name, email, company):
        """Return the contact with this e-mail, or this name and no other e-mail, or a new one."""
        if email and (found := self.by_email.get(email.casefold())):
            return found
        found = self.by_name.get(name.casefold())
        if found is not None and not (email and found.email):
            return found
        contact = Contact(owner=self.owner, name=name, email=email, company=company)
        self.new.append(contact)
        self._remember(contact)
        return contact


def _link_imported_contacts(owner, rows, applications):
    """Link each imported application to its row's contacts, adding the people not yet known."""
    book = _ContactBook(owner)
    pairs = [
        (book.find_or_add(name, email, application.company), application)
        for row, application in zip(rows, applications, strict=True)
        for name, email in row.fields["contacts"]
    ]
    Contact.objects.bulk_create(book.new)
    links = {(contact.pk, application.pk) for contact, application in pairs}
    Contact.applications.through.objects.bulk_create(
        Contact.applications.through(contact_id=contact_id, application_id=application_id)
        for contact_id, application_id in sorted(links)
    )


def application_save(*, application, tag_names, contact_name="", contact_email=""):
    """Save an application with exactly these tags, and link the contact named, if any.

    The contact is the owner's one with that e-mail address when there is one; otherwise a
    new contact at the application's company. All of it is saved, or none of it.
    """
    with transaction.atomic():
        application.save()
        application.tags.set(owner_tags(application.owner, tag_names))
        if contact_name:
            contact = None
            if contact_email:
                contact = (
                    Contact.objects.owned_by(application.owner)
                    .filter(email__iexact=contact_email)
                    .order_by("pk")
                    .first()
                )
            if contact is None:
                contact = Contact.objects.create(
                    owner=application.owner,
                    name=contact_name,
                    email=contact_email,
                    company=application.company,
                )
            contact.applications.add(application)
    return application


def application_status_record(*, application, status, changed_at, note=""):
    """Set the application's status and record the change with its own date and note.

    A change to the status it already has still records the entry: a note about where it
    stands. Validate the entry first (not in the future, not before the application began),
    so nothing is saved when it is refused. Return the recorded entry.
    """
    with transaction.atomic():
        change = StatusChange(
            application=application,
            from_status=application.status,
            to_status=status,
            changed_at=changed_at,
            note=note,
        )
        change.full_clean(exclude=["application"])
        if status == application.status:
            change.save()
            return change
        application.status = status
        application.status_changed_at = changed_at
        application.status_note = note
        application.save(update_fields=["status", "updated_at"])
        return StatusChange.objects.filter(application=application).latest("created_at", "pk")


def application_archive(*, application, archived):
    """Archive the application (hidden from the list and board) or bring it back."""
    with transaction.atomic():
        application.archived = archived
        application.save(update_fields=["archived", "updated_at"])


def applications_move(*, applications, status, now=None):
    """Move applications to status, each with its history entry; return how many moved.

    The history entries are written here rather than by the save signal, so moving many
    takes the same few queries as moving one.
    """
    now = now or timezone.now()
    with transaction.atomic():
        moving = list(applications.select_for_update().exclude(status=status).order_by("pk"))
        StatusChange.objects.bulk_create(
            StatusChange(
                application=application,
                from_status=application.status,
                to_status=status,
                changed_at=now,
            )
            for application in moving
        )
        Application.objects.filter(pk__in=[a.pk for a in moving]).update(
            status=status, updated_at=now
        )
        for owner_id in {application.owner_id for application in moving}:
            dashboard_cache.changed(owner_id)
    return len(moving)


def contact_save(*, form, owner):
    """Save a contact form's person and the applications ticked for them, together."""
    with transaction.atomic():
        form.instance.owner = owner
        return form.save()


def contact_link(*, application, contact):
    """Link a contact to an application (a contact can belong to several)."""
    with transaction.atomic():
        contact.applications.add(application)


def contact_unlink(*, application, contact):
    """Take a contact off an application, keeping the contact and the interviews they were in."""
    with transaction.atomic():
        contact.applications.remove(application)


def invites_import(*, owner, events, choices):
    """Save an interview for each chosen invite and keep its people as contacts.

    choices maps an event's index in events to the owner's application it belongs to; the
    others are skipped. An invite whose UID one of the owner's interviews already has updates
    that interview instead of adding another. Return (created, updated) counts.
    """
    own_emails = {owner.email.casefold()}
    chosen = [(events[index], application) for index, application in sorted(choices.items())]
    with transaction.atomic():
        # Lock the owner's profile row so two confirms of one upload cannot both add the
        # interview before either has saved (a no-op on SQLite, which writes one at a time).
        list(Profile.objects.select_for_update().filter(user=owner).values_list("pk"))
        saved = {
            interview.ical_uid: interview
            for interview in Interview.objects.owned_by(owner).filter(
                ical_uid__in=[event.uid for event, _application in chosen]
            )
        }
        book = _ContactBook(owner)
        created = updated = 0
        for event, application in chosen:
            interview = saved.get(event.uid)
            is_new = interview is None
            if is_new:
                interview = Interview(ical_uid=event.uid, kind=event.kind)
            elif event.kind != Interview.Kind.OTHER:
                interview.kind = event.kind
            interview.application = application
            interview.scheduled_at = event.start
            interview.duration_minutes = event.duration_minutes
            interview.location = event.video_link or event.location
            interview.format = event.format
            interview.interviewers = interviewer_names(event, own_emails) or interview.interviewers
            interview.full_clean()
            if is_new:
                interview_book(interview=interview)
                created += 1
            else:
                interview.save()
                updated += 1
            saved[event.uid] = interview
            _link_invite_people(book, event, interview, own_emails)
        return created, updated


def _link_invite_people(book, event, interview, own_emails):
    """Keep the invite's people (with an address) as contacts of the application and interview."""
    application = interview.application
    for person in event.people:
        if not person.email or person.email.casefold() in own_emails:
            continue
        contact = book.find_or_add(person.label, person.email, application.company)
        if contact.pk is None:
            role = Contact.Role.RECRUITER if person == event.organizer else Contact.Role.INTERVIEWER
            contact.role = role
            contact.full_clean(exclude=["owner"])
            contact.save()
        contact.applications.add(application)
        interview.contacts.add(contact)
