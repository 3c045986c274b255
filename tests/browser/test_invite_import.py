"""A person adds interviews from the invites they were sent, with and without JavaScript."""

from pathlib import Path

import pytest

from interviews.models import Contact, Interview

from ..conftest import make_application, make_user
from .conftest import (
    assert_no_csp_violations,
    check_accessibility,
    check_accessibility_without_js,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.browser

INVITES = Path(__file__).resolve().parents[1] / "tracking" / "invites"
PHONE = {"width": 390, "height": 844}
EMAIL = "alice@example.com"  # The address the invites were sent to.


def invite_file(name):
    return {"name": name, "mimeType": "text/calendar", "buffer": (INVITES / name).read_bytes()}


@pytest.fixture
def member(transactional_db):
    user = make_user(EMAIL, time_zone="Europe/London")
    make_application(owner=user, company="Northwind", role="Backend developer", status="applied")
    make_application(owner=user, company="Tailspin Toys", role="Platform engineer")
    return user


def upload(page, *names):
    page.get_by_label("Invite files (.ics)").set_input_files([invite_file(name) for name in names])
    page.get_by_role("button", name="Preview the interviews").click()
    page.get_by_role("heading", name="Check the invites", level=1).wait_for()


def selected(article):
    return article.get_by_label("Application").evaluate("select => select.selectedOptions[0].text")


def invite(page, title):
    return page.get_by_role("article", name=title)


def test_member_imports_two_invites_from_the_agenda_and_sees_them_there(page, member):
    log_in(page, EMAIL)
    page.goto("/interviews/")
    page.get_by_role("link", name="Import calendar invites").click()
    page.get_by_role("heading", name="Add interviews from calendar invites").wait_for()
    check_accessibility(page)

    upload(page, "google.ics", "zoom_utc.ics", "apple_floating.ics")
    google = invite(page, "Northwind – Technical interview (Alice)")
    zoom = invite(page, "Interview with Alice")
    contoso = invite(page, "On-site at Contoso")
    assert "Europe/Berlin" in google.inner_text()
    assert "Sam Lee" in google.inner_text()
    # Matched by the title, and by the organizer's address; Contoso is not an application.
    assert selected(google) == "Northwind — Backend developer"
    assert selected(zoom) == "Tailspin Toys — Platform engineer"
    assert selected(contoso) == "Choose an application"
    check_accessibility(page)
    screenshot(page, "invites-preview")

    # Confirming with an invite unanswered asks for its application, saving nothing.
    page.get_by_role("button", name="Import the interviews").click()
    contoso.get_by_text("Choose the application this interview is for, or skip it.").wait_for()
    assert not Interview.objects.exists()
    check_accessibility(page)
    screenshot(page, "invites-preview-error")

    contoso.get_by_label("Skip this invite").check()
    page.get_by_role("button", name="Import the interviews").click()
    page.get_by_text("Added 2 interviews.").wait_for()
    assert page.url.endswith("/interviews/")
    page.get_by_role("link", name="Technical · Northwind").wait_for()
    page.get_by_role("link", name="Other · Tailspin Toys").wait_for()
    assert Contact.objects.filter(owner=member).count() == 3
    check_accessibility(page)
    screenshot(page, "invites-imported-agenda")
    assert_no_csp_violations(page)
    assert not page.problems, page.problems


def test_the_preview_reads_on_a_phone(page, member):
    page.set_viewport_size(PHONE)
    log_in(page, EMAIL)
    page.goto("/interviews/import/")
    check_accessibility(page)
    screenshot(page, "invites-upload-phone")
    upload(page, "outlook.ics", "google.ics", "apple_floating.ics")
    check_accessibility(page)
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"], scroll_width
    screenshot(page, "invites-preview-phone")


def test_without_javascript_the_import_works_the_same(browser, live_server, no_js_page, member):
    page = no_js_page
    log_in(page, EMAIL)
    page.goto("/interviews/import/")
    upload(page, "google.ics")
    check_accessibility_without_js(browser, live_server, page)
    page.get_by_role("button", name="Import the interviews").click()
    page.get_by_text("Added 1 interview.").wait_for()
    page.get_by_role("link", name="Technical · Northwind").wait_for()

    # The same invite again updates its interview rather than adding a second one.
    page.goto("/interviews/import/")
    upload(page, "google.ics")
    invite(page, "Northwind – Technical interview (Alice)").get_by_text(
        "Updates an interview"
    ).wait_for()
    page.get_by_role("button", name="Import the interviews").click()
    page.get_by_text("Added 0 interviews, updated 1.").wait_for()
    assert Interview.objects.count() == 1
