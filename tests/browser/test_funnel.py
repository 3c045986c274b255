"""A person reads where their applications led: the funnel, its sources and how it is counted."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from interviews.models import Interview

from ..conftest import make_application, make_interview, make_user
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
LONG_SOURCE = "Recruitmentagencyforwebdevelopersandfriends" * 2


@pytest.fixture
def searching(transactional_db):
    """An account with a dozen applications from a few sources, some moved on with history."""
    alice = make_user("alice@example.com")
    today = timezone.localdate()
    spellings = ["LinkedIn", " linkedin", "LINKEDIN ", "LinkedIn", "Linkedin"]
    for n, source in enumerate(spellings):
        application = make_application(
            owner=alice,
            company=f"Northwind {n}",
            status="applied",
            source=source,
            applied_on=today - timedelta(days=30 - n),
        )
        if n < 2:
            make_interview(
                application=application,
                scheduled_at=timezone.now() - timedelta(days=20 - n * 3),
                outcome=Interview.Outcome.OFFER if n == 0 else Interview.Outcome.PENDING,
            )
    for n in range(3):
        application = make_application(
            owner=alice,
            company=f"Referred {n}",
            status="applied",
            source="Referral",
            applied_on=today - timedelta(days=14),
        )
        if n == 0:
            application.status = "rejected"
            application.status_changed_at = timezone.now() - timedelta(days=9)
            application.save()
    make_application(owner=alice, company="Unknown", status="ghosted")
    make_application(owner=alice, company="Long", status="applied", source=LONG_SOURCE)
    make_application(owner=alice, company="Someday", status="wishlist", source="Dream list")
    return alice


def funnel_section(page):
    return page.locator(
        "section", has=page.get_by_role("heading", name="Where your applications lead")
    )


def shots(page, name, *, at=None):
    """Keep the whole page, and the view around `at` (a locator) to judge up close."""
    path = screenshot(page, f"funnel-{name}")
    if at is not None:
        at.scroll_into_view_if_needed()
        page.evaluate("(y) => window.scrollBy(0, y)", at.bounding_box()["y"] - 8)
        screenshot(page, f"funnel-{name}-close", full_page=False)
    return path


def overflowing(page, width):
    return page.evaluate(
        """(width) => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > width + 2)
        .map(e => e.tagName + '.' + e.className).slice(0, 12)""",
        width,
    )


def test_the_funnel_shows_its_stages_sources_and_how_it_counts_at_desktop_and_phone(
    page, searching
):
    log_in(page, "alice@example.com")
    section = funnel_section(page)
    section.scroll_into_view_if_needed()

    chart = section.get_by_role("img", name=re.compile("^From applied to offer"))
    assert chart.is_visible()
    sources = section.get_by_role("table", name=re.compile("^Applications from each source"))
    linkedin = sources.get_by_role("row", name=re.compile("^LinkedIn"))
    assert linkedin.locator("td").all_inner_texts() == ["5", "2 (40%)", "1 (20%)", "2 (40%)"]
    referral = sources.get_by_role("row", name=re.compile("^Referral"))
    assert referral.locator("td").all_inner_texts() == ["3", "0", "0", "1"]
    assert sources.get_by_role("row", name=re.compile("^No source given")).is_visible()
    assert "Dream list" not in section.inner_text()
    assert "10 of 10" not in section.inner_text()
    facts = section.locator(".funnel-facts")
    assert facts.get_by_role("term").all_inner_texts() == [
        "Heard back",
        "Typical wait for a first answer",
    ]
    assert facts.get_by_role("definition").all_inner_texts()[0] == "3 of 10 (30%)"

    section.get_by_text("How these are counted").click()
    assert section.get_by_text("Ghosted, withdrawn or no change yet").is_visible()
    check_accessibility(page)
    assert_no_csp_violations(page)
    shots(page, "desktop", at=section)

    page.set_viewport_size(PHONE)
    section.scroll_into_view_if_needed()
    # On a phone the chart's own numbers show as a table under it.
    stages = section.locator(".chart-data table")
    assert stages.is_visible()
    assert stages.locator("tbody tr").all_inner_texts()[1].split("\t") == [
        "Reached an interview",
        "2 of 10 (20%)",
    ]
    assert sources.is_visible()
    assert overflowing(page, PHONE["width"]) == []
    check_accessibility(page)
    shots(page, "phone", at=section)
    shots(page, "phone-sources", at=sources)
    assert page.problems == []


def test_without_javascript_the_funnel_tables_and_definitions_are_there(
    browser, live_server, searching
):
    context = browser.new_context(
        base_url=live_server.url, viewport=DESKTOP, java_script_enabled=False
    )
    try:
        page = context.new_page()
        log_in(page, "alice@example.com")
        section = funnel_section(page)
        for viewport, name in [(DESKTOP, "desktop-no-js"), (PHONE, "phone-no-js")]:
            page.set_viewport_size(viewport)
            sources = section.get_by_role("table", name=re.compile("^Applications from each"))
            assert sources.is_visible()
            assert sources.get_by_role("row", name=re.compile("^LinkedIn")).is_visible()
            section.get_by_text("How these are counted").click()
            assert section.get_by_text("Ghosted, withdrawn or no change yet").is_visible()
            section.get_by_text("How these are counted").click()  # closed again for the next width
            check_accessibility_without_js(browser, live_server, page)
            shots(page, name, at=sources)
        assert section.locator(".chart-data table").is_visible()
        assert overflowing(page, PHONE["width"]) == []
    finally:
        context.close()


def test_with_few_applications_the_funnel_says_what_to_add(page, transactional_db):
    alice = make_user("alice@example.com")
    make_application(owner=alice, status="applied", source="Referral")
    make_application(owner=alice, status="wishlist")
    log_in(page, "alice@example.com")

    section = funnel_section(page)
    assert "once you have applied for 3 jobs" in section.inner_text()
    assert section.get_by_role("img").count() == 0
    section.get_by_role("link", name="Add an application").click()
    page.wait_for_url("**/applications/new/")
    page.go_back()
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        check_accessibility(page)
    shots(page, "empty-phone")
