"""The reminder pages: settings, the one-click unsubscribe link, and Today's Dismiss."""

import datetime as dt
import logging
from datetime import timedelta

import pytest
from django.core import signing
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interviews.account import reminders
from interviews.account.reminders import unsubscribe_token
from interviews.account.today import today_reminders
from interviews.models import FollowUpLetter, Profile, Reminder

from ..conftest import make_interview, make_letter, make_reflection, make_user

Kind = Reminder.Kind
URL = reverse("interviews:reminder_settings")
ALL_ON = {"remind_cool_off": True, "remind_letter": True, "remind_interview": True}


def form_data(**overrides):
    data = {
        "remind_cool_off": "on",
        "remind_letter": "on",
        "letter_reminder_days": "7",
        "remind_interview": "",
        "remind_by_email": "on",
        "remind_in_app": "on",
        "quiet_from": "",
        "quiet_until": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value != ""}


# --- Settings -----------------------------------------------------------------------------


def test_reminders_are_off_until_turned_on(alice):
    assert switches(alice) == (False, False, False)


def test_the_settings_page_shows_each_choice(alice_client):
    response = alice_client.get(URL)
    assert response.status_code == 200
    for name in ALL_ON:
        assert f'name="{name}"' in response.text
    assert 'type="time"' in response.text
    assert "UTC" in response.text  # the zone the quiet hours are read in


def test_the_main_settings_page_links_to_reminders(alice_client):
    assert URL in alice_client.get(reverse("interviews:settings")).text


