"""Read applications from Rebound's own CSV export and from other trackers' files.

Pure functions: nothing here touches the database. The import view parses the upload, skips
duplicates with split_duplicates() and saves what is left. Each row's fields hold the
Application fields (IMPORT_FIELDS) plus "tags" (names) and "contacts" ((name, e-mail) pairs).
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from ..models import Application, Contact, validate_sensible_date
from ..web.limits import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB
from .csv_cells import (
    excitement_of,
    rebound_salary,
    row_contacts,
    salary_from_text,
    teal_salary,
    valid_or_blank,
)
from .tagging import split_tag_names, tag_name_problems

MAX_ROWS = 5000

IMPORT_FIELDS = (
    "company", "role", "job_url", "location", "source", "salary_text", "salary_min",
    "salary_max", "salary_currency", "salary_period", "status", "applied_on", "deadline",
    "excitement", "notes",
)  # fmt: skip
CONTACT_NAME_MAX = Contact._meta.get_field("name").max_length

Status = Application.Status
BLANK_MARKERS = frozenset({"", "n/a", "na", "-", "--", "none", "null"})
# Cells starting with these make spreadsheets run a formula; the export prefixes a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


class CsvImportError(ValueError):
    """The file as a whole cannot be imported; the message is shown to the user."""


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass(frozen=True)
class ParsedRow:
    line: int
    fields: dict


@dataclass
class ParsedFile:
    format_name: str
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True)
class _Format:
    name: str
    signature: frozenset  # normalised headers that identify the format
    columns: dict  # normalised header -> field name (or a "_" helper key)


def _norm(text):
    """Return text split at camelCase, casefolded, with _ and - as spaces and spaces collapsed."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
    return " ".join(re.sub(r"[_\-]", " ", text).casefold().split())


def _fmt(name, signature, columns):
    return _Format(
        name, frozenset(map(_norm, signature)), {_norm(k): v for k, v in columns.items()}
    )


_GENERIC_ALIASES = {
    "company": ("company", "employer", "organization", "organisation", "company name"),
    "role": ("role", "title", "position", "job title"),
    "status": ("status", "stage"),
    "job_url": ("url", "link", "job url", "job link"),
    "location": ("location", "city"),
    "source": ("source",),
    "salary_text": ("salary", "salary text"),
    "notes": ("notes", "comments"),
    "applied_on": ("applied", "applied on", "date applied", "applied date"),
    "deadline": ("deadline", "application deadline", "closing date"),
    "excitement": ("excitement", "interest"),
    "_tags": ("tags", "labels"),
    "_contact_name": ("contact", "contact name"),
    "_contact_email": ("contact email", "email"),
}

# fmt: off
FORMATS = (
    # Older exports had contact_name and contact_email columns; newer ones list contacts.
    _fmt("Rebound", ["id", "company", "role", "salary_text", "applied_on", "created_at"],
         {**{name: name for name in IMPORT_FIELDS}, "tags": "_tags", "contacts": "_contacts",
          "contact_name": "_contact_name", "contact_email": "_contact_email"}),
    _fmt("Teal", ["company_name", "role", "statusName"], {
        "company_name": "company", "role": "role", "url": "job_url", "location": "location",
        "source": "source", "statusName": "status", "status": "_alt_status",
        "applied_at": "applied_on", "min_salary": "_min_salary", "max_salary": "_max_salary",
        "salary_currency": "_currency", "salary_pay_period": "_period",
        "application_deadline": "deadline", "excitement": "excitement",
    }),
    _fmt("Simplify", ["Job Title", "Company Name", "Status Date"], {
        "Job Title": "role", "Company Name": "company", "Job URL": "job_url",
        "Applied Date": "applied_on", "Status": "status", "Notes": "notes",
    }),
    _fmt("JobSync", ["Company", "JobTitle", "JobSource"], {
        "Company": "company", "JobTitle": "role", "Location": "location",
        "Locations": "location", "JobSource": "source", "Status": "status",
        "appliedDate": "applied_on",
    }),
)
# fmt: on

_STATUS_ALIASES = {
    Status.WISHLIST: (
        "wishlist", "bookmarked", "saved", "draft", "interested", "applying", "to apply",
        "not applied", "not started",
    ),
    Status.APPLIED: ("applied", "submitted", "application submitted", "pending", "in review"),
    Status.INTERVIEWING: (
        "interviewing", "interview", "interviewed", "screen", "screening", "phone screen",
        "assessment", "online assessment", "in progress",
    ),
    Status.OFFER: ("offer", "offered", "offer received", "negotiating", "negotiation"),
    Status.ACCEPTED: ("accepted", "offer accepted", "hired"),
    Status.REJECTED: ("rejected", "not selected", "unsuccessful"),
    Status.WITHDRAWN: (
        "withdrawn", "withdrew", "i withdrew", "declined", "offer declined", "archived", "expired",
    ),
    Status.GHOSTED: ("ghosted", "no response", "no answer", "no reply"),
}  # fmt: skip
STATUS_MAP = {
    alias: status.value for status, aliases in _STATUS_ALIASES.items() for alias in aliases
}


