"""A job seeker tracks an application, logs a bad interview and moves the card on the board."""

import zoneinfo
from datetime import date, timedelta

import pytest
from django.utils import timezone

from interviews.models import Application

from ..conftest import make_application, make_interview, make_user
from .conftest import assert_no_csp_violations, check_accessibility, log_in, screenshot

pytestmark = pytest.mark.browser

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
PHONE = {"width": 390, "height": 844}


def local(days, hour):
    """Return a datetime-local value `days` from today at `hour` o'clock in New York."""
    moment = timezone.now().astimezone(NEW_YORK) + timedelta(days=days)
    return moment.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def seed_other_applications(owner):
    """Give the list and the board some company, so the screenshots look lived in."""
    rows = [
        ("Bluebird Health", "Product designer", "wishlist", None),
        ("Cedar & Stone", "Data analyst", "applied", date(2026, 1, 12)),
        ("Orbital Freight", "Frontend engineer", "applied", date(2026, 1, 20)),
        ("Maple Analytics", "Data analyst", "interviewing", date(2026, 1, 5)),
        ("Quayside Bank", "QA engineer", "rejected", date(2025, 12, 2)),
        ("Lumen Learning", "Project manager", "offer", date(2025, 11, 28)),
    ]
    for company, role, status, applied_on in rows:
        application = make_application(
            owner=owner, company=company, role=role, status=status, applied_on=applied_on
        )
        if status == "interviewing":
            make_interview(application=application, scheduled_at=timezone.now() + timedelta(days=6))


def test_job_seeker_logs_a_bad_interview_and_moves_the_card(page, live_server):
    alice = make_user("alice@example.com", time_zone="America/New_York")
    log_in(page, "alice@example.com")

    page.goto("/applications/")
    page.get_by_text("No applications yet").wait_for()
    check_accessibility(page)
    screenshot(page, "tracking-list-empty")
    page.get_by_role("link", name="Add your first application").click()

    page.get_by_role("heading", name="Add an application").wait_for()
    page.get_by_label("Company").fill("Northwind Labs")
    page.get_by_label("Role").fill("Backend developer")
    page.get_by_label("Location").fill("Remote, UK")
    page.get_by_label("Source").fill("A friend's referral")
    page.get_by_label("Name", exact=True).fill("Sam Rivera")
    page.get_by_label("E-mail", exact=True).fill("sam@northwind.example")
    check_accessibility(page)
    screenshot(page, "tracking-application-form")
    page.get_by_role("button", name="Add application").click()

    page.get_by_role("heading", name="Backend developer at Northwind Labs").wait_for()
    assert page.get_by_role("link", name="sam@northwind.example").is_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Add interview", exact=True).click()

    page.get_by_role("heading", name="Add an interview").wait_for()
    page.get_by_label("Kind").select_option(label="Technical")
    page.get_by_label("Date and time").fill(local(-1, 10))
    page.get_by_label("Duration (minutes)").fill("60")
    page.get_by_label("Interviewers").fill("Sam Rivera, Priya Natarajan")
    check_accessibility(page)
    screenshot(page, "tracking-interview-form")
    page.get_by_role("button", name="Add interview").click()

    page.get_by_role("heading", name="Technical interview at Northwind Labs").wait_for()
    page.get_by_text("moved the application to Interviewing").wait_for()
    page.get_by_role("link", name="Say how it went").click()
    page.get_by_label("2 · Badly").check()
    page.get_by_role("button", name="Save changes").click()

    page.get_by_text("Cooling off until").wait_for()
    reflect = page.get_by_role("link", name="Reflect on this interview")
    assert reflect.get_attribute("href").endswith("/reflect/")
    assert page.get_by_role("link", name="Write a follow-up letter").is_visible()
    assert page.get_by_text("Road back: stage 1 of 6, Logged").is_visible()
    check_accessibility(page)
    screenshot(page, "tracking-interview-detail-bad")

    page.get_by_role("link", name="Northwind Labs").first.click()
    page.get_by_role("link", name="Add interview", exact=True).click()
    page.get_by_label("Kind").select_option(label="Final")
    page.get_by_label("Date and time").fill(local(1, 10))
    page.get_by_role("button", name="Add interview").click()
    page.get_by_text("A gentle heads-up").wait_for()
    assert page.locator(".alert-warning").first.is_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Northwind Labs").first.click()
    page.locator(".timeline-now").wait_for()
    check_accessibility(page)
    screenshot(page, "tracking-application-detail")

    seed_other_applications(alice)
    page.goto("/applications/board/")
    card = page.locator("#application-" + str(Application.objects.get(company="Northwind Labs").pk))
    assert card.locator(".badge-recovering").is_visible()
    assert page.locator("section[data-status='interviewing']").locator(card).count() == 1
    check_accessibility(page)
    screenshot(page, "tracking-board")
    card.get_by_label("Move Northwind Labs to").select_option(label="Offer")
    card.get_by_role("button", name="Move Northwind Labs").click()
    page.get_by_text("Moved Backend developer at Northwind Labs to Offer.").wait_for()
    moved = page.locator("section[data-status='offer'] .board-card", has_text="Northwind Labs")
    assert moved.count() == 1
    assert Application.objects.get(company="Northwind Labs").status == "offer"

    page.goto("/applications/")
    check_accessibility(page)
    screenshot(page, "tracking-list")
    page.get_by_label("Search").fill("analyst")
    page.get_by_role("button", name="Filter").click()
    page.get_by_text("Showing 1–2 of 2").wait_for()
    page.get_by_label("Search").fill("nothing like this")
    page.get_by_role("button", name="Filter").click()
    page.get_by_text("No applications match").wait_for()
    check_accessibility(page)
    assert_no_csp_violations(page)


