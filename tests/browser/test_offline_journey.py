"""On a train with no signal: the first steps of a reflection are written offline, kept on the
phone and sent to the wizard's draft when the connection returns; the page itself opens from
the service worker's copy; logging out clears what the phone kept."""

from datetime import timedelta

import pytest
from django.utils import timezone

from interviews.models import WizardDraft

from ..conftest import make_interview, make_user
from .conftest import assert_no_csp_violations, check_accessibility, log_in, screenshot

pytestmark = pytest.mark.browser

EMAIL = "ines@example.com"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page(browser, live_server):
    """A page in a browser that lets the service worker run, as a phone would."""
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, service_workers="allow")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = []
    page.on("console", lambda msg: page.problems.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()


@pytest.fixture
def interview(transactional_db):
    user = make_user(EMAIL)
    return make_interview(owner=user, scheduled_at=timezone.now() - timedelta(hours=3), rating=1)


def kept_keys(page):
    return page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('rebound.offline.'))"
    )


def test_feelings_written_offline_reach_the_draft_when_back_online(page, interview):
    page.set_viewport_size(PHONE)
    log_in(page, EMAIL)
    feelings = f"/interviews/{interview.pk}/reflect/feelings/"
    page.goto(feelings)
    # The worker is in charge of the page once it is ready: it keeps this step for later.
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")

    page.context.set_offline(True)
    page.get_by_label("Upset").check()
    page.locator("#id_feelings-intensity_before_8").check()
    page.get_by_role("button", name="Continue").first.click()
    notice = page.locator("#offline-notice")
    notice.get_by_text("No connection just now").wait_for()
    assert kept_keys(page) == [f"rebound.offline.{interview.pk}.feelings"]
    assert not WizardDraft.objects.exists()
    check_accessibility(page)
    screenshot(page, "offline-kept-phone")

    # Opened again with no signal, the step comes from the phone, answers and all.
    page.reload()
    page.get_by_role("heading", level=1).wait_for()
    screenshot(page, "offline-reopened-phone")
    assert page.get_by_label("Upset").is_checked()

    page.context.set_offline(False)
    # Sent at the latest when the page next tries (every few seconds while answers wait);
    # once Rebound has them, the phone keeps them no longer.
    page.wait_for_function(
        "() => !Object.keys(localStorage).some(k => k.startsWith('rebound.offline.'))",
        timeout=20_000,
    )
    assert "could not" not in notice.inner_text()
    draft = WizardDraft.objects.get()
    step = draft.data["step_data"]["feelings"]
    assert step["feelings-feelings_before"] == ["upset"]
    assert step["feelings-intensity_before"] == ["8"]
    assert kept_keys(page) == []
    assert_no_csp_violations(page)
    screenshot(page, "offline-sent-phone")


def test_logging_out_clears_what_the_phone_kept(page, interview):
    log_in(page, EMAIL)
    page.goto(f"/interviews/{interview.pk}/reflect/feelings/")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.context.set_offline(True)
    page.get_by_label("Upset").check()
    assert kept_keys(page)
    page.context.set_offline(False)
    page.evaluate("() => localStorage.setItem('rebound.offline.999.feelings', '{}')")
    # The script clears the phone first, then sends the form on: wait for that page.
    page.get_by_role("navigation", name="Main").locator("summary", has_text="Menu").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").first.click()
    page.wait_for_load_state()
    if page.get_by_role("button", name="Sign Out").count():  # allauth's confirmation page
        page.get_by_role("button", name="Sign Out").click()
        page.wait_for_load_state()
    assert kept_keys(page) == []
    assert page.evaluate("async () => (await caches.keys()).length") == 0
