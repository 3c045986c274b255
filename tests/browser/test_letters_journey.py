"""After a bad interview, the user picks whom to write to, drafts an apology, fixes its tone,
downloads it and sends it."""

import email
import email.policy
from pathlib import Path

import pytest

from interviews.models import FollowUpLetter, Reflection

from ..conftest import logged_in, make_contact, make_interview, make_reflection, make_user
from ..reflection.walk import answers, walk
from .conftest import assert_no_csp_violations, check_accessibility, log_in, screenshot

pytestmark = pytest.mark.browser

EXCUSE = " It wasn't my fault, though: the brief was vague."
PRIYA = "priya@northwind.example"
DAN = "dan@northwind.example"


def recipient(page, name):
    return page.get_by_role("group", name="Who is the letter to?").get_by_role("radio", name=name)


@pytest.fixture
def alice_page(page):
    """Return the page signed in as alice, who has reflected on a bad interview.

    Dan interviewed her; Priya is the application's contact, the only one with an address.
    """
    alice = make_user("alice@example.com", display_name="Alex Morgan")
    interview = make_interview(owner=alice, rating=1, interviewers="Dan Okafor")
    make_contact(owner=alice, name="Priya Shah", email=PRIYA, applications=[interview.application])
    make_reflection(
        interview=interview,
        causes=[Reflection.Cause.UNDER_PREPARED],
        follow_up=Reflection.FollowUp.APOLOGY,
        questions=1,
    )
    log_in(page, "alice@example.com")
    page.interview = interview
    return page


