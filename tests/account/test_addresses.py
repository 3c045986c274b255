"""Account addresses: one address is one account however it is written, and mail can reach it."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from interviews.addresses import Unmailable, account_address, mailable_address
from interviews.models import User

from ..conftest import PASSWORD, logged_in, make_user

# "exámple.com" with the accent composed, and with a plain a and a combining accent.
COMPOSED = "alice@ex\u00e1mple.com"
DECOMPOSED = "alice@exa\u0301mple.com"
STORED = "alice@xn--exmple-qta.com"
UNMAILABLE = ["ALİCE@example.com", '"\x0bfoo"@example.com', '"alice"@example.com']


def signup(client, email):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, "time_zone": "UTC"},
    )


def log_in(client, email):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        (COMPOSED, STORED),
        (DECOMPOSED, STORED),
        ("Alice@EXÁMPLE.com", "Alice@xn--exmple-qta.com"),
        ("bob@xn--exmple-cua.com", "bob@xn--exmple-cua.com"),
        ("  bob@Example.COM ", "bob@example.com"),
        ("bob@ｅｘａｍｐｌｅ.com", "bob@example.com"),
    ],
)
def test_an_address_is_written_the_one_way_mail_carries_it(written, stored):
    assert mailable_address(written) == stored
    assert account_address(written) == stored.lower()


@pytest.mark.parametrize(
    "address",
    [*UNMAILABLE, "alice@", "@example.com", "alice@exa..mple.com", "a@" + "b" * 64 + ".com"],
)
def test_an_address_mail_cannot_carry_is_refused_with_a_reason(address):
    with pytest.raises(Unmailable) as refused:
        mailable_address(address)
    assert str(refused.value.reason)


def test_an_address_longer_than_mail_allows_once_in_punycode_is_refused():
    address = "a@" + ".".join(["ä" * 30] * 7) + ".de"
    assert len(address) < 254
    with pytest.raises(Unmailable, match="longer than 254"):
        mailable_address(address)


@pytest.mark.parametrize("email", UNMAILABLE)
def test_sign_up_with_an_address_mail_cannot_carry_is_refused_with_a_clear_message(
    client, db, email, worker
):
    with worker():
        response = signup(client, email)
    assert response.status_code == 200
    assert "before the @" in " ".join(response.context["form"].errors["email"])
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()
    assert mail.outbox == []


def test_one_address_written_two_ways_is_one_account(client, db, worker):
    with worker():
        assert signup(client, DECOMPOSED).status_code == 302
        client.post(reverse("account_logout"))
        signup(client, COMPOSED)
    (user,) = User.objects.all()
    assert user.email == STORED
    assert list(EmailAddress.objects.values_list("email", flat=True)) == [STORED]
    # Whatever each sign-up mailed went to the one address, in the form mail carries.
    assert mail.outbox
    assert {tuple(message.to) for message in mail.outbox} == {(STORED,)}


def test_the_user_manager_stores_the_same_form(db):
    assert User.objects.create_user(email="Alice@EXA\u0301MPLE.com").email == STORED


@pytest.mark.parametrize("written", [COMPOSED, DECOMPOSED, "ALICE@EXÁMPLE.COM", f" {COMPOSED} "])
def test_log_in_finds_the_account_however_its_address_is_written(client, db, written):
    make_user(STORED)
    response = log_in(client, written)
    assert response.status_code == 302
    assert response["Location"] == reverse("interviews:dashboard")


def test_log_in_with_an_address_mail_cannot_carry_is_a_plain_mismatch(client, alice):
    response = log_in(client, "ALİCE@example.com")
    assert response.status_code == 200
    assert b"not correct" in response.content


@pytest.mark.parametrize("written", [DECOMPOSED, "ALICE@EXÁMPLE.COM"])
def test_password_reset_mails_the_account_however_its_address_is_written(
    client, db, written, worker
):
    make_user(STORED)
    with worker():
        client.post(reverse("account_reset_password"), {"email": written})
    (message,) = mail.outbox
    assert message.to == [STORED]
    assert "/accounts/password/reset/key/" in message.body


def test_password_reset_for_an_address_mail_cannot_carry_is_refused(client, alice, worker):
    with worker():
        response = client.post(reverse("account_reset_password"), {"email": "ALİCE@example.com"})
    assert response.status_code == 200
    assert "before the @" in " ".join(response.context["form"].errors["email"])
    assert mail.outbox == []


def test_adding_an_address_stores_the_form_mail_carries(alice, worker):
    client = logged_in(alice)
    with worker():
        response = client.post(reverse("account_email"), {"action_add": "", "email": DECOMPOSED})
    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=alice, email=STORED, verified=False).exists()
    (message,) = mail.outbox
    assert message.to == [STORED]


def test_adding_the_same_address_written_another_way_is_refused(db):
    user = make_user(STORED)
    response = logged_in(user).post(
        reverse("account_email"), {"action_add": "", "email": DECOMPOSED}
    )
    assert response.status_code == 200
    assert "already" in " ".join(response.context["form"].errors["email"])
    assert EmailAddress.objects.filter(user=user).count() == 1


def test_adding_an_address_mail_cannot_carry_is_refused(alice):
    response = logged_in(alice).post(
        reverse("account_email"), {"action_add": "", "email": "ALİCE@example.com"}
    )
    assert response.status_code == 200
    assert "before the @" in " ".join(response.context["form"].errors["email"])
    assert EmailAddress.objects.filter(user=alice).count() == 1
