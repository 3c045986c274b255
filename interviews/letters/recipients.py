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


def recipient_list(*, interviewers=(), contacts=()):
    """Return the people a letter can go to: contacts first, then interviewers, each once.

    contacts are (name, email) pairs; interviewers are names. People are the same when their
    names are (ignoring case and spacing); a contact without a name is known by the address.
    Someone who is both a contact and an interviewer keeps the contact's address.
    """
    people = {}
    for role, name, email in [
        *((Role.CONTACT, name, email) for name, email in contacts),
        *((Role.INTERVIEWER, name, "") for name in interviewers),
    ]:
        name, email = _clean(name), _clean(email)
        if not (name or email):
            continue
        same = _same_person(name) if name else f"<{email.casefold()}>"
        known = people.get(same)
        if known is None:
            people[same] = Recipient(name=name, email=email, roles=(role.value,))
        elif role.value not in known.roles:
            people[same] = Recipient(
                name=known.name, email=known.email or email, roles=(*known.roles, role.value)
            )
    return list(people.values())


def default_recipient(recipients):
    """Return whom a letter goes to unless the user picks: the first contact, else interviewer."""
    return recipients[0] if recipients else NOBODY


def _application_contacts(application):
    """Return the application's contacts as (name, email) pairs."""
    return [(contact.name, contact.email) for contact in application.contacts.all()]


def letter_recipients(interview):
    """Return the people a letter about this interview can go to, the default one first."""
    return recipient_list(
        interviewers=interviewer_names(interview.interviewers),
        contacts=_application_contacts(interview.application),
    )
