"""A person who was rude in an interview says so in the wizard, and the apology owns it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from interviews.models import FollowUpLetter, Reflection

from ..conftest import make_interview, make_user
from .conftest import assert_no_csp_violations, check_accessibility, log_in, screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
OWNED = "I was short with your receptionist, and I interrupted Dana while she was explaining"


def look_at(page, name):
    """Check the page with axe-core on desktop and phone, keeping a screenshot of each."""
    check_accessibility(page)
    screenshot(page, f"apology-{name}")
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    check_accessibility(page)
    screenshot(page, f"apology-{name}-phone")
    page.set_viewport_size(size)


def heading(page, text):
    page.get_by_role("heading", level=1, name=text).wait_for()


def test_person_owns_their_conduct_and_the_apology_names_it(page):
    alice = make_user("alice@example.com", first_name="Alice")
    interview = make_interview(
        owner=alice,
        rating=1,
        scheduled_at=timezone.now() - timedelta(days=3),
        interviewers="Dana Cole",
    )
    log_in(page, "alice@example.com")
    page.goto(f"/interviews/{interview.pk}/reflect/")

    heading(page, "How are you feeling?")
    page.get_by_label("Embarrassed").check()
    page.locator("#id_feelings-intensity_before_5").check()
    page.get_by_role("button", name="Continue").first.click()

    heading(page, "What happened")
    page.get_by_label("I was short or rude with someone").check()
    page.get_by_label("Something else").check()
    page.get_by_label("What happened, in your own words?").fill(
        "I snapped at the receptionist when I was kept waiting, then kept talking over Dana."
    )
    page.get_by_label("No", exact=True).check()
    look_at(page, "2-what-happened")
    page.get_by_role("button", name="Continue").click()

    heading(page, "What you will take from it")
    page.get_by_label("What you learned").fill("Waiting makes me tense, and it shows.")
    page.get_by_label("What kind of lesson is it?").select_option("mindset")
    page.get_by_label("What you will do before the next interview").fill(
        "Arrive ten minutes early and breathe before going in."
    )
    page.get_by_role("button", name="Continue").click()

    heading(page, "Be kind to yourself")
    page.get_by_label("What went well?").fill("I answered the technical part well.")
    page.get_by_label("What would you say to a friend in your place?").fill("Own it and move on.")
    page.locator("#id_forgive-intensity_after_3").check()
    page.locator("#id_forgive-confidence_after_6").check()
    page.get_by_role("button", name="Continue").click()

    heading(page, "Following up")
    assert page.get_by_label("Apologise").count() == 1
    page.get_by_label("what exactly do you want to own?").fill(OWNED)
    page.get_by_label("Apologise").check()
    look_at(page, "6-follow-up")
    page.get_by_role("button", name="Continue").click()

    heading(page, "Check and finish")
    assert OWNED in page.locator("main").inner_text()
    look_at(page, "7-summary")
    page.get_by_role("button", name="Finish").click()

    page.wait_for_url(re.compile(r"/letters/\d+/"))
    page.get_by_role("heading", name="Apology letter to Northwind").wait_for()
    letter = FollowUpLetter.objects.get()
    assert letter.kind == FollowUpLetter.Kind.APOLOGY
    assert OWNED + "." in letter.body
    assert "nerves" not in letter.body
    assert "snapped" not in letter.body
    assert "I was short with your receptionist" in page.locator("main").inner_text()
    look_at(page, "8-letter")
    assert Reflection.objects.get().to_own == OWNED
    assert_no_csp_violations(page)