def map_status(text):
    """Return our status value for another tracker's status text, or None if unknown.

    Decisions: saved/bookmarked/draft and Teal's "applying" (not sent yet) are wishlist;
    negotiating is offer; "declined" (Teal: you turned the offer down), archived and expired
    are withdrawn, since you stopped pursuing the job; "no response" is ghosted.
    Punctuation and emoji are ignored, so "No Response 🔕" and "ONLINE_ASSESSMENT" match.
    """
    key = " ".join(re.sub(r"[^\w\s]|_", " ", text).casefold().split())
    return STATUS_MAP.get(key)


_DATE_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%m/%d/%y",
    "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y",
)  # fmt: skip


def parse_date(text):
    """Return the date in text, or None for a blank or yes/no cell; raise ValueError otherwise.

    ISO timestamps are read in UTC. Slashed dates are month first (US trackers such as
    Simplify) unless the first number is over 12; dotted dates are day first.
    """
    text = text.strip()
    if text.casefold() in BLANK_MARKERS | {"yes", "no", "true", "false"}:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is not None:
        try:
            day = (moment.astimezone(UTC) if moment.tzinfo else moment).date()
        except OverflowError:
            # A time zone pushes it past the first or last day Python can hold.
            raise ValueError(text) from None
    else:
        for fmt in _DATE_FORMATS:
            try:
                day = datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
        else:
            raise ValueError(text) from None
    validate_sensible_date(day)
    return day


def _detect_format(headers):
    present = set(headers)
    for fmt in FORMATS:
        if fmt.signature <= present:
            return fmt
    columns = {alias: name for name, aliases in _GENERIC_ALIASES.items() for alias in aliases}
    generic = _Format("Generic", frozenset(), columns)
    found = {columns[h] for h in headers if h in columns}
    return generic if {"company", "role"} <= found else None


def _sniff_delimiter(text):
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    return max(",;\t", key=first_line.count)


def _raw_cells(fmt, headers, cells):
    """Return {field or helper key: cleaned cell} for one row; the first matching column wins."""
    raw = {}
    for header, cell in zip(headers, cells, strict=False):
        name = fmt.columns.get(header)
        if name and name not in raw:
            # NUL cannot be stored in a database.
            value = cell.replace("\x00", "").strip()
            if fmt.name != "Rebound":
                value = "" if value.casefold() in BLANK_MARKERS else value
            elif value[:1] == "'" and value[1:2] in FORMULA_STARTS:
                # Undo the export's quote prefix (see csv_export._cell). Our own export writes
                # blanks as empty cells, so "N/A" or "-" there is what the user typed and is kept.
                value = value[1:]
            raw[name] = value
    return raw


# Teal's status cell is a small JSON object; anything longer is not one of its statuses.
TEAL_STATUS_MAX = 500


def _teal_status(text):
    """Return a word from Teal's numeric or JSON-ish status column, or blank."""
    if text.startswith("{"):
        if len(text) > TEAL_STATUS_MAX:
            return ""
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return ""
        return str(data.get("name") or data.get("label") or "") if isinstance(data, dict) else ""
    return text if re.fullmatch(r"[A-Za-z _\-]+", text) else ""


def _read_date(fields, name, errors):
    """Parse fields[name] as a date in place, adding a message to errors when it is not one."""
    text = fields[name]
    try:
        fields[name] = parse_date(text or "")
    except ValueError:
        fields[name] = None
        errors.append(
            _("“%(value)s” is not a date we recognise; use a date like 2024-03-05.")
            % {"value": text}
        )
    except ValidationError as error:
        fields[name] = None
        errors.extend(error.messages)


