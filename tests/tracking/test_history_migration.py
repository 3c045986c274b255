"""The migration that adds history gives every application stored before it a first entry."""

import pytest

from ..migrating import migrate_to, migrate_to_latest

BEFORE = [("interviews", "0010_question_owner")]
AFTER = [("interviews", "0011_history_reminders_archive")]


@pytest.fixture
def old_schema(transactional_db):
    apps = migrate_to(BEFORE)
    yield apps
    migrate_to_latest()


def test_each_stored_application_starts_its_history_with_its_status_when_added(old_schema):
    user = old_schema.get_model("interviews", "User").objects.create(email="old@example.com")
    Application = old_schema.get_model("interviews", "Application")
    offer = Application.objects.create(owner=user, company="Acme", role="Dev", status="offer")
    Application.objects.create(owner=user, company="Globex", role="Dev", status="rejected")

    apps = migrate_to(AFTER)

    StatusChange = apps.get_model("interviews", "StatusChange")
    entries = sorted(StatusChange.objects.values_list("from_status", "to_status"))
    assert entries == [("", "offer"), ("", "rejected")]
    first = StatusChange.objects.get(application_id=offer.pk)
    assert first.changed_at == offer.created_at
