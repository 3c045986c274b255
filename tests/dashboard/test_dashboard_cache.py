"""The dashboard's cache: a second load is cheap, every write shows, time moves it on, no one
sees another person's page."""

import io
import json
import math
import pickle
import re
import zipfile
import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interviews.dashboard import cache as dashboard_cache
from interviews.library.services import question_practise
from interviews.models import (
    ApiToken,
    Application,
    MentorLink,
    MentorLinkView,
    Practice,
    Reminder,
    StatusChange,
    StingCheck,
    Tag,
    WizardDraft,
)
from interviews.privacy.restore import account_data_import
from interviews.tracking.csv_import import parse_applications
from interviews.tracking.services import (
    application_save,
    applications_import,
    applications_move,
    contact_link,
)

from ..conftest import (
    logged_in,
    make_application,
    make_contact,
    make_document,
    make_interview,
    make_letter,
    make_reflection,
    make_user,
)

URL = reverse("interviews:dashboard")


def url(name, *args):
    return reverse(f"interviews:{name}", args=args)


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def ahead(**kwargs):
    return timezone.now() + timedelta(**kwargs)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Return a context manager whose block commits, as a request's writes do.

    Tests run in a transaction that never commits; the block's on-commit hooks (the
    generation bumps among them) run at its end.
    """
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def alice(db, django_capture_on_commit_callbacks):
    # Made and signed in as committed rows, so no write of hers is left pending.
    with django_capture_on_commit_callbacks(execute=True):
        return make_user("alice@example.com")


@pytest.fixture
def alice_client(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return logged_in(alice)


@pytest.fixture
def mallory(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_user("mallory@example.com")


@pytest.fixture
def mallory_client(mallory, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return logged_in(mallory)


@pytest.fixture
def builds(monkeypatch):
    """Record whose dashboard is worked out afresh rather than read from the cache."""
    made = []
    real = dashboard_cache._build

    def counted(user, now, keep):
        made.append(user.pk)
        return real(user, now, keep)

    monkeypatch.setattr(dashboard_cache, "_build", counted)
    return made


def load(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response


def make_scene(owner):
    """Give owner one of everything the dashboard shows, and return the rows by name."""
    northwind = make_application(owner=owner, company="Northwind", status="interviewing")
    hard = make_interview(application=northwind, rating=1, scheduled_at=ago(days=4))
    reflection = make_reflection(interview=hard, lessons=1, questions=1)
    fresh = make_interview(
        application=make_application(owner=owner, company="Globex", status="interviewing"),
        rating=1,
        scheduled_at=ago(days=5),
    )
    return {
        "northwind": northwind,
        "hard": hard,
        "fresh": fresh,
        "lesson": reflection.lessons.get(),
        "question": reflection.questions.get(),
        "letter": make_letter(interview=hard),
        "contact": make_contact(owner=owner, name="Ravi Shah", email="ravi@globex.example"),
        "tag": Tag.objects.create(owner=owner, name="remote"),
        "next": make_interview(application=northwind, scheduled_at=ahead(days=3)),
        "reminder": Reminder.objects.create(
            owner=owner,
            kind=Reminder.Kind.COOL_OFF_ENDED,
            interview=fresh,
            key=f"cool-off-{fresh.pk}",
            due_at=ago(hours=1),
        ),
    }


def checklist(context):
    (first, *_) = context["dashboard"].coming_up
    return first


def step_of(context, interview):
    """Return the next step the page shows for interview, as drawn (kept or just worked out)."""
    link = f'href="{interview.get_absolute_url()}"'
    (item,) = [i for i in str(context["sections"]).split('class="recovering-item"') if link in i]
    return re.search(r'next-step-\w+" href="[^"]*">([^<]*)<', item).group(1)


def count_of(context, status):
    return next(stage.count for stage in context["dashboard"].pipeline if stage.status == status)


# Each kind of write: (what the dashboard reads before it, the write, the same reading).


def add_application(client, owner, scene):
    data = {"company": "Zebracorn", "role": "Designer", "status": "applied"}
    assert client.post(url("application_create"), data).status_code == 302


def add_interview(client, owner, scene):
    moment = timezone.localtime(ahead(days=9), owner.profile.tzinfo)
    data = {
        "kind": "technical",
        "scheduled_at": moment.strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "60",
        "format": "video",
        "interviewers": "",
        "outcome": "pending",
    }
    response = client.post(url("interview_create", scene["northwind"].pk), data)
    assert response.status_code == 302


def delete_interview(client, owner, scene):
    assert client.post(url("interview_delete", scene["next"].pk)).status_code == 302


def begin_reflection(client, owner, scene):
    # The wizard's finish saves the reflection row; its post_save is what this exercises.
    make_reflection(interview=scene["fresh"], status="draft", lessons=0)


def send_letter(client, owner, scene):
    sent_on = timezone.localdate(timezone=owner.profile.tzinfo).isoformat()
    response = client.post(url("letter_mark_sent", scene["letter"].pk), {"sent_on": sent_on})
    assert response.status_code == 302


def do_action(client, owner, scene):
    response = client.post(url("action_toggle", scene["lesson"].pk), {"done": "1"})
    assert response.status_code == 302


def add_question(client, owner, scene):
    data = {
        "question": "Why this team?",
        "what_i_said": "I did not know.",
        "better_answer": "Because of its work on search.",
        "application": scene["northwind"].pk,
    }
    assert client.post(url("question_create"), data).status_code == 302


def practise_question(client, owner, scene):
    question_practise(question=scene["question"])


def add_contact(client, owner, scene):
    make_contact(owner=owner, applications=[scene["northwind"]])


def link_contact(client, owner, scene):
    # Only a many-to-many link is written: no row of the contact or the application is saved.
    contact_link(application=scene["northwind"], contact=scene["contact"])


def move_status(client, owner, scene):
    response = client.post(url("application_move", scene["northwind"].pk), {"status": "offer"})
    assert response.status_code == 302


def move_many(client, owner, scene):
    applications_move(applications=Application.objects.owned_by(owner), status="rejected")


def import_csv(client, owner, scene):
    parsed = parse_applications(b"Company,Role,Status\nZebracorn,Designer,Applied\n")
    assert len(applications_import(owner=owner, rows=parsed.rows)) == 1


def turn_reminders_off(client, owner, scene):
    data = {"remind_cool_off": "on", "remind_by_email": "on", "letter_reminder_days": "7"}
    assert client.post(url("reminder_settings"), data).status_code == 302


def change_time_zone(client, owner, scene):
    data = {"time_zone": "Pacific/Kiritimati", "cool_off_hours": str(owner.profile.cool_off_hours)}
    assert client.post(url("settings"), data).status_code == 302


def answer_sting(client, owner, scene):
    response = client.post(url("sting_check", scene["hard"].pk), {"intensity": "3"})
    assert response.status_code == 302


def add_document(client, owner, scene):
    make_document(application=scene["northwind"])


def tag_application(client, owner, scene):
    application_save(application=scene["northwind"], tag_names=["remote", "python"])


def link_tag(client, owner, scene):
    scene["northwind"].tags.add(scene["tag"])


# A reading of None: the dashboard shows no contacts, documents or tags, so the test can
# only see that the next load is worked out afresh (the board and the API do show them).
WRITES = {
    "application": (add_application, lambda c, s: count_of(c, "applied")),
    "interview": (add_interview, lambda c, s: len(c["dashboard"].coming_up)),
    "interview deleted": (delete_interview, lambda c, s: len(c["dashboard"].coming_up)),
    "reflection": (begin_reflection, lambda c, s: step_of(c, s["fresh"])),
    "letter": (send_letter, lambda c, s: [w.pk for w in c["dashboard"].waiting]),
    "lesson": (do_action, lambda c, s: [e.item.pk for e in checklist(c).actions]),
    "question": (add_question, lambda c, s: checklist(c).all_questions),
    "practice": (
        practise_question,
        lambda c, s: [(e.item.pk, e.item.times_practised) for e in checklist(c).questions],
    ),
    "history": (move_status, lambda c, s: count_of(c, "offer")),
    "history in bulk": (move_many, lambda c, s: count_of(c, "rejected")),
    "import": (import_csv, lambda c, s: count_of(c, "applied")),
    "reminder settings": (turn_reminders_off, lambda c, s: [r.pk for r in c["reminders"]]),
    "time zone": (change_time_zone, lambda c, s: c["dashboard"].today),
    "sting check-in": (answer_sting, lambda c, s: [p.interview.pk for p in c["fading"].prompts]),
    "contact": (add_contact, None),
    "contact link": (link_contact, None),
    "document": (add_document, None),
    "tag": (tag_application, None),
    "tag link": (link_tag, None),
}


@pytest.mark.parametrize("kind", WRITES)
def test_each_kind_of_write_changes_the_next_dashboard(
    kind, alice, alice_client, committed, builds
):
    write, reading = WRITES[kind]
    with committed():
        alice.profile.time_zone = "Pacific/Pago_Pago"
        alice.profile.save()
        scene = make_scene(alice)
    before = load(alice_client).context
    # The page is now served from the cache: without a bump it would not change.
    assert load(alice_client).context["sections"] == before["sections"]
    assert builds == [alice.pk]

    with committed():
        write(alice_client, alice, scene)
    after = load(alice_client).context

    assert builds == [alice.pk, alice.pk]
    if reading is not None:
        assert reading(after, scene) != reading(before, scene)


def test_restoring_an_export_changes_the_next_dashboard(
    alice, alice_client, mallory, mallory_client, committed, builds
):
    with committed():
        make_scene(mallory)
    response = mallory_client.get(reverse("interviews:data_export"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    exported = json.loads(archive.read("export.json"))
    assert load(alice_client).context["dashboard"].is_new
    assert load(alice_client).context["dashboard"].is_new
    assert builds == [alice.pk]

    with committed():
        account_data_import(owner=alice, payload=exported)

    assert load(alice_client).context["dashboard"].applications == 2


def test_a_second_load_makes_far_fewer_queries(alice, alice_client, committed):
    with committed():
        make_scene(alice)
    with CaptureQueriesContext(connection) as first:
        load(alice_client)
    with CaptureQueriesContext(connection) as second:
        load(alice_client)

    # The session, the user, the generation and the entry: no section is worked out again.
    assert len(second) <= 6
    assert len(second) * 3 <= len(first)


def test_a_write_inside_an_open_transaction_is_shown_and_nothing_is_kept(
    alice, alice_client, committed, builds
):
    with committed():
        scene = make_scene(alice)
    load(alice_client)
    # Not committed yet: this connection sees the write, the cache is not told of it.
    make_application(owner=alice, company="Initech", status="applied")

    assert count_of(load(alice_client).context, "applied") == 1
    assert count_of(load(alice_client).context, "applied") == 1
    assert builds == [alice.pk] * 3
    assert scene


# Time passing, with no write ----------------------------------------------------------


@pytest.fixture
def clock(monkeypatch):
    """Return a settable clock that the pages and the cache read as now."""

    class Clock:
        now = timezone.now()

        def move(self, **kwargs):
            self.now = self.now + timedelta(**kwargs)

    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


def test_the_hours_left_count_down_without_a_write(alice, alice_client, committed, clock):
    with committed():
        hard = make_interview(owner=alice, rating=1, scheduled_at=clock.now - timedelta(hours=2))
    shown, expected = [], []
    for _ in range(3):
        shown.append(step_of(load(alice_client).context, hard))
        hours = math.ceil((hard.cool_off_until - clock.now).total_seconds() / 3600)
        expected.append(f"Cooling off — {hours} h left")
        clock.move(minutes=40)

    assert shown == expected
    assert len(set(shown)) > 1


def test_a_cool_off_ending_changes_the_next_step_without_a_write(
    alice, alice_client, committed, clock
):
    cool_off = timedelta(hours=alice.profile.cool_off_hours)
    with committed():
        # Its window ends in half an hour: well before any other moment that matters.
        hard = make_interview(
            owner=alice,
            rating=1,
            scheduled_at=clock.now - cool_off - timedelta(minutes=60 - 30),
            duration_minutes=60,
        )
    assert step_of(load(alice_client).context, hard) == "Cooling off — 1 h left"

    clock.now = hard.cool_off_until + timedelta(seconds=1)

    assert step_of(load(alice_client).context, hard) == "Reflect now"


def test_an_interview_starting_leaves_the_upcoming_ones_without_a_write(
    alice, alice_client, committed, clock
):
    with committed():
        soon = make_interview(owner=alice, scheduled_at=clock.now + timedelta(minutes=30))
    assert [c.interview.pk for c in load(alice_client).context["dashboard"].coming_up] == [soon.pk]

    clock.move(minutes=31)

    assert load(alice_client).context["dashboard"].coming_up == []


def test_local_midnight_changes_the_day_and_the_days_waiting_without_a_write(
    alice, alice_client, committed, clock
):
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    clock.now = datetime(2026, 11, 3, 23, 50, tzinfo=berlin)
    with committed():
        alice.profile.time_zone = "Europe/Berlin"
        alice.profile.save()
        interview = make_interview(owner=alice, scheduled_at=clock.now - timedelta(days=2))
        make_letter(interview=interview, status="sent", sent_on=clock.now.date())
    before = load(alice_client).context["dashboard"]
    assert (before.today.day, [w.days for w in before.waiting]) == (3, [0])

    clock.move(minutes=11)

    after = load(alice_client).context["dashboard"]
    assert (after.today.day, [w.days for w in after.waiting]) == (4, [1])


def test_a_sting_check_in_opening_at_midnight_is_asked_without_a_write(
    alice, alice_client, committed, clock
):
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    clock.now = datetime(2026, 11, 6, 23, 55, tzinfo=berlin)
    with committed():
        alice.profile.time_zone = "Europe/Berlin"
        alice.profile.save()
        hard = make_interview(owner=alice, rating=1, scheduled_at=clock.now - timedelta(days=2))
    assert load(alice_client).context["fading"].prompts == []

    clock.move(minutes=10)

    assert [p.interview.pk for p in load(alice_client).context["fading"].prompts] == [hard.pk]


def test_a_clock_set_back_never_reads_an_entry_made_later(alice, alice_client, committed, clock):
    with committed():
        soon = make_interview(owner=alice, scheduled_at=clock.now + timedelta(minutes=30))
    clock.move(minutes=31)
    assert load(alice_client).context["dashboard"].coming_up == []

    clock.move(minutes=-31)

    assert [c.interview.pk for c in load(alice_client).context["dashboard"].coming_up] == [soon.pk]


# Two people --------------------------------------------------------------------------


def test_one_persons_cached_dashboard_never_reaches_another(
    alice, alice_client, mallory, mallory_client, committed
):
    with committed():
        make_scene(alice)
        initech = make_application(owner=mallory, company="Initech", status="offer")
        make_interview(application=initech, rating=1, scheduled_at=ago(days=2))
    for added in range(3):
        # Hers is worked out after each write of hers, then read from the cache; theirs is
        # worked out once and read from the cache ever after.
        hers, theirs = load(alice_client), load(mallory_client)
        assert (count_of(hers.context, "applied"), count_of(hers.context, "offer")) == (added, 0)
        kept_hers, kept_theirs = load(alice_client), load(mallory_client)
        assert kept_hers.context["sections"] == hers.context["sections"]
        assert kept_theirs.context["sections"] == theirs.context["sections"]
        for page in (theirs, kept_theirs):
            assert b"Initech" in page.content
            assert b"Northwind" not in page.content
            assert b"Acme" not in page.content
        for page in (hers, kept_hers):
            assert b"Northwind" in page.content
            assert b"Initech" not in page.content
        with committed():
            make_application(owner=alice, company="Acme", status="applied")


def test_entries_are_kept_per_user_and_generation(alice, mallory, committed):
    alice_key = dashboard_cache._entry_key(alice.pk, dashboard_cache.generation(alice.pk))
    mallory_key = dashboard_cache._entry_key(mallory.pk, dashboard_cache.generation(mallory.pk))
    assert alice_key != mallory_key
    with committed():
        dashboard_cache.changed(alice.pk)
    assert dashboard_cache._entry_key(alice.pk, dashboard_cache.generation(alice.pk)) != alice_key


def test_a_lost_generation_never_comes_back_as_an_old_one(alice):
    first = dashboard_cache.generation(alice.pk)
    dashboard_cache.cache.delete(dashboard_cache._generation_key(alice.pk))
    assert dashboard_cache.generation(alice.pk) != first


def test_the_cache_holds_no_diary_text_in_the_clear(alice, alice_client, committed):
    with committed():
        make_scene(alice)
    load(alice_client)
    key = dashboard_cache._entry_key(alice.pk, dashboard_cache.generation(alice.pk))
    stored = dashboard_cache.cache.get(key)
    assert stored is not None
    assert b"Northwind" not in stored
    assert b"Action 0" not in stored
    assert b"Action 0" in pickle.dumps(dashboard_cache._open(stored))


# Every model is someone's -------------------------------------------------------------


def test_every_model_of_the_app_has_an_owner_path():
    models = {model.__name__ for model in apps.get_app_config("interviews").get_models()}
    assert models == set(dashboard_cache.OWNER_PATHS)


def test_every_owner_path_leads_to_the_owner(db):
    # An owner whose id no row below shares, so a path stopping one link short shows.
    for number in range(6):
        make_user(f"someone{number}@example.com")
    alice = make_user("alice@example.com")
    scene = make_scene(alice)
    hard, question = scene["hard"], scene["question"]
    link = MentorLink.objects.create(owner=alice, label="Coach", expires_at=ahead(days=7))
    rows = [
        alice,
        alice.profile,
        *scene.values(),
        scene["lesson"].reflection,
        StatusChange.objects.filter(application=scene["northwind"]).first(),
        make_document(application=scene["northwind"]),
        StingCheck.objects.create(interview=hard, day=3, intensity=4, answered_at=ago(hours=1)),
        Practice.objects.create(question=question, result="well", practised_at=ago(hours=1)),
        WizardDraft.objects.create(owner=alice, interview=hard, current_step="feelings", data={}),
        link,
        MentorLinkView.objects.create(link=link),
        ApiToken.objects.create(owner=alice, name="Laptop", scopes=["read"], digest="d" * 64),
    ]
    assert {type(row).__name__ for row in rows} == set(dashboard_cache.OWNER_PATHS)
    for row in rows:
        # Fetched afresh, so no link of the chain is already in memory.
        fresh = type(row)._base_manager.get(pk=row.pk)
        assert dashboard_cache.owner_id_of(fresh) == alice.pk, type(row).__name__
        assert dashboard_cache.owner_id_of(row) == alice.pk, type(row).__name__


def test_deleting_an_account_retires_its_dashboard(alice, committed):
    with committed():
        make_scene(alice)
    before = dashboard_cache.generation(alice.pk)
    with committed():
        alice.delete()
    assert dashboard_cache.generation(alice.pk) != before
