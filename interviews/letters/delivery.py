"""Hand a letter over to the user's mail program: a mailto: link or an .eml draft (pure)."""

import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid, parseaddr
from urllib.parse import quote

from django.utils import timezone
from django.utils.text import slugify

from ..addresses import mailable_address
from .drafting import clean


def mailto_url(to: str, subject: str, body: str) -> str:
    """Return a mailto: link that opens the letter in the user's mail program."""
    # RFC 6068 asks for CRLF line breaks in the body.
    body = re.sub(r"\r\n|\r|\n", "\r\n", body)
    return (
        f"mailto:{quote(to, safe='@')}"
        f"?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    )


def build_eml(
    *, from_addr: str, to_name: str, to_addr: str, subject: str, body: str, from_name: str = ""
) -> bytes:
    """Return the letter as an unsent .eml draft that mail programs open for editing.

    from_addr may carry its own display name ("Jo <jo@example.com>") when from_name is empty.
    Raise Unmailable when an address cannot go in a mail header; line breaks in the names or
    the subject are folded, so nothing typed can add a header.
    """
    message = EmailMessage(policy=SMTP)
    if not from_name:
        from_name, from_addr = parseaddr(from_addr)
    if from_addr:
        from_addr = mailable_address(from_addr)
        message["From"] = Address(display_name=clean(from_name), addr_spec=from_addr)
    if to_addr:
        message["To"] = Address(display_name=clean(to_name), addr_spec=mailable_address(to_addr))
    message["Subject"] = clean(subject)
    message["Date"] = format_datetime(timezone.now())
    domain = from_addr.rpartition("@")[2] or "rebound.invalid"
    message["Message-ID"] = make_msgid(domain=domain)
    message["X-Unsent"] = "1"
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    return message.as_bytes()


def eml_filename(subject: str) -> str:
    """Return a plain ASCII file name for the letter's .eml download."""
    stem = slugify(subject)[:60].strip("-") or "letter"
    return f"{stem}.eml"
