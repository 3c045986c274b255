"""Letter pages: drafting, editing with the tone check, sending, and who may see what."""

import email
import email.policy
import html
import re
import zoneinfo
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import FollowUpLetter, RecoveryStage, Reflection

from ..conftest import QUERY_BUDGET, make_interview, make_letter, make_reflection

Letter = FollowUpLetter
Cause = Reflection.Cause
Outside = Reflection.Outside


@pytest.fixture
def interview(alice):
    interview = make_interview(
        owner=alice, rating=1, interviewers="Sam Rivera, Priya Shah", cool_off_confirmed=True
    )
    make_reflection(interview=interview, lessons=1, questions=1)
    return interview


@pytest.fixture
def letter(interview):
    return make_letter(
        interview=interview,
        kind=Letter.Kind.APOLOGY,
        recipient_name="Sam Rivera",
        recipient_email="sam@northwind.example",
        subject="Following up on my interview",
        body="Dear Sam,\n\nThank you for your time.\n\nBest regards,\nAlice",
    )


def url(name, pk=None):
    return reverse(f"interviews:{name}", args=[pk] if pk is not None else [])


def snapshot(letter):
    """Return what a letter holds, to prove a refused request changed nothing."""
    row = Letter.objects.filter(pk=letter.pk).values().first()
    return row and {key: value for key, value in row.items() if key != "updated_at"}


def valid_post(name, letter):
    """Return a request body that would change something for the letter's owner."""
    return {
        "letter_create": {"kind": Letter.Kind.THANK_YOU},
        "letter_update": {"subject": "Changed", "body": "Changed", "recipient_name": "X"},
        "letter_tone": {"subject": "Hi", "body": "Dear Sam, it wasn't my fault"},
        "letter_mark_sent": {"sent_on": timezone.localdate().isoformat()},
        "letter_response": {"response": Letter.Response.POSITIVE},
    }.get(name, {})


LETTER_GET_VIEWS = ["letter_detail", "letter_update", "letter_print", "letter_eml", "letter_delete"]
LETTER_POST_VIEWS = ["letter_update", "letter_tone", "letter_mark_sent", "letter_delete"]
WRONG_METHOD = [
    ("letter_list", None, "post"),
    ("letter_new", None, "post"),
    ("letter_create", "interview", "put"),
    ("letter_detail", "letter", "post"),
    ("letter_update", "letter", "delete"),
    ("letter_tone", "letter", "get"),
    ("letter_print", "letter", "post"),
    ("letter_eml", "letter", "post"),
    ("letter_mark_sent", "letter", "get"),
    ("letter_response", "letter", "get"),
    ("letter_delete", "letter", "put"),
]


# Who may do what -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", LETTER_GET_VIEWS)
def test_owner_can_open_each_letter_page(alice_client, letter, name):
    assert alice_client.get(url(name, letter.pk)).status_code == 200


def test_owner_can_open_the_list_the_picker_and_the_kinds(alice_client, letter, interview):
    for page in (url("letter_list"), url("letter_new"), url("letter_create", interview.pk)):
        assert alice_client.get(page).status_code == 200, page


@pytest.mark.parametrize("name", LETTER_GET_VIEWS)
def test_other_users_letter_is_404_on_get(mallory_client, letter, name):
    assert mallory_client.get(url(name, letter.pk)).status_code == 404


@pytest.mark.parametrize("name", [*LETTER_POST_VIEWS, "letter_response"])
def test_other_users_letter_is_404_on_post_and_nothing_changes(mallory_client, letter, name):
    if name == "letter_response":
        letter.status, letter.sent_on = Letter.Status.SENT, timezone.localdate()
        letter.save()
    before = snapshot(letter)
    response = mallory_client.post(url(name, letter.pk), valid_post(name, letter))
    assert response.status_code == 404
    assert snapshot(letter) == before


