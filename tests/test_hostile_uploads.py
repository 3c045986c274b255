"""Hostile uploads: generated CSV files and JSON exports never break the app or half-save.

The values are the ones a hostile tester reached for: NUL, lone surrogates, CR/LF, 100,000
characters, huge and exotic numbers, dates at the ends of the calendar in far time zones,
and deep nesting. Whatever the file, the answer is a page or a redirect, never a 500, and
what is saved is whole and valid.
"""

import csv
import io
import json
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviews.models import Application
from interviews.privacy.schema import RECORDS
from interviews.tracking.csv_export import APPLICATION_COLUMNS

CSV_IMPORT = reverse("interviews:applications_import")
RESTORE = reverse("interviews:data_import")

HOSTILE_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "\x00",
            "a\x00b",
            "\ud800",
            "line\r\nbreak",
            "\r",
            "x" * 100_000,
            "1e1000000",
            "1e5000",
            "-0",
            "²",
            "٣",
            "9" * 5000,
            "NaN",
            "Infinity",
            "0001-01-01T00:00:00+01:00",
            "9999-12-31T23:00:00-05:00",
            "2026-03-01T09:30:00+14:00",
            "1969-12-31",
            "2101-01-01",
            '{"name": ' + "[" * 5000 + "]" * 5000 + "}",
            "=HYPERLINK(1)",
            "",
        ]
    ),
)
HOSTILE_JSON = st.one_of(
    HOSTILE_TEXT,
    st.sampled_from([10**400, -(10**30), 1.5, True, None, [], {}, ["\ud800"]]),
    st.lists(HOSTILE_TEXT, max_size=3),
)

UPLOADS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
    # The same examples on every run, so a green suite stays green; set
    # REBOUND_FUZZ_RANDOM=1 to explore new ones by hand.
    derandomize=not os.environ.get("REBOUND_FUZZ_RANDOM"),
)


def assert_whole(user, before, *, may_save, context):
    """Check that a refused upload saved nothing and an accepted one saved only valid rows."""
    mine = list(Application.objects.owned_by(user))
    if not may_save:
        assert len(mine) == before, context
    for application in mine:
        try:
            application.full_clean()
            for interview in application.interviews.all():
                interview.full_clean()
        except ValidationError as error:
            raise AssertionError((context, error.message_dict)) from error


def csv_bytes(header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    # A lone surrogate cannot be UTF-8; it arrives as the bytes a broken exporter writes.
    return out.getvalue().encode("utf-8", "surrogatepass")


TEAL_HEADER = ["company_name", "role", "min_salary", "max_salary", "applied_at", "status"]


@pytest.mark.django_db
def test_generated_csv_files_never_cause_a_server_error_or_a_partial_save(alice, client):
    client.force_login(alice)

    @UPLOADS
    @given(
        st.sampled_from([list(APPLICATION_COLUMNS), TEAL_HEADER, ["Company", "Role", "Date"]]),
        st.lists(st.lists(HOSTILE_TEXT, min_size=1, max_size=14), min_size=1, max_size=3),
    )
    def upload(header, rows):
        with transaction.atomic():
            before = Application.objects.owned_by(alice).count()
            data = csv_bytes(header, rows)
            response = client.post(CSV_IMPORT, {"file": SimpleUploadedFile("x.csv", data)})
            assert response.status_code < 500, rows
            if response.status_code == 302:
                preview = client.get(response["Location"])
                assert preview.status_code < 500, rows
                confirm = client.post(response["Location"])
                assert confirm.status_code < 500, rows
            assert_whole(alice, before, may_save=True, context=rows)
            transaction.set_rollback(True)

    upload()


def export_with(model, name, value):
    """Return a valid export whose first record of model has name set to value."""
    reflection = {"status": "complete", "completed_at": "2026-02-28T10:00:00Z", "causes": []}
    reflection["questions"] = [{"question": "Why us?"}]
    reflection["lessons"] = [{"text": "Prepare", "category": "preparation", "action": "Do"}]
    interview = {"kind": "technical", "scheduled_at": "2026-02-27T14:00:00Z", "rating": 2}
    interview["reflection"] = reflection
    interview["letters"] = [{"kind": "thank_you"}]
    change = {"from_status": "", "to_status": "applied", "changed_at": "2026-02-20T10:00:00Z"}
    application = {"company": "Acme", "role": "Dev", "applied_on": "2026-02-20"}
    document = {"kind": "job_description", "title": "The ad", "text": "Build APIs."}
    application |= {"interviews": [interview], "history": [change], "documents": [document]}
    contact = {"name": "Dana", "email": "dana@acme.example", "applications": [1]}
    tag = {"name": "remote"}
    records = {
        "Application": application,
        "Contact": contact,
        "Document": document,
        "Tag": tag,
        "StatusChange": change,
        "Interview": interview,
        "Reflection": reflection,
        "CaughtOutQuestion": reflection["questions"][0],
        "Lesson": reflection["lessons"][0],
        "FollowUpLetter": interview["letters"][0],
    }
    export = {"schema": "rebound-export", "version": 3, "applications": [application]}
    export["profile"] = {"time_zone": "Europe/Berlin", "cool_off_hours": 48}
    export["contacts"] = [contact]
    records["Profile"] = export["profile"]
    records[model][name] = value
    # Tags travel as plain names, on the application and in the file's list.
    export["tags"] = application["tags"] = [tag["name"]]
    return export


FIELDS = [(model.__name__, name) for model, (names, _nested) in RECORDS.items() for name in names]


@pytest.mark.django_db
def test_generated_restores_never_cause_a_server_error_or_a_partial_save(alice, client):
    client.force_login(alice)

    @UPLOADS
    @given(st.sampled_from(FIELDS), HOSTILE_JSON)
    def restore(field, value):
        with transaction.atomic():
            export = export_with(*field, value)
            data = json.dumps(export).encode()
            response = client.post(RESTORE, {"export_file": SimpleUploadedFile("x.json", data)})
            assert response.status_code < 500, (field, value)
            assert_whole(alice, 0, may_save=response.status_code == 302, context=(field, value))
            transaction.set_rollback(True)

    restore()


def test_the_template_export_restores(alice, client):
    """The generated exports differ from a valid one in one value only."""
    client.force_login(alice)
    data = json.dumps(export_with("Application", "notes", "All fine.")).encode()
    response = client.post(RESTORE, {"export_file": SimpleUploadedFile("x.json", data)})
    assert response.status_code == 302
    restored = Application.objects.owned_by(alice).get()
    assert restored.interviews.get().reflection.is_complete
    assert restored.status_changes.get().changed_at.isoformat() == "2026-02-20T10:00:00+00:00"
