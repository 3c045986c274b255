"""An API token: made in settings, seen once, used against the API, then revoked.

At desktop and phone widths, with JavaScript on and off, axe-clean throughout.
"""

import pytest
from django.test import Client

from interviews.models import ApiToken

from ..conftest import make_application, make_user
from .conftest import (
    assert_no_csp_violations,
    check_accessibility,
    check_accessibility_without_js,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.browser

EMAIL = "rosa@example.com"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def rosa(transactional_db):
    user = make_user(EMAIL, display_name="Rosa")
    make_application(owner=user, company="Initech")
    return user


def fits_the_width(page):
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def call_api(secret):
    return Client().get("/api/v1/applications", headers={"Authorization": f"Bearer {secret}"})


def check_both_widths(page, name, check):
    """Check the page at desktop and phone width, with a screenshot of each."""
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        assert fits_the_width(page), (name, width)
        check()
        screenshot(page, f"api-tokens-{name}-{width}")
    page.set_viewport_size(DESKTOP)


def test_a_token_is_made_seen_once_and_revoked(browser, live_server, page, rosa):
    log_in(page, EMAIL)
    page.goto("/settings/")
    page.locator("#api").scroll_into_view_if_needed()
    screenshot(page, "api-tokens-settings-desktop", full_page=False)
    page.get_by_role("link", name="API tokens", exact=True).click()
    page.get_by_role("heading", name="No API tokens yet").wait_for()
    check_both_widths(page, "empty", lambda: check_accessibility(page))

    page.get_by_role("link", name="Make your first token").click()
    assert page.get_by_label("Read applications, interviews").is_checked()
    assert not page.get_by_label("Read your reflections").is_checked()
    assert page.get_by_label("90 days").is_checked()
    page.get_by_role("button", name="Make the token").click()
    page.get_by_text("Give the token a name").wait_for()
    check_both_widths(page, "form-errors", lambda: check_accessibility(page))

    page.get_by_label("Name").fill("My spreadsheet")
    page.get_by_label("Add and change them").check()
    page.get_by_label("30 days").check()
    page.get_by_role("button", name="Make the token").click()
    page.get_by_text("it will not be shown again").wait_for()
    secret = page.get_by_label("The token").input_value()
    assert secret.startswith("rbd_")
    # The copy button comes from the page's script, and only while the secret is shown.
    page.get_by_role("button", name="Copy token").wait_for()
    check_both_widths(page, "secret", lambda: check_accessibility(page))
    assert_no_csp_violations(page)
    token = ApiToken.objects.get()
    assert token.scopes == ["read", "write"]
    assert call_api(secret).status_code == 200

    page.reload()
    page.get_by_role("heading", name="About this token").wait_for()
    assert secret not in page.content()
    assert page.get_by_label("The token").count() == 0

    page.get_by_role("link", name="API tokens").last.click()
    page.get_by_role("link", name="My spreadsheet").wait_for()
    assert secret not in page.content()
    check_both_widths(page, "list", lambda: check_accessibility(page))

    page.get_by_role("link", name="My spreadsheet").click()
    page.get_by_role("link", name="Revoke this token").click()
    check_both_widths(page, "revoke", lambda: check_accessibility(page))
    page.get_by_role("button", name="Revoke it").click()
    page.get_by_text("no longer opens the API").first.wait_for()
    page.get_by_text("Revoked", exact=True).wait_for()
    check_accessibility(page)
    assert_no_csp_violations(page)
    assert call_api(secret).status_code == 401


def test_the_token_pages_work_without_javascript(browser, live_server, no_js_page, rosa):
    page = no_js_page
    log_in(page, EMAIL)
    page.goto("/settings/api-tokens/new/")
    page.get_by_label("Name").fill("Diary backup")
    page.get_by_label("Read applications, interviews").uncheck()
    page.get_by_label("Read your reflections").check()
    page.get_by_label("Never").check()
    page.get_by_role("button", name="Make the token").click()
    page.get_by_text("it will not be shown again").wait_for()
    secret = page.get_by_label("The token").input_value()
    assert page.get_by_role("button", name="Copy token").count() == 0
    check_both_widths(
        page, "secret-nojs", lambda: check_accessibility_without_js(browser, live_server, page)
    )
    token = ApiToken.objects.get()
    assert (token.scopes, token.expires_at) == (["reflections"], None)
    # Reflections alone does not open the applications.
    assert call_api(secret).status_code == 403

    page.goto("/settings/api-tokens/")
    page.get_by_text("Never", exact=True).wait_for()
    page.goto(f"/settings/api-tokens/{token.pk}/revoke/")
    page.get_by_role("button", name="Revoke it").click()
    page.get_by_text("no longer opens the API").first.wait_for()
    check_both_widths(
        page, "list-nojs", lambda: check_accessibility_without_js(browser, live_server, page)
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
