"""Day 4 after a hard interview: one tap on the dashboard, then the line on the interview page.

With JavaScript on and off, at phone and desktop widths, axe-clean throughout.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from interviews.models import StingCheck

from ..conftest import make_application, make_interview, make_reflection, make_user
from .conftest import (
    assert_no_csp_violations,
    check_accessibility,
    check_accessibility_without_js,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.browser

EMAIL = "noor@example.com"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def noor(transactional_db):
    user = make_user(EMAIL)
    interview = make_interview(
        application=make_application(owner=user, company="Initech"),
        scheduled_at=timezone.now() - timedelta(days=4),
        rating=1,
    )
    make_reflection(interview=interview, intensity_before=9, intensity_after=6)
    return interview


def test_one_tap_on_the_dashboard_draws_the_line(page, noor):
    log_in(page, EMAIL)
    prompt = page.get_by_role("region", name="How big does it feel now?")
    prompt.get_by_text("Your technical interview at Initech was 4 days ago.").wait_for()
    check_accessibility(page)
    screenshot(page, "sting-dashboard-desktop")
    prompt.get_by_label("A sentence, if you like").fill("Smaller than on the train home.")
    prompt.get_by_role("button", name="3 of 10").click()
    page.wait_for_url("**/dashboard/")
    page.get_by_text("Noted: 3 of 10.").wait_for()
    assert page.get_by_role("region", name="How big does it feel now?").count() == 0
    check = StingCheck.objects.get()
    assert (check.day, check.intensity, check.note) == (3, 3, "Smaller than on the train home.")

    page.goto(noor.get_absolute_url())
    section = page.get_by_role("region", name="How big it feels")
    section.get_by_role("img", name="How big it felt").wait_for()
    # The chart's numbers, in its table: 9 right after, 6 at the end, 3 on day 3.
    row = section.locator("tbody tr").first
    assert [cell.strip() for cell in row.locator("th, td").all_inner_texts()][1:] == [
        "9",
        "6",
        "3",
        "not recorded",
    ]
    check_accessibility(page)
    assert_no_csp_violations(page)
    page.set_viewport_size(PHONE)
    screenshot(page, "sting-interview-phone")


def test_the_check_in_page_works_without_javascript_on_a_phone(
    browser, live_server, no_js_page, noor
):
    page = no_js_page
    page.set_viewport_size(PHONE)
    log_in(page, EMAIL)
    page.goto(f"/interviews/{noor.pk}/sting/")
    page.get_by_role("heading", name="How big does it feel now?").wait_for()
    screenshot(page, "sting-page-phone-nojs")
    check_accessibility_without_js(browser, live_server, page)
    page.get_by_role("button", name="7 of 10").click()
    page.wait_for_url(f"**{noor.get_absolute_url()}")
    page.get_by_text("Noted: 7 of 10.").wait_for()
    assert StingCheck.objects.get().intensity == 7
    screenshot(page, "sting-after-phone-nojs")