def _build_fields(raw, fmt):
    """Turn one row's raw cells into Application fields plus a list of error messages.

    An unknown status imports as "applied" and the original text is added to the notes, so
    nothing the user wrote is lost. An invalid job URL, contact e-mail, excitement or
    structured salary is dropped without an error: all are optional and often hold
    placeholders, and the salary as written keeps the words. A value longer than the model
    allows is an error, since cutting it would lose data silently.
    """
    errors = []
    if fmt.name == "Teal":
        raw["salary_text"], salary = teal_salary(raw)
        alt_status = _teal_status(raw.pop("_alt_status", ""))
        raw["status"] = raw.get("status") or alt_status
    elif fmt.name == "Rebound":
        salary = rebound_salary(raw)
    else:
        salary = salary_from_text(raw.get("salary_text", ""))
    fields = {name: raw.get(name, "") for name in IMPORT_FIELDS} | salary
    status_text, mapped = fields["status"], map_status(fields["status"])
    fields["status"] = mapped or Status.APPLIED.value
    if status_text and mapped is None:
        note = _("Status in the imported file: %(status)s") % {"status": status_text}
        fields["notes"] = f"{fields['notes']}\n\n{note}" if fields["notes"] else note
    _read_date(fields, "applied_on", errors)
    _read_date(fields, "deadline", errors)
    fields["excitement"] = excitement_of(fields["excitement"] or "")
    if (url := fields["job_url"]) and "://" not in url:
        url = f"https://{url}"
    fields["job_url"] = valid_or_blank(url, URLValidator())
    if not fields["company"]:
        errors.append(_("The company is missing."))
    if not fields["role"]:
        errors.append(_("The role is missing."))
    for name in IMPORT_FIELDS:
        limit = Application._meta.get_field(name).max_length
        if limit and isinstance(fields[name], str) and len(fields[name]) > limit:
            label = Application._meta.get_field(name).verbose_name
            errors.append(
                _("The %(field)s is too long: %(length)s characters, the limit is %(limit)s.")
                % {"field": label, "length": len(fields[name]), "limit": limit}
            )
    fields["tags"] = split_tag_names(raw.get("_tags", ""))
    errors.extend(tag_name_problems(fields["tags"]))
    fields["contacts"] = row_contacts(raw)
    for name, _email in fields["contacts"]:
        if len(name) > CONTACT_NAME_MAX:
            errors.append(
                _("A contact's name is too long: %(length)s characters, the limit is %(limit)s.")
                % {"length": len(name), "limit": CONTACT_NAME_MAX}
            )
    return fields, errors


def _decode(data):
    if len(data) > MAX_UPLOAD_BYTES:
        raise CsvImportError(
            _("The file is larger than %(size)s MB. Split it into smaller files.")
            % {"size": MAX_UPLOAD_MB}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvImportError(
            _(
                "The file isn't UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” "
                "and try again."
            )
        ) from None
    if not text.strip():
        raise CsvImportError(_("The file is empty."))
    return text


def _no_header_error():
    return CsvImportError(
        _(
            "We couldn't find the column headings. The first row needs a company column "
            "(Company, Employer or Organisation) and a role column (Role, Title, Position or "
            "Job title)."
        )
    )


def parse_applications(data: bytes) -> ParsedFile:
    """Parse an uploaded CSV of applications from Rebound, Teal, Simplify, JobSync or elsewhere.

    Raise CsvImportError for a problem with the whole file. Rows with problems come back as
    RowError entries and are left out of rows. A header with no data rows gives no rows.
    """
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    result, fmt, headers, row_count, last_line = None, None, [], 0, 0
    try:
        for cells in reader:
            line, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if fmt is None:
                headers = [_norm(cell) for cell in cells]
                fmt = _detect_format(headers)
                if fmt is None:
                    raise _no_header_error()
                result = ParsedFile(fmt.name)
                continue
            row_count += 1
            if row_count > MAX_ROWS:
                raise CsvImportError(
                    _("The file has more than %(max)s rows. Split it into smaller files.")
                    % {"max": f"{MAX_ROWS:,}"}
                )
            fields, errors = _build_fields(_raw_cells(fmt, headers, cells), fmt)
            if errors:
                result.errors.extend(RowError(line, message) for message in errors)
            else:
                result.rows.append(ParsedRow(line, fields))
    except csv.Error as exc:
        raise CsvImportError(
            _("The file couldn't be read as CSV (line %(line)s: %(problem)s).")
            % {"line": reader.line_num, "problem": exc}
        ) from None
    if result is None:
        raise _no_header_error()
    return result


def duplicate_key(company, role, job_url) -> tuple:
    """Return the key that identifies an application for duplicate checks."""
    return tuple(" ".join((value or "").split()).casefold() for value in (company, role, job_url))


def split_duplicates(rows, existing_keys):
    """Split rows into (new_rows, duplicate_rows) against existing keys and earlier rows."""
    seen = set(existing_keys)
    new_rows, duplicate_rows = [], []
    for row in rows:
        key = duplicate_key(row.fields["company"], row.fields["role"], row.fields["job_url"])
        (duplicate_rows if key in seen else new_rows).append(row)
        seen.add(key)
    return new_rows, duplicate_rows
