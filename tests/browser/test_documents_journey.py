"""Documents in the browser: attach a résumé, mark it sent, download it; with and without
JavaScript, at desktop and phone width, with axe finding nothing."""

import pytest

from interviews.models import Application, Document

from ..conftest import make_application, make_user
from ..tracking import documents_files as files
from .conftest import (
    assert_no_csp_violations,
    check_accessibility,
    check_accessibility_without_js,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def job_seeker(db):
    user = make_user("robin@example.com", time_zone="Europe/London")
    make_application(owner=user, company="Contoso", role="Data analyst", status="applied")
    return user


def attach_resume(page, tmp_path, *, name="Robin CV.pdf", content=files.PDF):
    contoso = Application.objects.get(company="Contoso")
    page.goto(contoso.get_absolute_url())
    page.get_by_role("link", name="Add a document").click()
    page.wait_for_url(f"**/applications/{contoso.pk}/documents/new/")
    page.get_by_label("Kind").select_option("resume")
    path = tmp_path / name
    path.write_bytes(content)
    page.get_by_label("File").set_input_files(str(path))
    return contoso


def test_attach_mark_sent_and_download_a_resume(page, job_seeker, tmp_path, live_server):
    log_in(page, "robin@example.com")
    contoso = attach_resume(page, tmp_path)
    check_accessibility(page)
    page.get_by_role("button", name="Add document").click()
    page.wait_for_url(f"**/applications/{contoso.pk}/#documents")
    page.get_by_text("Added Robin CV.").wait_for()

    section = page.locator("#documents")
    assert "Résumé · Robin CV.pdf" in section.inner_text()
    section.get_by_role("button", name="Mark as sent").click()
    page.get_by_text("Marked Robin CV as sent.").wait_for()
    assert section.locator(".badge", has_text="Sent").count() == 1
    check_accessibility(page)
    screenshot(page, "documents-application-desktop")

    with page.expect_download() as download_info:
        section.get_by_role("link", name="Robin CV — download").click()
    download = download_info.value
    assert download.suggested_filename == "Robin CV.pdf"
    saved = tmp_path / "downloaded.pdf"
    download.save_as(saved)
    assert saved.read_bytes() == files.PDF
    assert_no_csp_violations(page)

    page.set_viewport_size(PHONE)
    page.goto(contoso.get_absolute_url() + "#documents")
    check_accessibility(page)
    screenshot(page, "documents-application-phone")


def test_a_file_that_is_not_a_document_is_refused_in_place(page, job_seeker, tmp_path):
    log_in(page, "robin@example.com")
    attach_resume(page, tmp_path, name="cv.pdf", content=files.HTML)
    page.get_by_role("button", name="Add document").click()
    page.get_by_text("This file is a web page or other markup").wait_for()
    check_accessibility(page)
    page.set_viewport_size(PHONE)
    screenshot(page, "documents-refused-phone")
    assert not Document.objects.exists()


def test_the_whole_journey_works_without_javascript(
    browser, live_server, no_js_page, job_seeker, tmp_path
):
    page = no_js_page
    log_in(page, "robin@example.com")
    contoso = attach_resume(page, tmp_path)
    check_accessibility_without_js(browser, live_server, page)
    page.get_by_role("button", name="Add document").click()
    page.wait_for_url(f"**/applications/{contoso.pk}/#documents")

    section = page.locator("#documents")
    section.get_by_role("button", name="Mark as sent").click()
    page.get_by_text("Marked Robin CV as sent.").wait_for()
    check_accessibility_without_js(browser, live_server, page)

    with page.expect_download() as download_info:
        section.get_by_role("link", name="Robin CV — download").click()
    assert download_info.value.suggested_filename == "Robin CV.pdf"

    section.get_by_role("link", name="Delete Robin CV").click()
    check_accessibility_without_js(browser, live_server, page)
    page.get_by_role("button", name="Yes, delete it").click()
    page.get_by_text("Deleted Robin CV.").wait_for()
    assert not Document.objects.exists()
