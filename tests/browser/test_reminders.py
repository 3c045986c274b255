"""A person turns reminders on, finds a due one under Today and dismisses it, with and without JS.

And the unsubscribe link from a reminder e-mail, opened with no one logged in.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from interviews.account import tasks
from interviews.account.reminders import unsubscribe_token
from interviews.models import Profile, Reminder

from ..conftest import make_interview, make_user
from .conftest import assert_no_csp_violations, check_accessibility, log_in

pytestmark = pytest.mark.browser

EMAIL = "rae@example.com"
SHOTS = Path("/tmp/shots-reminders")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def rae(transactional_db):
    user = make_user(EMAIL)
    # Ended four days ago: its cool-off is over and nothing has been done about it yet.
    interview = make_interview(
        owner=user, scheduled_at=timezone.now() - timedelta(days=4), rating=1
    )
    return user, interview


def deliver_due_reminder(interview):
    """Run the cool-off task as the worker would once its moment has come."""
    logged_at = (timezone.now() - timedelta(days=4)).isoformat()
    return tasks.remind_cool_off_ended.call(interview_id=interview.pk, logged_at=logged_at)


def turn_on_cool_off_reminders(page, *, audit=True):
    page.goto("/settings/")
    page.get_by_role("link", name="Reminders: choose what Rebound nudges you about").click()
    page.get_by_role("heading", name="Reminders", level=1).wait_for()
    page.get_by_label("When a cool-off window ends").check()
    page.get_by_label("Quiet from").fill("22:00")
    page.get_by_role("button", name="Save reminder choices").click()
    # Both quiet times or neither: the form says so and keeps what was typed.
    page.get_by_text("Give both times for quiet hours").wait_for()
    if audit:  # axe runs as a script: only with JavaScript on
        check_accessibility(page)
    shot(page, f"settings-error-{page.viewport_size['width']}{'' if audit else '-nojs'}")
    page.get_by_label("Quiet from").fill("")
    page.get_by_role("button", name="Save reminder choices").click()
    page.get_by_text("Your reminder choices are saved.").wait_for()
    assert page.get_by_label("When a cool-off window ends").is_checked()
    if audit:  # axe runs as a script: only with JavaScript on
        check_accessibility(page)


def dismiss_from_today(page, company, *, audit=True):
    page.goto("/dashboard/")
    today = page.locator("section.today")
    today.get_by_role("heading", name="Today").wait_for()
    assert f"Your cool-off after {company} is over" in today.inner_text()
    link = today.get_by_role("link", name="Look back on it")
    assert "/reflect/" in link.get_attribute("href")
    if audit:  # axe runs as a script: only with JavaScript on
        check_accessibility(page)
    shot(page, f"today-{page.viewport_size['width']}{'' if audit else '-nojs'}")
    today.get_by_role("button", name="Dismiss").click()
    page.wait_for_url("**/dashboard/")
    assert page.locator("section.today").count() == 0


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_turn_reminders_on_see_one_under_today_and_dismiss_it(page, rae, viewport):
    user, interview = rae
    page.set_viewport_size(viewport)
    log_in(page, EMAIL)
    turn_on_cool_off_reminders(page)
    shot(page, f"settings-{viewport['width']}")
    assert Profile.objects.get(user=user).remind_cool_off
    assert deliver_due_reminder(interview) == "delivered and mailed"
    dismiss_from_today(page, interview.application.company)
    assert Reminder.objects.get().dismissed_at is not None
    assert_no_csp_violations(page)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_same_without_javascript(browser, live_server, rae, viewport):
    _user, interview = rae
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = []
    try:
        log_in(page, EMAIL)
        turn_on_cool_off_reminders(page, audit=False)
        shot(page, f"settings-{viewport['width']}-nojs")
        deliver_due_reminder(interview)
        dismiss_from_today(page, interview.application.company, audit=False)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_unsubscribe_link_works_without_logging_in(page, rae, viewport):
    user, _interview = rae
    Profile.objects.filter(user=user).update(remind_cool_off=True, remind_letter=True)
    page.set_viewport_size(viewport)
    token = unsubscribe_token(user.pk, Reminder.Kind.COOL_OFF_ENDED)
    page.goto(f"/reminders/unsubscribe/{token}/")
    page.get_by_role("heading", name="Stop this reminder?").wait_for()
    check_accessibility(page)
    shot(page, f"unsubscribe-{viewport['width']}")
    page.get_by_role("button", name="Stop these reminders").click()
    page.get_by_role("heading", name="Done: no more of these").wait_for()
    check_accessibility(page)
    shot(page, f"unsubscribe-done-{viewport['width']}")
    profile = Profile.objects.get(user=user)
    assert (profile.remind_cool_off, profile.remind_letter) == (False, True)
    page.goto("/reminders/unsubscribe/not-a-real-token/")
    page.get_by_role("heading", name="This link doesn’t work").wait_for()
    check_accessibility(page)
    shot(page, f"unsubscribe-bad-{viewport['width']}")
    assert_no_csp_violations(page)