def test_a_card_can_be_dragged_to_another_column(page, live_server):
    alice = make_user("alice@example.com")
    application = make_application(owner=alice, company="Northwind Labs", status="applied")
    log_in(page, "alice@example.com")
    page.goto("/applications/board/")
    page.drag_and_drop(f"#application-{application.pk}", "section[data-status='interviewing']")
    page.get_by_text("Moved Backend developer at Northwind Labs to Interviewing.").wait_for()
    application.refresh_from_db()
    assert application.status == "interviewing"
    assert_no_csp_violations(page)


def test_tracking_pages_read_well_on_a_phone(page, live_server):
    alice = make_user("alice@example.com", time_zone="Europe/London")
    seed_other_applications(alice)
    application = make_application(
        owner=alice,
        company="Northwind Labs",
        role="Backend developer",
        location="Remote",
        salary_text="55–60k",
    )
    bad = make_interview(
        application=application, rating=1, scheduled_at=timezone.now() - timedelta(hours=5)
    )
    make_interview(application=application, scheduled_at=timezone.now() + timedelta(days=4))
    log_in(page, "alice@example.com")
    page.set_viewport_size(PHONE)
    pages = [
        ("/applications/", "tracking-list-phone"),
        ("/applications/board/", "tracking-board-phone"),
        (application.get_absolute_url(), "tracking-application-detail-phone"),
        (bad.get_absolute_url(), "tracking-interview-detail-phone"),
        ("/applications/new/", "tracking-application-form-phone"),
        (f"/interviews/{bad.pk}/edit/", "tracking-interview-form-phone"),
    ]
    for path, name in pages:
        page.goto(path)
        check_accessibility(page)
        screenshot(page, name)
    assert_no_csp_violations(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_time_the_clocks_repeat_or_skip_is_explained_and_chosen(browser, live_server, javascript):
    alice = make_user("alice@example.com", time_zone="Europe/London")
    application = make_application(owner=alice, company="Northwind Labs", status="applied")
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    suffix = "js" if javascript else "nojs"
    try:
        log_in(page, "alice@example.com")
        page.goto(f"/applications/{application.pk}/interviews/new/")
        page.get_by_label("Date and time").fill("2027-10-31T01:30")
        page.get_by_role("button", name="Add interview").click()
        page.get_by_text("01:30 on 31 Oct 2027 happens twice in Europe/London").first.wait_for()
        assert page.get_by_text("the clocks go back from 02:00 to 01:00").first.is_visible()
        if javascript:
            check_accessibility(page)
        screenshot(page, f"tracking-interview-form-repeated-time-{suffix}")
        page.set_viewport_size(PHONE)
        screenshot(page, f"tracking-interview-form-repeated-time-phone-{suffix}")
        if javascript:
            check_accessibility(page)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.get_by_label("01:30 GMT (second)").check()
        page.get_by_role("button", name="Add interview").click()
        page.get_by_text("Added the interview on Sun 31 Oct 2027, 01:30 GMT").wait_for()
        interview = application.interviews.get()
        assert interview.scheduled_at.astimezone(NEW_YORK).hour == 21  # 01:30 GMT

        page.goto(f"/interviews/{interview.pk}/edit/")
        assert page.get_by_label("01:30 GMT (second)").is_checked()
        page.get_by_label("Date and time").fill("2027-03-28T01:30")
        page.get_by_role("button", name="Save changes").click()
        page.get_by_text("Did you mean 02:30 BST?").first.wait_for()
        assert page.get_by_text("the clocks go forward from 01:00 to 02:00").first.is_visible()
        if javascript:
            check_accessibility(page)
        screenshot(page, f"tracking-interview-form-skipped-time-{suffix}")
        page.get_by_label("02:30 BST, just after the clocks go forward").check()
        page.get_by_role("button", name="Save changes").click()
        page.get_by_text("Saved your changes.").wait_for()
        interview.refresh_from_db()
        assert interview.scheduled_at.astimezone(NEW_YORK).strftime("%H:%M") == "21:30"
    finally:
        context.close()
