"""Mentor links: made, listed, opened and turned off; private parts stay private unless ticked."""

import logging
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interviews.models import (
    MENTOR_LINK_LABEL_MAX,
    MENTOR_LINK_MAX_DAYS,
    CaughtOutQuestion,
    Interview,
    MentorLink,
    MentorLinkView,
    Reflection,
    StingCheck,
)
from interviews.web.request_log import JsonFormatter

from ..conftest import make_application, make_interview, make_reflection

KIND_WORDS = "Periwinkle lanterns forgive the nervous."
REFRAME = "Marmalade compass: one answer is not a career."
STING_NOTE = "Quieter like a harbour at dusk."
LOGGER = "rebound.request"


def without_nonce(content):
    """Return the page with its per-response CSP nonce blanked, to compare two responses."""
    return re.sub(rb'nonce="[^"]*"', b'nonce=""', content)


def make_link(owner, **overrides):
    fields = {"label": "Sam, my coach", "expires_at": timezone.now() + timedelta(days=14)}
    fields.update(overrides)
    return MentorLink.objects.create(owner=owner, **fields)


def mentor_url(link):
    return reverse("interviews:mentor_page", args=[link.token])


def valid_form(**overrides):
    data = {
        "label": "Sam, my coach",
        "shows_readiness": "on",
        "shows_lessons": "on",
        "shows_questions": "on",
        "days": "14",
    }
    data.update(overrides)
    return data


@pytest.fixture
def diary(alice):
    """Give alice a hard interview with a full reflection, and one coming up."""
    application = make_application(owner=alice, company="Northwind")
    past = make_interview(application=application, rating=1)
    reflection = make_reflection(
        interview=past,
        lessons=1,
        questions=1,
        kind_words=KIND_WORDS,
        thinking_traps=[Reflection.ThinkingTrap.CATASTROPHISING],
        reframe=REFRAME,
    )
    StingCheck.objects.create(interview=past, day=3, intensity=5, note=STING_NOTE)
    make_interview(
        application=application,
        kind=Interview.Kind.TECHNICAL,
        scheduled_at=timezone.now() + timedelta(days=2),
    )
    return reflection


# The owner's pages


def test_the_form_makes_a_link_with_the_private_parts_off(alice_client, alice):
    response = alice_client.post(reverse("interviews:mentor_link_create"), valid_form())
    link = MentorLink.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("interviews:mentor_link_detail", args=[link.pk])
    assert (link.shows_readiness, link.shows_lessons, link.shows_questions) == (True, True, True)
    assert (link.shows_feelings, link.shows_kind_words, link.shows_thinking_traps) == (
        False,
        False,
        False,
    )
    expected = timezone.now() + timedelta(days=14)
    assert abs(link.expires_at - expected) < timedelta(minutes=1)
    assert len(link.token) >= 40


def test_the_empty_form_has_private_parts_unticked_and_fourteen_days(alice_client):
    response = alice_client.get(reverse("interviews:mentor_link_create"))
    form = response.context["form"]
    assert form["days"].value() == 14
    for name in ("shows_feelings", "shows_kind_words", "shows_thinking_traps"):
        assert not form[name].value()
        assert "Private: off unless you tick it." in form[name].help_text
    assert b"Private parts" in response.content


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"label": ""}, "label", "Say who the link is for"),
        ({"label": "x" * (MENTOR_LINK_LABEL_MAX + 1)}, "label", "Keep the name to 100"),
        ({"days": "0"}, "days", "at least 1 day"),
        ({"days": str(MENTOR_LINK_MAX_DAYS + 1)}, "days", "at most 90 days"),
        ({"days": "soon"}, "days", "whole number"),
        ({"days": ""}, "days", "how many days"),
    ],
)
def test_bad_input_comes_back_with_a_clear_message_and_saves_nothing(
    alice_client, alice, overrides, field, message
):
    response = alice_client.post(reverse("interviews:mentor_link_create"), valid_form(**overrides))
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert message.encode() in response.content
    assert not MentorLink.objects.exists()


