"""A demo account reads its dashboard, follows a next step, practises and ticks off an action."""

import pytest
from django.core.management import call_command

from .conftest import assert_no_csp_violations, check_accessibility, log_in, screenshot

pytestmark = pytest.mark.browser

EMAIL = "demo@example.com"
PASSWORD = "a-long-demo-passphrase-for-browsers"
SECTIONS = [
    "Recovering",
    "Too soon?",
    "Waiting to hear",
    "Coming up",
    "Pipeline",
    "How you're doing",
    "Patterns",
]


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", email=EMAIL, password=PASSWORD, interviews=24)


def test_dashboard_shows_every_section_and_a_next_step_leads_to_its_actions(page, demo):
    log_in(page, EMAIL, PASSWORD)

    for name in SECTIONS:
        assert page.get_by_role("heading", name=name, exact=True).is_visible(), name
    assert page.locator("svg.chart").count() == 3
    check_accessibility(page)
    assert_no_csp_violations(page)
    screenshot(page, "dashboard")

    step = page.locator("a.next-step-actions").first
    label = step.inner_text()
    href = step.get_attribute("href")
    assert href.startswith("/actions/?application=")
    step.click()
    page.get_by_role("heading", name="Actions", exact=True).wait_for()
    assert page.url.endswith(href)
    assert "Showing actions from your interviews for" in page.content()
    left = int(label.split()[0])
    assert page.get_by_role("button", name="Mark done").count() == left
    check_accessibility(page)
    screenshot(page, "actions")

    page.get_by_role("button", name="Mark done").first.click()
    page.get_by_text("one step closer to ready").wait_for()
    assert page.url.endswith(href)
    assert page.get_by_role("button", name="Mark done").count() == left - 1


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

    page.get_by_role("button", name="I practised this").click()
    page.get_by_text("Here is the next one.").wait_for()
    assert practised.get_attribute("action") != question
    assert_no_csp_violations(page)


def test_dashboard_reads_well_on_a_phone(page, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, EMAIL, PASSWORD)
    for name in SECTIONS:
        assert page.get_by_role("heading", name=name, exact=True).is_visible(), name
    check_accessibility(page)
    screenshot(page, "dashboard-phone")
    page.goto("/actions/")
    check_accessibility(page)
    screenshot(page, "actions-phone")