def test_user_drafts_an_apology_fixes_its_tone_downloads_and_sends_it(alice_page, tmp_path):
    page = alice_page
    page.goto("/letters/")
    page.get_by_role("heading", name="No letters yet.").wait_for()
    check_accessibility(page)
    screenshot(page, "letters-empty")

    page.get_by_role("link", name="New letter").first.click()
    check_accessibility(page)
    page.get_by_label("Which interview is this letter about?").select_option(str(page.interview.pk))
    page.get_by_role("button", name="Next: choose the kind of letter").click()
    page.wait_for_url(f"**/interviews/{page.interview.pk}/letters/new/")
    another_chance = page.get_by_role("region", name="Another chance")
    assert another_chance.get_by_role("button").count() == 0
    assert "Not offered:" in another_chance.inner_text()
    # The contact is picked unless the user says otherwise; each person shows their own address.
    assert recipient(page, "Priya Shah").is_checked()
    assert PRIYA in recipient(page, "Priya Shah").locator("..").inner_text()
    assert "no email address on file" in recipient(page, "Dan Okafor").locator("..").inner_text()
    check_accessibility(page)
    screenshot(page, "letter-create")

    recipient(page, "Dan Okafor").check()
    page.get_by_role("region", name="Apology").get_by_role(
        "button", name="Draft this letter"
    ).click()
    page.get_by_role("heading", name="Edit letter: Apology").wait_for()
    # Dan's name with no address: never Priya's.
    assert page.get_by_label("To (name)").input_value() == "Dan Okafor"
    assert page.get_by_label("To (email)").input_value() == ""
    body = page.get_by_label("Body")
    draft = body.input_value()
    assert draft.startswith("Dear Dan Okafor,")
    assert draft.endswith("Best regards,\nAlex Morgan")
    assert "Question 0?" in draft
    check_accessibility(page)

    # With JavaScript the tone check follows the typing, before anything is saved.
    page.get_by_label("To (email)").fill(DAN)
    excuse_finding = page.locator(".tone-finding-excuse")
    body.fill(draft.replace("These were my mistakes", EXCUSE.strip() + " These were my mistakes"))
    excuse_finding.wait_for()
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Saved. The tone check has been updated.").wait_for()
    assert "“It wasn't my fault” can come across as an excuse" in excuse_finding.inner_text()
    assert page.locator(".letter-preview mark").all_inner_texts() == ["It wasn't my fault"]
    check_accessibility(page)
    screenshot(page, "letter-editor-finding")

    assert page.locator(".tone-finding-placeholder").count() == 0
    body.fill(body.input_value().replace(EXCUSE.strip() + " ", ""))
    excuse_finding.wait_for(state="detached")
    page.locator(".tone-clear").wait_for()
    page.get_by_role("button", name="Save and get ready to send").click()
    page.get_by_role("heading", name="Apology letter to Northwind").wait_for()
    assert page.locator(".tone-finding-excuse").count() == 0
    assert page.locator(".letter-preview mark").count() == 0
    check_accessibility(page)
    screenshot(page, "letter-detail")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as an email file (.eml)").click()
    saved = Path(tmp_path) / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    message = email.message_from_bytes(saved.read_bytes(), policy=email.policy.default)
    assert saved.suffix == ".eml"
    assert message["Subject"] == "Following up on my Backend developer interview"
    assert (message["To"].addresses[0].display_name, message["To"].addresses[0].addr_spec) == (
        "Dan Okafor",
        DAN,
    )
    assert str(message["From"]) == "Alex Morgan <alice@example.com>"
    assert "wasn't my fault" not in message.get_content()

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy the letter text").click()
    page.get_by_text("The letter text is copied.").wait_for()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    # Browsers turn the saved CRLF line breaks back into LF, as a mail program would.
    assert copied == FollowUpLetter.objects.get().body.replace("\r\n", "\n")
    assert copied.endswith("Best regards,\nAlex Morgan")

    page.get_by_role("link", name="Print-friendly version").click()
    page.get_by_role("button", name="Print").wait_for()
    check_accessibility(page)
    screenshot(page, "letter-print")
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Main").is_visible()
    assert not page.get_by_role("link", name="Back to the letter").is_visible()
    screenshot(page, "letter-print-media")
    page.emulate_media(media="screen")
    page.get_by_role("link", name="Back to the letter").click()

    page.get_by_role("button", name="Mark as sent").click()
    page.get_by_text("That is the follow-up done.").wait_for()
    assert "“Followed up” (stage 5 of 6)" in page.locator("main").inner_text()
    page.get_by_label("Their response").select_option("positive")
    page.get_by_role("button", name="Save response").click()
    page.get_by_text("Response saved.").wait_for()
    check_accessibility(page)

    page.get_by_role("link", name="← All letters").click()
    row = page.get_by_role("row", name="Apology")
    assert "Sent" in row.inner_text()
    assert "Positive" in row.inner_text()
    check_accessibility(page)
    screenshot(page, "letters-list")
    letter = FollowUpLetter.objects.get()
    assert (letter.status, letter.response) == ("sent", "positive")
    assert_no_csp_violations(page)