def test_other_users_interview_is_404_and_no_letter_is_created(mallory_client, interview):
    assert mallory_client.get(url("letter_create", interview.pk)).status_code == 404
    response = mallory_client.post(url("letter_create", interview.pk), {"kind": "thank_you"})
    assert response.status_code == 404
    assert not Letter.objects.exists()


def test_other_users_letters_and_interviews_never_show_in_lists(mallory_client, letter):
    listing = mallory_client.get(url("letter_list")).content.decode()
    picker = mallory_client.get(url("letter_new")).content.decode()
    assert letter.subject not in listing
    assert "Northwind" not in listing
    assert "Northwind" not in picker


def test_picking_another_users_interview_is_refused(mallory_client, interview):
    response = mallory_client.get(url("letter_new"), {"interview": interview.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["interview"]


@pytest.mark.parametrize(("name", "target", "method"), WRONG_METHOD)
def test_wrong_method_is_405(alice_client, letter, name, target, method):
    pk = {"letter": letter.pk, "interview": letter.interview_id, None: None}[target]
    before = snapshot(letter)
    assert getattr(alice_client, method)(url(name, pk)).status_code == 405
    assert snapshot(letter) == before


# Drafting and eligibility ----------------------------------------------------------------------


def test_kinds_page_offers_apology_and_thank_you_but_not_another_chance(alice_client, interview):
    page = alice_client.get(url("letter_create", interview.pk)).content.decode()
    assert 'value="apology"' in page
    assert 'value="thank_you"' in page
    assert 'value="another_chance"' not in page
    assert "nothing outside the interview got in the way" in page


def test_another_chance_is_offered_when_outside_circumstances_were_to_blame(alice, alice_client):
    interview = make_interview(owner=alice, rating=1)
    make_reflection(interview=interview, causes=[Cause.UNWELL], outside_circumstances=Outside.YES)
    page = alice_client.get(url("letter_create", interview.pk)).content.decode()
    assert 'value="another_chance"' in page
    assert 'value="apology"' not in page
    assert "there is nothing to apologise for" in page


def test_posting_an_ineligible_kind_explains_why_and_creates_nothing(alice_client, interview):
    response = alice_client.post(url("letter_create", interview.pk), {"kind": "another_chance"})
    assert response.status_code == 200
    assert "That letter was not drafted." in response.content.decode()
    assert "so a thank-you or an apology" in response.content.decode()
    assert not Letter.objects.exists()


def test_posting_an_unknown_kind_creates_nothing(alice_client, interview):
    response = alice_client.post(url("letter_create", interview.pk), {"kind": "ransom_note"})
    assert response.status_code == 200
    assert "That letter was not drafted." in response.content.decode()
    assert not Letter.objects.exists()


def test_without_a_reflection_only_a_thank_you_is_offered_and_a_way_to_reflect(alice, alice_client):
    interview = make_interview(owner=alice, rating=2)
    page = alice_client.get(url("letter_create", interview.pk)).content.decode()
    assert 'value="thank_you"' in page
    assert 'value="apology"' not in page
    assert 'value="another_chance"' not in page
    assert url("reflect", interview.pk) in page


def test_drafting_an_apology_writes_from_the_reflection_and_opens_the_editor(
    alice_client, interview
):
    response = alice_client.post(url("letter_create", interview.pk), {"kind": "apology"})
    letter = Letter.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("letter_update", letter.pk)
    assert (letter.kind, letter.status, letter.recipient_name) == ("apology", "draft", "Sam Rivera")
    assert letter.body.startswith("Dear Sam Rivera,\n")
    for fact in ("Backend developer", "Northwind", "Question 0?", "Action 0", "prepared"):
        assert fact in letter.body
    day = timezone.localtime(interview.scheduled_at).day
    assert f" {day} " in letter.body


def test_kinds_page_links_to_letters_already_started(alice_client, letter, interview):
    page = alice_client.get(url("letter_create", interview.pk)).content.decode()
    assert url("letter_update", letter.pk) in page
    assert "Draft another" in page


def test_picker_sends_the_user_on_to_the_kinds_of_their_interview(alice_client, interview):
    response = alice_client.get(url("letter_new"), {"interview": interview.pk})
    assert response.status_code == 302
    assert response["Location"] == url("letter_create", interview.pk)


def test_picker_offers_only_interviews_that_have_happened(alice, alice_client, interview):
    make_interview(owner=alice, scheduled_at=timezone.now() + timedelta(days=2))
    choices = list(alice_client.get(url("letter_new")).context["form"].fields["interview"].queryset)
    assert choices == [interview]


# Editing and the tone check -----------------------------------------------------------------


def edit(letter, **changes):
    data = {
        "recipient_name": letter.recipient_name,
        "recipient_email": letter.recipient_email,
        "subject": letter.subject,
        "body": letter.body,
    }
    data.update(changes)
    return data


def test_saving_an_excuse_shows_the_finding_and_marks_the_words(alice_client, letter):
    body = "Dear Sam,\n\nI froze on your question, but it wasn't my fault.\n\nBest regards,\nAlice"
    response = alice_client.post(url("letter_update", letter.pk), edit(letter, body=body))
    assert response.status_code == 302
    assert response["Location"] == url("letter_update", letter.pk)
    letter.refresh_from_db()
    assert letter.body == body
    page = alice_client.get(response["Location"]).content.decode()
    assert "“it wasn&#x27;t my fault” can come across as an excuse" in page
    assert "<mark>it wasn&#x27;t my fault</mark>" in page
    detail = alice_client.get(url("letter_detail", letter.pk)).content.decode()
    assert "<mark>it wasn&#x27;t my fault</mark>" in detail


def test_save_and_get_ready_goes_to_the_letter(alice_client, letter):
    response = alice_client.post(url("letter_update", letter.pk), edit(letter, preview="1"))
    assert response["Location"] == url("letter_detail", letter.pk)


def test_live_tone_check_returns_the_panel_for_unsaved_text(alice_client, letter):
    response = alice_client.post(
        url("letter_tone", letter.pk),
        {"subject": "", "body": "Dear Sam, to be fair the interviewer didn't ask much."},
    )
    panel = response.content.decode()
    assert response.status_code == 200
    assert "<mark>to be fair</mark>" in panel
    assert "The subject line is empty" in panel
    assert snapshot(letter)["body"] == letter.body


def test_live_tone_check_refuses_text_past_the_limit(alice_client, letter):
    response = alice_client.post(url("letter_tone", letter.pk), {"body": "word " * 3000})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"recipient_email": "sam at northwind"}, "recipient_email", "valid email"),
        ({"subject": "S" * 201}, "subject", "at most 200 characters"),
        ({"body": "b" * 10001}, "body", "at most 10000 characters"),
    ],
)
def test_bad_input_comes_back_with_errors_and_nothing_is_saved(
    alice_client, letter, changes, field, message
):
    before = snapshot(letter)
    response = alice_client.post(
        url("letter_update", letter.pk), edit(letter, recipient_name="Kept", **changes)
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert 'value="Kept"' in response.content.decode()
    assert snapshot(letter) == before


# Ready to send ----------------------------------------------------------------------------------


def test_eml_download_parses_back_with_subject_recipient_and_non_ascii_body(alice_client, letter):
    letter.recipient_name = "Zoë Müller"
    letter.subject = "Merci — suite à l’entretien"
    letter.body = "Dear Zoë,\n\nThank you for the café chat about naïve Bayes.\n\nBest,\nAlice"
    letter.save()
    response = alice_client.get(url("letter_eml", letter.pk))
    assert response["Content-Type"] == "message/rfc822"
    assert response["Content-Disposition"] == 'attachment; filename="merci-suite-a-lentretien.eml"'
    message = email.message_from_bytes(response.content, policy=email.policy.default)
    assert message["Subject"] == letter.subject
    assert message["To"].addresses[0].display_name == "Zoë Müller"
    assert message["To"].addresses[0].addr_spec == "sam@northwind.example"
    assert message["From"].addresses[0].addr_spec == "alice@example.com"
    assert message.get_content().replace("\r\n", "\n").rstrip("\n") == letter.body


def test_mailto_link_on_the_page_round_trips_through_url_decoding(alice_client, letter):
    letter.body = "Dear Sam,\n\nThanks & see you — soon? 100% sure.\n\nBest regards,\nAlice"
    letter.save()
    page = alice_client.get(url("letter_detail", letter.pk)).content.decode()
    href = html.unescape(re.search(r'href="(mailto:[^"]*)"', page).group(1))
    parts = urlsplit(href)
    query = parse_qs(parts.query)
    assert parts.path == "sam@northwind.example"
    assert query["subject"] == [letter.subject]
    assert query["body"] == [letter.body.replace("\n", "\r\n")]


def test_copy_and_print_buttons_wait_for_javascript(alice_client, letter):
    detail = alice_client.get(url("letter_detail", letter.pk)).content.decode()
    printable = alice_client.get(url("letter_print", letter.pk)).content.decode()
    assert re.search(r"<button[^>]*hidden[^>]*data-copy-text=", detail)
    assert re.search(r"<button[^>]*hidden[^>]*data-print", printable)
    assert "Thank you for your time." in printable


# Sent, response and the road back ---------------------------------------------------------------


def test_marking_sent_and_recording_a_response_moves_the_interview_to_followed_up(
    alice_client, letter, interview
):
    assert interview.recovery().stage == RecoveryStage.FORGIVEN
    sent_on = timezone.localdate()
    response = alice_client.post(url("letter_mark_sent", letter.pk), {"sent_on": sent_on})
    assert response["Location"] == url("letter_detail", letter.pk)
    letter.refresh_from_db()
    assert (letter.status, letter.sent_on, letter.response) == ("sent", sent_on, "awaiting")
    interview.refresh_from_db()
    assert interview.recovery().stage == RecoveryStage.FOLLOWED_UP

    response = alice_client.post(url("letter_response", letter.pk), {"response": "positive"})
    assert response["Location"] == url("letter_detail", letter.pk)
    letter.refresh_from_db()
    assert letter.response == Letter.Response.POSITIVE
    page = alice_client.get(url("letter_detail", letter.pk)).content.decode()
    assert "“Followed up” (stage 5 of 6)" in page


def test_sent_date_defaults_to_today_in_the_users_time_zone(alice, alice_client, letter):
    alice.profile.time_zone = "Pacific/Kiritimati"
    alice.profile.save()
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo("Pacific/Kiritimati"))
    page = alice_client.get(url("letter_detail", letter.pk)).content.decode()
    assert f'value="{today.isoformat()}"' in page
    assert f'max="{today.isoformat()}"' in page


