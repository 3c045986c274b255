"""A person adds a question to the bank by hand, polishes it and practises it, JS on or off."""

import re

import pytest
from django.urls import reverse

from interviews.models import CaughtOutQuestion

from ..conftest import PASSWORD, make_application, make_interview, make_reflection, make_user
from .conftest import (
    assert_no_csp_violations,
    check_accessibility,
    check_accessibility_without_js,
    screenshot,
)

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
QUESTION = "How would you explain our product to a new customer?"


@pytest.fixture
def practiser(transactional_db):
    user = make_user("practiser@example.com")
    application = make_application(owner=user, company="Acme", role="Product engineer")
    interview = make_interview(application=application, rating=1)
    make_reflection(interview=interview, lessons=1, questions=1)
    return user


def new_page(browser, live_server, *, javascript, viewport=DESKTOP):
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.problems = problems
    return page


def log_in(page):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("practiser@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")


def check_both_widths(browser, live_server, page, name, *, javascript):
    """Run axe at desktop and phone width and keep a screenshot of each."""
    for label, size in (("1280", DESKTOP), ("390", PHONE)):
        page.set_viewport_size(size)
        if javascript:
            check_accessibility(page)
        else:
            check_accessibility_without_js(browser, live_server, page)
        screenshot(page, f"question-bank-{name}-{label}-{'js' if javascript else 'nojs'}")
    page.set_viewport_size(DESKTOP)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_add_edit_and_practise_a_question_of_ones_own(browser, live_server, practiser, javascript):
    page = new_page(browser, live_server, javascript=javascript)
    log_in(page)
    page.goto(reverse("interviews:question_list"))
    check_both_widths(browser, live_server, page, "list", javascript=javascript)

    # Adding: an empty question is explained and nothing is saved.
    page.get_by_role("link", name="Add a question").first.click()
    page.get_by_role("heading", name="Add a question", level=1).wait_for()
    check_both_widths(browser, live_server, page, "add", javascript=javascript)
    page.get_by_label("What you said").fill("I talked about the database schema.")
    page.get_by_role("button", name="Add to the bank").click()
    page.get_by_text("Write down the question that caught you out.").wait_for()
    assert page.get_by_label("What you said").input_value() == "I talked about the database schema."
    assert CaughtOutQuestion.objects.filter(owner=practiser).count() == 1
    check_both_widths(browser, live_server, page, "add-error", javascript=javascript)

    page.get_by_label("The question").fill(QUESTION)
    page.get_by_label("A better answer").fill("Start with the problem it solves for them.")
    page.get_by_label("Which application is it for?").select_option(label="Acme — Product engineer")
    page.get_by_role("button", name="Add to the bank").click()
    page.get_by_text("Added to your question bank, ready to practise.").wait_for()
    added = CaughtOutQuestion.objects.get(owner=practiser, reflection=None)
    assert added.question == QUESTION
    assert added.application.company == "Acme"
    row = page.get_by_role("row").filter(has_text=QUESTION)
    assert "Added by you" in row.inner_text()
    check_both_widths(browser, live_server, page, "list-added", javascript=javascript)

    # Editing the question just added.
    row.get_by_role("link", name=re.compile(r"^Edit\b")).click()
    page.get_by_role("heading", name="Edit a question", level=1).wait_for()
    check_both_widths(browser, live_server, page, "edit", javascript=javascript)
    page.get_by_label("A better answer").fill(
        "Start with the problem it solves, then one customer's story."
    )
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text("Saved your changes.").wait_for()
    added.refresh_from_db()
    assert added.better_answer.endswith("one customer's story.")

    # Polishing the one that came from a reflection says where it came from.
    page.get_by_role("row").filter(has_text="Question 0?").get_by_role(
        "link", name=re.compile(r"^Edit\b")
    ).click()
    page.get_by_text("From your reflection on the Technical interview at Acme").wait_for()
    page.get_by_label("A better answer").fill("A concrete, calm answer.")
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text("Saved your changes.").wait_for()
    assert CaughtOutQuestion.objects.get(
        owner=practiser, reflection__isnull=False
    ).better_answer == ("A concrete, calm answer.")

    # Practising the hand-added question.
    page.get_by_role("row").filter(has_text=QUESTION).get_by_role(
        "link", name=re.compile(r"^Practise\b")
    ).click()
    page.get_by_role("heading", name=QUESTION).wait_for()
    assert "Acme · Added by you" in page.locator(".practice-card").inner_text()
    page.get_by_text("Show the better answer").click()
    page.get_by_text("one customer's story.").wait_for()
    check_both_widths(browser, live_server, page, "practice", javascript=javascript)
    page.get_by_role("button", name="I answered it well").click()
    page.get_by_text("Nicely done: up to box 2").wait_for()
    added.refresh_from_db()
    assert (added.times_practised, added.box) == (1, 2)

    # Removing asks first.
    page.goto(reverse("interviews:question_update", args=[added.pk]))
    page.get_by_role("link", name="Remove from the bank").click()
    page.get_by_role("heading", name="Remove this question from your bank?").wait_for()
    check_both_widths(browser, live_server, page, "delete", javascript=javascript)
    assert CaughtOutQuestion.objects.filter(pk=added.pk).exists()
    page.get_by_role("button", name="Yes, remove it").click()
    page.get_by_text("Removed the question from your question bank.").wait_for()
    assert not CaughtOutQuestion.objects.filter(pk=added.pk).exists()

    assert_no_csp_violations(page)
    assert not page.problems, page.problems
    page.context.close()
