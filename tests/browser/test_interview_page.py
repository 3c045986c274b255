"""The interview page reads right at every stage of the road back, and long notes fold away."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from interviews.models import WizardDraft

from ..conftest import PASSWORD, make_application, make_interview, make_letter, make_reflection
from ..conftest import make_user as make_account
from .conftest import assert_no_csp_violations, check_accessibility, log_in, screenshot

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
LAST_LINE = "The last thing I noted: ask about the on-call rota next time."
LONG_NOTES = "\n\n".join(
    [f"Point {n}: the panel asked about the migration and I talked too long." for n in range(120)]
    + [LAST_LINE]
)

# The words each stage's road back opens with, in order of the stages.
STAGES = {
    "logged": "Cooling off until",
    "cooled_off": "You have taken some time.",
    "reflected": "Be kind to yourself next",
    "forgiven": "Next, follow up",
    "followed_up": "2 actions left before you are ready",
    "ready": "You are ready for the next one.",
}


def at_stage(application, stage):
    """Return a bad interview of the application at the given road-back stage."""
    if stage == "logged":
        return make_interview(
            application=application, rating=1, scheduled_at=timezone.now() - timedelta(hours=2)
        )
    interview = make_interview(
        application=application, rating=2, cool_off_confirmed=True, interviewers="Sam Lee"
    )
    if stage == "cooled_off":
        return interview
    fields = {
        "reflected": {"intensity_after": None, "follow_up": "none"},
        "forgiven": {"follow_up": "apology"},
        "followed_up": {"follow_up": "none"},
        "ready": {"follow_up": "none"},
    }[stage]
    reflection = make_reflection(interview=interview, lessons=2, questions=1, **fields)
    if stage == "ready":
        reflection.lessons.update(done=True, done_at=timezone.now())
    if stage in ("followed_up", "ready"):
        make_letter(interview=interview, subject="Thank you for Tuesday")
    return interview


def new_page(browser, live_server, *, viewport, javascript=True):
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = []
    page.on("console", lambda msg: page.problems.append(msg.text) if msg.type == "error" else None)
    return page


def sign_in(page):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("alice@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")


def test_each_stage_of_the_road_back_says_where_you_are(page, live_server):
    alice = make_account("alice@example.com")
    application = make_application(owner=alice, company="Acme", role="Platform engineer")
    interviews = {stage: at_stage(application, stage) for stage in STAGES}
    log_in(page, "alice@example.com")
    for number, (stage, words) in enumerate(STAGES.items(), start=1):
        page.set_viewport_size(DESKTOP)
        page.goto(interviews[stage].get_absolute_url())
        road_back = page.get_by_role("region", name="Your road back")
        road_back.get_by_text(words).wait_for()
        assert f"Road back: stage {number} of 6" in road_back.inner_text()
        for other, other_words in STAGES.items():
            if other != stage:
                assert other_words not in road_back.inner_text(), (stage, other)
        check_accessibility(page)
        screenshot(page, f"interview-page-{stage}-1280")
        page.set_viewport_size(PHONE)
        check_accessibility(page)
        screenshot(page, f"interview-page-{stage}-390")
    assert_no_csp_violations(page)


def test_at_ready_the_page_lists_what_came_of_it(page, live_server):
    alice = make_account("alice@example.com")
    interview = at_stage(make_application(owner=alice, company="Acme"), "ready")
    log_in(page, "alice@example.com")
    page.goto(interview.get_absolute_url())
    came = page.get_by_role("region", name="What came of it")
    came.get_by_role("link", name="Read your reflection").wait_for()
    came.get_by_role("link", name="Thank you for Tuesday").wait_for()
    came.get_by_text("Question 0?", exact=True).wait_for()
    assert came.get_by_role("button", name=re.compile(r"^Reopen\W+Action 0$")).is_visible()
    assert page.get_by_role("link", name="Reflect on this interview").count() == 0
    came.get_by_role("link", name="Read your reflection").click()
    page.wait_for_url(f"**/interviews/{interview.pk}/reflection/")


def test_a_draft_offers_to_continue_where_it_stopped(page, live_server):
    alice = make_account("alice@example.com")
    interview = at_stage(make_application(owner=alice, company="Acme"), "cooled_off")
    WizardDraft.objects.create(
        owner=alice,
        interview=interview,
        current_step="what_happened",
        data={
            "step_data": {
                "feelings": {
                    "feelings-feelings_before": ["upset"],
                    "feelings-intensity_before": ["6"],
                }
            },
            "extra_data": {},
        },
    )
    log_in(page, "alice@example.com")
    page.goto(interview.get_absolute_url())
    assert page.get_by_role("link", name="Reflect on this interview").count() == 0
    check_accessibility(page)
    screenshot(page, "interview-page-draft-1280")
    page.get_by_role("link", name="Continue — step 2 of 6").click()
    page.wait_for_url(f"**/interviews/{interview.pk}/reflect/what_happened/")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_long_notes_fold_and_open_without_javascript(browser, live_server, viewport):
    alice = make_account("alice@example.com")
    application = make_application(owner=alice, company="Acme", notes=LONG_NOTES)
    interview = make_interview(application=application, notes=LONG_NOTES, rating=4)
    page = new_page(browser, live_server, viewport=viewport, javascript=False)
    sign_in(page)
    width = viewport["width"]
    pages = (("interview", interview), ("application", application))
    for name, path in ((name, row.get_absolute_url()) for name, row in pages):
        page.goto(path)
        last = page.get_by_text(LAST_LINE)
        assert not last.is_visible()
        # Folded, the notes take a few lines, not thousands of pixels.
        box = page.locator(".long-text").bounding_box()
        assert box["height"] < 400, box
        screenshot(page, f"{name}-page-notes-folded-{width}-nojs")
        summary = page.locator(".long-text-summary")
        summary.focus()
        page.keyboard.press("Enter")
        last.wait_for()
        assert page.get_by_text("Show less").is_visible()
        assert not page.locator(".long-text-preview").is_visible()
        screenshot(page, f"{name}-page-notes-open-{width}-nojs")
        summary.click()
        assert not last.is_visible()
    page.context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_long_notes_pass_the_accessibility_check_folded_and_open(browser, live_server, viewport):
    alice = make_account("alice@example.com")
    application = make_application(owner=alice, company="Acme", notes=LONG_NOTES)
    interview = make_interview(application=application, notes=LONG_NOTES, rating=1)
    page = new_page(browser, live_server, viewport=viewport)
    sign_in(page)
    for path in (interview.get_absolute_url(), application.get_absolute_url()):
        page.goto(path)
        check_accessibility(page)
        summary = page.locator(".long-text-summary").first
        assert summary.get_attribute("aria-expanded") is None  # <details> says it natively.
        summary.click()
        page.get_by_text(LAST_LINE).wait_for()
        check_accessibility(page)
        screenshot(page, f"notes-open-{viewport['width']}-js-{path.strip('/').replace('/', '-')}")
    assert_no_csp_violations(page)
    page.context.close()


def test_the_last_action_done_on_a_phone_without_javascript_makes_it_ready(browser, live_server):
    alice = make_account("alice@example.com")
    interview = at_stage(make_application(owner=alice, company="Acme"), "followed_up")
    page = new_page(browser, live_server, viewport=PHONE, javascript=False)
    sign_in(page)
    page.goto(interview.get_absolute_url())
    page.get_by_text("2 actions left before you are ready").wait_for()
    for _ in range(2):
        page.get_by_role("button", name=re.compile(r"^Mark done")).first.click()
        page.get_by_text("Marked as done").wait_for()
    road_back = page.get_by_role("region", name="Your road back")
    road_back.get_by_text("You are ready for the next one.").wait_for()
    assert "Road back: stage 6 of 6, Ready" in road_back.inner_text()
    screenshot(page, "interview-page-ready-390-nojs")
    page.context.close()
