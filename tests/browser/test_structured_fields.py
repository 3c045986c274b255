"""Salary, deadline, tags and excitement: added on the form, shown on the page, used by the list.

Walked with JavaScript on and off, at desktop and phone width, with axe on every page.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from interviews.models import Application, Tag

from ..conftest import make_application, make_user
from .conftest import (
    assert_no_csp_violations,
    check_accessibility,
    check_accessibility_without_js,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def others(owner):
    """Two more applications to filter and sort among."""
    today = timezone.localdate()
    python = Tag.objects.create(owner=owner, name="python")
    globex = make_application(
        owner=owner, company="Globex", role="Data analyst", salary_min=70000,
        salary_max=80000, salary_currency="USD", salary_period="year", excitement=2,
        deadline=today + timedelta(days=30),
    )  # fmt: skip
    globex.tags.set([python])
    make_application(owner=owner, company="Initech", role="QA lead")


def add_application(page, deadline):
    page.goto("/applications/new/")
    page.get_by_label("Company").fill("Northwind")
    page.get_by_label("Role").fill("Backend developer")
    page.get_by_label("Salary from").fill("55000")
    page.get_by_label("Salary up to").fill("65000")
    page.get_by_label("Currency").fill("eur")
    page.get_by_label("Per", exact=True).select_option("year")
    page.get_by_label("Salary as written").fill("55–65k + bonus")
    page.get_by_label("Apply by").fill(deadline.isoformat())
    page.get_by_label("4 · Very keen").check()
    page.get_by_label("Tags").fill("remote, Python")
    page.get_by_role("button", name="Add application").click()
    page.get_by_role("heading", name="Details").wait_for()


def assert_details(page):
    details = page.locator("dl.facts")
    text = details.inner_text()
    assert "€55,000–€65,000 a year" in text
    assert "55–65k + bonus" in text
    assert "(in 3 days)" in text
    assert "4/5 · Very keen" in text
    assert details.get_by_role("link", name="remote").is_visible()


def assert_filters_and_sorts(page, check):
    page.goto("/applications/")
    page.get_by_label("Tag", exact=True).select_option(label="python")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**tag=*")
    rows = page.locator(".app-table tbody tr")
    assert sorted(rows.locator(".app-company").all_inner_texts()) == ["Globex", "Northwind"]
    check()

    page.get_by_label("Tag", exact=True).select_option(label="Any tag")
    page.get_by_label("Deadline", exact=True).select_option(label="Deadline in the next 7 days")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**deadline=soon*")
    assert rows.locator(".app-company").all_inner_texts() == ["Northwind"]
    assert "(in 3 days)" in rows.first.inner_text()

    page.get_by_label("Deadline", exact=True).select_option(label="Any deadline")
    page.get_by_label("Sort by").select_option(label="Salary, highest first")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**sort=salary*")
    assert rows.locator(".app-company").all_inner_texts() == ["Globex", "Northwind", "Initech"]
    assert page.get_by_text("currencies and periods are not converted").is_visible()
    check()

    page.get_by_label("Sort by").select_option(label="Excitement, highest first")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**sort=excitement*")
    assert rows.locator(".app-company").all_inner_texts() == ["Northwind", "Globex", "Initech"]
    assert "4/5 · Very keen" in rows.first.inner_text()


def test_add_an_application_with_salary_tags_deadline_and_excitement_then_filter_and_sort(
    page, live_server
):
    alice = make_user("alice@example.com")
    others(alice)
    log_in(page, "alice@example.com")

    page.goto("/applications/new/")
    check_accessibility(page)
    screenshot(page, "structured-form-desktop")
    add_application(page, timezone.localdate() + timedelta(days=3))
    assert_details(page)
    check_accessibility(page)
    screenshot(page, "structured-detail-desktop")
    saved = Application.objects.get(company="Northwind")
    assert (saved.salary_currency, saved.excitement) == ("EUR", 4)
    # "Python" is the tag she already had, whatever the case she typed.
    assert sorted(tag.name for tag in saved.tags.all()) == ["python", "remote"]

    assert_filters_and_sorts(page, lambda: check_accessibility(page))
    screenshot(page, "structured-list-desktop")

    page.set_viewport_size(PHONE)
    page.goto("/applications/?sort=deadline")
    check_accessibility(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "structured-list-phone")
    page.goto(saved.get_absolute_url())
    check_accessibility(page)
    screenshot(page, "structured-detail-phone")
    page.goto("/applications/new/")
    check_accessibility(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "structured-form-phone")
    assert_no_csp_violations(page)


def test_the_same_journey_works_without_javascript(browser, no_js_page, live_server):
    page = no_js_page
    alice = make_user("alice@example.com")
    others(alice)
    log_in(page, "alice@example.com")

    add_application(page, timezone.localdate() + timedelta(days=3))
    assert_details(page)
    check_accessibility_without_js(browser, live_server, page)

    assert_filters_and_sorts(
        page, lambda: check_accessibility_without_js(browser, live_server, page)
    )
    screenshot(page, "structured-list-desktop-nojs")

    page.goto("/applications/new/")
    page.get_by_label("Company").fill("Umbrella")
    page.get_by_label("Role").fill("Chemist")
    page.get_by_label("Salary from").fill("90000")
    page.get_by_label("Salary up to").fill("80000")
    page.get_by_role("button", name="Add application").click()
    page.get_by_text("The top of the range is below its bottom.").wait_for()
    check_accessibility_without_js(browser, live_server, page)
    screenshot(page, "structured-form-error-nojs")
    assert not Application.objects.filter(company="Umbrella").exists()
