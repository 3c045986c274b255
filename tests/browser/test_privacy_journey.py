"""A person downloads their data, restores it into a new account, then deletes the old one."""

import json
import zipfile

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from interviews.models import Application, User

from ..conftest import PASSWORD, make_interview, make_letter, make_reflection, make_user
from .conftest import assert_no_csp_violations, check_accessibility, log_in, screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def leaver(transactional_db):
    user = make_user("leaver@example.com")
    interview = make_interview(owner=user, rating=1)
    make_reflection(interview=interview, lessons=2, questions=1)
    make_letter(interview=interview)
    return user


def log_out(page):
    # The page first clears what the phone kept, then sends the form: wait for that page.
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/")


def test_download_restore_into_a_new_account_then_delete_the_old_one(page, leaver, tmp_path):
    log_in(page, "leaver@example.com")
    page.goto(reverse("interviews:account_delete"))
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your data (zip)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("rebound-export-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        exported = json.loads(archive.read("export.json"))
    assert exported["schema"] == "rebound-export"
    assert exported["applications"][0]["interviews"][0]["reflection"]["lessons"]

    # The new account starts empty, so the import form is there.
    log_out(page)
    newcomer = make_user("newcomer@example.com")
    log_in(page, "newcomer@example.com")
    page.goto(reverse("interviews:data_import"))
    page.get_by_role("heading", name="Restore your data from an export").wait_for()
    check_accessibility(page)
    screenshot(page, "data-import")
    page.get_by_label("Export file").set_input_files(
        files=[{"name": "broken.json", "mimeType": "application/json", "buffer": b"{oops"}]
    )
    page.get_by_role("button", name="Restore my data").click()
    page.get_by_text("This file is not valid JSON").wait_for()
    check_accessibility(page)
    screenshot(page, "data-import-error")
    page.get_by_label("Export file").set_input_files(str(saved))
    page.get_by_role("button", name="Restore my data").click()
    page.get_by_text("Your data is back: 1 application and 1 interview.").wait_for()
    assert Application.objects.owned_by(newcomer).count() == 1

    # A second import into the now-full account is explained, not attempted.
    page.goto(reverse("interviews:data_import"))
    page.get_by_role("heading", name="This account already has applications").wait_for()
    check_accessibility(page)
    screenshot(page, "data-import-not-empty")

    log_out(page)
    log_in(page, "leaver@example.com")
    page.goto(reverse("interviews:account_delete"))
    page.get_by_role("heading", name="Delete your account", level=1).wait_for()
    check_accessibility(page)
    screenshot(page, "account-delete")
    page.get_by_label("Your password").fill("not-the-password")
    page.get_by_role("button", name="Delete my account and all my data").click()
    page.get_by_text("That is not your password. Nothing has been deleted.").wait_for()
    check_accessibility(page)
    screenshot(page, "account-delete-wrong-password")
    assert User.objects.filter(email="leaver@example.com").exists()

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account and all my data").click()
    page.get_by_text("Your account and everything in it are deleted.").wait_for()
    assert page.url.endswith("/")
    screenshot(page, "account-deleted")
    assert not User.objects.filter(email="leaver@example.com").exists()
    assert User.objects.filter(email="newcomer@example.com").exists()
    assert_no_csp_violations(page)


def test_privacy_and_error_pages_read_well_on_a_phone(page, leaver):
    page.set_viewport_size(PHONE)
    page.goto("/no-such-page/")
    page.get_by_role("heading", name="We couldn’t find that page").wait_for()
    check_accessibility(page)
    screenshot(page, "404-anonymous-phone")

    log_in(page, "leaver@example.com")
    page.goto("/no-such-page/")
    check_accessibility(page)
    screenshot(page, "404-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "404")

    page.set_viewport_size(PHONE)
    page.goto(reverse("interviews:account_delete"))
    check_accessibility(page)
    screenshot(page, "account-delete-phone")
    page.goto(reverse("interviews:data_import"))
    check_accessibility(page)
    screenshot(page, "data-import-not-empty-phone")
    assert_no_csp_violations(page)


def test_the_standalone_500_page_is_styled_and_accessible(page, live_server):
    # Django renders 500.html with no request; show that markup as served from the site.
    page.goto("/healthz/")
    page.set_content(render_to_string("500.html"), wait_until="load")
    page.get_by_role("heading", name="Something went wrong on our side").wait_for()
    assert page.evaluate("() => document.styleSheets.length") == 2
    check_accessibility(page)
    screenshot(page, "500")
    page.set_viewport_size(PHONE)
    screenshot(page, "500-phone")
