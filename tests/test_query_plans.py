"""One user's pages read their own rows through an index, however many other users there are.

PostgreSQL only: the plans are its planner's, from ANALYZE statistics over a database where
one person's rows are a small fraction of every table. Each SELECT a page really runs that
names the applications, interviews, letters or history table is explained, and no plan may
read one of those tables with a sequential scan.
"""

import json
import re
from datetime import timedelta

import pytest
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interviews.models import (
    Application,
    FollowUpLetter,
    Interview,
    Lesson,
    Profile,
    Reflection,
    StatusChange,
    User,
    WizardDraft,
)

from .conftest import logged_in, make_user

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the plans are PostgreSQL's planner's"
)

# The shape: 1,000 people with 10 applications and 50 interviews each. A few are
# made through the ORM and copied in SQL, which takes seconds where the ORM takes minutes.
MADE_USERS = 50
COPIES = 20
APPLICATIONS_EACH = 10
INTERVIEWS_EACH = 5
# The tables that grow with everyone's history: no page of one person's may read them whole.
CHECKED = (Application, Interview, FollowUpLetter, StatusChange)
CHECKED_TABLES = frozenset(model._meta.db_table for model in CHECKED)
# Every table copied, parents before children; each is analysed, so the plans are real ones.
COPIED = (User, Profile, *CHECKED, Reflection, Lesson, WizardDraft)
STATUSES = Application.Status.values
PAGES = (
    "dashboard",
    "application_list",
    "application_board",
    "interview_list",
    "letter_list",
    "application_history",
)


def load_history(owners, now):
    """Give each owner applications with their history, interviews, letters and reflections."""
    applications = Application.objects.bulk_create(
        Application(
            owner=owner,
            company=f"Company {number}-{index}",
            role="Engineer",
            status=STATUSES[(number + index) % len(STATUSES)],
            applied_on=(now - timedelta(days=30 + index)).date(),
            archived=index == APPLICATIONS_EACH - 1 and number % 3 == 0,
        )
        for number, owner in enumerate(owners)
        for index in range(APPLICATIONS_EACH)
    )
    StatusChange.objects.bulk_create(
        change
        for application in applications
        for change in (
            StatusChange(
                application=application,
                to_status=Application.Status.APPLIED,
                changed_at=now - timedelta(days=30),
            ),
            StatusChange(
                application=application,
                from_status=Application.Status.APPLIED,
                to_status=application.status,
                changed_at=now - timedelta(days=10),
            ),
        )
    )
    interviews = Interview.objects.bulk_create(
        Interview(
            application=application,
            kind=Interview.Kind.TECHNICAL,
            # From six weeks ago to three weeks ahead; two in five went badly.
            scheduled_at=now + timedelta(days=(application.pk * 7 + index * 11) % 63 - 42),
            rating=(application.pk + index) % 5 + 1,
        )
        for application in applications
        for index in range(INTERVIEWS_EACH)
    )
    past = [interview for interview in interviews if interview.scheduled_at < now]
    FollowUpLetter.objects.bulk_create(
        FollowUpLetter(
            interview=interview,
            kind=FollowUpLetter.Kind.THANK_YOU,
            subject="Thank you",
            body="Dear Sam,\n\nThank you.\n\nBest regards,\nAlex",
            status=FollowUpLetter.Status.SENT if interview.pk % 2 else FollowUpLetter.Status.DRAFT,
            sent_on=(now - timedelta(days=2)).date() if interview.pk % 2 else None,
        )
        for interview in past
        if interview.pk % 3
    )
    bad = [interview for interview in past if interview.rating <= 2]
    reflections = Reflection.objects.bulk_create(
        Reflection(
            interview=interview,
            status=Reflection.Status.COMPLETE,
            feelings_before=["upset"],
            intensity_before=8,
            causes=[Reflection.Cause.UNDER_PREPARED],
            what_happened="I froze on the system design question.",
            intensity_after=4,
            follow_up=Reflection.FollowUp.APOLOGY,
            completed_at=now,
        )
        for interview in bad
        if interview.pk % 4
    )
    Lesson.objects.bulk_create(
        Lesson(
            reflection=reflection,
            text="Practise system design aloud.",
            category=Lesson.Category.PREPARATION,
            action="One mock interview a week.",
        )
        for reflection in reflections
    )
    WizardDraft.objects.bulk_create(
        WizardDraft(owner=interview.application.owner, interview=interview, current_step="feelings")
        for interview in bad
        if not interview.pk % 4
    )


def copied_value(field, spans, copy):
    """Return the SQL for field's value in copy number copy of a row.

    Its id and its keys to copied tables move along by their table's span; unique text
    (an e-mail address, a calendar token) takes the copy's number.
    """
    column = f"row.{connection.ops.quote_name(field.column)}"
    if field.primary_key:
        return f"{column} + {copy} * {spans[field.model]}"
    if field.is_relation and field.related_model in spans:
        return f"{column} + {copy} * {spans[field.related_model]}"
    if field.unique and field.get_internal_type() == "EmailField":
        return f"'{copy}.' || {column}"
    if field.unique:
        return f"{column} || '.{copy}'"
    return column


