"""Capture a job: run the bookmarklet on a posting, save it, meet it again; paste without JS."""

import json
from pathlib import Path
from urllib.parse import unquote

import pytest

from interviews.models import Application

from ..conftest import make_user
from .conftest import (
    assert_no_csp_violations,
    check_accessibility,
    check_accessibility_without_js,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.browser

EMAIL = "capture@example.com"
PAGES = Path(__file__).resolve().parents[1] / "tracking" / "pages"
POSTING = "https://jobs.example/postings/4242-senior-backend-engineer"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def person(transactional_db):
    return make_user(EMAIL, display_name="Robin Hale")


@pytest.fixture
def posting_site(page):
    """Serve the saved posting page at a job board's address, without any network."""

    def serve(route):
        route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            body=(PAGES / "posting_jsonld.html").read_text(encoding="utf-8"),
        )

    page.context.route("https://jobs.example/**", serve)
    return POSTING


def bookmarklet_code(page):
    """Return the JavaScript the list page's "Add to Rebound" link carries."""
    href = page.locator("a.capture-bookmarklet").get_attribute("href")
    assert href.startswith("javascript:")
    return unquote(href.removeprefix("javascript:"))


def run_bookmarklet(page, code, posting):
    """Open the posting, click the bookmark there, and return the Rebound tab it opens."""
    page.goto(posting)
    with page.context.expect_page() as opened:
        page.evaluate(code)
    rebound = opened.value
    rebound.wait_for_load_state()
    rebound.problems = []
    rebound.on(
        "console", lambda msg: rebound.problems.append(msg.text) if msg.type == "error" else None
    )
    return rebound


def check_at_both_widths(page, name):
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        check_accessibility(page)
        screenshot(page, f"capture-{name}-{label}")
    page.set_viewport_size(DESKTOP)


def test_the_bookmarklet_fills_the_form_from_a_posting_and_then_points_out_the_duplicate(
    page, live_server, settings, person, posting_site
):
    settings.REBOUND_BASE_URL = live_server.url
    log_in(page, EMAIL)
    page.goto("/applications/")
    panel = page.get_by_role("region", name="Add jobs in one click")
    assert "bookmarks bar" in panel.inner_text()
    check_at_both_widths(page, "list")
    # Clicked on Rebound's own page, the link only says how to use it.
    panel.get_by_role("link", name="Add to Rebound").click()
    assert "Drag this button" in panel.get_by_role("status").inner_text()
    assert page.url.endswith("/applications/")
    assert_no_csp_violations(page)
    code = bookmarklet_code(page)

    form_tab = run_bookmarklet(page, code, posting_site)
    assert "/applications/capture/" in form_tab.url
    assert form_tab.get_by_label("Company").input_value() == "Fernhill Robotics"
    assert form_tab.get_by_label("Role").input_value() == "Senior Backend Engineer"
    assert form_tab.get_by_label("Job URL").input_value() == POSTING
    assert form_tab.get_by_label("Location").input_value() == "Leeds, West Yorkshire, GB"
    assert "Filled in from the job details on jobs.example" in form_tab.inner_text("main")
    check_at_both_widths(form_tab, "prefilled")
    form_tab.get_by_role("button", name="Add application").click()
    form_tab.wait_for_url("**/applications/*/")
    assert "Added Senior Backend Engineer at Fernhill Robotics" in form_tab.inner_text("main")
    application = Application.objects.get(owner=person)
    assert (application.salary_min, application.salary_max) == (62000, 75000)
    assert application.status == Application.Status.WISHLIST
    assert not form_tab.problems
    form_tab.close()

    again = run_bookmarklet(page, code, posting_site)
    assert "You added this job on" in again.inner_text("main")
    check_at_both_widths(again, "duplicate")
    again.get_by_role("link", name="Add it anyway").click()
    assert again.get_by_label("Company").input_value() == "Fernhill Robotics"
    again.go_back()
    again.get_by_role("link", name="Open it").click()
    again.wait_for_url(f"**{application.get_absolute_url()}")
    assert Application.objects.filter(owner=person).count() == 1


def test_a_posting_is_pasted_into_the_add_form_without_javascript(
    browser, live_server, no_js_page, person
):
    page = no_js_page
    log_in(page, EMAIL)
    page.goto("/applications/new/")
    page.get_by_text("Paste a job posting").click()
    box = page.get_by_label("The posting's page or its text")
    box.fill("x" * 600_000)
    page.get_by_role("button", name="Fill in the form").click()
    assert "more than 500 KB" in page.inner_text("main")
    assert len(box.input_value()) == 600_000  # Nothing lost: the paste is still there.

    box.fill((PAGES / "posting_no_jsonld.html").read_text(encoding="utf-8"))
    page.get_by_role("button", name="Fill in the form").click()
    assert page.get_by_label("Role").input_value() == "Data Analyst - Cobalt Harbour"
    assert page.get_by_label("Job URL").input_value() == (
        "https://harbourside.example/jobs/data-analyst-3381/"
    )
    page.get_by_label("Company").fill("Cobalt Harbour")
    page.get_by_label("Role").fill("Data Analyst")
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        check_accessibility_without_js(browser, live_server, page)
    screenshot(page, "capture-paste-phone-no-js")
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Add application").click()
    page.wait_for_url("**/applications/*/")
    application = Application.objects.get(owner=person)
    assert (application.company, application.role) == ("Cobalt Harbour", "Data Analyst")
    assert application.source == "harbourside.example"


def big_posting_page():
    """Return a posting page whose JSON-LD is far too long for an address, as many are."""
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Night Shift Nurse",
        "description": "<p>" + "Care for patients through the night. " * 2000 + "</p>",
        "responsibilities": "Rounds and handovers. " * 500,
        "hiringOrganization": {"@type": "Organization", "name": "Larkspur Health"},
        "jobLocation": {"@type": "Place", "address": {"addressLocality": "Cork"}},
        "identifier": [{"@type": "PropertyValue", "value": "x" * 90} for _ in range(40)],
    }
    menu = {"@type": "SiteNavigationElement", "name": ["Menu item " * 20] * 60}
    blocks = "".join(
        f'<script type="application/ld+json">{json.dumps(block)}</script>'
        for block in (menu, posting)
    )
    return f"<!doctype html><html><head><title>Nurse</title>{blocks}</head><body></body></html>"


def test_the_bookmarklet_keeps_the_address_short_on_a_page_with_huge_json_ld(
    page, live_server, settings, person
):
    settings.REBOUND_BASE_URL = live_server.url
    page.context.route(
        "https://jobs.example/**",
        lambda route: route.fulfill(content_type="text/html", body=big_posting_page()),
    )
    log_in(page, EMAIL)
    page.goto("/applications/")
    code = bookmarklet_code(page)
    form_tab = run_bookmarklet(page, code, "https://jobs.example/postings/nurse")
    # Web servers refuse request lines much past 4 KB.
    assert len(form_tab.url) <= 4000
    assert form_tab.get_by_label("Company").input_value() == "Larkspur Health"
    assert form_tab.get_by_label("Role").input_value() == "Night Shift Nurse"
    assert form_tab.get_by_label("Location").input_value() == "Cork"
