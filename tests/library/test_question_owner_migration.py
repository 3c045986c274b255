"""The migration that gives each question an owner keeps every existing question its own."""

from datetime import timedelta

import pytest
from django.apps import apps as project_apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("interviews", "0009_profile_display_name")]
AFTER = [("interviews", "0010_question_owner")]


def migrate_to(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.fixture
def old_schema(transactional_db):
    apps = migrate_to(BEFORE)
    yield apps
    call_command("migrate", verbosity=0)
    # Running migrations by hand leaves the project's models holding caches of the
    # historical ones; later tests must see the real models again.
    project_apps.clear_cache()


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
