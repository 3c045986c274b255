"""Shared fixtures: alice owns the data, mallory is another user; builders make rows."""

from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.core.files.storage import storages
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from interviews.models import (
    Application,
    CaughtOutQuestion,
    Contact,
    Document,
    FollowUpLetter,
    Interview,
    Lesson,
    Reflection,
    User,
)

PASSWORD = "a-long-and-unusual-passphrase-42"
# The most queries one page may take; pages that list things must also not grow with rows.
QUERY_BUDGET = 25


def make_user(email, password=PASSWORD, **profile):
    user = User.objects.create_user(email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if profile:
        for name, value in profile.items():
            setattr(user.profile, name, value)
        user.profile.save()
    return user


def make_application(*, owner, **overrides):
    fields = {"company": "Northwind", "role": "Backend developer", "status": "interviewing"}
    fields.update(overrides)
    return Application.objects.create(owner=owner, **fields)


def make_contact(*, owner, applications=(), **overrides):
    fields = {"name": "Dana Reyes", "company": "Northwind", "email": "dana@northwind.example"}
    fields.update(overrides)
    contact = Contact.objects.create(owner=owner, **fields)
    contact.applications.set(applications)
    return contact


def make_document(*, application, **overrides):
    fields = {
        "title": "Job description",
        "kind": Document.Kind.JOB_DESCRIPTION,
        "text": "Build APIs.",
    }
    fields.update(overrides)
    return Document.objects.create(application=application, **fields)


def make_interview(*, owner=None, application=None, **overrides):
    if application is None:
        application = make_application(owner=owner)
    fields = {
        "kind": Interview.Kind.TECHNICAL,
        "scheduled_at": timezone.now() - timedelta(days=3),
        "duration_minutes": 60,
    }
    fields.update(overrides)
    return Interview.objects.create(application=application, **fields)


def make_reflection(*, interview, lessons=1, questions=0, **overrides):
    fields = {
        "status": Reflection.Status.COMPLETE,
        "feelings_before": ["upset"],
        "intensity_before": 8,
        "causes": [Reflection.Cause.UNDER_PREPARED],
        "outside_circumstances": Reflection.Outside.NO,
        "what_happened": "I froze on the system design question.",
        "went_well": "I was honest.",
        "kind_words": "One interview does not define you.",
        "intensity_after": 4,
        "confidence_after": 6,
        "follow_up": Reflection.FollowUp.APOLOGY,
    }
    fields.update(overrides)
    # A complete reflection has its completion time and a draft none, as the database insists.
    if fields["status"] == Reflection.Status.COMPLETE:
        fields.setdefault("completed_at", timezone.now())
    reflection = Reflection.objects.create(interview=interview, **fields)
    for number in range(lessons):
        Lesson.objects.create(
            reflection=reflection,
            text=f"Lesson {number}",
            category=Lesson.Category.PREPARATION,
            action=f"Action {number}",
        )
    for number in range(questions):
        CaughtOutQuestion.objects.create(
            owner=interview.application.owner,
            reflection=reflection,
            question=f"Question {number}?",
            what_i_said="Something vague.",
            better_answer="Something concrete.",
        )
    return reflection


def make_letter(*, interview, **overrides):
    fields = {
        "kind": FollowUpLetter.Kind.THANK_YOU,
        "subject": "Thank you",
        "body": "Dear Sam,\n\nThank you.\n\nBest regards,\nAlice",
    }
    fields.update(overrides)
    if fields.get("status") == FollowUpLetter.Status.SENT:
        fields.setdefault("sent_on", timezone.localdate())
    return FollowUpLetter.objects.create(interview=interview, **fields)


@pytest.fixture(autouse=True)
def documents_storage(settings, tmp_path, monkeypatch):
    """Keep each test's documents in a folder of its own, so none outlives its test."""
    root = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    # The field called its storage once, when the models loaded: point it at this one.
    monkeypatch.setattr(Document._meta.get_field("file"), "storage", storages["documents"])
    return root


@pytest.fixture
def alice(db):
    return make_user("alice@example.com")


@pytest.fixture
def mallory(db):
    return make_user("mallory@example.com")


def logged_in(user):
    """Return a client of its own, signed in as user (never the shared `client` fixture)."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice):
    return logged_in(alice)


@pytest.fixture
def mallory_client(mallory):
    return logged_in(mallory)


def run_queued_tasks():
    """Run every task queued so far, as the worker process would, then return.

    The worker closes database connections between tasks, as a long-running process should;
    inside a test's transaction that would drop it (PostgreSQL), so here it keeps it open.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command(
            "db_worker",
            batch=True,
            reload=False,
            startup_delay=False,
            queue_name="*",
            interval=0,
            verbosity=0,
        )


@pytest.fixture
def worker(django_capture_on_commit_callbacks):
    """Return a context manager: what the block queues on commit, the worker then runs.

    Tests run inside a transaction that never commits, so the block's on-commit hooks are
    run at its end; then the queued tasks run (account mail lands in mail.outbox).
    """

    @contextmanager
    def queued_and_run():
        with django_capture_on_commit_callbacks(execute=True):
            yield
        run_queued_tasks()

    return queued_and_run
