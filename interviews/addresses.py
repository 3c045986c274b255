"""Email addresses in the one form mail can carry (pure: no request, no database).

Accounts and letters both hand addresses to mail, so both read the rule from here.
"""

import re
import unicodedata

from django.utils.encoding import punycode
from django.utils.translation import gettext_lazy as _

# What a mail header or an SMTP envelope carries without quoting: an RFC 5322 dot-atom.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL_PART = re.compile(rf"{_ATOM}(?:\.{_ATOM})*")
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_DOMAIN = re.compile(rf"(?:{_LABEL}\.)*{_LABEL}")
MAX_LENGTH = 254  # RFC 5321's limit, and the length of every email field Rebound stores.


class Unmailable(ValueError):
    """An address no mail can be sent to, with the reason to show the person who typed it."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def mailable_address(value: str) -> str:
    """Return value as mail carries it: NFC, ASCII, the domain in lower-case IDNA form.

    Raise Unmailable for an address no mail could be sent to as it is written.
    """
    value = unicodedata.normalize("NFC", value.strip())
    local, at, domain = value.rpartition("@")
    if not (at and local and domain):
        raise Unmailable(_("Enter an email address such as name@example.com."))
    if not _LOCAL_PART.fullmatch(local):
        raise Unmailable(
            _(
                "The part before the @ can only use plain letters (no accents), digits and"
                " . _ + -, without quotes, spaces or control characters, or it cannot go in"
                " an email."
            )
        )
    try:
        domain = punycode(domain.lower()).lower()
    except UnicodeError:
        domain = ""
    if not _DOMAIN.fullmatch(domain):
        raise Unmailable(_("The part after the @ is not a domain that mail can be sent to."))
    address = f"{local}@{domain}"
    if len(address) > MAX_LENGTH:
        raise Unmailable(
            _("Written the way mail carries it, this address is longer than %(max)d characters.")
            % {"max": MAX_LENGTH}
        )
    return address


def account_address(value: str) -> str:
    """Return the one form of an account's address: mailable and all lower case.

    Lower case because allauth compares addresses that way; the local part is plain ASCII
    by then, so lowering it cannot turn one address into another.
    """
    return mailable_address(value).lower()
