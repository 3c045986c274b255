"""Your data: export, import into an empty account, delete the account, log out everywhere."""

import io
import json
import zipfile
from datetime import UTC, date, datetime, time, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from interviews.models import (
    Application,
    CaughtOutQuestion,
    Contact,
    Document,
    FollowUpLetter,
    Interview,
    Lesson,
    Practice,
    Profile,
    Reflection,
    StingCheck,
    Tag,
    User,
    WizardDraft,
)
from interviews.privacy.schema import RECORDS, VERSION

from ..conftest import (
    PASSWORD,
    QUERY_BUDGET,
    logged_in,
    make_application,
    make_contact,
    make_document,
    make_interview,
    make_letter,
    make_reflection,
    make_user,
)
from ..tracking import documents_files

EXPORT = reverse("interviews:data_export")
IMPORT = reverse("interviews:data_import")
DELETE = reverse("interviews:account_delete")
LOGOUT_EVERYWHERE = reverse("interviews:logout_everywhere")


def give_rich_data(user, company="Northwind"):
    """Fill an account with every kind of row, with awkward values where they can be."""
    user.profile.display_name = "Alex Rivera"
    user.profile.remind_cool_off = True
    user.profile.remind_sting = True
    user.profile.ask_sting_on_dashboard = False
    user.profile.quiet_from = time(22, 0)
    user.profile.quiet_until = time(7, 30)
    user.profile.time_zone = "Europe/London"
    user.profile.cool_off_hours = 72
    user.profile.save()
    application = make_application(
        owner=user,
        company=company,
        role="Backend developer — Python",
        job_url="https://jobs.example.com/42",
        location="Leeds / remote",
        source="A friend",
        salary_text="55–60k + bonus",
        salary_min=55000,
        salary_max=60000,
        salary_currency="GBP",
        salary_period=Application.SalaryPeriod.YEAR,
        deadline=date(2026, 3, 1),
        excitement=4,
        applied_on=date(2026, 2, 20),
        notes="Línea 1\nLine 2 ✨",
    )
    tags = [Tag.objects.get_or_create(owner=user, name=name)[0] for name in ("remote", "python")]
    application.tags.set(tags)
    Tag.objects.get_or_create(owner=user, name="unused")
    bad = make_interview(
        application=application,
        scheduled_at=datetime(2026, 2, 27, 14, 0, 0, 123456, tzinfo=UTC),
        rating=1,
        marked_bad=True,
        cool_off_confirmed=True,
        interviewers="Sam Jones, Priya Patel",
        format=Interview.Format.PHONE,
        location="https://meet.example.com/abc",
        ical_uid="invite-42@calendar.example.com",
    )
    sam = make_contact(
        owner=user,
        name="Sam Jones",
        email="sam@example.com",
        role=Contact.Role.RECRUITER,
        applications=[application],
    )
    bad.contacts.add(sam)
    make_contact(owner=user, name="Priya Patel", email="", applications=[])
    make_document(application=application, title="The posting", text="Build APIs.")
    make_document(
        application=application,
        kind=Document.Kind.RESUME,
        title="CV v2",
        text="",
        file=ContentFile(documents_files.PDF, name="ignored"),
        file_name="My CV.pdf",
        content_type="application/pdf",
        size=len(documents_files.PDF),
        sent=True,
    )
    reflection = make_reflection(
        interview=bad,
        lessons=2,
        questions=2,
        thinking_traps=[Reflection.ThinkingTrap.CATASTROPHISING],
        reframe="One hour, not my whole career.",
    )
    lesson = reflection.lessons.first()
    lesson.done = True
    lesson.done_at = timezone.now()
    lesson.save()
    question = reflection.questions.first()
    question.times_practised = 3
    question.last_practised_at = timezone.now() - timedelta(hours=5)
    question.box = 3
    question.due_on = date(2026, 3, 4)
    question.save()
    Practice.objects.create(question=question, result=Practice.Result.SHAKY)
    Practice.objects.create(question=question, result=Practice.Result.WELL)
    StingCheck.objects.create(interview=bad, day=14, intensity=3)
    StingCheck.objects.create(interview=bad, day=3, intensity=7, note="Still sore — a bit.")
    make_letter(interview=bad, kind=FollowUpLetter.Kind.APOLOGY, body="I am sorry, truly.")
    make_letter(interview=bad, status=FollowUpLetter.Status.SENT, sent_on=date(2026, 2, 28))
    make_interview(
        application=application,
        rating=4,
        kind=Interview.Kind.FINAL,
        scheduled_at=datetime(2026, 3, 5, 10, 0, tzinfo=UTC),
    )
    draft_reflection_interview = make_interview(
        application=application, rating=2, scheduled_at=datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    )
    make_reflection(interview=draft_reflection_interview, status=Reflection.Status.DRAFT)
    make_application(owner=user, company=f"{company} Labs", role="Data engineer", status="wishlist")
    by_hand = CaughtOutQuestion.objects.create(
        owner=user, application=application, question="Why this team?", box=2
    )
    Practice.objects.create(question=by_hand, result=Practice.Result.WELL)
    WizardDraft.objects.create(owner=user, interview=bad, current_step="feelings", data={"a": 1})
    return application