def test_only_her_own_applications_are_offered_and_accepted(alice_client, alice, mallory):
    hers = make_application(owner=alice, company="Northwind")
    theirs = make_application(owner=mallory, company="Zebracorn Labs")
    response = alice_client.get(reverse("interviews:mentor_link_create"))
    assert b"Northwind" in response.content
    assert b"Zebracorn" not in response.content
    response = alice_client.post(
        reverse("interviews:mentor_link_create"), valid_form(applications=[theirs.pk])
    )
    assert "Pick applications from the list." in response.context["form"].errors["applications"]
    assert not MentorLink.objects.exists()
    alice_client.post(reverse("interviews:mentor_link_create"), valid_form(applications=[hers.pk]))
    assert list(MentorLink.objects.get().applications.all()) == [hers]


def test_the_link_is_shown_on_its_own_page_while_it_works(alice_client, alice):
    link = make_link(alice)
    response = alice_client.get(reverse("interviews:mentor_link_detail", args=[link.pk]))
    assert link.token.encode() in response.content
    link.revoked_at = timezone.now()
    link.save()
    response = alice_client.get(reverse("interviews:mentor_link_detail", args=[link.pk]))
    assert link.token.encode() not in response.content
    assert b"You turned this link off" in response.content


def test_the_list_shows_what_each_link_shows_its_state_and_openings(alice_client, alice):
    live = make_link(alice, label="Sam, my coach", shows_kind_words=True)
    make_link(alice, label="Old mentor", expires_at=timezone.now() - timedelta(days=1))
    make_link(alice, label="Ex coach", revoked_at=timezone.now())
    MentorLinkView.objects.create(link=live)
    MentorLinkView.objects.create(link=live)
    response = alice_client.get(reverse("interviews:mentor_link_list"))
    text = response.content.decode()
    for words in ("Sam, my coach", "Old mentor", "Ex coach", "Working", "Expired", "Turned off"):
        assert words in text
    assert "Kind words to yourself" in text
    assert "Opened 2 times" in text
    assert live.token not in text


def test_the_list_takes_the_same_queries_for_one_link_and_for_many(alice_client, alice):
    application = make_application(owner=alice)
    url = reverse("interviews:mentor_link_list")

    def count():
        alice_client.get(url)  # warm the session
        with CaptureQueriesContext(connection) as queries:
            assert alice_client.get(url).status_code == 200
        return len(queries)

    make_link(alice).applications.add(application)
    one = count()
    for _ in range(20):
        link = make_link(alice)
        link.applications.add(application)
        MentorLinkView.objects.create(link=link)
    assert count() == one


def test_revoking_asks_first_then_turns_the_link_off(alice_client, alice, client):
    link = make_link(alice)
    url = reverse("interviews:mentor_link_revoke", args=[link.pk])
    response = alice_client.get(url)
    assert b"Turn it off" in response.content
    link.refresh_from_db()
    assert link.revoked_at is None
    assert client.get(mentor_url(link)).status_code == 200
    response = alice_client.post(url)
    assert response["Location"] == reverse("interviews:mentor_link_detail", args=[link.pk])
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert client.get(mentor_url(link)).status_code == 404


def test_another_users_link_is_404(mallory_client, alice):
    link = make_link(alice)
    for name in ("mentor_link_detail", "mentor_link_revoke"):
        url = reverse(f"interviews:{name}", args=[link.pk])
        assert mallory_client.get(url).status_code == 404
        assert mallory_client.post(url).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None
    assert (
        b"Sam, my coach" not in mallory_client.get(reverse("interviews:mentor_link_list")).content
    )


def test_the_detail_page_lists_each_opening(alice_client, alice, client):
    link = make_link(alice)
    client.get(mentor_url(link))
    client.get(mentor_url(link))
    response = alice_client.get(reverse("interviews:mentor_link_detail", args=[link.pk]))
    assert b"Opened 2 times" in response.content
    assert response.content.count(b"<li>") >= 2
    assert len(response.context["openings"]) == 2


