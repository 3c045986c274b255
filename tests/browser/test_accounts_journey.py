"""A new visitor signs up, lands on the empty dashboard, logs out and back in."""

import re

import pytest
from django.core import mail

from interviews.models import User

from ..conftest import run_queued_tasks
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
    # The script has picked the browser's own zone.
    assert page.get_by_label("Your time zone").input_value() != ""
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_text("Verify Your Email Address").first.wait_for()

    run_queued_tasks()  # the worker sends the verification mail
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


def new_page(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = []
    page.on("console", lambda msg: page.problems.append(msg.text) if msg.type == "error" else None)
    return page


def shoot(page, name):
    screenshot(page, name)


def fill_sign_up(page, email):
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)


@pytest.mark.parametrize(
    ("browser_zone", "listed_zone"),
    [("Europe/Berlin", "Europe/Berlin"), ("Asia/Calcutta", "Asia/Kolkata")],
)
def test_sign_up_picks_the_browsers_time_zone(browser, live_server, browser_zone, listed_zone):
    page = new_page(
        browser, live_server, viewport={"width": 390, "height": 844}, timezone_id=browser_zone
    )
    page.goto("/accounts/signup/")
    zone = page.get_by_label("Your time zone")
    assert zone.input_value() == listed_zone
    check_accessibility(page)
    shoot(page, f"signup-phone-js-{listed_zone.replace('/', '-')}")
    fill_sign_up(page, "berlin@example.com")
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_text("Verify Your Email Address").first.wait_for()
    assert User.objects.get(email="berlin@example.com").profile.time_zone == listed_zone
    assert_no_csp_violations(page)
    page.context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_sign_up_without_javascript_asks_the_time_zone(browser, live_server, width):
    page = new_page(
        browser,
        live_server,
        viewport={"width": width, "height": 900},
        java_script_enabled=False,
        timezone_id="Europe/Berlin",
    )
    page.goto("/accounts/signup/")
    zone = page.get_by_label("Your time zone")
    assert zone.input_value() == ""
    fill_sign_up(page, "nojs@example.com")
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_text("Choose your time zone from the list.").wait_for()
    assert not User.objects.filter(email="nojs@example.com").exists()
    shoot(page, f"signup-{width}-nojs-error")
    zone.select_option("Europe/Lisbon")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_text("Verify Your Email Address").first.wait_for()
    assert User.objects.get(email="nojs@example.com").profile.time_zone == "Europe/Lisbon"
    page.context.close()
