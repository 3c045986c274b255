"""Playwright on the system's Chromium, against pytest-django's live server."""

import os
import re
import shutil
from pathlib import Path

import pytest

AXE_PATH = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
REQUIRED = bool(os.environ.get("REBOUND_REQUIRE_BROWSER") or os.environ.get("CI"))

# Chromium must not reach out to the network: these flags keep it to the live server.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _missing(reason):
    if REQUIRED:
        pytest.fail(f"Browser tests are required here, but {reason}.")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        _missing("no system Chromium was found (apt-get install -y chromium)")
    if not AXE_PATH.exists():
        _missing("axe-core is not installed (npm ci --prefix tests/browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        # No service worker unless a test asks for one: it fetches the app shell beside the
        # test's own requests, and on SQLite the live server shares one connection between
        # threads, so a stray request can roll back rows the next test has just written.
        new_context = browser.new_context

        def new_context_without_worker(**options):
            options.setdefault("service_workers", "block")
            return new_context(**options)

        browser.new_context = new_context_without_worker
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def close_leftover_contexts(request):
    """Close every browser context a test opened before its database is emptied.

    A context left open keeps its pages (and their timers and fetches) alive into the next
    test; this fixture is torn down before the test database is, so nothing outlives its test.
    """
    if "browser" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    browser = request.getfixturevalue("browser")
    yield
    for context in list(browser.contexts):
        context.close()


@pytest.fixture
def page(browser, live_server):
    # No service worker: it would fetch the app shell beside every test's own requests. The
    # offline journey opens a page that allows one (tests/browser/test_offline_journey.py).
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)

    def on_dialog(dialog):
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.problems = problems
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser, live_server):
    """A page at desktop width in a browser with JavaScript turned off."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        java_script_enabled=False,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def log_in(page, email, password=None):
    """Sign in through the real log-in form and wait for the dashboard."""
    from django.core.cache import cache

    from ..conftest import PASSWORD

    # Every test signs in from 127.0.0.1, and allauth counts log-ins per address in the cache,
    # which outlives each test's database: a long run would reach the limit of 30 a minute.
    cache.clear()

    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password or PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")


def check_accessibility(page):
    """Run axe-core on the current page and fail with a readable list of violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_PATH.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in result["violations"]
    ]
    assert not violations, f"{page.url}\n" + "\n".join(violations)


def check_accessibility_without_js(browser, live_server, page):
    """Run axe over what a page without JavaScript shows, in a page that can run axe.

    axe runs inside the page, so a page opened with JavaScript off cannot run it: its markup,
    without scripts, is loaded into a second page of the same origin (so its styles apply).
    """
    html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.S)
    context = browser.new_context(base_url=live_server.url, viewport=page.viewport_size)
    try:
        checker = context.new_page()
        checker.goto("/accounts/login/")
        checker.set_content(html)
        check_accessibility(checker)
    finally:
        context.close()


def screenshot(page, name, *, full_page=True):
    """Save a screenshot under test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def assert_no_csp_violations(page):
    csp = [p for p in page.problems if "Content Security Policy" in p]
    assert not csp, csp
