"""A new visitor signs up, lands on the empty dashboard, logs out and back in."""

import re

import pytest
from django.core import mail

from .conftest import assert_no_csp_violations, check_accessibility, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "a-very-long-browser-passphrase-9"


def test_visitor_signs_up_logs_out_and_logs_back_in(page, live_server):
    page.goto("/")
    check_accessibility(page)
    screenshot(page, "landing")
    page.get_by_role("link", name="Create your free account").click()
    check_accessibility(page)
    page.locator("#id_email").fill("newcomer@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_text("Verify Your Email Address").first.wait_for()

    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Your dashboard").wait_for()
    check_accessibility(page)
    screenshot(page, "dashboard-empty")

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").first.click()
    check_accessibility(page)
    page.locator("#id_login").fill("newcomer@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name="Your dashboard").wait_for()
    assert_no_csp_violations(page)


def test_pages_read_well_on_a_phone(page, live_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    check_accessibility(page)
    screenshot(page, "landing-phone")
    page.goto("/accounts/login/")
    check_accessibility(page)
    screenshot(page, "login-phone")
