"""A demo account reads its dashboard, follows a next step, practises and ticks off an action.

And a person inside a cool-off begins a reflection: the dashboard says which step to continue
from, and its "Too soon?" card goes once they say they have taken the time.
"""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from ..conftest import make_application, make_interview, make_reflection, make_user
from .conftest import (
    ARTIFACTS,
    assert_no_csp_violations,
    check_accessibility,
    check_accessibility_without_js,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.browser

EMAIL = "demo@example.com"
PASSWORD = "a-long-demo-passphrase-for-browsers"
# "Too soon?" is there only while an interview is booked inside a cool-off not yet taken.
SECTIONS = [
    "Recovering",
    "Waiting to hear",
    "Coming up",
    "Pipeline",
    "How you're doing",
    "Patterns",
    "Where your applications lead",
]


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", email=EMAIL, password=PASSWORD, interviews=24)


def test_dashboard_shows_every_section_and_a_next_step_leads_to_its_actions(page, demo):
    log_in(page, EMAIL, PASSWORD)

    for name in SECTIONS:
        assert page.get_by_role("heading", name=name, exact=True).is_visible(), name
    # The trend, the two patterns, the funnel and how the sting fades.
    assert page.locator("svg.chart").count() == 5
    check_accessibility(page)
    assert_no_csp_violations(page)
    screenshot(page, "dashboard")

    step = page.locator("a.next-step-actions").first
    label = step.inner_text()
    href = step.get_attribute("href")
    assert href.startswith("/actions/?interview=")
    step.click()
    page.get_by_role("heading", name="Actions", exact=True).wait_for()
    assert page.url.endswith(href)
    assert "Showing the actions from your" in page.content()
    left = int(label.split()[0])
    assert page.get_by_role("button", name="Mark done").count() == left
    check_accessibility(page)
    screenshot(page, "actions")

    page.get_by_role("button", name="Mark done").first.click()
    page.get_by_text("one step closer to ready").wait_for()
    assert page.url.endswith(href)
    assert page.get_by_role("button", name="Mark done").count() == left - 1


def test_every_hard_interview_on_its_way_back_is_one_link_away(page, demo):
    log_in(page, EMAIL, PASSWORD)
    shown = page.locator(".recovering-item").count()
    page.get_by_role(
        "link", name=re.compile(r"^See all \d+ hard interviews on their way back")
    ).click()
    page.get_by_role("heading", name="On the way back", exact=True).wait_for()
    assert page.locator(".recovering-item").count() > shown
    look_at(page, "recovering-list")
    page.get_by_role("link", name="Dashboard", exact=True).first.click()
    page.wait_for_url("**/dashboard/")


def test_question_bank_and_practice_mode(page, demo):
    log_in(page, EMAIL, PASSWORD)
    page.get_by_role("link", name="Question bank").click()
    page.get_by_role("heading", name="Question bank").wait_for()
    check_accessibility(page)
    screenshot(page, "question-bank")

    page.get_by_role("link", name="Start practising").click()
    page.get_by_role("heading", name="Practise", exact=True).wait_for()
    # The demo repeats question texts, so tell questions apart by the form's address.
    practised = page.locator("form[action$='/practised/']")
    question = practised.get_attribute("action")
    answer = page.locator(".practice-answer .better")
    assert not answer.is_visible()
    page.get_by_text("Show the better answer").click()
    assert answer.is_visible()
    check_accessibility(page)
    screenshot(page, "practice")

    page.get_by_role("button", name="I answered it well").click()
    page.get_by_text("Nicely done: up to box").wait_for()
    assert practised.get_attribute("action") != question
    assert_no_csp_violations(page)


def test_dashboard_reads_well_on_a_phone(page, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, EMAIL, PASSWORD)
    for name in SECTIONS:
        assert page.get_by_role("heading", name=name, exact=True).is_visible(), name
    check_accessibility(page)
    screenshot(page, "dashboard-phone")
    ARTIFACTS.mkdir(exist_ok=True)
    for section in ("coming-up", "progress"):
        page.locator(f"section[aria-labelledby='{section}-title']").screenshot(
            path=str(ARTIFACTS / f"dashboard-{section}-phone.png")
        )
    page.goto("/actions/")
    check_accessibility(page)
    screenshot(page, "actions-phone")


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def cooling(transactional_db):
    """Alice, two hours after a bad Acme interview, with Globex booked for tomorrow."""
    alice = make_user("alice@example.com")
    bad = make_interview(
        application=make_application(owner=alice, company="Acme"),
        rating=1,
        scheduled_at=timezone.now() - timedelta(hours=2),
    )
    make_interview(
        application=make_application(owner=alice, company="Globex"),
        scheduled_at=timezone.now() + timedelta(hours=20),
    )
    return bad


def too_soon(page):
    return page.get_by_role("heading", name="Too soon?", exact=True)


def look_at(page, name):
    """Check the page with axe at desktop and phone width, and keep a screenshot of each."""
    for width, suffix in [(None, ""), (PHONE, "-phone")]:
        if width:
            page.set_viewport_size(width)
        check_accessibility(page)
        screenshot(page, f"dashboard-{name}{suffix}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_begun_reflection_shows_its_step_and_the_too_soon_card_goes_once_time_is_taken(
    page, browser, live_server, cooling
):
    log_in(page, "alice@example.com")
    assert too_soon(page).is_visible()
    card = page.locator("section", has=too_soon(page))
    assert "Globex" in card.inner_text()
    assert page.locator("a.next-step-cooling").inner_text().startswith("Cooling off")
    look_at(page, "too-soon")

    card.get_by_role("link", name="Reflect on the Acme interview").click()
    page.get_by_role("heading", name="How are you feeling?").wait_for()
    page.get_by_label("Disappointed").check()
    page.locator("#id_feelings-intensity_before_3").check()
    page.get_by_role("button", name="Continue").first.click()
    page.get_by_role("heading", name="What happened", exact=True).wait_for()

    page.goto("/dashboard/")
    step = page.get_by_role("link", name=re.compile(r"^Continue — step 2 of 6"))
    assert step.is_visible()
    assert page.locator("a.next-step-cooling").count() == 0
    # Only begun: the time is not taken yet, so the card still offers a gentle word.
    assert too_soon(page).is_visible()
    look_at(page, "continue")

    step.click()
    page.get_by_role("heading", name="What happened", exact=True).wait_for()
    assert f"/interviews/{cooling.pk}/reflect/" in page.url

    page.goto(f"/interviews/{cooling.pk}/edit/")
    page.get_by_label("I have taken some time").check()
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(re.compile(rf"/interviews/{cooling.pk}/$"))

    page.goto("/dashboard/")
    assert too_soon(page).count() == 0
    assert page.get_by_role("link", name=re.compile(r"^Continue — step 2 of 6")).is_visible()
    look_at(page, "time-taken")
    assert_no_csp_violations(page)

    # Without JavaScript the same page says the same things, and the link still leads on.
    plain = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    bare = plain.new_page()
    log_in(bare, "alice@example.com")
    for viewport, suffix in [(PHONE, "phone"), ({"width": 1280, "height": 900}, "desktop")]:
        bare.set_viewport_size(viewport)
        assert too_soon(bare).count() == 0
        assert bare.get_by_role("link", name=re.compile(r"^Continue — step 2 of 6")).is_visible()
        check_accessibility_without_js(browser, live_server, bare)
        screenshot(bare, f"dashboard-time-taken-{suffix}-no-js")
    bare.get_by_role("link", name=re.compile(r"^Continue — step 2 of 6")).click()
    bare.get_by_role("heading", name="What happened", exact=True).wait_for()
    plain.close()


def test_the_trend_table_fits_a_phone_even_with_a_very_long_company_name(page, transactional_db):
    alice = make_user("alice@example.com")
    for company in ["Northwind Labs", "Supercalifragilisticexpialidocious" * 2]:
        interview = make_interview(
            application=make_application(owner=alice, company=company),
            rating=1,
            scheduled_at=timezone.now() - timedelta(days=5),
        )
        make_reflection(interview=interview, intensity_after=3, confidence_after=6)
    page.set_viewport_size(PHONE)
    log_in(page, "alice@example.com")

    table = page.locator(".chart-data table").first
    assert table.is_visible()
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > 392)
        .map(e => e.tagName + '.' + e.className).slice(0, 12)"""
    )
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], wide
    headings = table.locator("thead th")
    # Column headings break between words, never inside one.
    for index in range(headings.count()):
        words = headings.nth(index).inner_text().split()
        assert all(len(word) > 2 for word in words), words
    check_accessibility(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("section[aria-labelledby='progress-title']").screenshot(
        path=str(ARTIFACTS / "dashboard-progress-long-name-phone.png")
    )
