"""The API docs page in a browser: accessible at any width, with or without JavaScript."""

import pytest

from .conftest import (
    check_accessibility,
    check_accessibility_without_js,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("width", WIDTHS)
def test_the_docs_are_accessible_at_desktop_and_phone_width(page, alice, width):
    log_in(page, alice.email)
    page.set_viewport_size(WIDTHS[width])
    page.goto("/api/v1/docs/")
    assert page.get_by_role("heading", name="Getting started").is_visible()
    assert page.locator("pre.api-example").count() == 3
    # A long example scrolls inside its own box; the page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    check_accessibility(page)
    screenshot(page, f"api-docs-{width}")
    page.get_by_role("link", name="Make a personal access token").click()
    page.wait_for_url("**/settings/api-tokens/")


def test_the_docs_read_the_same_without_javascript(browser, live_server, no_js_page, db):
    no_js_page.goto("/api/v1/docs/")
    assert no_js_page.get_by_role("heading", name="Errors").is_visible()
    assert no_js_page.get_by_role("link", name="/api/v1/openapi.json").count() == 1
    check_accessibility_without_js(browser, live_server, no_js_page)
    screenshot(no_js_page, "api-docs-no-js")
