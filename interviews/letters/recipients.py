"""Who a letter about an interview can go to: its interviewers and its application's contacts.

Each person is one name with that same person's address (or none), so a letter's name and
address always belong together.
"""

import hashlib
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CONTACT = "contact", _("Application contact")
    INTERVIEWER = "interviewer", _("Interviewer")


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str = ""
    roles: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Return a short id for this person that stays the same while they do."""
        person = f"{self.name}\n{self.email}".encode()
        return hashlib.blake2s(person, digest_size=6).hexdigest()

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in self.roles]


NOBODY = Recipient(name="")


def _clean(text):
    return " ".join(str(text or "").split())


def _same_person(text):
    """Return what two spellings of one name have in common."""
    return _clean(text).casefold()


def interviewer_names(text):
    """Return the names in an interview's comma-separated interviewers."""
    return [name for name in map(_clean, (text or "").split(",")) if name]


def recipient_list(*, interview_contacts=(), contacts=(), interviewers=()):
    """Return the people a letter can go to, each once: the interview's picked contacts,
    then the application's other contacts, then the interviewers named in free text.

    interview_contacts and contacts are (name, email) pairs; interviewers are names. A pair
    is one person, so two contacts of the same name with different addresses stay two.
    A name typed as an interviewer is the first contact of that name (ignoring case and
    spacing), and so keeps that contact's address; a contact without a name is known by
    the address alone.
    """
    people = {}
    by_name = {}

    def add(same, role, name, email):
        known = people.get(same)
        if known is None:
            people[same] = Recipient(name=name, email=email, roles=(role.value,))
        elif role.value not in known.roles:
            people[same] = Recipient(
                name=known.name, email=known.email, roles=(*known.roles, role.value)
            )

    for role, pairs in ((Role.INTERVIEWER, interview_contacts), (Role.CONTACT, contacts)):
        for name, email in pairs:
            name, email = _clean(name), _clean(email)
            if not (name or email):
                continue
            same = (_same_person(name), email.casefold())
            add(same, role, name, email)
            if name:
                by_name.setdefault(_same_person(name), same)
    for name in map(_clean, interviewers):
        if name:
            same = by_name.setdefault(_same_person(name), (_same_person(name), ""))
            add(same, Role.INTERVIEWER, name, "")
    return list(people.values())


def default_recipient(recipients):
    """Return whom a letter goes to unless the user picks: the first of recipients, if any."""
    return recipients[0] if recipients else NOBODY


def letter_recipients(interview):
    """Return the people a letter about this interview can go to, the default one first.

    Reads interview.contacts and interview.application.contacts: prefetch them when
    listing many interviews.
    """
    owner_id = interview.application.owner_id
    picked = [contact for contact in interview.contacts.all() if contact.owner_id == owner_id]
    picked_ids = {contact.pk for contact in picked}
    others = [
        contact
        for contact in interview.application.contacts.all()
        if contact.owner_id == owner_id and contact.pk not in picked_ids
    ]
    return recipient_list(
        interview_contacts=[(contact.name, contact.email) for contact in picked],
        contacts=[(contact.name, contact.email) for contact in others],
        interviewers=interviewer_names(interview.interviewers),
    )
