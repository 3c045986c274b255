"""The migration that gives each question an owner keeps every existing question its own."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ..migrating import migrate_to, migrate_to_latest

BEFORE = [("interviews", "0009_profile_display_name")]
AFTER = [("interviews", "0010_question_owner")]


@pytest.fixture
def old_schema(transactional_db):
    apps = migrate_to(BEFORE)
    yield apps
    migrate_to_latest()


def old_question(apps, email, text):
    user = apps.get_model("interviews", "User").objects.create(email=email)
    application = apps.get_model("interviews", "Application").objects.create(
        owner=user, company="Acme", role="Engineer"
    )
    interview = apps.get_model("interviews", "Interview").objects.create(
        application=application, scheduled_at=timezone.now() - timedelta(days=2)
    )
    reflection = apps.get_model("interviews", "Reflection").objects.create(interview=interview)
    return user, apps.get_model("interviews", "CaughtOutQuestion").objects.create(
        reflection=reflection, question=text
    )


def test_existing_questions_take_the_owner_of_their_reflection(old_schema):
    alice, hers = old_question(old_schema, "alice@example.com", "Why us?")
    bob, his = old_question(old_schema, "bob@example.com", "Why now?")

    apps = migrate_to(AFTER)

    question = apps.get_model("interviews", "CaughtOutQuestion")
    assert question.objects.get(pk=hers.pk).owner_id == alice.pk
    assert question.objects.get(pk=his.pk).owner_id == bob.pk
    assert question.objects.get(pk=his.pk).application_id is None


def test_going_back_keeps_reflection_questions_and_drops_hand_added_ones(old_schema):
    alice, hers = old_question(old_schema, "alice@example.com", "Why us?")
    apps = migrate_to(AFTER)
    apps.get_model("interviews", "CaughtOutQuestion").objects.create(
        owner_id=alice.pk, question="Added by hand"
    )

    apps = migrate_to(BEFORE)

    remaining = apps.get_model("interviews", "CaughtOutQuestion").objects.all()
    assert [q.pk for q in remaining] == [hers.pk]