def copy_rows(copies):
    """Fill the COPIED tables with copies - 1 more of every row, each copy its own people.

    A copy's ids are the originals moved along by the table's span of ids, and so are its
    keys to the other copied tables, so each copy is a whole family of rows of its own.
    """
    spans = {}
    with connection.cursor() as cursor:
        for model in COPIED:
            table = connection.ops.quote_name(model._meta.db_table)
            key = connection.ops.quote_name(model._meta.pk.column)
            cursor.execute(f"SELECT min({key}), max({key}) FROM {table}")
            low, high = cursor.fetchone()
            spans[model] = high - low + 1
            fields = model._meta.concrete_fields
            columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
            for copy in range(1, copies):
                values = ", ".join(copied_value(field, spans, copy) for field in fields)
                cursor.execute(
                    f"INSERT INTO {table} ({columns}) SELECT {values} FROM {table} AS row"
                    f" WHERE row.{key} BETWEEN %s AND %s",
                    [low, high],
                )
        for sql in connection.ops.sequence_reset_sql(no_style(), COPIED):
            cursor.execute(sql)


@pytest.fixture(scope="module")
def viewer(django_db_setup, django_db_blocker):
    """Load everyone's history once for the module, and roll it back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        now = timezone.now()
        made = User.objects.bulk_create(
            User(email=f"user{number}@crowd.example", password="!") for number in range(MADE_USERS)
        )
        Profile.objects.bulk_create(Profile(user=user) for user in made)
        load_history(made, now)
        copy_rows(COPIES)
        # One more of the many, made to sign in with.
        person = make_user("viewer@crowd.example")
        load_history([person], now)
        with connection.cursor() as cursor:
            for model in COPIED:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        yield person
        transaction.set_rollback(True)


def page_url(page, user):
    if page == "application_history":
        application = Application.objects.owned_by(user).order_by("pk").first()
        return reverse("interviews:application_history", args=[application.pk])
    return reverse(f"interviews:{page}")


def is_select(sql):
    return re.match(r"\s*(SELECT|WITH)\b", sql, re.IGNORECASE) is not None


def names_checked_table(sql):
    return any(connection.ops.quote_name(table) in sql for table in CHECKED_TABLES)


def explain(sql, *options):
    """Return PostgreSQL's plan for sql, already bound to its parameters."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN ({', '.join(options) or 'FORMAT TEXT'}) {sql}")
        return [row[0] for row in cursor.fetchall()]


def seq_scanned(plan):
    """Yield the checked tables a JSON plan node, or any node under it, reads whole."""
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") in CHECKED_TABLES:
        yield plan["Relation Name"]
    for child in plan.get("Plans", ()):
        yield from seq_scanned(child)


def tables_read_whole(sql):
    (document,) = explain(sql, "FORMAT JSON")
    if isinstance(document, str):
        document = json.loads(document)
    return sorted(set(seq_scanned(document[0]["Plan"])))


def read_whole(page, user):
    """Open page as user; return the SELECTs it ran on CHECKED_TABLES and the plans that failed."""
    client = logged_in(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page_url(page, user))
    assert response.status_code == 200
    # What Django logged is the statement as sent, its parameters bound in.
    selects = [
        query["sql"]
        for query in captured.captured_queries
        if is_select(query["sql"]) and names_checked_table(query["sql"])
    ]
    failed = [
        f"Seq Scan on {', '.join(tables)} in\n{sql}\n\n" + "\n".join(explain(sql))
        for sql in selects
        if (tables := tables_read_whole(sql))
    ]
    return selects, failed


@pytest.mark.parametrize("page", PAGES)
def test_one_persons_page_reads_the_history_tables_through_an_index(viewer, db, page):
    selects, failed = read_whole(page, viewer)
    assert selects, f"{page} read none of {sorted(CHECKED_TABLES)}: nothing was proved"
    assert not failed, f"{page}:\n\n" + "\n\n----\n\n".join(failed)


def test_a_page_whose_owner_index_is_gone_is_caught(viewer, db):
    table = Application._meta.db_table
    with connection.cursor() as cursor:
        owner_first = [
            name
            for name, constraint in connection.introspection.get_constraints(cursor, table).items()
            if constraint["index"] and constraint["columns"][:1] == ["owner_id"]
        ]
        assert owner_first
        # Dropped inside the test's transaction, so they are back when it rolls back.
        for name in owner_first:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    _, failed = read_whole("application_list", viewer)
    assert failed
    assert f"Seq Scan on {table}" in failed[0]
