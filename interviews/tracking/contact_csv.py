"""Export contacts as CSV (a pure function), guarded against spreadsheet formulas."""

from .csv_export import _write

CONTACT_COLUMNS = (
    "name", "company", "role", "email", "phone", "profile_url", "notes", "applications",
)  # fmt: skip


def write_contacts(contacts) -> str:
    """Return contacts as CSV text with CONTACT_COLUMNS, their applications in one cell.

    Pass contacts with prefetch_related("applications"), so the export is two queries.
    """

    def row(contact):
        applications = "; ".join(
            str(application)
            for application in sorted(contact.applications.all(), key=lambda a: (str(a), a.pk))
        )
        return [
            contact.name, contact.company, contact.get_role_display(), contact.email,
            contact.phone, contact.profile_url, contact.notes, applications,
        ]  # fmt: skip

    return _write(CONTACT_COLUMNS, map(row, contacts))
