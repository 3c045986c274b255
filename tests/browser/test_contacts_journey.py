"""After a bad interview the user adds the recruiter from the application's page, picks her as
an interviewer, and drafts a letter that goes to her own address; then finds her again under
Contacts. With JavaScript and without, at desktop and phone width."""

import pytest

from interviews.models import Contact, FollowUpLetter, Reflection

from ..conftest import make_application, make_contact, make_interview, make_reflection, make_user
from .conftest import (
    assert_no_csp_violations,
    check_accessibility,
    check_accessibility_without_js,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.browser

PRIYA = "priya@northwind.example"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def interview(transactional_db):
    """Return alice's bad interview at Northwind, reflected on, with no contacts yet.

    She already knows Sam at Northwind from another application, and Lee elsewhere.
    """
    alice = make_user("alice@example.com", display_name="Alex Morgan")
    interview = make_interview(owner=alice, rating=1, interviewers="Dan Okafor")
    make_reflection(
        interview=interview,
        causes=[Reflection.Cause.UNDER_PREPARED],
        follow_up=Reflection.FollowUp.APOLOGY,
    )
    earlier = make_application(owner=alice, company="Northwind", role="Data analyst")
    make_contact(
        owner=alice, name="Sam Rivera", email="sam@northwind.example", applications=[earlier]
    )
    make_contact(owner=alice, name="Lee Ward", company="Globex", email="lee@globex.example")
    return interview


def check(page, browser, live_server, *, js):
    """Run axe over the page as it is shown, at desktop and at phone width."""
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        if js:
            check_accessibility(page)
        else:
            check_accessibility_without_js(browser, live_server, page)
    page.set_viewport_size(DESKTOP)


def walk_the_journey(page, browser, live_server, interview, *, js):
    application = interview.application
    suffix = "js" if js else "no-js"

    # From the application's page, add the recruiter: the company is already filled in.
    page.goto(application.get_absolute_url())
    contacts = page.get_by_role("region", name="Contacts")
    assert "No contacts yet." in contacts.inner_text()
    check(page, browser, live_server, js=js)
    contacts.get_by_role("link", name="Add a contact").click()
    page.get_by_role("heading", name="Add a contact").wait_for()
    assert page.get_by_label("Company").input_value() == "Northwind"
    assert page.get_by_label(str(application)).is_checked()
    check(page, browser, live_server, js=js)
    screenshot(page, f"contact-form-{suffix}")
    page.get_by_label("Name").fill("Priya Shah")
    page.get_by_label("Role").select_option("recruiter")
    page.get_by_label("E-mail").fill(PRIYA)
    page.get_by_role("button", name="Add contact").click()
    page.wait_for_url(f"**{application.get_absolute_url()}")
    contacts = page.get_by_role("region", name="Contacts")
    assert "Priya Shah" in contacts.inner_text()
    assert contacts.get_by_role("link", name=PRIYA).get_attribute("href") == f"mailto:{PRIYA}"

    # Link Sam, whom she knows from the earlier Northwind application; he is offered first.
    select = contacts.get_by_label("Link someone you know")
    assert select.locator("option").nth(1).inner_text().startswith("Sam Rivera")
    select.select_option(label="Sam Rivera (Northwind)")
    contacts.get_by_role("button", name="Link", exact=True).click()
    page.get_by_text("Linked Sam Rivera").wait_for()
    check(page, browser, live_server, js=js)
    page.set_viewport_size(PHONE)
    screenshot(page, f"contacts-on-application-phone-{suffix}")
    page.set_viewport_size(DESKTOP)

    # Pick Priya as an interviewer and say where it was.
    page.goto(f"/interviews/{interview.pk}/edit/")
    page.get_by_label("Priya Shah").check()
    page.get_by_label("Where").fill("https://meet.example/northwind")
    check(page, browser, live_server, js=js)
    screenshot(page, f"interview-form-contacts-{suffix}")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(f"**{interview.get_absolute_url()}")
    details = page.get_by_role("region", name="Details")
    assert details.get_by_role("link", name="Priya Shah").is_visible()
    assert details.get_by_role("link", name="https://meet.example/northwind").is_visible()

    # The letter goes to the picked interviewer, at her own address.
    page.goto(f"/interviews/{interview.pk}/letters/new/")
    people = page.get_by_role("group", name="Who is the letter to?")
    assert people.get_by_role("radio", name="Priya Shah").is_checked()
    assert PRIYA in people.get_by_role("radio", name="Priya Shah").locator("..").inner_text()
    page.get_by_role("region", name="Apology").get_by_role(
        "button", name="Draft this letter"
    ).click()
    page.get_by_role("heading", name="Edit letter: Apology").wait_for()
    assert page.get_by_label("To (name)").input_value() == "Priya Shah"
    assert page.get_by_label("To (email)").input_value() == PRIYA
    letter = FollowUpLetter.objects.get(interview=interview)
    assert (letter.recipient_name, letter.recipient_email) == ("Priya Shah", PRIYA)

    # Contacts: "have I talked to someone at Northwind before?"
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Contacts").first.click()
    page.get_by_role("heading", name="Contacts", exact=True).wait_for()
    page.get_by_label("Search").fill("northwind")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/contacts/?q=northwind")
    names = page.locator("tbody th").all_inner_texts()
    assert names == ["Priya Shah", "Sam Rivera"]
    check(page, browser, live_server, js=js)
    screenshot(page, f"contact-list-{suffix}")
    page.set_viewport_size(PHONE)
    screenshot(page, f"contact-list-phone-{suffix}")
    page.set_viewport_size(DESKTOP)

    # Her page lists the application and the interview; unlinking from the job keeps her.
    page.get_by_role("link", name="Priya Shah").click()
    page.get_by_role("heading", name="Priya Shah").wait_for()
    assert page.get_by_role("link", name=str(application)).is_visible()
    check(page, browser, live_server, js=js)
    screenshot(page, f"contact-detail-{suffix}")
    page.goto(application.get_absolute_url())
    page.get_by_role("region", name="Contacts").get_by_role(
        "button", name="Unlink Priya Shah"
    ).click()
    page.get_by_text("Priya Shah is no longer linked").wait_for()
    assert Contact.objects.filter(name="Priya Shah").exists()

    # Deleting asks first.
    priya = Contact.objects.get(name="Priya Shah")
    page.goto(f"/contacts/{priya.pk}/")
    page.get_by_role("link", name="Delete").click()
    page.get_by_role("heading", name="Delete Priya Shah?").wait_for()
    check(page, browser, live_server, js=js)
    page.get_by_role("button", name="Yes, delete them").click()
    page.wait_for_url("**/contacts/")
    assert not Contact.objects.filter(pk=priya.pk).exists()


def test_user_adds_a_contact_picks_her_as_interviewer_and_writes_to_her(
    page, browser, live_server, interview
):
    log_in(page, "alice@example.com")
    walk_the_journey(page, browser, live_server, interview, js=True)
    assert_no_csp_violations(page)
    assert not page.problems, page.problems


def test_the_same_journey_works_without_javascript(no_js_page, browser, live_server, interview):
    log_in(no_js_page, "alice@example.com")
    walk_the_journey(no_js_page, browser, live_server, interview, js=False)