def test_the_detail_page_takes_the_same_queries_for_one_opening_and_for_many(alice_client, alice):
    link = make_link(alice)
    link.applications.add(make_application(owner=alice))
    url = reverse("interviews:mentor_link_detail", args=[link.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert alice_client.get(url).status_code == 200
        return len(queries)

    MentorLinkView.objects.create(link=link)
    alice_client.get(url)  # warm the session
    one = count()
    MentorLinkView.objects.bulk_create([MentorLinkView(link=link) for _ in range(50)])
    link.applications.add(make_application(owner=alice, company="Globex"))
    assert count() == one


def test_the_settings_page_links_to_mentor_links(alice_client):
    response = alice_client.get(reverse("interviews:settings"))
    assert reverse("interviews:mentor_link_list").encode() in response.content


# The mentor's page


def test_the_page_opens_without_logging_in_and_records_the_opening(client, alice, diary):
    link = make_link(alice)
    response = client.get(mentor_url(link))
    assert response.status_code == 200
    assert MentorLinkView.objects.filter(link=link).count() == 1
    client.head(mentor_url(link))
    assert MentorLinkView.objects.filter(link=link).count() == 1
    client.get(mentor_url(link))
    assert MentorLinkView.objects.filter(link=link).count() == 2


def test_the_page_tells_search_engines_and_caches_to_keep_away(client, alice):
    response = client.get(mentor_url(make_link(alice)))
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert set(response["Cache-Control"].replace(" ", "").split(",")) == {"no-store", "private"}
    assert b'<meta name="robots" content="noindex">' in response.content


def test_unknown_revoked_and_expired_links_are_the_same_404(client, alice):
    revoked = make_link(alice, revoked_at=timezone.now())
    expired = make_link(alice, expires_at=timezone.now() - timedelta(seconds=1))
    unknown = client.get(reverse("interviews:mentor_page", args=["not-a-real-token"]))
    assert unknown.status_code == 404
    for link in (revoked, expired):
        response = client.get(mentor_url(link))
        assert response.status_code == 404
        assert without_nonce(response.content) == without_nonce(unknown.content)
    assert not MentorLinkView.objects.exists()


def test_a_closed_accounts_link_is_the_same_404(client, alice):
    link = make_link(alice)
    alice.is_active = False
    alice.save()
    assert client.get(mentor_url(link)).status_code == 404
    assert not MentorLinkView.objects.exists()


@pytest.mark.parametrize("token", ["%00", "a%00b", "x" * 5000, "%F0%9F%98%80", "..%2F"])
def test_a_mangled_token_is_a_404_not_an_error(client, alice, token):
    make_link(alice)
    assert client.get(f"/mentor/{token}/").status_code == 404


def test_the_page_shows_readiness_lessons_and_questions(client, alice, diary):
    question = CaughtOutQuestion.objects.get()
    question.better_answer = "Start from the numbers I know."
    question.save()
    text = client.get(mentor_url(make_link(alice))).content.decode()
    assert "Coming up" in text
    assert "Northwind" in text
    assert "Lesson 0" in text
    assert "Action 0" in text
    assert question.question in text
    assert "Start from the numbers I know." in text
    # What was said in the interview stays with the owner.
    assert "Something vague." not in text


def test_unticked_parts_are_left_out(client, alice, diary):
    link = make_link(alice, shows_readiness=False, shows_lessons=False, shows_questions=False)
    text = client.get(mentor_url(link)).content.decode()
    assert "Coming up" not in text
    assert "Lesson 0" not in text
    assert "Question 0?" not in text
    assert "Nothing has been chosen" in text


def test_private_parts_are_hidden_unless_ticked(client, alice, diary):
    text = client.get(mentor_url(make_link(alice))).content.decode()
    for private in (KIND_WORDS, REFRAME, STING_NOTE, "Catastrophising", "Upset"):
        assert private not in text
    ticked = make_link(alice, shows_feelings=True, shows_kind_words=True, shows_thinking_traps=True)
    text = client.get(mentor_url(ticked)).content.decode()
    for private in (KIND_WORDS, REFRAME, STING_NOTE, "Catastrophising", "Upset"):
        assert private in text


PRIVATE_WORDS = {
    "shows_feelings": {STING_NOTE, "Upset"},
    "shows_kind_words": {KIND_WORDS},
    "shows_thinking_traps": {REFRAME, "Catastrophising"},
}


@pytest.mark.parametrize("box", PRIVATE_WORDS)
def test_each_private_box_shows_only_its_own_part(client, alice, diary, box):
    text = client.get(mentor_url(make_link(alice, **{box: True}))).content.decode()
    for name, words in PRIVATE_WORDS.items():
        for word in words:
            assert (word in text) == (name == box), (box, word)


def test_the_page_never_shows_the_what_happened_or_the_email(client, alice, diary):
    link = make_link(alice, shows_feelings=True, shows_kind_words=True, shows_thinking_traps=True)
    text = client.get(mentor_url(link)).content.decode()
    assert alice.email not in text
    assert "alice@" not in text
    assert diary.what_happened not in text
    assert "How your mentee is preparing" in text
    alice.profile.display_name = "Alice Moreau"
    alice.profile.save()
    text = client.get(mentor_url(link)).content.decode()
    assert "How Alice Moreau is preparing" in text
    assert alice.email not in text


def test_the_page_has_no_links_into_the_app(client, alice, diary):
    text = client.get(mentor_url(make_link(alice))).content.decode()
    assert "<a " not in text
    assert "<form" not in text


def test_a_link_covers_only_its_applications(client, alice, diary):
    other = make_application(owner=alice, company="Quillmark")
    make_reflection(interview=make_interview(application=other, rating=1), lessons=0)
    CaughtOutQuestion.objects.create(owner=alice, application=other, question="Why Quillmark?")
    make_interview(application=other, scheduled_at=timezone.now() + timedelta(days=1))
    link = make_link(alice, shows_kind_words=True)
    link.applications.add(other)
    text = client.get(mentor_url(link)).content.decode()
    assert "Quillmark" in text
    assert "Why Quillmark?" in text
    assert "Northwind" not in text
    assert "Lesson 0" not in text
    assert "Question 0?" not in text


def test_the_page_takes_the_same_queries_for_one_reflection_and_for_many(client, alice, diary):
    link = make_link(alice, shows_feelings=True, shows_kind_words=True, shows_thinking_traps=True)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(mentor_url(link)).status_code == 200
        return len(queries)

    one = count()
    application = diary.interview.application
    for _ in range(10):
        past = make_interview(application=application, rating=1)
        make_reflection(interview=past, lessons=2, questions=2)
        StingCheck.objects.create(interview=past, day=3, intensity=4)
        make_interview(application=application, scheduled_at=timezone.now() + timedelta(days=5))
    assert count() == one


# Logs


@pytest.fixture
def request_log(caplog, monkeypatch):
    monkeypatch.setattr(logging.getLogger(LOGGER), "propagate", True)
    caplog.set_level(logging.INFO, logger=LOGGER)
    return caplog


def test_the_request_log_never_writes_the_token(request_log, alice):
    link = make_link(alice)
    revoked = make_link(alice, revoked_at=timezone.now())
    Client().get(mentor_url(link))
    Client().get(mentor_url(revoked))
    records = [record for record in request_log.records if record.name == LOGGER]
    assert [record.status for record in records] == [200, 404]
    output = request_log.text + "".join(JsonFormatter().format(record) for record in records)
    assert link.token not in output
    assert revoked.token not in output
    assert records[0].path == "/mentor/[secret]/"