@pytest.mark.parametrize(("days", "message"), [(1, "in the future"), (-30, "before the interview")])
def test_sent_date_in_the_future_or_before_the_interview_is_refused(
    alice_client, letter, days, message
):
    before = snapshot(letter)
    sent_on = timezone.localdate() + timedelta(days=days)
    response = alice_client.post(url("letter_mark_sent", letter.pk), {"sent_on": sent_on})
    assert response.status_code == 200
    assert message in " ".join(response.context["sent_form"].errors["sent_on"])
    assert snapshot(letter) == before


def test_response_to_a_letter_not_yet_sent_is_refused(alice_client, letter):
    before = snapshot(letter)
    response = alice_client.post(url("letter_response", letter.pk), {"response": "positive"})
    assert response.status_code == 200
    assert "Mark the letter as sent before recording a response." in response.content.decode()
    assert snapshot(letter) == before


def test_unknown_response_is_refused(alice_client, letter):
    Letter.objects.filter(pk=letter.pk).update(status="sent", sent_on=timezone.localdate())
    before = snapshot(letter)
    response = alice_client.post(url("letter_response", letter.pk), {"response": "ecstatic"})
    assert response.status_code == 200
    assert response.context["response_form"].errors["response"]
    assert snapshot(letter) == before


def test_delete_asks_first_then_deletes(alice_client, letter):
    confirm = alice_client.get(url("letter_delete", letter.pk)).content.decode()
    assert "Delete this letter?" in confirm
    assert Letter.objects.filter(pk=letter.pk).exists()
    response = alice_client.post(url("letter_delete", letter.pk))
    assert response["Location"] == url("letter_list")
    assert not Letter.objects.filter(pk=letter.pk).exists()