def test_saving_turns_on_the_chosen_kinds_and_quiet_hours(alice, alice_client):
    response = alice_client.post(
        URL, form_data(quiet_from="22:00", quiet_until="07:30", letter_reminder_days="10")
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=alice)
    assert (profile.remind_cool_off, profile.remind_letter, profile.remind_interview) == (
        True,
        True,
        False,
    )
    assert (profile.quiet_from, profile.quiet_until) == (dt.time(22), dt.time(7, 30))
    assert profile.letter_reminder_days == 10


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"quiet_from": "22:00"}, "quiet_until", "Give both times"),
        ({"quiet_until": "07:00"}, "quiet_from", "Give both times"),
        ({"quiet_from": "22:00", "quiet_until": "22:00"}, "quiet_until", "another time"),
        ({"quiet_from": "25:00", "quiet_until": "07:00"}, "quiet_from", "like 21:30"),
        ({"letter_reminder_days": "0"}, "letter_reminder_days", "at least 1 day"),
        ({"letter_reminder_days": "61"}, "letter_reminder_days", "at most 60 days"),
        ({"letter_reminder_days": "soon"}, "letter_reminder_days", "from 1 to 60"),
        ({"remind_by_email": "", "remind_in_app": ""}, "remind_in_app", "at least one way"),
    ],
)
def test_bad_choices_come_back_with_a_clear_message_and_nothing_saved(
    alice, alice_client, overrides, field, message
):
    response = alice_client.post(URL, form_data(**overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    profile = Profile.objects.get(user=alice)
    assert not profile.remind_cool_off
    assert profile.quiet_from is None


def test_no_way_to_be_reminded_is_fine_with_every_kind_off(alice, alice_client):
    data = form_data(remind_cool_off="", remind_letter="", remind_by_email="", remind_in_app="")
    assert alice_client.post(URL, data).status_code == 302


def test_clearing_both_quiet_times_removes_quiet_hours(alice, alice_client):
    Profile.objects.filter(user=alice).update(quiet_from=dt.time(22), quiet_until=dt.time(7))
    alice_client.post(URL, form_data())
    profile = Profile.objects.get(user=alice)
    assert (profile.quiet_from, profile.quiet_until) == (None, None)


# --- Unsubscribe --------------------------------------------------------------------------


@pytest.fixture
def reminded(db):
    return make_user("sam@example.com", **ALL_ON)


def unsubscribe_url(user, kind):
    return reverse("interviews:reminder_unsubscribe", args=[unsubscribe_token(user.pk, kind)])


def switches(user):
    profile = Profile.objects.get(user=user)
    return (profile.remind_cool_off, profile.remind_letter, profile.remind_interview)


def test_the_link_asks_before_turning_anything_off_without_logging_in(reminded):
    response = Client().get(unsubscribe_url(reminded, Kind.LETTER_UNANSWERED))
    assert response.status_code == 200
    assert "stop reminding you when a sent letter has had no answer" in response.text
    assert '<form method="post">' in response.text
    assert switches(reminded) == (True, True, True)


def test_the_button_turns_off_only_that_kind(reminded):
    client = Client(enforce_csrf_checks=True)
    response = client.post(unsubscribe_url(reminded, Kind.LETTER_UNANSWERED))
    assert response.status_code == 200
    assert switches(reminded) == (True, False, True)


def test_a_one_click_post_from_a_mail_program_works_without_a_csrf_token(reminded):
    # RFC 8058: the mail program posts List-Unsubscribe=One-Click, with no cookie or token.
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        unsubscribe_url(reminded, Kind.INTERVIEW_TOMORROW),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert switches(reminded) == (True, True, False)


def test_posting_twice_is_harmless(reminded):
    url = unsubscribe_url(reminded, Kind.COOL_OFF_ENDED)
    assert Client().post(url).status_code == 200
    assert Client().post(url).status_code == 200
    assert switches(reminded) == (False, True, True)


def forged_tokens(user):
    genuine = unsubscribe_token(user.pk, Kind.COOL_OFF_ENDED)
    value, _colon, signature = genuine.rpartition(":")
    someone_else = unsubscribe_token(user.pk + 1, Kind.COOL_OFF_ENDED).rpartition(":")[0]
    salt = reminders._salt(Kind.COOL_OFF_ENDED)
    return [
        "nonsense",
        value + ":" + signature[::-1],
        someone_else + ":" + signature,
        signing.dumps({"u": user.pk, "k": "cool_off_ended"}, salt="another.salt"),
        signing.dumps([user.pk, "cool_off_ended"], salt=salt),
        signing.dumps({"u": str(user.pk), "k": "cool_off_ended"}, salt=salt),
        value,
        "a" * 3000,
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_or_damaged_link_is_a_friendly_400_and_changes_nothing(reminded, method):
    for token in forged_tokens(reminded):
        url = reverse("interviews:reminder_unsubscribe", args=[token])
        response = getattr(Client(), method)(url)
        assert response.status_code == 400, token
        assert "Nothing was changed" in response.text
    assert switches(reminded) == (True, True, True)


def test_a_token_for_one_kind_cannot_turn_off_another(reminded):
    token = signing.dumps(
        {"u": reminded.pk, "k": "letter_unanswered"}, salt=reminders._salt(Kind.COOL_OFF_ENDED)
    )
    response = Client().post(reverse("interviews:reminder_unsubscribe", args=[token]))
    assert response.status_code == 400
    assert switches(reminded) == (True, True, True)


def test_an_old_link_says_it_is_too_old(reminded, monkeypatch):
    url = unsubscribe_url(reminded, Kind.COOL_OFF_ENDED)
    monkeypatch.setattr(reminders, "UNSUBSCRIBE_MAX_AGE", timedelta(seconds=-1))
    response = Client().post(url)
    assert response.status_code == 400
    assert "too old" in response.text
    assert switches(reminded) == (True, True, True)


def test_a_link_for_a_deleted_account_is_a_friendly_400(reminded):
    url = unsubscribe_url(reminded, Kind.COOL_OFF_ENDED)
    reminded.delete()
    assert Client().post(url).status_code == 400


def test_the_token_never_reaches_the_request_log(reminded, caplog):
    token = unsubscribe_token(reminded.pk, Kind.COOL_OFF_ENDED)
    with caplog.at_level(logging.INFO, logger="rebound.request"):
        Client().get(reverse("interviews:reminder_unsubscribe", args=[token]))
    from interviews.web.request_log import SecretFilter

    lines = []
    for record in caplog.records:
        SecretFilter().filter(record)
        lines.append(record.getMessage() + str(getattr(record, "path", "")))
    assert any("/reminders/unsubscribe/" in line for line in lines)
    assert not any(token in line for line in lines)


def test_the_unsubscribe_link_is_the_only_public_reminder_page(client, reminded):
    assert client.get(URL).status_code == 302
    reminder = Reminder.objects.create(
        owner=reminded, kind=Kind.COOL_OFF_ENDED, key="k", due_at=timezone.now()
    )
    dismiss = reverse("interviews:reminder_dismiss", args=[reminder.pk])
    assert client.post(dismiss).status_code == 302
    assert Reminder.objects.get().dismissed_at is None


# --- Today and Dismiss --------------------------------------------------------------------


def remind(owner, kind=Kind.COOL_OFF_ENDED, **fields):
    interview = fields.pop("interview", None) or make_interview(owner=owner, rating=1)
    return Reminder.objects.create(
        owner=owner,
        kind=kind,
        interview=interview,
        key=f"{kind}:{interview.pk}:{fields.get('letter') and fields['letter'].pk}",
        due_at=timezone.now() - timedelta(hours=1),
        **fields,
    )


def render_today(user):
    request = RequestFactory().get("/dashboard/")
    request.user = user
    return render_to_string(
        "interviews/dashboard/today.html", {"reminders": today_reminders(user)}, request=request
    )


def test_today_lists_open_reminders_with_their_next_step_and_dismiss(alice):
    reminder = remind(alice)
    html = render_today(alice)
    assert "Your cool-off after Northwind is over" in html
    assert reverse("interviews:reflect", args=[reminder.interview_id]) in html
    assert reverse("interviews:reminder_dismiss", args=[reminder.pk]) in html
    assert 'name="next" value="/dashboard/"' in html


def test_today_is_empty_without_reminders_or_when_not_wanted_on_the_dashboard(alice):
    assert "Today" not in render_today(alice)
    remind(alice)
    Profile.objects.filter(user=alice).update(remind_in_app=False)
    alice.refresh_from_db()
    assert today_reminders(alice) == []


def test_today_leaves_out_dismissed_and_other_peoples_reminders(alice, mallory):
    remind(alice, dismissed_at=timezone.now())
    remind(mallory)
    assert today_reminders(alice) == []


def test_today_leaves_out_reminders_that_no_longer_apply(alice):
    answered = make_letter(
        interview=make_interview(owner=alice),
        status="sent",
        response=FollowUpLetter.Response.POSITIVE,
    )
    remind(alice, Kind.LETTER_UNANSWERED, interview=answered.interview, letter=answered)
    past = make_interview(owner=alice, scheduled_at=timezone.now() - timedelta(hours=1))
    remind(alice, Kind.INTERVIEW_TOMORROW, interview=past)
    reflected = make_interview(owner=alice, rating=1)
    make_reflection(interview=reflected)
    remind(alice, interview=reflected)
    remind(alice, interview=make_interview(owner=alice, rating=1, cool_off_confirmed=True))
    assert today_reminders(alice) == []


def test_today_costs_the_same_queries_for_one_reminder_or_many(alice, django_assert_num_queries):
    remind(alice)
    alice.refresh_from_db()
    with django_assert_num_queries(2):
        render_today(alice)
    for _ in range(8):
        remind(
            alice,
            Kind.INTERVIEW_TOMORROW,
            interview=make_interview(owner=alice, scheduled_at=timezone.now() + timedelta(hours=5)),
        )
    alice.refresh_from_db()
    with django_assert_num_queries(2):
        html = render_today(alice)
    assert html.count("Dismiss</button>") == 9


def test_dismiss_puts_the_reminder_away_and_goes_back(alice, alice_client):
    reminder = remind(alice)
    response = alice_client.post(
        reverse("interviews:reminder_dismiss", args=[reminder.pk]), {"next": "/dashboard/?x=1"}
    )
    assert response.status_code == 302
    assert response.url == "/dashboard/?x=1"
    reminder.refresh_from_db()
    assert reminder.dismissed_at is not None
    assert today_reminders(alice) == []


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "", "dashboard"])
def test_dismiss_never_sends_anyone_off_site(alice, alice_client, next_url):
    reminder = remind(alice)
    response = alice_client.post(
        reverse("interviews:reminder_dismiss", args=[reminder.pk]), {"next": next_url}
    )
    assert response.url == reverse("interviews:dashboard")


def test_another_users_reminder_is_404_and_stays(alice, mallory_client):
    reminder = remind(alice)
    url = reverse("interviews:reminder_dismiss", args=[reminder.pk])
    assert mallory_client.post(url).status_code == 404
    assert mallory_client.get(url).status_code == 404
    reminder.refresh_from_db()
    assert reminder.dismissed_at is None


def test_dismiss_takes_only_post(alice, alice_client):
    reminder = remind(alice)
    assert (
        alice_client.get(reverse("interviews:reminder_dismiss", args=[reminder.pk])).status_code
        == 405
    )


# --- Today on the dashboard ---------------------------------------------------------------

DASHBOARD = reverse("interviews:dashboard")


def test_the_dashboard_opens_with_today(alice, alice_client):
    remind(alice)
    page = alice_client.get(DASHBOARD).text
    assert 'id="today-title"' in page
    assert page.index('id="today-title"') < page.index('id="recovering-title"')
    assert "Your cool-off after Northwind is over" in page


def test_the_dashboard_has_no_today_without_open_reminders(alice, alice_client):
    remind(alice, dismissed_at=timezone.now())
    assert 'id="today-title"' not in alice_client.get(DASHBOARD).text


def test_todays_queries_stay_the_same_for_one_reminder_or_many(
    alice, alice_client, django_assert_num_queries
):
    remind(alice)
    with CaptureQueriesContext(connection) as one:
        alice_client.get(DASHBOARD)
    for _ in range(8):
        upcoming = make_interview(owner=alice, scheduled_at=timezone.now() + timedelta(hours=5))
        remind(alice, Kind.INTERVIEW_TOMORROW, interview=upcoming)
    with django_assert_num_queries(len(one)):
        page = alice_client.get(DASHBOARD).text
    assert page.count("Dismiss</button>") == 9
