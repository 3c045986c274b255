"""An application's history in the browser: a back-dated change, a bulk move, archiving."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from interviews.models import Application, StatusChange

from ..conftest import make_application, make_user
from .conftest import (
    assert_no_csp_violations,
    check_accessibility,
    check_accessibility_without_js,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ["REBOUND_SHOTS"]) if os.environ.get("REBOUND_SHOTS") else None


def shoot(page, name):
    screenshot(page, name)
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def added_weeks_ago(application, weeks=3):
    added = timezone.now() - timedelta(weeks=weeks)
    Application.objects.filter(pk=application.pk).update(created_at=added)
    StatusChange.objects.filter(application=application).update(changed_at=added)


@pytest.fixture
def job_seeker(db):
    user = make_user("sam@example.com", time_zone="Europe/London")
    contoso = make_application(
        owner=user, company="Contoso", role="Data analyst", status="wishlist"
    )
    added_weeks_ago(contoso)
    for company in ("Fabrikam", "Litware"):
        added_weeks_ago(make_application(owner=user, company=company, status="applied"))
    return user


def test_record_a_back_dated_change_and_see_it_on_the_timeline(page, job_seeker):
    log_in(page, "sam@example.com")
    contoso = Application.objects.get(company="Contoso")
    page.goto(contoso.get_absolute_url())
    page.get_by_role("link", name="History").click()
    page.wait_for_url(f"**/applications/{contoso.pk}/history/")

    applied_on = timezone.localdate() - timedelta(days=9)
    page.locator("#id_status").select_option("applied")
    page.locator("#id_on").fill(applied_on.isoformat())
    page.locator("#id_note").fill("Applied through their careers page")
    page.get_by_role("button", name="Add to the history").click()

    page.get_by_text("Added to the history of").wait_for()
    timeline = page.locator(".history-timeline")
    assert "Applied through their careers page" in timeline.inner_text()
    items = timeline.locator(".timeline-item")
    assert items.count() == 2
    assert "Wishlist" in items.nth(0).inner_text()
    assert "Applied" in items.nth(1).inner_text()
    check_accessibility(page)
    shoot(page, "history-desktop")

    # A date in the future is refused beside the field, and nothing is added.
    page.locator("#id_on").fill((timezone.localdate() + timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Add to the history").click()
    page.get_by_text("This date is in the future.").wait_for()
    assert timeline.locator(".timeline-item").count() == 2
    check_accessibility(page)
    shoot(page, "history-refused-desktop")

    page.set_viewport_size(PHONE)
    page.goto(f"/applications/{contoso.pk}/history/")
    check_accessibility(page)
    shoot(page, "history-phone")
    assert_no_csp_violations(page)


def test_move_two_applications_at_once_without_javascript(
    browser, live_server, no_js_page, job_seeker
):
    page = no_js_page
    log_in(page, "sam@example.com")
    page.goto("/applications/")
    page.get_by_role("checkbox", name="Choose Fabrikam").check()
    page.get_by_role("checkbox", name="Choose Litware").check()
    page.get_by_label("Move the chosen to").select_option("ghosted")
    page.get_by_role("button", name="Move").click()

    page.get_by_text("Moved 2 applications to Ghosted.").wait_for()
    assert set(Application.objects.filter(status="ghosted").values_list("company", flat=True)) == {
        "Fabrikam",
        "Litware",
    }
    assert StatusChange.objects.filter(to_status="ghosted").count() == 2
    check_accessibility_without_js(browser, live_server, page)
    shoot(page, "bulk-moved-nojs-desktop")
    page.set_viewport_size(PHONE)
    page.reload()
    check_accessibility_without_js(browser, live_server, page)
    shoot(page, "bulk-moved-nojs-phone")


def test_archive_one_and_find_it_under_the_filter(page, job_seeker):
    log_in(page, "sam@example.com")
    fabrikam = Application.objects.get(company="Fabrikam")
    page.goto(fabrikam.get_absolute_url())
    page.get_by_role("button", name="Archive").click()
    page.get_by_text("It is hidden from the list and the board.").wait_for()
    check_accessibility(page)
    shoot(page, "archived-application-desktop")

    page.goto("/applications/")
    companies = page.locator(".app-company")
    assert "Fabrikam" not in companies.all_inner_texts()
    page.get_by_label("Show archived").check()
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**archived=on**")
    assert "Fabrikam" in " ".join(companies.all_inner_texts())
    check_accessibility(page)
    shoot(page, "list-with-archived-desktop")

    page.goto("/applications/board/")
    assert "Fabrikam" not in page.locator(".board").inner_text()
    page.get_by_role("link", name="Show archived").click()
    assert "Fabrikam" in page.locator(".board").inner_text()
    check_accessibility(page)

    page.set_viewport_size(PHONE)
    page.goto("/applications/?archived=on")
    check_accessibility(page)
    shoot(page, "list-with-archived-phone")
    assert_no_csp_violations(page)