# The list ---------------------------------------------------------------------------------------


def make_letters(owner, count, **fields):
    """Make count letters, each on its own interview and application."""
    return [make_letter(interview=make_interview(owner=owner), **fields) for _ in range(count)]


def test_list_costs_the_same_queries_for_1_and_50_letters(
    alice, alice_client, django_assert_max_num_queries, django_assert_num_queries
):
    make_letters(alice, 1)
    with django_assert_max_num_queries(QUERY_BUDGET) as first:
        assert alice_client.get(url("letter_list")).status_code == 200
    one = len(first)
    make_letters(alice, 49, status="sent", sent_on=timezone.localdate())
    for params in ({}, {"status": "sent"}):
        with django_assert_num_queries(one):
            assert alice_client.get(url("letter_list"), params).status_code == 200


def test_list_shows_each_letter_with_its_status_and_response(alice_client, letter):
    Letter.objects.filter(pk=letter.pk).update(
        status="sent", sent_on=timezone.localdate(), response="negative"
    )
    page = alice_client.get(url("letter_list")).content.decode()
    assert "Showing 1–1 of 1" in page
    assert 'badge-status-sent">Sent<' in page
    assert 'badge-response-negative">Negative<' in page
    assert "Northwind" in page
    assert letter.get_absolute_url() in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "draft"}, {"draft"}),
        ({"status": "sent"}, {"sent-awaiting", "sent-positive"}),
        ({"response": "positive"}, {"sent-positive"}),
        ({"q": "acme"}, {"sent-awaiting"}),
        ({"status": "bogus"}, {"draft", "sent-awaiting", "sent-positive"}),
    ],
)
def test_list_filters_by_status_response_and_search(alice, alice_client, params, expected):
    today = timezone.localdate()
    make_letter(interview=make_interview(owner=alice), subject="draft")
    acme = make_interview(owner=alice, application=None)
    acme.application.company = "Acme"
    acme.application.save()
    make_letter(interview=acme, status="sent", sent_on=today, subject="sent-awaiting")
    make_letter(
        interview=make_interview(owner=alice),
        status="sent",
        sent_on=today,
        response="positive",
        subject="sent-positive",
    )
    page = alice_client.get(url("letter_list"), params)
    shown = {letter.subject for letter in page.context["page"].object_list}
    assert shown == expected


def test_list_pages_by_25_and_keeps_the_filters_in_page_links(alice, alice_client):
    make_letters(alice, 30, status="sent", sent_on=timezone.localdate())
    make_letters(alice, 2)
    first = alice_client.get(url("letter_list"), {"status": "sent"}).content.decode()
    assert "Showing 1–25 of 30" in first
    assert 'href="?status=sent&amp;page=2"' in first
    second = alice_client.get(url("letter_list"), {"status": "sent", "page": 2}).content.decode()
    assert "Showing 26–30 of 30" in second


def test_empty_list_says_how_to_start_a_letter(alice_client, interview):
    page = alice_client.get(url("letter_list")).content.decode()
    assert "No letters yet." in page
    assert url("letter_new") in page


def test_empty_list_without_interviews_points_to_applications(alice_client):
    page = alice_client.get(url("letter_list")).content.decode()
    assert "no interviews to write about" in page
    assert url("application_list") in page


def test_filters_that_match_nothing_offer_to_clear_them(alice_client, letter):
    page = alice_client.get(url("letter_list"), {"q": "zzz"}).content.decode()
    assert "No letters match these filters." in page
