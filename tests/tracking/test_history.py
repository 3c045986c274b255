"""Every status change of an application is recorded, however it happens."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from interviews.models import Application, StatusChange
from interviews.privacy.export import account_data_export
from interviews.privacy.restore import account_data_import
from interviews.tracking.csv_import import IMPORT_FIELDS, ParsedRow
from interviews.tracking.services import applications_import, interview_book

from ..conftest import make_application


def history(application):
    return [
        (change.from_status, change.to_status)
        for change in StatusChange.objects.filter(application=application)
    ]


def test_adding_an_application_starts_its_history(alice):
    application = make_application(owner=alice, status=Application.Status.APPLIED)
    assert history(application) == [("", "applied")]


def test_each_status_change_is_recorded_once_with_when_and_note(alice):
    application = make_application(owner=alice, status=Application.Status.APPLIED)
    loaded = Application.objects.get(pk=application.pk)
    loaded.status = Application.Status.REJECTED
    loaded.status_note = "A kind e-mail from Priya"
    loaded.save()
    loaded.save()  # saving again without a change adds nothing
    loaded.notes = "edited"
    loaded.save()

    assert history(application) == [("", "applied"), ("applied", "rejected")]
    last = StatusChange.objects.filter(application=application).last()
    assert last.note == "A kind e-mail from Priya"
    assert timezone.now() - last.changed_at < timedelta(minutes=1)


def test_a_back_dated_change_keeps_its_date(alice):
    application = make_application(owner=alice, status=Application.Status.WISHLIST)
    when = timezone.now() - timedelta(days=10)
    application.status = Application.Status.APPLIED
    application.status_changed_at = when
    application.save()
    moved = StatusChange.objects.get(application=application, to_status="applied")
    assert moved.changed_at == when
    # The history reads in the order things happened, not the order they were typed.
    assert history(application) == [("wishlist", "applied"), ("", "wishlist")]


def test_booking_an_interview_records_the_move_to_interviewing(alice):
    application = make_application(owner=alice, status=Application.Status.APPLIED)
    booked = application.interviews.model(
        application=application, kind="technical", scheduled_at=timezone.now(), duration_minutes=30
    )
    interview_book(interview=booked)
    assert history(application) == [("", "applied"), ("applied", "interviewing")]


def test_a_change_in_the_future_is_refused(alice):
    application = make_application(owner=alice)
    change = StatusChange(
        application=application,
        to_status="rejected",
        changed_at=timezone.now() + timedelta(days=2),
    )
    with pytest.raises(ValidationError, match="in the future"):
        change.full_clean()


def test_a_change_before_the_application_began_is_refused(alice):
    application = make_application(owner=alice, applied_on=date(2026, 3, 3))
    change = StatusChange(
        application=application,
        to_status="rejected",
        changed_at=timezone.make_aware(timezone.datetime(2026, 3, 1, 12)),
    )
    with pytest.raises(ValidationError, match="before the application began"):
        change.full_clean()
    change.changed_at = timezone.make_aware(timezone.datetime(2026, 3, 4, 12))
    change.full_clean()  # after applying: fine, even though it was added to Rebound later


def test_imported_applications_start_their_history(alice):
    fields = dict.fromkeys(IMPORT_FIELDS, "") | {
        "company": "Contoso",
        "role": "Analyst",
        "status": "rejected",
        "applied_on": None,
        "deadline": None,
        "salary_min": None,
        "salary_max": None,
        "excitement": None,
        "tags": [],
        "contacts": [],
    }
    (created,) = applications_import(owner=alice, rows=[ParsedRow(line=2, fields=fields)])
    assert history(created) == [("", "rejected")]


def test_restoring_a_version_1_file_starts_each_history_where_it_was_added(alice):
    application = make_application(owner=alice, status=Application.Status.OFFER)
    payload = account_data_export(owner=alice)
    payload["version"] = 1  # as an older Rebound wrote it: no history
    for record in payload["applications"]:
        del record["history"]
    application.delete()

    account_data_import(owner=alice, payload=payload)

    (restored,) = Application.objects.filter(owner=alice)
    (first,) = StatusChange.objects.filter(application=restored)
    assert (first.from_status, first.to_status) == ("", "offer")
    assert first.changed_at == restored.created_at
