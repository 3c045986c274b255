"""A person changes their settings, then imports applications from a CSV file."""

import re

import pytest

from interviews.models import Application, Profile

from ..conftest import make_application, make_user
from .conftest import assert_no_csp_violations, check_accessibility, log_in, screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

SPREADSHEET = (
    b"Company,Role,Status,Date applied,Location,Notes\r\n"
    b'Contoso,Data analyst,Interviewing,2026-02-10,"Leeds, UK","Second round, with the team"\r\n'
    b"Fabrikam,Platform engineer,Saved,,Remote,\r\n"
    b"Northwind,Backend developer,Applied,2026-01-05,,\r\n"
    b",Nameless role,Applied,,,\r\n"
)


@pytest.fixture
def member(transactional_db):
    user = make_user("member@example.com")
    make_application(owner=user, company="Northwind", role="Backend developer")
    return user


def time_zone_select(page):
    return page.get_by_role("combobox", name=re.compile(r"^Time zone"))


def test_member_filters_the_time_zones_and_saves_their_settings(page, member):
    log_in(page, "member@example.com")
    page.get_by_role("link", name="Settings").first.click()
    page.get_by_role("heading", name="Settings", level=1).wait_for()
    check_accessibility(page)
    screenshot(page, "settings")

    page.get_by_label("Filter the list of time zones").fill("berlin")
    page.get_by_text("Time zones matching: 1").wait_for()
    page.get_by_label("Filter the list of time zones").press("Enter")
    assert time_zone_select(page).input_value() == "Europe/Berlin"
    page.get_by_role("spinbutton", name=re.compile(r"^Cool-off window")).fill("72")
    check_accessibility(page)
    page.get_by_role("button", name="Save settings").click()

    page.get_by_text("Your settings are saved.").wait_for()
    profile = Profile.objects.get(user=member)
    assert (profile.time_zone, profile.cool_off_hours) == ("Europe/Berlin", 72)
    assert time_zone_select(page).input_value() == "Europe/Berlin"
    assert profile.calendar_token in page.get_by_label("Your private calendar link").input_value()

    page.get_by_role("spinbutton", name=re.compile(r"^Cool-off window")).fill("169")
    page.locator("form").filter(has=page.get_by_role("button", name="Save settings")).evaluate(
        "form => form.noValidate = true"
    )
    page.get_by_role("button", name="Save settings").click()
    page.get_by_text("Choose at most 168 hours (one week).").wait_for()
    check_accessibility(page)
    assert Profile.objects.get(user=member).cool_off_hours == 72

    page.set_viewport_size(PHONE)
    page.goto("/settings/")
    check_accessibility(page)
    screenshot(page, "settings-phone")
    assert_no_csp_violations(page)


def test_settings_work_without_javascript(browser, live_server, member):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    log_in(page, "member@example.com")
    page.goto("/settings/")

    assert page.get_by_label("Filter the list of time zones").count() == 0
    time_zone_select(page).select_option("Asia/Tokyo")
    page.get_by_role("button", name="Save settings").click()
    page.get_by_text("Your settings are saved.").wait_for()
    assert Profile.objects.get(user=member).time_zone == "Asia/Tokyo"
    context.close()


def test_member_imports_a_spreadsheet_after_checking_the_preview(page, member):
    log_in(page, "member@example.com")
    page.goto("/settings/")
    page.get_by_role("link", name="Import applications").click()
    page.get_by_role("heading", name="Import applications from a CSV file").wait_for()
    check_accessibility(page)
    screenshot(page, "applications-import")

    page.get_by_label("CSV file").set_input_files(
        {"name": "empty.csv", "mimeType": "text/csv", "buffer": b""}
    )
    page.get_by_role("button", name="Preview the import").click()
    page.get_by_text("The file is empty.").wait_for()
    check_accessibility(page)

    page.get_by_label("CSV file").set_input_files(
        {"name": "my-job-hunt.csv", "mimeType": "text/csv", "buffer": SPREADSHEET}
    )
    page.get_by_role("button", name="Preview the import").click()
    page.get_by_role("heading", name="Check your import").wait_for()
    check_accessibility(page)
    screenshot(page, "applications-import-preview")
    assert page.get_by_role("row", name="Contoso").get_by_text("Interviewing").is_visible()
    assert page.get_by_text("Already in your applications").is_visible()
    assert page.get_by_text("The company is missing.").is_visible()
    assert Application.objects.filter(owner=member).count() == 1

    page.set_viewport_size(PHONE)
    page.reload()
    check_accessibility(page)
    screenshot(page, "applications-import-preview-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Import 2 applications").click()
    page.get_by_text("Imported 2 applications.").wait_for()
    assert sorted(Application.objects.filter(owner=member).values_list("company", flat=True)) == [
        "Contoso",
        "Fabrikam",
        "Northwind",
    ]
    assert_no_csp_violations(page)
