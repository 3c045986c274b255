"""The board with many applications: every column in view, the way to move told, a move undone."""

import os
from pathlib import Path

import pytest

from interviews.models import Application

from ..conftest import make_application, make_user
from .conftest import (
    assert_no_csp_violations,
    check_accessibility,
    check_accessibility_without_js,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ.get("REBOUND_SHOTS", "")) if os.environ.get("REBOUND_SHOTS") else None


def shoot(page, name, *, full_page=True):
    """Save a screenshot for people to judge (and a copy where REBOUND_SHOTS asks)."""
    screenshot(page, name, full_page=full_page)
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def busy_board(owner, per_status=25):
    """Fill every column, as a long search does."""
    for status in Application.Status.values:
        for number in range(per_status):
            make_application(
                owner=owner,
                company=f"{status.title()} Company {number}",
                role="Platform engineer",
                status=status,
            )


def assert_every_column_in_view(page, width):
    """Every status is on screen without scrolling sideways, its title in the first screenful."""
    board = page.locator(".board").bounding_box()
    assert board["x"] >= 0
    assert board["x"] + board["width"] <= width
    for status in Application.Status.values:
        target = page.locator(f".board [data-status='{status}']")
        box = target.bounding_box()
        assert box is not None, status
        assert box["x"] >= 0, status
        assert box["x"] + box["width"] <= width, status
        assert box["y"] < page.viewport_size["height"], f"{status} starts below the first screen"
        assert target.locator(".board-count").first.is_visible(), status


def test_every_column_is_in_view_at_1280_with_many_applications(page, live_server):
    alice = make_user("alice@example.com")
    busy_board(alice)
    log_in(page, "alice@example.com")
    page.goto("/applications/board/")
    assert_every_column_in_view(page, DESKTOP["width"])
    assert page.evaluate("() => document.documentElement.scrollWidth") <= DESKTOP["width"]
    rejected = page.locator("details[data-status='rejected'] > summary")
    assert "25" in rejected.inner_text()
    assert page.get_by_text("Show 19 more").first.is_visible()
    hint = page.locator(".board-hint")
    assert "Drag a card to another column" in hint.inner_text()
    assert page.locator(".board-hint-move").is_hidden()
    check_accessibility(page)
    shoot(page, "board-desktop-js")

    rejected.click()
    page.locator("details[data-status='rejected'] .board-card").first.wait_for()
    page.locator("section[data-status='applied']").get_by_text("Show 19 more").click()
    assert page.locator("section[data-status='applied']").get_by_text("Show fewer").is_visible()
    assert page.locator("section[data-status='applied'] .board-card").count() == 25
    check_accessibility(page)
    shoot(page, "board-desktop-js-opened")
    assert_no_csp_violations(page)


def test_without_javascript_the_hint_tells_the_move_button_and_undo_works(
    browser, no_js_page, live_server
):
    page = no_js_page
    alice = make_user("alice@example.com")
    busy_board(alice, per_status=8)
    moving = make_application(owner=alice, company="Northwind Labs", status="interviewing")
    log_in(page, "alice@example.com")
    page.goto("/applications/board/")
    assert_every_column_in_view(page, DESKTOP["width"])
    hint = page.locator(".board-hint")
    assert hint.inner_text().strip() == "To move a card, choose its new status and press Move."
    check_accessibility_without_js(browser, live_server, page)
    shoot(page, "board-desktop-nojs")

    card = page.locator(f"#application-{moving.pk}")
    card.get_by_label("Move Northwind Labs to").select_option(label="Rejected")
    card.get_by_role("button", name="Move Northwind Labs").click()
    notice = page.locator(".board-undo")
    notice.get_by_text("Moved Backend developer at Northwind Labs to Rejected.").wait_for()
    # The fold it went into is open, so the card can be seen where it went.
    assert page.locator(f"details[data-status='rejected'] #application-{moving.pk}").is_visible()
    check_accessibility_without_js(browser, live_server, page)
    shoot(page, "board-desktop-nojs-moved")
    moving.refresh_from_db()
    assert moving.status == "rejected"

    notice.get_by_role("button", name="Undo").click()
    page.get_by_text("Moved Backend developer at Northwind Labs back to Interviewing.").wait_for()
    assert page.locator(".board-undo").count() == 0
    assert page.locator(f"section[data-status='interviewing'] #application-{moving.pk}").count()
    moving.refresh_from_db()
    assert moving.status == "interviewing"


def test_a_dragged_card_can_be_put_back_with_undo(page, live_server):
    alice = make_user("alice@example.com")
    busy_board(alice, per_status=3)
    moving = make_application(owner=alice, company="Northwind Labs", status="applied")
    log_in(page, "alice@example.com")
    page.goto("/applications/board/")
    # A closed status takes a drop on its folded summary.
    page.drag_and_drop(f"#application-{moving.pk}", "details[data-status='withdrawn'] > summary")
    notice = page.locator(".board-undo")
    notice.get_by_text("Moved Backend developer at Northwind Labs to Withdrawn.").wait_for()
    moving.refresh_from_db()
    assert moving.status == "withdrawn"
    check_accessibility(page)
    shoot(page, "board-desktop-js-moved")

    notice.get_by_role("button", name="Undo").click()
    page.get_by_text("Moved Backend developer at Northwind Labs back to Applied.").wait_for()
    moving.refresh_from_db()
    assert moving.status == "applied"
    assert_no_csp_violations(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_on_a_phone_the_columns_stack(browser, live_server, javascript):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        alice = make_user("alice@example.com")
        busy_board(alice, per_status=9)
        log_in(page, "alice@example.com")
        page.goto("/applications/board/")
        if javascript:
            assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        boxes = [
            page.locator(f".board > [data-status='{status}']").bounding_box()
            for status in ("wishlist", "applied", "interviewing", "offer")
        ]
        # One column under another, each as wide as the screen allows.
        assert all(box["width"] > PHONE["width"] * 0.8 for box in boxes)
        assert [box["y"] for box in boxes] == sorted(box["y"] for box in boxes)
        assert page.locator(".board-hint").is_visible()
        assert "press Move" in page.locator(".board-hint").inner_text()
        if javascript:
            check_accessibility(page)
        else:
            check_accessibility_without_js(browser, live_server, page)
        name = f"board-phone-{'js' if javascript else 'nojs'}"
        shoot(page, name)
        shoot(page, f"{name}-first-screen", full_page=False)
        # The links at the top reach a column far down the stack.
        page.locator(".board-jump").get_by_role("link", name="Closed").click()
        from playwright.sync_api import expect

        expect(page.locator("#column-closed")).to_be_in_viewport()
    finally:
        context.close()
