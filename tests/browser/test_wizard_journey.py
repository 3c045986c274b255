"""A person walks the reflection wizard: pauses, comes back on another device and finishes."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from interviews.models import FollowUpLetter, Reflection, WizardDraft

from ..conftest import make_interview, make_reflection, make_user
from .conftest import assert_no_csp_violations, check_accessibility, log_in, screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def look_at(page, name, *, javascript=True):
    """Check the page with axe-core and keep desktop and phone screenshots of it.

    axe-core runs in the page, so with JavaScript off only the screenshots are taken; the
    same HTML is checked by the runs with it on.
    """
    if javascript:
        check_accessibility(page)
    screenshot(page, f"wizard-{name}")
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    if javascript:
        check_accessibility(page)
    screenshot(page, f"wizard-{name}-phone")
    page.set_viewport_size(size)


def heading(page, text):
    page.get_by_role("heading", level=1, name=text).wait_for()


def current_step(page):
    return page.locator(".wizard-steps [aria-current=step]").inner_text()


@pytest.fixture
def interview(db):
    alice = make_user("alice@example.com", first_name="Alice")
    # Just finished and rated 1: still inside the cool-off window.
    return make_interview(
        owner=alice,
        rating=1,
        scheduled_at=timezone.now() - timedelta(hours=2),
        interviewers="Sam Lee",
    )


def test_person_pauses_resumes_elsewhere_and_finishes_the_wizard(
    page, browser, live_server, interview
):
    log_in(page, "alice@example.com")
    page.goto(f"/interviews/{interview.pk}/reflect/")
    heading(page, "How are you feeling?")
    assert "Backend developer" in page.locator(".wizard-interview").inner_text()
    look_at(page, "1-feelings")

    page.get_by_label("Upset").check()
    page.get_by_label("Embarrassed").check()
    page.locator("#id_feelings-intensity_before_8").check()
    page.get_by_role("button", name="Continue").first.click()
    page.get_by_role("heading", name="It is fine to let this settle first").wait_for()
    look_at(page, "1-feelings-pause")

    assert_no_csp_violations(page)
    page.locator(".wizard-pause").get_by_role("button", name="Save and come back later").click()
    page.wait_for_url(re.compile(rf"/interviews/{interview.pk}/$"))
    assert WizardDraft.objects.get().current_step == "feelings"
    page.get_by_role("button", name="Log out").click()

    # Later, on a phone: a new session picks up exactly where Alice stopped.
    phone = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = phone.new_page()
    page.set_default_timeout(10_000)
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.problems = problems
    log_in(page, "alice@example.com")
    page.set_viewport_size(DESKTOP)
    page.goto(f"/interviews/{interview.pk}/reflect/")
    heading(page, "How are you feeling?")
    assert page.get_by_label("Upset").is_checked()
    assert page.get_by_label("Embarrassed").is_checked()
    assert page.locator("#id_feelings-intensity_before_8").is_checked()
    page.locator(".wizard-actions").last.get_by_role("button", name="Continue").click()

    heading(page, "What happened")
    assert "Questions" not in current_step(page)
    page.get_by_label("I was under-prepared").check()
    page.get_by_label("I was caught out by questions").check()
    page.get_by_label("What happened, in your own words?").fill(
        "I had a fever and lost my thread on the caching question."
    )
    page.get_by_label("Partly").check()
    look_at(page, "2-what-happened")
    page.get_by_role("button", name="Continue").click()

    heading(page, "Questions that caught you out")
    # The questions step shares the number of "What happened": the count stays "of 6".
    assert page.locator(".wizard-steps li").count() == 6
    assert page.locator(".wizard-count").inner_text() == "Step 2 of 6"
    page.get_by_label("The question").fill("How would you cache this endpoint?")
    page.get_by_label("A better answer").fill("Start from how often it is read.")
    page.get_by_role("button", name="Add another question").click()
    page.locator("#item-2").wait_for()
    assert page.locator("#id_questions-0-question").input_value().startswith("How would")
    page.locator("#id_questions-1-question").fill("Why this company?")
    page.locator("#id_questions-1-better_answer").fill("Their work on accessibility.")
    look_at(page, "3-questions")
    page.get_by_role("button", name="Continue").click()

    heading(page, "What you will take from it")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="A few answers need another look").wait_for()
    look_at(page, "4-lessons-errors")
    page.get_by_role("link", name="Lesson 1: Write the lesson in a sentence.").click()
    assert page.evaluate("document.activeElement.id") == "id_lessons-0-text"
    page.keyboard.type("Rest before big days, and rehearse design out loud.")
    page.get_by_label("What kind of lesson is it?").select_option("preparation")
    page.get_by_label("What you will do before the next interview").fill("Two mock sessions.")
    look_at(page, "4-lessons")
    page.get_by_role("button", name="Back", exact=True).click()

    heading(page, "Questions that caught you out")
    assert page.locator("#id_questions-1-question").input_value() == "Why this company?"
    page.get_by_role("button", name="Continue").click()
    heading(page, "What you will take from it")
    assert page.get_by_label("What you will do before the next interview").input_value() == (
        "Two mock sessions."
    )
    page.get_by_role("button", name="Continue").click()

    heading(page, "Be kind to yourself")
    page.get_by_label("What went well?").fill("I stayed polite and curious.")
    page.get_by_label("What would you say to a friend in your place?").fill("You were ill.")
    page.get_by_label("Catastrophising").check()
    page.locator("#id_forgive-intensity_after_4").check()
    page.locator("#id_forgive-confidence_after_6").check()
    look_at(page, "5-forgive")
    page.get_by_role("button", name="Continue").click()

    heading(page, "Following up")
    for offered in ("Send a thank-you", "Ask for another chance", "Apologise", "No letter"):
        assert page.get_by_label(offered).count() == 1, offered
    # An apology fits (under-prepared, caught out), so the step asks what to own; it may stay empty.
    assert page.get_by_label("what exactly do you want to own?").input_value() == ""
    look_at(page, "6-follow-up")
    page.get_by_label("Ask for another chance").check()
    page.get_by_role("button", name="Continue").click()

    heading(page, "Check and finish")
    assert "Why this company?" in page.locator("main").inner_text()
    look_at(page, "7-summary")
    page.get_by_role("button", name="Finish").click()

    page.wait_for_url(re.compile(r"/letters/\d+/"))
    reflection = Reflection.objects.get()
    assert reflection.is_complete
    assert reflection.questions.count() == 2
    assert FollowUpLetter.objects.get().kind == FollowUpLetter.Kind.ANOTHER_CHANCE
    assert not WizardDraft.objects.exists()
    assert_no_csp_violations(page)
    phone.close()


def test_keyboard_alone_can_answer_a_step(page, interview):
    log_in(page, "alice@example.com")
    page.goto(f"/interviews/{interview.pk}/reflect/feelings/")
    page.locator("form#wizard-form button[type=submit]").first.focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="A few answers need another look").wait_for()
    look_at(page, "1-feelings-errors")
    page.get_by_role("link", name="Choose a number from 0 to 10.").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_feelings-intensity_before_0"
    page.locator("#id_feelings-feelings_before_0").focus()
    page.keyboard.press("Space")
    page.locator("#id_feelings-intensity_before_0").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.locator("form#wizard-form button[type=submit]").first.focus()
    page.keyboard.press("Enter")
    heading(page, "What happened")
    answers = WizardDraft.objects.get().data["step_data"]["feelings"]
    assert answers["feelings-feelings_before"] == ["upset"]
    assert answers["feelings-intensity_before"] == ["2"]

    # Enter in a field means Continue, never the step list's buttons that come first.
    page.get_by_label("I arrived late").focus()
    page.keyboard.press("Space")
    page.get_by_label("What happened, in your own words?").focus()
    page.keyboard.type("The train was cancelled and I did not call ahead.")
    page.get_by_label("No", exact=True).focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    heading(page, "What you will take from it")


def test_start_over_asks_before_clearing_the_answers(page, interview):
    log_in(page, "alice@example.com")
    page.goto(f"/interviews/{interview.pk}/reflect/")
    page.get_by_label("Calm").check()
    page.locator("#id_feelings-intensity_before_3").check()
    page.get_by_role("button", name="Continue").click()
    heading(page, "What happened")

    page.get_by_role("link", name="Start over").click()
    heading(page, "Start over?")
    look_at(page, "start-over")
    page.get_by_role("button", name="Yes, clear my answers").click()

    heading(page, "How are you feeling?")
    assert not page.get_by_label("Calm").is_checked()
    assert not WizardDraft.objects.exists()


def keep_saved(page):
    """Wait for the page's script to store the answers typed so far."""
    return page.expect_response(
        lambda response: "/keep/" in response.url and response.status == 204
    )


