"""Two-factor sign-in in a real browser: an authenticator app whose codes the test computes,
and a passkey made and used through Chromium's virtual authenticator, all under the CSP."""

import pytest

from ..account.mfa_helpers import totp_code
from ..conftest import PASSWORD, make_user
from .conftest import assert_no_csp_violations, check_accessibility, log_in, screenshot

pytestmark = pytest.mark.browser

EMAIL = "tove@example.com"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def tove(transactional_db):
    return make_user(EMAIL)


def confirm_password_if_asked(page):
    password = page.get_by_label("Password")
    if password.count():
        password.fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_load_state()


def log_out(page):
    if page.viewport_size["width"] < 992:  # the phone's menu holds the button
        page.get_by_role("navigation", name="Main").locator("summary", has_text="Menu").click()
    # The page first clears what the phone kept, then sends the form: wait for that page.
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").first.click()
    page.wait_for_load_state()


def test_an_authenticator_app_guards_the_next_log_in(page, tove):
    log_in(page, EMAIL)
    page.goto("/accounts/2fa/")
    page.get_by_role("link", name="Set up an authenticator app").click()
    confirm_password_if_asked(page)
    page.get_by_role("img").first.wait_for()  # the QR code, as an image
    check_accessibility(page)
    page.set_viewport_size(PHONE)
    screenshot(page, "mfa-totp-setup-phone")
    secret = page.locator("#authenticator_secret").input_value()
    code = page.get_by_label("The six-digit code the app now shows for Rebound")
    code.fill("000000" if totp_code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.locator(".invalid-feedback").wait_for()
    check_accessibility(page)
    page.get_by_label("The six-digit code the app now shows for Rebound").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.wait_for_url("**/recovery-codes/**")
    check_accessibility(page)
    log_out(page)

    page.goto("/accounts/login/")
    page.locator("#id_login").fill(EMAIL)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    field = page.get_by_label("Code from your app, or a recovery code")
    field.wait_for()
    check_accessibility(page)
    screenshot(page, "mfa-code-step-phone")
    field.fill(totp_code(secret))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/dashboard/")
    assert_no_csp_violations(page)


def test_a_passkey_made_in_the_browser_logs_in_without_a_password(page, tove):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    log_in(page, EMAIL)
    page.goto("/accounts/2fa/webauthn/add/")
    confirm_password_if_asked(page)
    page.get_by_label("A name to tell it apart").fill("Test laptop")
    check_accessibility(page)
    page.get_by_role("button", name="Make the passkey").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    page.goto("/accounts/2fa/webauthn/")
    confirm_password_if_asked(page)
    page.get_by_text("Test laptop").first.wait_for()
    check_accessibility(page)
    screenshot(page, "mfa-passkeys")
    log_out(page)

    page.goto("/accounts/login/")
    page.get_by_role("button", name="Log in with a passkey").click()
    page.wait_for_url("**/dashboard/")
    assert_no_csp_violations(page)
