"""A mentor link: made in settings, opened by someone with no account, then turned off.

The mentor's page is read in a fresh browser with no session, at phone and desktop widths,
with JavaScript on and off, axe-clean throughout; once turned off it is a 404.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from interviews.models import MentorLink, MentorLinkView

from ..conftest import make_application, make_interview, make_reflection, make_user
from .conftest import (
    assert_no_csp_violations,
    check_accessibility,
    check_accessibility_without_js,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.browser

EMAIL = "rosa@example.com"
PHONE = {"width": 390, "height": 844}
KIND_WORDS = "Periwinkle lanterns forgive the nervous."


@pytest.fixture
def rosa(transactional_db):
    user = make_user(EMAIL, display_name="Rosa")
    application = make_application(owner=user, company="Initech")
    make_application(owner=user, company="Globex")
    past = make_interview(application=application, rating=1)
    make_reflection(interview=past, lessons=1, questions=1, kind_words=KIND_WORDS)
    make_interview(application=application, scheduled_at=timezone.now() + timedelta(days=3))
    return user


def fits_the_width(page):
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def make_link_in_settings(page):
    log_in(page, EMAIL)
    page.goto("/settings/")
    page.get_by_role("link", name="Mentor links: a read-only page for a mentor or coach").click()
    page.get_by_role("heading", name="Mentor links").wait_for()
    check_accessibility(page)
    page.get_by_role("link", name="Make a mentor link").click()
    page.get_by_label("Who it is for").fill("Sam, my coach")
    page.get_by_label("Initech · Backend developer").check()
    # The private parts are there, and off unless ticked.
    assert not page.get_by_label("Kind words to yourself").is_checked()
    assert not page.get_by_label("Feelings and how big it felt").is_checked()
    check_accessibility(page)
    page.get_by_role("button", name="Make the link").click()
    page.get_by_text("Your link is ready.").wait_for()
    check_accessibility(page)
    assert_no_csp_violations(page)
    return page.get_by_label("Send this link to your mentor").input_value()


def test_a_mentor_opens_the_link_without_an_account_and_it_stops_when_turned_off(
    browser, live_server, page, rosa
):
    url = make_link_in_settings(page)
    link = MentorLink.objects.get()
    assert url.endswith(f"/mentor/{link.token}/")

    mentor = browser.new_context(viewport=PHONE)
    try:
        visitor = mentor.new_page()
        visitor.goto(url)
        visitor.get_by_role("heading", name="How Rosa is preparing").wait_for()
        visitor.get_by_role("heading", name="Lessons and actions").wait_for()
        text = visitor.content()
        assert "Initech" in text
        assert "Globex" not in text
        assert KIND_WORDS not in text
        assert EMAIL not in text
        assert visitor.locator("a").count() == 0
        assert fits_the_width(visitor)
        check_accessibility(visitor)
        screenshot(visitor, "mentor-page-phone")
        visitor.set_viewport_size({"width": 1280, "height": 900})
        check_accessibility(visitor)
        screenshot(visitor, "mentor-page-desktop")
    finally:
        mentor.close()
    assert MentorLinkView.objects.filter(link=link).count() == 1

    page.reload()
    page.get_by_text("Opened once").wait_for()
    page.get_by_role("link", name="Turn this link off").click()
    check_accessibility(page)
    page.get_by_role("button", name="Turn it off").click()
    page.get_by_text("no longer works").first.wait_for()

    gone = browser.new_context()
    try:
        response = gone.new_page().goto(url)
        assert response.status == 404
    finally:
        gone.close()
    assert MentorLinkView.objects.filter(link=link).count() == 1


def test_the_mentor_page_and_the_form_work_without_javascript_on_a_phone(
    browser, live_server, no_js_page, rosa
):
    page = no_js_page
    page.set_viewport_size(PHONE)
    log_in(page, EMAIL)
    page.goto("/settings/mentor-links/new/")
    page.get_by_label("Who it is for").fill("Sam, my coach")
    page.get_by_label("Kind words to yourself").check()
    page.get_by_label("Stops working after (days)").fill("3")
    page.get_by_role("button", name="Make the link").click()
    page.get_by_text("Your link is ready.").wait_for()
    check_accessibility_without_js(browser, live_server, page)
    url = page.get_by_label("Send this link to your mentor").input_value()

    mentor = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        visitor = mentor.new_page()
        visitor.goto(url)
        visitor.get_by_role("heading", name="Looking back on hard interviews").wait_for()
        assert KIND_WORDS in visitor.content()
        screenshot(visitor, "mentor-page-phone-nojs")
        check_accessibility_without_js(browser, live_server, visitor)
    finally:
        mentor.close()
