"""Contacts: listed and searched, added from an application, linked, picked as interviewers."""

import csv
import io

import pytest
from django.urls import reverse

from interviews.models import Contact, Interview

from ..conftest import make_application, make_contact, make_interview

LIST = reverse("interviews:contact_list")
NEW = reverse("interviews:contact_create")
EXPORT = reverse("interviews:contacts_export")
QUERY_BUDGET = 12


def url(name, obj):
    return reverse(f"interviews:{name}", args=[obj.pk])


def names_in(response):
    return [contact.name for contact in response.context["page_obj"]]


def contact_data(**overrides):
    data = {
        "name": "Priya Shah",
        "role": "recruiter",
        "company": "Northwind",
        "email": "priya@northwind.example",
        "phone": "+44 20 7946 0000",
        "profile_url": "https://example.com/in/priya",
        "notes": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def interview_data(**overrides):
    data = {
        "kind": "technical",
        "scheduled_at": "2026-01-15T09:00",
        "duration_minutes": "60",
        "format": "video",
        "interviewers": "",
        "notes": "",
        "rating": "",
        "outcome": "pending",
    }
    data.update(overrides)
    return data


# The list ----------------------------------------------------------------------------------------


def test_list_shows_each_contacts_role_company_and_how_many_applications_and_interviews(
    alice_client, alice
):
    acme = make_application(owner=alice, company="Acme")
    globex = make_application(owner=alice, company="Globex")
    sam = make_contact(owner=alice, name="Sam Rivera", company="Acme", role="hiring_manager")
    sam.applications.set([acme, globex])
    make_interview(application=acme).contacts.add(sam)

    response = alice_client.get(LIST)

    [row] = response.context["page_obj"]
    assert (row.application_count, row.interview_count) == (2, 1)
    page = response.content.decode()
    assert "Hiring manager" in page
    assert "Acme" in page
    assert reverse("interviews:contacts_export") in page


def test_search_finds_contacts_by_name_email_company_or_their_applications_company(
    alice_client, alice
):
    initech = make_application(owner=alice, company="Initech")
    make_contact(owner=alice, name="Ann Lee", company="Acme", email="ann@acme.example")
    make_contact(owner=alice, name="Bo Park", company="", email="bo@mail.example")
    make_contact(owner=alice, name="Cy Moss", company="", email="", applications=[initech])

    def found(q):
        return names_in(alice_client.get(LIST, {"q": q}))

    assert found("acme") == ["Ann Lee"]
    assert found("BO@MAIL") == ["Bo Park"]
    assert found("park") == ["Bo Park"]
    assert found("initech") == ["Cy Moss"]
    assert found("  ") == ["Ann Lee", "Bo Park", "Cy Moss"]


def test_a_search_through_applications_still_counts_every_application_once(alice_client, alice):
    acme_one = make_application(owner=alice, company="Acme", role="Developer")
    acme_two = make_application(owner=alice, company="Acme", role="Lead")
    other = make_application(owner=alice, company="Globex")
    make_contact(owner=alice, name="Ann Lee", applications=[acme_one, acme_two, other])

    [row] = alice_client.get(LIST, {"q": "acme"}).context["page_obj"]

    assert row.application_count == 3


def test_list_never_shows_another_users_contacts(alice_client, alice, mallory):
    make_contact(owner=alice, name="Ann Lee")
    make_contact(owner=mallory, name="Mallory's Contact", company="Acme")

    assert names_in(alice_client.get(LIST)) == ["Ann Lee"]
    assert names_in(alice_client.get(LIST, {"q": "acme"})) == []


def test_list_pages_by_25_and_keeps_the_search(alice_client, alice):
    for number in range(30):
        make_contact(owner=alice, name=f"Person {number:02}", company="Acme")

    first = alice_client.get(LIST, {"q": "acme"})
    last = alice_client.get(LIST, {"q": "acme", "page": 2})

    assert len(names_in(first)) == 25
    assert 'href="?q=acme&amp;page=2"' in first.content.decode()
    assert names_in(last) == [f"Person {number:02}" for number in range(25, 30)]


def test_list_query_count_is_the_same_for_1_and_50_contacts(
    alice_client, alice, django_assert_max_num_queries, django_assert_num_queries
):
    def add(number):
        application = make_application(owner=alice, company=f"Firm {number}")
        contact = make_contact(owner=alice, name=f"Person {number}", applications=[application])
        make_interview(application=application).contacts.add(contact)

    add(0)
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        assert alice_client.get(LIST, {"q": "firm"}).status_code == 200
    for number in range(1, 50):
        add(number)
    with django_assert_num_queries(len(one)):
        assert alice_client.get(LIST, {"q": "firm"}).status_code == 200


def test_empty_list_says_how_to_add_a_contact(alice_client):
    page = alice_client.get(LIST).content.decode()

    assert "No contacts yet" in page
    assert NEW in page


def test_a_search_that_finds_nobody_says_so_and_offers_to_clear_it(alice_client, alice):
    make_contact(owner=alice, name="Ann Lee")

    page = alice_client.get(LIST, {"q": "zebra"}).content.decode()

    assert "Nobody matches “zebra”" in page
    assert "Clear the search" in page


# Adding and editing ------------------------------------------------------------------------------


def test_adding_a_contact_saves_it_for_its_owner_and_shows_its_page(alice_client, alice):
    response = alice_client.post(NEW, contact_data())

    contact = Contact.objects.get()
    assert response["Location"] == contact.get_absolute_url()
    assert (contact.owner, contact.name, contact.role) == (alice, "Priya Shah", "recruiter")


def test_adding_from_an_application_fills_in_its_company_and_links_it(alice_client, alice):
    application = make_application(owner=alice, company="Umbrella")
    form_url = f"{NEW}?application={application.pk}"

    form = alice_client.get(form_url).context["form"]
    assert form.initial["company"] == "Umbrella"
    assert form.initial["applications"] == [application.pk]

    response = alice_client.post(
        form_url, contact_data(company="Umbrella", applications=[application.pk])
    )

    assert response["Location"] == application.get_absolute_url()
    assert list(Contact.objects.get().applications.all()) == [application]


def test_adding_from_another_users_application_fills_in_nothing(alice_client, mallory):
    theirs = make_application(owner=mallory, company="Secret Corp")

    response = alice_client.get(f"{NEW}?application={theirs.pk}")

    assert response.status_code == 200
    assert "Secret Corp" not in response.content.decode()
    assert response.context["application"] is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Give the person's name."),
        ({"email": "priya at northwind"}, "email", "Enter an e-mail address"),
        ({"profile_url": "not a url"}, "profile_url", "full web address"),
        ({"role": "boss"}, "role", "Select a valid choice"),
        ({"name": "x" * 201}, "name", "at most 200"),
        ({"applications": ["abc"]}, "applications", "your own applications"),
        ({"applications": ["9" * 30]}, "applications", "your own applications"),
        ({"applications": ["-1"]}, "applications", "your own applications"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(
    alice_client, alice, overrides, field, message
):
    make_application(owner=alice)

    response = alice_client.post(NEW, contact_data(**overrides))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "nothing has been saved yet" in response.content.decode()
    assert not Contact.objects.exists()


def test_another_users_application_cannot_be_ticked(alice_client, alice, mallory):
    mine = make_application(owner=alice)
    theirs = make_application(owner=mallory)

    response = alice_client.post(NEW, contact_data(applications=[mine.pk, theirs.pk]))

    assert "your own applications" in " ".join(response.context["form"].errors["applications"])
    assert not Contact.objects.exists()
    assert not theirs.contacts.exists()


def test_the_form_offers_only_the_owners_applications(alice_client, alice, mallory):
    make_application(owner=alice, company="Acme")
    make_application(owner=mallory, company="Secret Corp")

    page = alice_client.get(NEW).content.decode()

    assert "Acme" in page
    assert "Secret Corp" not in page


def test_without_applications_the_form_says_how_to_link_one_later(alice_client):
    response = alice_client.get(NEW)

    assert "applications" not in response.context["form"].fields
    assert "Once you add an application" in response.content.decode()


def test_editing_changes_the_contact_and_the_applications_it_belongs_to(alice_client, alice):
    acme = make_application(owner=alice, company="Acme")
    globex = make_application(owner=alice, company="Globex")
    contact = make_contact(owner=alice, applications=[acme])

    form = alice_client.get(url("contact_update", contact)).context["form"]
    assert list(form.initial["applications"]) == [acme]

    response = alice_client.post(
        url("contact_update", contact),
        contact_data(name="Dana R.", applications=[globex.pk]),
    )

    contact.refresh_from_db()
    assert response["Location"] == contact.get_absolute_url()
    assert contact.name == "Dana R."
    assert list(contact.applications.all()) == [globex]


def test_a_refused_edit_changes_nothing(alice_client, alice, mallory):
    acme = make_application(owner=alice)
    theirs = make_application(owner=mallory)
    contact = make_contact(owner=alice, name="Dana Reyes", applications=[acme])

    response = alice_client.post(
        url("contact_update", contact), contact_data(name="New name", applications=[theirs.pk])
    )

    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.name == "Dana Reyes"
    assert list(contact.applications.all()) == [acme]


# The contact's page and deleting it ---------------------------------------------------------------


def test_detail_shows_the_applications_and_interviews_with_links(alice_client, alice):
    acme = make_application(owner=alice, company="Acme", role="Developer")
    contact = make_contact(owner=alice, notes="Met at the meetup.", applications=[acme])
    interview = make_interview(application=acme)
    interview.contacts.add(contact)

    page = alice_client.get(url("contact_detail", contact)).content.decode()

    assert acme.get_absolute_url() in page
    assert "Developer at Acme" in page
    assert interview.get_absolute_url() in page
    assert "mailto:dana@northwind.example" in page
    assert "Met at the meetup." in page


def test_detail_query_count_does_not_grow_with_applications_and_interviews(
    alice_client, alice, django_assert_max_num_queries, django_assert_num_queries
):
    contact = make_contact(owner=alice)

    def add(number):
        application = make_application(owner=alice, company=f"Firm {number}")
        contact.applications.add(application)
        make_interview(application=application, rating=1).contacts.add(contact)

    add(0)
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        assert alice_client.get(url("contact_detail", contact)).status_code == 200
    for number in range(1, 20):
        add(number)
    with django_assert_num_queries(len(one)):
        page = alice_client.get(url("contact_detail", contact)).content.decode()
    assert "Firm 19" in page


def test_delete_asks_first_and_keeps_the_contact_until_confirmed(alice_client, alice):
    contact = make_contact(owner=alice, applications=[make_application(owner=alice)])

    response = alice_client.get(url("contact_delete", contact))

    assert response.status_code == 200
    assert "Yes, delete them" in response.content.decode()
    assert "linked to 1 application." in response.content.decode()
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_deleting_a_contact_keeps_its_applications_and_interviews(alice_client, alice):
    application = make_application(owner=alice)
    contact = make_contact(owner=alice, applications=[application])
    interview = make_interview(application=application)
    interview.contacts.add(contact)

    response = alice_client.post(url("contact_delete", contact))

    assert response["Location"] == LIST
    assert not Contact.objects.exists()
    assert Interview.objects.filter(pk=interview.pk).exists()
    assert application.__class__.objects.filter(pk=application.pk).exists()


# On the application's page: link and unlink ------------------------------------------------------


def test_application_page_lists_its_contacts_with_their_ways_to_reach_them(alice_client, alice):
    application = make_application(owner=alice)
    make_contact(
        owner=alice,
        name="Priya Shah",
        role="recruiter",
        phone="+44 20 7946 0000",
        profile_url="https://example.com/in/priya",
        applications=[application],
    )

    page = alice_client.get(application.get_absolute_url()).content.decode()

    assert "Priya Shah" in page
    assert "Recruiter" in page
    assert "mailto:dana@northwind.example" in page
    assert "tel:+44 20 7946 0000" in page
    assert "https://example.com/in/priya" in page
    assert f"{NEW}?application={application.pk}" in page


def test_application_page_offers_other_contacts_to_link_same_company_first(alice_client, alice):
    application = make_application(owner=alice, company="Acme")
    make_contact(owner=alice, name="Already Here", applications=[application])
    make_contact(owner=alice, name="Aaron Else", company="Globex")
    make_contact(owner=alice, name="Zed Acme", company="acme")

    response = alice_client.get(application.get_absolute_url())

    assert [c.name for c in response.context["linkable_contacts"]] == ["Zed Acme", "Aaron Else"]


def test_application_page_without_contacts_says_what_to_do(alice_client, alice):
    application = make_application(owner=alice)

    page = alice_client.get(application.get_absolute_url()).content.decode()

    assert "No contacts yet." in page
    assert "Link someone you know" not in page


def test_application_page_query_count_does_not_grow_with_contacts(
    alice_client, alice, django_assert_max_num_queries, django_assert_num_queries
):
    application = make_application(owner=alice)
    make_contact(owner=alice, name="Person 0", applications=[application])
    make_contact(owner=alice, name="Spare 0")
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        alice_client.get(application.get_absolute_url())
    for number in range(1, 30):
        make_contact(owner=alice, name=f"Person {number}", applications=[application])
        make_contact(owner=alice, name=f"Spare {number}")
    with django_assert_num_queries(len(one)):
        alice_client.get(application.get_absolute_url())


def test_linking_someone_you_know_adds_only_the_link(alice_client, alice):
    application = make_application(owner=alice)
    contact = make_contact(owner=alice, name="Ann Lee")

    response = alice_client.post(
        url("application_contact_link", application), {"contact": contact.pk}
    )

    assert response["Location"] == application.get_absolute_url() + "#contacts-heading"
    assert list(application.contacts.all()) == [contact]
    assert Contact.objects.count() == 1


@pytest.mark.parametrize("value", ["", "abc", "999999"])
def test_linking_a_bad_id_is_explained_and_changes_nothing(alice_client, alice, value):
    application = make_application(owner=alice)

    response = alice_client.post(
        url("application_contact_link", application), {"contact": value}, follow=True
    )

    assert not application.contacts.exists()
    messages = [str(message) for message in response.context["messages"]]
    assert len(messages) == 1
    assert "Choose" in messages[0]


def test_another_users_contact_cannot_be_linked(alice_client, alice, mallory):
    application = make_application(owner=alice)
    theirs = make_contact(owner=mallory)

    alice_client.post(url("application_contact_link", application), {"contact": theirs.pk})

    assert not application.contacts.exists()
    assert not theirs.applications.exists()


def test_another_users_application_cannot_be_linked_to(alice_client, alice, mallory):
    theirs = make_application(owner=mallory)
    mine = make_contact(owner=alice)

    response = alice_client.post(url("application_contact_link", theirs), {"contact": mine.pk})

    assert response.status_code == 404
    assert not mine.applications.exists()


def test_unlinking_keeps_the_contact_and_the_interviews_they_were_in(alice_client, alice):
    application = make_application(owner=alice)
    contact = make_contact(owner=alice, applications=[application])
    interview = make_interview(application=application)
    interview.contacts.add(contact)

    response = alice_client.post(
        url("application_contact_unlink", application), {"contact": contact.pk}
    )

    assert response["Location"] == application.get_absolute_url() + "#contacts-heading"
    assert not application.contacts.exists()
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert list(interview.contacts.all()) == [contact]


def test_unlinking_someone_not_on_the_application_changes_nothing(alice_client, alice, mallory):
    application = make_application(owner=alice)
    other = make_application(owner=alice)
    elsewhere = make_contact(owner=alice, applications=[other])
    theirs = make_contact(owner=mallory)
    theirs.applications.add(make_application(owner=mallory))

    for contact in (elsewhere, theirs):
        response = alice_client.post(
            url("application_contact_unlink", application), {"contact": contact.pk}, follow=True
        )
        [message] = response.context["messages"]
        assert "not linked to this application" in str(message)

    assert list(elsewhere.applications.all()) == [other]
    assert theirs.applications.count() == 1


# Interviewers picked from the contacts ------------------------------------------------------------


def test_interview_form_offers_only_the_applications_contacts(alice_client, alice, mallory):
    application = make_application(owner=alice)
    make_contact(owner=alice, name="On This One", applications=[application])
    make_contact(owner=alice, name="Somewhere Else", applications=[make_application(owner=alice)])
    make_contact(owner=mallory, name="Not Yours")

    form = alice_client.get(url("interview_create", application)).context["form"]

    assert [c.name for c in form.fields["contacts"].queryset] == ["On This One"]


def test_booking_an_interview_saves_the_picked_interviewers_and_where(alice_client, alice):
    application = make_application(owner=alice)
    priya = make_contact(owner=alice, name="Priya Shah", applications=[application])
    make_contact(owner=alice, name="Not Picked", applications=[application])

    alice_client.post(
        url("interview_create", application),
        interview_data(contacts=[priya.pk], location="https://meet.example/abc-123"),
    )

    interview = Interview.objects.get()
    assert list(interview.contacts.all()) == [priya]
    assert interview.location == "https://meet.example/abc-123"


def test_editing_an_interview_changes_its_interviewers(alice_client, alice):
    application = make_application(owner=alice)
    priya = make_contact(owner=alice, name="Priya Shah", applications=[application])
    dan = make_contact(owner=alice, name="Dan Okafor", applications=[application])
    interview = make_interview(application=application)
    interview.contacts.add(priya)

    alice_client.post(url("interview_update", interview), interview_data(contacts=[dan.pk]))

    assert list(interview.contacts.all()) == [dan]


def test_someone_unlinked_from_the_application_stays_pickable_on_its_interview(alice_client, alice):
    application = make_application(owner=alice)
    priya = make_contact(owner=alice, name="Priya Shah")
    interview = make_interview(application=application)
    interview.contacts.add(priya)

    form = alice_client.get(url("interview_update", interview)).context["form"]

    assert list(form.fields["contacts"].queryset) == [priya]
    assert list(form["contacts"].value()) == [priya.pk]


@pytest.mark.parametrize("value", ["abc", "9" * 30, "0"])
def test_an_interviewer_id_no_row_could_have_is_refused(alice_client, alice, value):
    application = make_application(owner=alice)
    make_contact(owner=alice, applications=[application])

    response = alice_client.post(
        url("interview_create", application), interview_data(contacts=[value])
    )

    assert response.status_code == 200
    assert "this application's contacts" in " ".join(response.context["form"].errors["contacts"])
    assert not Interview.objects.exists()


@pytest.mark.parametrize("whose", ["other application", "other user"])
def test_an_interviewer_from_elsewhere_is_refused_and_nothing_saved(
    alice_client, alice, mallory, whose
):
    application = make_application(owner=alice)
    make_contact(owner=alice, name="On This One", applications=[application])
    if whose == "other user":
        stranger = make_contact(owner=mallory, applications=[make_application(owner=mallory)])
    else:
        stranger = make_contact(owner=alice, applications=[make_application(owner=alice)])

    response = alice_client.post(
        url("interview_create", application), interview_data(contacts=[stranger.pk])
    )

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["contacts"])
    assert "this application's contacts" in errors
    assert not Interview.objects.exists()


def test_without_contacts_the_interview_form_says_how_to_add_one(alice_client, alice):
    application = make_application(owner=alice)

    response = alice_client.get(url("interview_create", application))

    assert "contacts" not in response.context["form"].fields
    page = response.content.decode()
    assert "add them to the application first" in page
    assert f"{NEW}?application={application.pk}" in page


def test_interview_page_shows_where_and_the_picked_interviewers(alice_client, alice):
    application = make_application(owner=alice)
    priya = make_contact(owner=alice, name="Priya Shah", applications=[application])
    interview = make_interview(
        application=application,
        location="https://meet.example/abc-123",
        interviewers="Mei Chen",
    )
    interview.contacts.add(priya)

    page = alice_client.get(interview.get_absolute_url()).content.decode()

    assert 'href="https://meet.example/abc-123"' in page
    assert priya.get_absolute_url() in page
    assert "Mei Chen" in page


def test_an_address_as_where_is_plain_text_not_a_link(alice_client, alice):
    interview = make_interview(owner=alice, location="1 Main Street, Leeds")

    page = alice_client.get(interview.get_absolute_url()).content.decode()

    assert "1 Main Street, Leeds" in page


# The CSV export ----------------------------------------------------------------------------------


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_export_has_one_row_per_contact_with_its_applications(alice_client, alice, mallory):
    acme = make_application(owner=alice, company="Acme", role="Developer")
    globex = make_application(owner=alice, company="Globex", role="Lead")
    make_contact(
        owner=alice,
        name="Ann Lee",
        company="Acme",
        role="recruiter",
        phone="123",
        profile_url="https://example.com/ann",
        notes="Kind.",
        applications=[acme, globex],
    )
    make_contact(owner=mallory, name="Not Yours")

    response = alice_client.get(EXPORT)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="rebound-contacts-')
    assert rows_of(response) == [
        ["name", "company", "role", "email", "phone", "profile_url", "notes", "applications"],
        [
            "Ann Lee",
            "Acme",
            "Recruiter",
            "dana@northwind.example",
            "123",
            "https://example.com/ann",
            "Kind.",
            "Developer at Acme; Lead at Globex",
        ],
    ]


def test_export_defuses_spreadsheet_formulas(alice_client, alice):
    make_contact(owner=alice, name="=HYPERLINK(1)", notes="+SUM(A1)", phone="-1", company="@x")

    [_header, row] = rows_of(alice_client.get(EXPORT))

    assert row[0] == "'=HYPERLINK(1)"
    assert row[1] == "'@x"
    assert row[4] == "'-1"
    assert row[6] == "'+SUM(A1)"


def test_export_query_count_does_not_grow_with_contacts(
    alice_client, alice, django_assert_max_num_queries, django_assert_num_queries
):
    application = make_application(owner=alice)
    make_contact(owner=alice, applications=[application])
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        alice_client.get(EXPORT)
    for number in range(20):
        make_contact(owner=alice, name=f"P{number}", applications=[application])
    with django_assert_num_queries(len(one)):
        alice_client.get(EXPORT)
