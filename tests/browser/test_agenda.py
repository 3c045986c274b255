"""The agenda in a browser: filtered without JavaScript, accessible at any width."""

from datetime import timedelta

import pytest
from django.utils import timezone

from interviews.models import Interview

from ..conftest import make_application, make_interview, make_user
from .conftest import check_accessibility, log_in, screenshot

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def busy_member(transactional_db):
    member = make_user("agenda@example.com")
    now = timezone.now()
    for company, days, kind, rating in [
        ("Northwind", 2, Interview.Kind.PANEL, None),
        ("Contoso", 9, Interview.Kind.TECHNICAL, None),
        ("Fabrikam", -1, Interview.Kind.TECHNICAL, 1),
        ("Northwind", -20, Interview.Kind.PHONE_SCREEN, 4),
    ]:
        make_interview(
            application=make_application(owner=member, company=company),
            scheduled_at=now + timedelta(days=days),
            kind=kind,
            rating=rating,
        )
    return member


@pytest.mark.parametrize("width", WIDTHS)
def test_the_agenda_is_accessible_at_desktop_and_phone_width(page, busy_member, width):
    log_in(page, "agenda@example.com")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Interviews").click()
    page.wait_for_url("**/interviews/")
    page.set_viewport_size(WIDTHS[width])
    assert page.get_by_role("row").filter(has_text="Stage 1 of 6").count() == 1
    check_accessibility(page)
    screenshot(page, f"agenda-{width}")


def test_the_agenda_filters_without_javascript(browser, live_server, busy_member):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, "agenda@example.com")
        page.goto("/interviews/")
        page.get_by_label("How it went").select_option("badly")
        page.get_by_role("button", name="Filter").click()
        page.wait_for_url("**/interviews/?*went=badly*")
        rows = page.locator("tbody tr:not(.agenda-group)")
        assert rows.count() == 1
        assert "Fabrikam" in rows.first.inner_text()
        screenshot(page, "agenda-filtered-no-js")
    finally:
        context.close()
