"""On a phone, with or without JavaScript, the menu opens and reaches every page and log-out."""

import pytest
from django.urls import reverse

from interviews.web.context_processors import NAV

from ..conftest import PASSWORD, make_user
from .conftest import assert_no_csp_violations, check_accessibility, screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TABLET = {"width": 800, "height": 1000}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def member(transactional_db):
    return make_user("phone@example.com")


@pytest.fixture
def phone_page(browser, live_server, request):
    """A page at phone width, with JavaScript on or off as the test's parameter says."""
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=request.param
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = []
    page.on("console", lambda msg: page.problems.append(msg.text) if msg.type == "error" else None)
    page.javascript = request.param
    yield page
    context.close()


def log_in_by_form(page):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("phone@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")


def menu_button(page):
    return page.get_by_role("navigation", name="Main").locator("summary", has_text="Menu")


def shot(page, name):
    screenshot(page, name, full_page=False)


def axe_on(page, *, with_axe):
    # axe is a script: it only runs where JavaScript does.
    if with_axe:
        check_accessibility(page)


@pytest.mark.parametrize("phone_page", [False, True], ids=["no-js", "js"], indirect=True)
def test_phone_menu_reaches_every_page_and_log_out(phone_page, member):
    page = phone_page
    mode = "js" if page.javascript else "nojs"
    log_in_by_form(page)
    nav = page.get_by_role("navigation", name="Main")
    first_link = nav.get_by_role("link", name=str(NAV[0][1]), exact=True)
    # Closed, the menu hides its links; only the button shows.
    assert menu_button(page).is_visible()
    assert not first_link.is_visible()
    shot(page, f"phone-menu-closed-{mode}")

    for name, label in NAV:
        menu_button(page).click()
        link = nav.get_by_role("link", name=str(label), exact=True)
        assert link.is_visible(), label
        link.click()
        page.wait_for_url(f"**{reverse(name)}")
        # The page reached marks its own menu entry as the current one.
        menu_button(page).click()
        current = nav.get_by_role("link", name=str(label), exact=True)
        assert current.get_attribute("aria-current") == "page"
        if name == "interviews:dashboard":
            shot(page, f"phone-menu-open-{mode}")
        menu_button(page).click()

    menu_button(page).click()
    nav.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").first.wait_for()
    assert not page.get_by_role("button", name="Log out").count()
    assert_no_csp_violations(page)


@pytest.mark.parametrize("phone_page", [True], ids=["js"], indirect=True)
def test_phone_menu_opens_from_the_keyboard_and_closes_with_escape(phone_page, member):
    page = phone_page
    log_in_by_form(page)
    nav = page.get_by_role("navigation", name="Main")
    summary = menu_button(page)
    summary.focus()
    # Focus is visible on the menu button.
    outline = summary.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.press("Enter")
    settings_link = nav.get_by_role("link", name="Settings", exact=True)
    assert settings_link.is_visible()
    check_accessibility(page)
    page.keyboard.press("Escape")
    assert not settings_link.is_visible()
    assert page.evaluate("() => document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Space")
    assert settings_link.is_visible()


@pytest.mark.parametrize("width", [PHONE, TABLET, DESKTOP], ids=["phone", "tablet", "desktop"])
def test_pages_with_the_menu_have_no_accessibility_violations(page, member, width):
    page.set_viewport_size(width)
    log_in_by_form(page)
    nav = page.get_by_role("navigation", name="Main")
    for path in ("/dashboard/", reverse("interviews:settings"), reverse("account_email")):
        page.goto(path)
        check_accessibility(page)
        if width is not DESKTOP:
            menu_button(page).click()
            check_accessibility(page)
            shot(page, f"menu-open-{width['width']}")
    if width is DESKTOP:
        # Desktop keeps the links in the bar itself, with no menu button in the way.
        assert not menu_button(page).is_visible()
        assert nav.get_by_role("link", name="Dashboard", exact=True).is_visible()
        assert nav.get_by_role("button", name="Log out").is_visible()
        shot(page, "desktop-nav")


@pytest.mark.parametrize("width", [992, 1280, 1440])
def test_desktop_bar_stays_one_line(page, transactional_db, width):
    make_user("someone.with.a.rather.long.address@example.com")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("someone.with.a.rather.long.address@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")
    nav = page.get_by_role("navigation", name="Main")
    links = nav.locator(".navbar-collapse .nav-link:visible")
    tops = {
        round(box["y"])
        for box in links.evaluate_all("els => els.map(el => el.getBoundingClientRect().toJSON())")
    }
    heights = links.evaluate_all("els => els.map(el => el.getBoundingClientRect().height)")
    assert len(tops) == 1, tops
    assert max(heights) < 50, heights
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    # Nothing spills past the bar's own container.
    container = nav.locator(".container").first.evaluate(
        "el => el.getBoundingClientRect().right - parseFloat(getComputedStyle(el).paddingRight)"
    )
    right = links.evaluate_all(
        "els => Math.max(...els.map(el => el.getBoundingClientRect().right))"
    )
    assert right <= container + 1, (right, container)
    shot(page, f"desktop-nav-{width}")
