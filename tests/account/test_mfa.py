"""Two-factor sign-in: turning the authenticator app on, logging in with a code, recovery codes."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from ..conftest import PASSWORD
from .mfa_helpers import (
    confirm_password,
    log_in_with_password,
    recovery_codes,
    totp_code,
    turn_on_totp,
)

DASHBOARD = reverse("interviews:dashboard")
CODE_STEP = reverse("mfa_authenticate")


@pytest.fixture
def alice_with_totp(client, alice):
    """Alice with the authenticator app on, logged out again; return her secret."""
    log_in_with_password(client)
    secret = turn_on_totp(client)
    client.post(reverse("account_logout"))
    return secret


def test_turning_on_the_app_asks_for_the_password_first(alice_client):
    response = alice_client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    confirmed = alice_client.post(response["Location"], {"password": PASSWORD})
    assert confirmed.status_code == 302
    assert alice_client.get(reverse("mfa_activate_totp")).status_code == 200


def test_a_wrong_password_at_the_confirm_step_does_not_open_the_set_up(alice_client):
    url = alice_client.get(reverse("mfa_activate_totp"))["Location"]
    response = alice_client.post(url, {"password": "not-the-password"})
    assert response.status_code == 200
    assert alice_client.get(reverse("mfa_activate_totp")).status_code == 302


def test_the_set_up_page_shows_the_qr_code_as_an_image_and_the_key(client, alice):
    log_in_with_password(client)
    confirm_password(client, reverse("mfa_activate_totp"))
    page = client.get(reverse("mfa_activate_totp")).content.decode()
    assert '<img src="data:image/svg+xml;base64,' in page
    assert 'id="authenticator_secret"' in page
    assert 'autocomplete="one-time-code"' in page


def test_turning_on_the_app_with_the_code_it_shows_saves_it_and_shows_recovery_codes(client, alice):
    log_in_with_password(client)
    secret = turn_on_totp(client)
    assert Authenticator.objects.filter(user=alice, type=Authenticator.Type.TOTP).exists()
    codes = recovery_codes(client)
    assert len(codes) == 10
    assert secret not in client.get(reverse("mfa_index")).content.decode()


def test_a_wrong_code_at_set_up_is_refused_at_the_field_and_nothing_is_saved(client, alice):
    log_in_with_password(client)
    confirm_password(client, reverse("mfa_activate_totp"))
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Authenticator.objects.filter(user=alice).exists()


def test_an_empty_code_at_set_up_is_refused_without_an_error_page(client, alice):
    log_in_with_password(client)
    confirm_password(client, reverse("mfa_activate_totp"))
    response = client.post(reverse("mfa_activate_totp"), {"code": ""})
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    assert not Authenticator.objects.filter(user=alice).exists()


def test_log_in_asks_for_the_code_after_the_password(client, alice_with_totp):
    response = log_in_with_password(client)
    assert response.status_code == 302
    assert response["Location"] == CODE_STEP
    # The password alone opens nothing.
    assert client.get(DASHBOARD).status_code == 302
    page = client.get(CODE_STEP).content.decode()
    assert "One more step" in page


def test_the_code_the_app_shows_finishes_the_log_in(client, alice_with_totp):
    log_in_with_password(client)
    response = client.post(CODE_STEP, {"code": totp_code(alice_with_totp)})
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200


def test_a_code_from_a_step_either_side_still_works_for_a_clock_a_little_off(
    client, alice_with_totp
):
    log_in_with_password(client)
    response = client.post(CODE_STEP, {"code": totp_code(alice_with_totp, step=-1)})
    assert response["Location"] == DASHBOARD


def test_a_wrong_code_is_refused_with_a_clear_message(client, alice_with_totp):
    log_in_with_password(client)
    good = totp_code(alice_with_totp)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    response = client.post(CODE_STEP, {"code": wrong})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get(DASHBOARD).status_code == 302


def test_a_code_from_long_ago_is_refused(client, alice_with_totp):
    log_in_with_password(client)
    response = client.post(CODE_STEP, {"code": totp_code(alice_with_totp, step=-10)})
    assert response.status_code == 200
    assert client.get(DASHBOARD).status_code == 302


def test_a_code_works_only_once(client, alice_with_totp):
    code = totp_code(alice_with_totp)
    log_in_with_password(client)
    assert client.post(CODE_STEP, {"code": code})["Location"] == DASHBOARD
    client.post(reverse("account_logout"))
    log_in_with_password(client)
    response = client.post(CODE_STEP, {"code": code})
    assert response.status_code == 200
    assert client.get(DASHBOARD).status_code == 302


def test_five_wrong_codes_lock_the_second_step_even_for_the_right_code(client, alice_with_totp):
    log_in_with_password(client)
    for _ in range(5):
        client.post(CODE_STEP, {"code": "999999x"})
    response = client.post(CODE_STEP, {"code": totp_code(alice_with_totp)})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get(DASHBOARD).status_code == 302


def test_a_recovery_code_logs_in_once(client, alice):
    log_in_with_password(client)
    turn_on_totp(client)
    code = recovery_codes(client)[0]
    client.post(reverse("account_logout"))

    log_in_with_password(client)
    assert client.post(CODE_STEP, {"code": code})["Location"] == DASHBOARD
    assert code not in recovery_codes(client)
    client.post(reverse("account_logout"))

    log_in_with_password(client)
    again = client.post(CODE_STEP, {"code": code})
    assert again.status_code == 200
    assert "That code is not right" in again.content.decode()
    assert client.get(DASHBOARD).status_code == 302


def test_cancel_at_the_code_step_logs_out(client, alice_with_totp):
    log_in_with_password(client)
    client.post(reverse("account_logout"), {"next": reverse("account_login")})
    assert client.get(CODE_STEP).status_code == 302
    assert client.get(DASHBOARD).status_code == 302


def test_the_code_step_without_a_password_first_sends_to_log_in(client, alice_with_totp):
    response = client.get(CODE_STEP)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_turning_the_app_off_asks_for_a_code_first_and_removes_the_recovery_codes(
    client, alice_with_totp
):
    log_in_with_password(client)
    client.post(CODE_STEP, {"code": totp_code(alice_with_totp)})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).exists()
    # With the app on, the confirm step takes a code too (the next one: each works once).
    confirmed = client.post(
        reverse("mfa_reauthenticate"), {"code": totp_code(alice_with_totp, step=1)}
    )
    assert confirmed.status_code == 302
    assert client.post(reverse("mfa_deactivate_totp")).status_code == 302
    assert not Authenticator.objects.filter(user__email="alice@example.com").exists()
    client.post(reverse("account_logout"))
    assert log_in_with_password(client)["Location"] == DASHBOARD


def test_the_downloaded_codes_are_plain_text_and_not_cached(client, alice):
    log_in_with_password(client)
    turn_on_totp(client)
    response = client.get(reverse("mfa_download_recovery_codes"))
    assert response["Content-Type"].startswith("text/plain")
    assert "attachment" in response["Content-Disposition"]
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    body = response.content.decode()
    assert body.startswith("Rebound recovery codes")
    assert set(recovery_codes(client)) <= set(body.split())


def test_new_recovery_codes_replace_the_old_ones(client, alice):
    log_in_with_password(client)
    turn_on_totp(client)
    old = recovery_codes(client)
    assert client.post(reverse("mfa_generate_recovery_codes"))["Location"] == reverse(
        "mfa_view_recovery_codes"
    )
    new = recovery_codes(client)
    assert len(new) == 10
    assert not set(old) & set(new)