@pytest.fixture
def rich_alice(alice):
    give_rich_data(alice)
    return alice


@pytest.fixture
def rich_mallory(mallory):
    give_rich_data(mallory, company="Mallory Corp")
    return mallory


def upload(payload, name="rebound-export.json"):
    content = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return SimpleUploadedFile(name, content, content_type="application/json")


def export_bytes(client):
    """Download the export zip and return its bytes."""
    response = client.get(EXPORT)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def export_zip(client):
    """Download the export and return it as an open zip."""
    return zipfile.ZipFile(io.BytesIO(export_bytes(client)))


def exported(client):
    """Download the export and return its export.json, parsed."""
    return json.loads(export_zip(client).read("export.json"))


def rezipped(content, payload):
    """Return the export zip content with its export.json replaced by payload."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            data = json.dumps(payload).encode() if name == "export.json" else source.read(name)
            target.writestr(name, data)
    return buffer.getvalue()


def import_file(client, payload):
    return client.post(IMPORT, {"export_file": upload(payload)})


def import_zip(client, content):
    return client.post(IMPORT, {"export_file": SimpleUploadedFile("export.zip", content)})


def without_exported_at(payload):
    return {key: value for key, value in payload.items() if key != "exported_at"}


def rows_of(user):
    """Count every row that belongs to user, model by model."""
    session_ids = [s.get_decoded().get(SESSION_KEY) for s in Session.objects.all()]
    return {
        "user": User.objects.filter(pk=user.pk).count(),
        "profile": Profile.objects.filter(user=user).count(),
        "email": EmailAddress.objects.filter(user=user).count(),
        "wizard_draft": WizardDraft.objects.filter(owner=user).count(),
        "session": session_ids.count(str(user.pk)),
        **{
            model.__name__: model.objects.owned_by(user).count()
            for model in (
                Application,
                Interview,
                Reflection,
                CaughtOutQuestion,
                Lesson,
                FollowUpLetter,
                Contact,
                Document,
                Tag,
                StingCheck,
                Practice,
            )
        },
    }


# Export


def test_export_downloads_the_owners_data_as_a_dated_zip_attachment(rich_alice, alice_client):
    response = alice_client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    payload = json.loads(archive.read("export.json"))
    exported_at = datetime.fromisoformat(payload["exported_at"])
    assert payload["exported_at"].endswith("Z")
    day = timezone.localtime(exported_at, rich_alice.profile.tzinfo).date()
    assert response["Content-Disposition"] == f'attachment; filename="rebound-export-{day}.zip"'
    assert payload["schema"] == "rebound-export"
    assert payload["version"] == VERSION == 4
    assert payload["profile"] == {
        "display_name": "Alex Rivera",
        "time_zone": "Europe/London",
        "cool_off_hours": 72,
        "remind_cool_off": True,
        "remind_letter": False,
        "letter_reminder_days": 7,
        "remind_interview": False,
        "remind_sting": True,
        "ask_sting_on_dashboard": False,
        "remind_by_email": True,
        "remind_in_app": True,
        "quiet_from": "22:00",
        "quiet_until": "07:30",
    }


def test_export_nests_everything_under_its_application_with_iso_dates(rich_alice, alice_client):
    payload = exported(alice_client)
    first, second = payload["applications"]
    assert first["company"] == "Northwind"
    assert first["applied_on"] == "2026-02-20"
    assert first["notes"] == "Línea 1\nLine 2 ✨"
    assert second["interviews"] == []
    bad = first["interviews"][0]
    assert bad["scheduled_at"] == "2026-02-27T14:00:00.123456Z"
    assert bad["reflection"]["thinking_traps"] == ["catastrophising"]
    assert [q["question"] for q in bad["reflection"]["questions"]] == ["Question 0?", "Question 1?"]
    assert [lesson["done"] for lesson in bad["reflection"]["lessons"]] == [True, False]
    assert [letter["kind"] for letter in bad["letters"]] == ["apology", "thank_you"]
    assert bad["letters"][1]["sent_on"] == "2026-02-28"
    assert first["interviews"][1]["reflection"] is None
    assert first["interviews"][2]["reflection"]["status"] == "draft"


def test_export_holds_no_database_ids_or_secrets(rich_alice, alice_client):
    archive = export_zip(alice_client)
    text = archive.read("export.json").decode()
    stored = [document.file.name for document in Document.objects.owned_by(rich_alice)]

    def keys(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                yield key
                yield from keys(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from keys(inner)

    names = set(keys(json.loads(text)))
    # ical_uid is the calendar invite's own id, not one of Rebound's.
    assert not {name for name in names if name == "id" or name.endswith("_id")} - {"ical_uid"}
    assert rich_alice.profile.calendar_token not in text
    assert "password" not in names
    # The stored names of files are Rebound's secret; the zip names them afresh.
    assert all(name and name not in text for name in stored if name)
    assert not any(name in member for name in stored if name for member in archive.namelist())


def test_export_never_includes_another_users_data(rich_alice, rich_mallory, alice_client):
    text = export_zip(alice_client).read("export.json").decode()
    assert "Northwind" in text
    assert "Mallory Corp" not in text


def test_export_schema_covers_every_field_of_every_exported_model():
    # A new model field must be added to the schema (and the version considered) on purpose.
    not_exported = {"id", "calendar_token", "user", "owner", "application", "interview"}
    not_exported |= {"reflection"}
    # A document's bytes travel as a zip member; its type and size are read from them again.
    not_exported |= {"file", "content_type", "size"}
    for model, (fields, _nested) in RECORDS.items():
        # A practice hangs off its question, as a question off its reflection.
        parent = {"question"} if model.__name__ == "Practice" else set()
        concrete = {f.name for f in model._meta.concrete_fields} - not_exported - parent
        assert set(fields) == concrete, model.__name__


def test_export_costs_the_same_queries_for_one_application_and_for_fifty(
    alice, alice_client, django_assert_max_num_queries, django_assert_num_queries
):
    give_rich_data(alice)
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        assert alice_client.get(EXPORT).status_code == 200
    for number in range(49):
        give_rich_data(alice, company=f"Company {number}")
    with django_assert_num_queries(len(one)):
        assert len(export_zip(alice_client).namelist()) == 51


def test_export_rejects_post(alice_client):
    assert alice_client.post(EXPORT).status_code == 405


# Import


def test_import_restores_an_export_exactly_into_a_new_account(rich_alice, alice_client):
    content = export_bytes(alice_client)
    newcomer = make_user("newcomer@example.com")
    client = logged_in(newcomer)

    response = import_zip(client, content)

    assert response.status_code == 302
    assert response["Location"] == reverse("interviews:dashboard")
    before, after = zipfile.ZipFile(io.BytesIO(content)), export_zip(client)
    payload = json.loads(before.read("export.json"))
    assert without_exported_at(json.loads(after.read("export.json"))) == without_exported_at(
        payload
    )
    assert after.namelist() == before.namelist()
    assert after.read("documents/1-My CV.pdf") == documents_files.PDF
    assert rows_of(newcomer) == {**rows_of(rich_alice), "wizard_draft": 0, "session": 1}
    assert rows_of(newcomer)["Application"] == 2
    newcomer.profile.refresh_from_db()
    assert newcomer.profile.calendar_token != rich_alice.profile.calendar_token


def test_import_says_what_came_back(rich_alice, alice_client):
    content = export_bytes(alice_client)
    client = logged_in(make_user("newcomer@example.com"))
    response = import_zip(client, content)
    page = client.get(response["Location"]).content.decode()
    assert "Your data is back: 2 applications and 3 interviews." in page


def test_import_leaves_other_users_untouched(rich_alice, rich_mallory, alice_client):
    content = export_bytes(alice_client)
    before = rows_of(rich_mallory)
    assert import_zip(logged_in(make_user("newcomer@example.com")), content).status_code == 302
    assert rows_of(rich_mallory) == before


def test_import_into_an_account_with_applications_is_refused(rich_alice, alice_client):
    content = export_bytes(alice_client)
    before = rows_of(rich_alice)
    response = import_zip(alice_client, content)
    assert response.status_code == 200
    assert "already has applications" in response.content.decode()
    assert rows_of(rich_alice) == before


def test_import_page_explains_when_the_account_is_not_empty(rich_alice, alice_client):
    response = alice_client.get(IMPORT)
    assert response.status_code == 200
    assert "already has applications" in response.content.decode()
    assert b'type="file"' not in response.content


def test_import_page_offers_the_upload_form_to_an_empty_account(alice_client):
    response = alice_client.get(IMPORT)
    assert response.status_code == 200
    assert b'type="file"' in response.content
    assert reverse("interviews:settings").encode() in response.content


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00", "not valid JSON"),
        (b'{"schema": "something-else", "version": 1}', "not a Rebound data export"),
        (b"[1, 2, 3]", "not a Rebound data export"),
        (
            b'{"schema": "rebound-export", "version": 5}',
            "format version 5; this Rebound reads versions 1, 2, 3 and 4.",
        ),
    ],
)
def test_import_refuses_a_file_it_cannot_read(alice, alice_client, content, message):
    response = import_file(alice_client, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert rows_of(alice)["Application"] == 0


def test_import_refuses_a_json_file_over_twenty_megabytes(alice, alice_client):
    payload = {"schema": "rebound-export", "version": 1, "padding": "x" * (20 * 1024 * 1024)}
    response = import_file(alice_client, payload)
    assert "at most 20.0\xa0MB" in response.content.decode()
    assert rows_of(alice)["Application"] == 0


def test_import_validates_every_record_and_saves_nothing_when_one_fails(
    rich_alice, alice_client, documents_storage
):
    content = export_bytes(alice_client)
    payload = json.loads(zipfile.ZipFile(io.BytesIO(content)).read("export.json"))
    last = payload["applications"][0]["interviews"][0]["reflection"]["lessons"][-1]
    last["category"] = "luck"
    payload["applications"][1]["status"] = "maybe"
    payload["profile"]["cool_off_hours"] = 500
    newcomer = make_user("newcomer@example.com")
    files_before = sorted(documents_storage.rglob("*"))

    response = import_zip(logged_in(newcomer), rezipped(content, payload))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Application 1, interview 1, reflection, lesson 2: category" in page
    assert "Application 2: status" in page
    assert "Profile: cool_off_hours" in page
    assert rows_of(newcomer)["Application"] == 0
    assert sorted(documents_storage.rglob("*")) == files_before
    newcomer.profile.refresh_from_db()
    assert newcomer.profile.cool_off_hours == 48


def test_import_refuses_an_unknown_time_zone(alice, alice_client):
    payload = {"schema": "rebound-export", "version": 1, "profile": {"time_zone": "Mars/Base"}}
    response = import_file(alice_client, payload)
    assert "Profile: time_zone: “Mars/Base” is not a time zone" in response.content.decode()
    alice.profile.refresh_from_db()
    assert alice.profile.time_zone == "UTC"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"scheduled_at": "2026-02-27 14:00"}, "scheduled_at: must be an ISO 8601 date and time"),
        ({"rating": "2"}, "rating: must be a whole number"),
        ({"rating": 9}, "rating: Value 9 is not a valid choice."),
        ({"marked_bad": "yes"}, "marked_bad: must be true or false"),
        ({"interviewers": None}, "interviewers: must not be null"),
        ({"surprise": 1}, "unknown key “surprise”"),
        ({"letters": {}}, "“letters” must be a list"),
        (
            {"letters": [{"kind": "thank_you", "status": "sent", "sent_on": None}]},
            "A sent letter needs the day it was sent",
        ),
    ],
)
def test_import_names_the_field_that_is_wrong(alice, alice_client, change, message):
    interview = {"kind": "technical", "scheduled_at": "2026-02-27T14:00:00Z", **change}
    payload = {
        "schema": "rebound-export",
        "version": 1,
        "applications": [{"company": "Acme", "role": "Dev", "interviews": [interview]}],
    }
    response = import_file(alice_client, payload)
    assert message in response.content.decode()
    assert rows_of(alice)["Application"] == 0


def test_import_fills_missing_keys_with_defaults(alice, alice_client):
    payload = {
        "schema": "rebound-export",
        "version": 1,
        "applications": [{"company": "Acme", "role": "Dev", "applied_on": "2026-01-05"}],
    }
    assert import_file(alice_client, payload).status_code == 302
    application = Application.objects.owned_by(alice).get()
    assert application.status == Application.Status.APPLIED
    assert application.applied_on == date(2026, 1, 5)


def test_import_rejects_put(alice_client):
    assert alice_client.put(IMPORT).status_code == 405


# Delete the account


def test_delete_page_says_what_goes_and_asks_for_the_password(rich_alice, alice_client):
    response = alice_client.get(DELETE)
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 applications" in page
    assert "3 interviews" in page
    assert "2 follow-up letters" in page
    assert 'type="password"' in page
    assert reverse("interviews:data_export") in page
    assert reverse("interviews:settings") in page


def test_wrong_password_deletes_nothing_and_says_so(rich_alice, alice_client):
    before = rows_of(rich_alice)
    response = alice_client.post(DELETE, {"password": "not-my-password"})
    assert response.status_code == 200
    assert "That is not your password" in response.content.decode()
    assert rows_of(rich_alice) == before


def test_guessing_the_password_is_rate_limited(alice, alice_client):
    for _attempt in range(10):
        alice_client.post(DELETE, {"password": "guess"})
    response = alice_client.post(DELETE, {"password": PASSWORD})
    assert "Too many attempts" in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()


def test_delete_removes_every_row_of_the_user_and_no_one_elses(rich_alice, rich_mallory):
    alice_client, other_device = logged_in(rich_alice), logged_in(rich_alice)
    mallory_client = logged_in(rich_mallory)
    alice_before, mallory_before = rows_of(rich_alice), rows_of(rich_mallory)
    assert alice_before["session"] == 2
    assert all(alice_before.values())

    response = alice_client.post(DELETE, {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert set(rows_of(rich_alice).values()) == {0}
    assert rows_of(rich_mallory) == mallory_before
    assert other_device.get(reverse("interviews:dashboard")).status_code == 302
    assert mallory_client.get(reverse("interviews:dashboard")).status_code == 200


def test_after_deleting_the_visitor_is_logged_out_with_a_goodbye(alice, alice_client):
    response = alice_client.post(DELETE, {"password": PASSWORD}, follow=True)
    page = response.content.decode()
    assert "Your account and everything in it are deleted" in page
    assert alice_client.get(reverse("interviews:dashboard")).status_code == 302


def test_delete_rejects_put(alice_client):
    assert alice_client.put(DELETE).status_code == 405


# Log out everywhere


def test_logging_out_everywhere_ends_every_session_of_the_user_only(alice, mallory):
    laptop, phone, mallory_client = logged_in(alice), logged_in(alice), logged_in(mallory)

    response = laptop.post(LOGOUT_EVERYWHERE)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    dashboard = reverse("interviews:dashboard")
    assert phone.get(dashboard).status_code == 302
    assert laptop.get(dashboard).status_code == 302
    assert mallory_client.get(dashboard).status_code == 200
    assert rows_of(alice)["session"] == 0
    assert User.objects.filter(pk=alice.pk).exists()


def test_logging_out_everywhere_says_so_on_the_login_page(alice_client):
    response = alice_client.post(LOGOUT_EVERYWHERE, follow=True)
    assert "You are logged out on every device" in response.content.decode()


def test_logging_out_everywhere_gives_this_browser_a_new_session(alice_client):
    alice_client.get(reverse("interviews:dashboard"))
    old_key = alice_client.session.session_key
    alice_client.post(LOGOUT_EVERYWHERE)
    assert alice_client.session.session_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()


def test_logging_out_everywhere_by_get_is_not_allowed(alice_client):
    assert alice_client.get(LOGOUT_EVERYWHERE).status_code == 405
    assert alice_client.get(reverse("interviews:dashboard")).status_code == 200


def test_anonymous_logout_everywhere_is_sent_to_log_in(client, mallory):
    mallory_client = logged_in(mallory)
    response = client.post(LOGOUT_EVERYWHERE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert mallory_client.get(reverse("interviews:dashboard")).status_code == 200
