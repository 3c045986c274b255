"""The .eml draft and its form: every letter downloads; what mail cannot carry is refused."""

import email
import email.policy

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from interviews.models import FollowUpLetter, User

from ..conftest import make_interview, make_letter


@pytest.fixture
def letter(alice):
    return make_letter(
        interview=make_interview(owner=alice, rating=2),
        recipient_name="Sam Rivera",
        recipient_email="sam@northwind.example",
        subject="Thank you",
    )


def edit(letter, **changes):
    fields = {
        "recipient_name": letter.recipient_name,
        "recipient_email": letter.recipient_email,
        "subject": letter.subject,
        "body": letter.body,
    }
    return {**fields, **changes}


def stored(letter):
    return FollowUpLetter.objects.filter(pk=letter.pk).values().get()


def download(client, letter):
    response = client.get(reverse("interviews:letter_eml", args=[letter.pk]))
    assert response.status_code == 200
    return response.content, email.message_from_bytes(response.content, policy=email.policy.SMTP)


def post_edit(client, letter, **changes):
    return client.post(
        reverse("interviews:letter_update", args=[letter.pk]), edit(letter, **changes)
    )


@pytest.mark.parametrize(
    "subject", ["Hi\r\nBcc: everyone@example.com", "Hi\nthere", "Hi\rthere", "Hi\x0bthere"]
)
def test_a_subject_that_is_not_one_line_is_refused_with_a_clear_message(
    alice_client, letter, subject
):
    before = stored(letter)
    response = post_edit(alice_client, letter, subject=subject)
    assert response.status_code == 200
    assert "one line" in " ".join(response.context["form"].errors["subject"])
    assert stored(letter) == before


@pytest.mark.parametrize("name", ["Sam\r\nBcc: everyone@example.com", "Sam\x0bRivera"])
def test_a_recipient_name_that_is_not_one_line_is_refused(alice_client, letter, name):
    before = stored(letter)
    response = post_edit(alice_client, letter, recipient_name=name)
    assert response.status_code == 200
    assert "one line" in " ".join(response.context["form"].errors["recipient_name"])
    assert stored(letter) == before


@pytest.mark.parametrize(
    "address", ['"\x0bfoo"@example.com', '"foo"@example.com', "ALİCE@example.com"]
)
def test_a_recipient_address_that_cannot_go_in_an_email_is_refused(alice_client, letter, address):
    before = stored(letter)
    response = post_edit(alice_client, letter, recipient_email=address)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["recipient_email"])
    assert "before the @" in errors
    assert stored(letter) == before


def test_an_idn_recipient_gets_a_to_header_with_the_domain_in_punycode(alice_client, letter):
    response = post_edit(alice_client, letter, recipient_email="bob@exämple.com")
    assert response.status_code == 302
    raw, message = download(alice_client, letter)
    assert raw.isascii()
    assert b"<bob@xn--exmple-cua.com>" in raw
    assert b"=?utf-8?q?ex" not in raw.lower()
    (to,) = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Sam Rivera", "bob@xn--exmple-cua.com")
    assert message["To"].defects == ()


def test_a_sender_with_an_idn_address_gets_a_from_header_in_punycode(alice, alice_client, letter):
    # Stored as typed by an older version of Rebound, before addresses were normalised.
    User.objects.filter(pk=alice.pk).update(email="alice@exämple.com", first_name="Zoë")
    _raw, message = download(alice_client, letter)
    (sender,) = message["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("Zoë", "alice@xn--exmple-cua.com")
    assert message["Message-ID"].endswith("@xn--exmple-cua.com>")


def test_a_letter_saved_with_a_line_break_in_its_subject_still_downloads_on_one_line(
    alice_client, letter
):
    # Drafts take their subject from the application's role, which may hold anything.
    FollowUpLetter.objects.filter(pk=letter.pk).update(subject="Thank you\r\nBcc: all@example.com")
    _raw, message = download(alice_client, letter)
    assert message["Subject"] == "Thank you Bcc: all@example.com"
    assert message["Bcc"] is None


def test_a_letter_saved_with_an_unmailable_recipient_is_sent_back_to_be_corrected(
    alice_client, letter
):
    FollowUpLetter.objects.filter(pk=letter.pk).update(recipient_email='"\x0bfoo"@example.com')
    response = alice_client.get(reverse("interviews:letter_eml", args=[letter.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("interviews:letter_update", args=[letter.pk])
    (message,) = get_messages(response.wsgi_request)
    assert "cannot go in an email" in str(message)
