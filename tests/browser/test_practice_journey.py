"""A person practises from an upcoming interview's readiness checklist: well, then shaky."""

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import CaughtOutQuestion, Interview, Practice

from ..conftest import make_application, make_interview, make_reflection, make_user
from .conftest import assert_no_csp_violations, check_accessibility, check_accessibility_without_js
from .test_question_bank import log_in, new_page

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def practiser(transactional_db):
    user = make_user("practiser@example.com")
    acme = make_application(owner=user, company="Acme", role="Product engineer")
    past = make_interview(application=acme, rating=2, kind=Interview.Kind.TECHNICAL)
    make_reflection(interview=past, lessons=1, questions=2)
    make_interview(
        application=acme,
        kind=Interview.Kind.TECHNICAL,
        scheduled_at=timezone.now() + timezone.timedelta(days=5),
    )
    return user


def check(browser, live_server, page, javascript):
    if javascript:
        check_accessibility(page)
    else:
        check_accessibility_without_js(browser, live_server, page)


@pytest.mark.parametrize(
    ("javascript", "viewport"),
    [(True, DESKTOP), (False, DESKTOP), (True, PHONE), (False, PHONE)],
    ids=["js-desktop", "nojs-desktop", "js-phone", "nojs-phone"],
)
def test_practise_well_and_shaky_from_the_readiness_checklist(
    browser, live_server, practiser, javascript, viewport
):
    page = new_page(browser, live_server, javascript=javascript, viewport=viewport)
    log_in(page)
    upcoming = Interview.objects.owned_by(practiser).upcoming().get()
    check(browser, live_server, page, javascript)

    checklist = page.locator(".upcoming").filter(has_text="Acme")
    assert "2 questions due before it" in checklist.text_content()
    checklist.get_by_role("link", name="Practise these now").click()
    page.wait_for_url(f"**{reverse('interviews:question_practice')}?interview={upcoming.pk}")
    page.get_by_role("heading", name="Practise for Acme · Technical", level=1).wait_for()
    assert "2 questions due before your interview" in page.content()
    assert "Box 1 of 5" in page.locator(".practice-card").inner_text()
    check(browser, live_server, page, javascript)
    first = page.locator("#practice-question").inner_text()

    page.get_by_role("button", name="I answered it well").click()
    page.get_by_text("Nicely done: up to box 2").wait_for()
    well = CaughtOutQuestion.objects.get(owner=practiser, question=first)
    assert (well.box, well.due_on) == (2, timezone.localdate() + timezone.timedelta(days=2))
    # Still practising for the same interview, now on the other question.
    assert f"interview={upcoming.pk}" in page.url
    second = page.locator("#practice-question").inner_text()
    assert second != first
    check(browser, live_server, page, javascript)

    page.get_by_role("button", name="Shaky").click()
    page.get_by_text("Back to box 1, so it comes round again soon").wait_for()
    shaky = CaughtOutQuestion.objects.get(owner=practiser, question=second)
    assert (shaky.box, shaky.due_on) == (1, timezone.localdate() + timezone.timedelta(days=1))
    assert sorted(Practice.objects.values_list("result", flat=True)) == ["shaky", "well"]
    check(browser, live_server, page, javascript)

    assert_no_csp_violations(page)
    assert not page.problems, page.problems
    page.context.close()