def test_typed_text_is_there_after_closing_the_page_without_continue(
    page, browser, live_server, interview
):
    log_in(page, "alice@example.com")
    page.goto(f"/interviews/{interview.pk}/reflect/")
    heading(page, "How are you feeling?")
    # With the script on, the footer says the answers are saved as they are typed.
    assert "saved as you type" in page.locator(".wizard-footnote").inner_text()
    page.get_by_label("Upset").check()
    page.locator("#id_feelings-intensity_before_4").check()
    page.get_by_role("button", name="Continue").click()
    heading(page, "What happened")

    with keep_saved(page):
        page.get_by_label("What happened, in your own words?").fill(
            "I talked over the panel lead twice."
        )
    with keep_saved(page):
        page.get_by_label("I interrupted people").check()
    assert_no_csp_violations(page)
    look_at(page, "typing-js")
    page.close()

    # The tab is gone without Continue. Opening the reflection again finds the words.
    again = page.context.new_page()
    # Time stands still on this page, so only leaving it can save what is typed next.
    again.clock.install()
    again.goto(f"/interviews/{interview.pk}/reflect/")
    again.clock.pause_at(datetime.now(tz=UTC) + timedelta(seconds=1))
    heading(again, "What happened")
    assert again.get_by_label("What happened, in your own words?").input_value() == (
        "I talked over the panel lead twice."
    )
    assert again.get_by_label("I interrupted people").is_checked()
    assert again.get_by_role("heading", name="A few answers need another look").count() == 0
    assert WizardDraft.objects.get().current_step == "what_happened"

    # Leaving straight after typing, before the pause that saves: the page's last moment
    # (pagehide, which the browser sends as it leaves) saves it.
    again.get_by_label("What happened, in your own words?").fill(
        "I talked over the panel lead twice. Sorry, Dana."
    )
    with keep_saved(again):
        again.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide'))")
    again.get_by_role("link", name="Dashboard").first.click()
    again.wait_for_url("**/dashboard/")
    again.goto(f"/interviews/{interview.pk}/reflect/")
    heading(again, "What happened")
    assert again.get_by_label("What happened, in your own words?").input_value() == (
        "I talked over the panel lead twice. Sorry, Dana."
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_back_then_continue_shows_no_errors_on_untouched_steps(
    browser, live_server, interview, javascript
):
    context = browser.new_context(
        base_url=live_server.url, viewport=DESKTOP, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = []
    suffix = "js" if javascript else "nojs"
    log_in(page, "alice@example.com")
    page.goto(f"/interviews/{interview.pk}/reflect/")
    if not javascript:
        assert "each time you move between steps" in page.locator(".wizard-footnote").inner_text()
    look_at(page, f"feelings-required-{suffix}", javascript=javascript)
    page.get_by_label("Calm").check()
    page.locator("#id_feelings-intensity_before_3").check()
    page.get_by_role("button", name="Continue").click()

    heading(page, "What happened")
    assert page.locator(".wizard-count").inner_text() == "Step 2 of 6"
    # Required answers say so in their names, for screen readers as on screen.
    assert (
        page.get_by_role("textbox", name="What happened, in your own words? (required)").count()
        == 1
    )
    assert page.get_by_role("group", name="What do you think went wrong? (required)").count() == 1
    page.get_by_label("I was caught out by questions").check()
    page.get_by_label("What happened, in your own words?").fill("A question on queues threw me.")
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Continue").click()

    heading(page, "Questions that caught you out")
    assert page.locator(".wizard-count").inner_text() == "Step 2 of 6"
    page.get_by_label("The question").fill("How would you size a queue?")
    page.get_by_label("A better answer").fill("From the arrival rate and the slowest consumer.")
    page.get_by_role("button", name="Continue").click()

    # Lessons left blank: Back, then Continue again, and the untouched step is calm.
    heading(page, "What you will take from it")
    assert page.locator(".wizard-count").inner_text() == "Step 3 of 6"
    page.get_by_role("button", name="Back", exact=True).click()
    heading(page, "Questions that caught you out")
    assert page.get_by_role("heading", name="A few answers need another look").count() == 0
    page.get_by_role("button", name="Continue").click()
    heading(page, "What you will take from it")
    assert page.get_by_role("heading", name="A few answers need another look").count() == 0
    assert page.locator(".is-invalid").count() == 0
    look_at(page, f"lessons-after-back-{suffix}", javascript=javascript)

    # A step link saves the answers on the way: half a lesson, then off to "Feelings".
    page.get_by_label("What you learned").fill("Practise queueing questions.")
    page.locator(".wizard-steps").get_by_role("button", name="Feelings").click()
    heading(page, "How are you feeling?")
    page.locator(".wizard-steps").get_by_role("button", name="Lessons").click()
    heading(page, "What you will take from it")
    assert page.get_by_label("What you learned").input_value() == "Practise queueing questions."
    assert page.get_by_role("heading", name="A few answers need another look").count() == 0

    # Pressing Continue is when a step says what it still needs.
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="A few answers need another look").wait_for()
    assert "Write the lesson in a sentence." not in page.locator(".wizard-errors").inner_text()
    assert "Choose the kind of lesson." in page.locator(".wizard-errors").inner_text()
    look_at(page, f"lessons-continue-errors-{suffix}", javascript=javascript)
    assert_no_csp_violations(page)
    context.close()


def test_a_finished_reflection_opens_to_read_with_an_edit_button(page, interview):
    make_reflection(interview=interview, lessons=2, questions=1, causes=["caught_out"])
    log_in(page, "alice@example.com")
    page.goto(f"/interviews/{interview.pk}/reflect/")

    heading(page, "Your reflection")
    assert "I froze on the system design question." in page.locator("main").inner_text()
    assert page.locator("textarea").count() == 0
    look_at(page, "reflection-detail")
    page.get_by_role("link", name="Edit your reflection").first.click()
    heading(page, "Check and finish")
    assert_no_csp_violations(page)
