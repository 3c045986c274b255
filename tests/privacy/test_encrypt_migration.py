"""The migration that encrypts the diary at rest turns every stored text into a token and back."""

import importlib
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from ..migrating import migrate_to, migrate_to_latest

BEFORE = [("interviews", "0013_sting_practice_mentor")]
AFTER = [("interviews", "0014_encrypt_diary_at_rest")]

TEXTS = {
    "what_happened": "I blanked on the quokka question.",
    "went_well": "Zephyrine calm at the start.",
    "kind_words": "",
    "reframe": "One periwinkle afternoon.",
    "to_own": "Talking over the panel.",
}
DRAFT = {"step_data": {"feelings": {"feelings-intensity": ["7"]}, "note": "xylophonic"}}


@pytest.fixture
def old_schema(transactional_db):
    apps = migrate_to(BEFORE)
    yield apps
    migrate_to_latest()


def old_diary(apps):
    model = apps.get_model
    user = model("interviews", "User").objects.create(email="alice@example.com")
    application = model("interviews", "Application").objects.create(
        owner=user, company="Acme", role="Engineer"
    )
    interview = model("interviews", "Interview").objects.create(
        application=application, scheduled_at=timezone.now() - timedelta(days=4), rating=1
    )
    model("interviews", "Reflection").objects.create(interview=interview, **TEXTS)
    model("interviews", "FollowUpLetter").objects.create(
        interview=interview, kind="apology", subject="Sorry, kumquat", body="Dear Sam, sorry."
    )
    model("interviews", "StingCheck").objects.create(
        interview=interview, day=3, intensity=4, note="A nettlesome day."
    )
    model("interviews", "WizardDraft").objects.create(
        owner=user, interview=interview, current_step="feelings", data=DRAFT
    )


def raw(table, *columns):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM interviews_{table}")
        return cursor.fetchone()


def read(apps):
    model = apps.get_model
    reflection = model("interviews", "Reflection").objects.get()
    return (
        {name: getattr(reflection, name) for name in TEXTS},
        model("interviews", "FollowUpLetter").objects.values_list("subject", "body").get(),
        model("interviews", "StingCheck").objects.get().note,
        model("interviews", "WizardDraft").objects.get().data,
    )


EXPECTED = (TEXTS, ("Sorry, kumquat", "Dear Sam, sorry."), "A nettlesome day.", DRAFT)


def test_existing_diary_text_is_encrypted_and_still_reads_the_same(old_schema):
    old_diary(old_schema)

    apps = migrate_to(AFTER)

    stored = raw("reflection", *TEXTS) + raw("followupletter", "subject", "body")
    stored += raw("stingcheck", "note") + raw("wizarddraft", "data")
    # Every non-empty text is a Fernet token now; the empty one stayed empty.
    assert [value[:6] for value in stored if value] == ["gAAAAA"] * 8
    assert raw("reflection", "kind_words") == ("",)
    assert read(apps) == EXPECTED


def test_going_back_decrypts_every_value_into_the_old_columns(old_schema):
    old_diary(old_schema)
    migrate_to(AFTER)

    apps = migrate_to(BEFORE)

    assert raw("reflection", "what_happened") == (TEXTS["what_happened"],)
    assert raw("followupletter", "subject") == ("Sorry, kumquat",)
    assert read(apps) == EXPECTED


def test_rows_are_rewritten_a_batch_at_a_time_and_none_is_missed(old_schema, monkeypatch):
    migration = importlib.import_module("interviews.migrations.0014_encrypt_diary_at_rest")
    monkeypatch.setattr(migration, "BATCH", 2)
    old_diary(old_schema)
    interview = old_schema.get_model("interviews", "Interview").objects.get()
    for number in range(4):
        interview.pk = None
        interview.save()
        old_schema.get_model("interviews", "StingCheck").objects.create(
            interview=interview, day=3, intensity=3, note=f"Note {number}"
        )

    apps = migrate_to(AFTER)

    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM interviews_stingcheck")
        assert all(note.startswith("gAAAAA") for (note,) in cursor.fetchall())
    notes = apps.get_model("interviews", "StingCheck").objects.values_list("note", flat=True)
    assert sorted(notes) == ["A nettlesome day.", "Note 0", "Note 1", "Note 2", "Note 3"]