def test_letter_pages_read_well_on_a_phone(alice_page):
    page = alice_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/interviews/{page.interview.pk}/letters/new/")
    other_name = page.get_by_label("Their name", exact=True)
    assert not other_name.is_visible()
    check_accessibility(page)
    screenshot(page, "letter-create-phone")
    recipient(page, "Someone else").check()
    other_name.fill("Sam Rivera")
    page.get_by_label("Their email address", exact=True).fill("sam@northwind.example")
    check_accessibility(page)
    screenshot(page, "letter-create-someone-else-phone")
    page.get_by_role("region", name="Apology").get_by_role("button").click()
    page.get_by_role("heading", name="Edit letter: Apology").wait_for()
    assert page.get_by_label("To (name)").input_value() == "Sam Rivera"
    assert page.get_by_label("To (email)").input_value() == "sam@northwind.example"
    assert page.get_by_label("Body").input_value().startswith("Dear Sam Rivera,")
    check_accessibility(page)
    screenshot(page, "letter-editor-phone")
    page.get_by_role("button", name="Save and get ready to send").click()
    page.get_by_role("heading", name="Apology letter to Northwind").wait_for()
    check_accessibility(page)
    screenshot(page, "letter-detail-phone")
    page.goto("/letters/")
    check_accessibility(page)
    screenshot(page, "letters-list-phone")
    assert_no_csp_violations(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_whom_to_write_to_is_picked_without_javascript(browser, live_server, alice_page, width):
    interview = alice_page.interview
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": width, "height": 900},
    )
    page = context.new_page()
    log_in(page, "alice@example.com")
    page.goto(f"/interviews/{interview.pk}/letters/new/")
    screenshot(page, f"letter-create-nojs-{width}")

    # A name typed under "Someone else" while Priya is still picked is not sent to Priya.
    recipient(page, "Someone else").check()
    page.get_by_label("Their name", exact=True).fill("Sam Rivera")
    recipient(page, "Priya Shah").check()
    page.get_by_role("region", name="Thank-you").get_by_role("button").click()
    page.get_by_text("That letter was not drafted.").wait_for()
    assert "Choose “Someone else”" in page.locator("#recipient-errors").inner_text()
    assert page.get_by_label("Their name", exact=True).input_value() == "Sam Rivera"
    screenshot(page, f"letter-create-nojs-refused-{width}")
    assert not FollowUpLetter.objects.exists()

    recipient(page, "Someone else").check()
    page.get_by_label("Their email address", exact=True).fill("sam@northwind.example")
    page.get_by_role("region", name="Thank-you").get_by_role("button").click()
    page.get_by_role("heading", name="Edit letter: Thank-you").wait_for()
    assert page.get_by_label("To (name)").input_value() == "Sam Rivera"
    assert page.get_by_label("To (email)").input_value() == "sam@northwind.example"
    assert page.get_by_label("Body").input_value().endswith("Best regards,\nAlex Morgan")
    screenshot(page, f"letter-editor-nojs-{width}")
    context.close()


def test_finishing_a_reflection_with_apologise_leads_to_a_draft_to_fix_and_send(page, tmp_path):
    alice = make_user("alice@example.com")
    interview = make_interview(owner=alice, rating=1, interviewers="Sam Rivera")
    # The earlier steps are answered as the browser would post them (the draft is kept in the
    # database, not the session); the person signs in and finishes.
    data = answers(caught_out=True, outside="no", follow_up="apology")
    steps = ["feelings", "what_happened", "questions", "lessons", "forgive", "follow_up"]
    walk(logged_in(alice), interview, steps, data)
    log_in(page, "alice@example.com")

    page.goto(f"/interviews/{interview.pk}/reflect/")
    page.get_by_role("heading", name="Check and finish").wait_for()
    page.get_by_role("button", name="Finish").click()
    page.get_by_role("heading", name="Apology letter to Northwind").wait_for()
    check_accessibility(page)

    page.get_by_role("link", name="Edit").first.click()
    body = page.get_by_label("Body")
    assert "How would you cache this endpoint?" in body.input_value()
    body.fill(body.input_value() + EXCUSE)
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Saved. The tone check has been updated.").wait_for()
    assert page.locator(".tone-finding-excuse").count() == 1
    body.fill(body.input_value().replace(EXCUSE, "").replace("[Your name]", "Alice"))
    page.get_by_role("button", name="Save and get ready to send").click()
    page.get_by_role("heading", name="Apology letter to Northwind").wait_for()
    assert page.locator(".tone-finding-excuse").count() == 0

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as an email file (.eml)").click()
    saved = Path(tmp_path) / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    message = email.message_from_bytes(saved.read_bytes(), policy=email.policy.default)
    assert "How would you cache this endpoint?" in message.get_content()

    page.get_by_role("button", name="Mark as sent").click()
    page.get_by_text("That is the follow-up done.").wait_for()
    letter = FollowUpLetter.objects.get()
    assert (letter.kind, letter.status) == ("apology", "sent")
    assert_no_csp_violations(page)
