"""Salary, deadline, excitement, tags and a first contact: the form, the list and the page."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import Application, Contact, Tag
from interviews.tracking import services
from interviews.tracking.application_forms import ApplicationForm
from interviews.tracking.csv_import import parse_applications
from interviews.tracking.services import applications_import

from ..conftest import QUERY_BUDGET, make_application, make_contact

LIST = reverse("interviews:application_list")
CREATE = reverse("interviews:application_create")
FULL = {
    "company": "Northwind",
    "role": "Backend developer",
    "status": "applied",
    "salary_min": "55000",
    "salary_max": "65000",
    "salary_currency": "eur",
    "salary_period": "year",
    "salary_text": "55–65k + bonus",
    "deadline": "2026-12-20",
    "excitement": "4",
    "tags": " remote, Python ,remote,, python ",
}


def edit_url(application):
    return reverse("interviews:application_update", args=[application.pk])


def companies_in(response):
    return re.findall(
        r'<th scope="row" class="app-company"><a href="[^"]+">([^<]+)</a>',
        response.content.decode(),
    )


def tag_names(application):
    return [tag.name for tag in application.tags.order_by("name")]


# The form


def test_adding_saves_the_structured_salary_deadline_excitement_and_tags(alice_client, alice):
    response = alice_client.post(CREATE, FULL)

    application = Application.objects.get()
    assert response["Location"] == application.get_absolute_url()
    assert (
        application.salary_min,
        application.salary_max,
        application.salary_currency,
        application.salary_period,
        application.salary_text,
        application.deadline,
        application.excitement,
    ) == (55000, 65000, "EUR", "year", "55–65k + bonus", date(2026, 12, 20), 4)
    assert tag_names(application) == ["Python", "remote"]
    assert set(Tag.objects.values_list("owner", flat=True)) == {alice.pk}


def test_tags_reuse_the_owners_existing_ones_whatever_their_case(alice_client, alice, mallory):
    remote = Tag.objects.create(owner=alice, name="Remote")
    Tag.objects.create(owner=mallory, name="python")

    alice_client.post(CREATE, FULL)

    application = Application.objects.get()
    assert list(application.tags.all()) == [Tag.objects.get(owner=alice, name="Python"), remote]
    assert Tag.objects.filter(owner=alice).count() == 2


def test_edit_shows_the_tags_and_an_empty_tags_box_clears_them(alice_client, alice):
    application = make_application(owner=alice)
    application.tags.set([Tag.objects.create(owner=alice, name=name) for name in ("a", "b")])

    form = alice_client.get(edit_url(application)).context["form"]
    assert form["tags"].value() == "a, b"

    alice_client.post(edit_url(application), {**FULL, "tags": ""})
    assert tag_names(application) == []


def test_adding_with_who_to_contact_creates_a_linked_contact_at_the_company(alice_client, alice):
    alice_client.post(
        CREATE, {**FULL, "contact_name": "Sam Jones", "contact_email": "sam@northwind.example"}
    )

    application = Application.objects.get()
    (contact,) = Contact.objects.all()
    assert (contact.owner, contact.name, contact.email, contact.company) == (
        alice, "Sam Jones", "sam@northwind.example", "Northwind",
    )  # fmt: skip
    assert list(contact.applications.all()) == [application]


def test_a_contact_with_the_same_address_is_linked_not_duplicated(alice_client, alice):
    sam = make_contact(owner=alice, name="Sam J.", email="Sam@Northwind.example")

    alice_client.post(
        CREATE, {**FULL, "contact_name": "Sam Jones", "contact_email": "sam@northwind.example"}
    )

    assert list(Contact.objects.all()) == [sam]
    assert list(sam.applications.all()) == [Application.objects.get()]


def test_the_edit_form_has_no_contact_fieldset(alice_client, alice):
    application = make_application(owner=alice)
    response = alice_client.get(edit_url(application))
    assert "contact_name" not in response.context["form"].fields
    assert b"Who to contact" not in response.content
    assert b"Who to contact" in alice_client.get(CREATE).content

    alice_client.post(edit_url(application), {**FULL, "contact_name": "Sneaky"})
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"salary_min": "70000"}, "salary_max", "The top of the range is below its bottom."),
        ({"salary_min": "", "salary_max": "", "salary_period": ""}, "salary_currency",
         "Give an amount for the currency"),
        ({"salary_min": "", "salary_max": "", "salary_currency": ""}, "salary_period",
         "Give an amount for the period"),
        ({"salary_currency": "euros"}, "salary_currency", "at most 3 characters"),
        ({"salary_currency": "E1"}, "salary_currency", "three-letter currency code"),
        ({"salary_min": "-5"}, "salary_min", "cannot be below zero"),
        ({"salary_min": "55k"}, "salary_min", "Give a whole amount"),
        ({"salary_max": "99999999999"}, "salary_max", "too large"),
        ({"salary_period": "fortnight"}, "salary_period", "Select a valid choice"),
        ({"deadline": "soon"}, "deadline", "Enter a valid date"),
        ({"deadline": "1900-01-01"}, "deadline", "between 1970 and 2100"),
        ({"excitement": "6"}, "excitement", "Choose from 1 (not very) to 5 (dream job)."),
        ({"tags": ",".join(f"t{n}" for n in range(11))}, "tags", "Use at most 10 tags."),
        ({"tags": "x" * 41}, "tags", "too long for a tag"),
        ({"contact_email": "sam@northwind.example"}, "contact_name", "Add their name too"),
        ({"contact_name": "Sam", "contact_email": "sam at northwind"}, "contact_email",
         "valid email"),
    ],
)  # fmt: skip
def test_bad_input_shows_at_its_field_and_saves_nothing(alice_client, changes, field, message):
    response = alice_client.post(CREATE, {**FULL, **changes})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in " ".join(errors[field])
    assert message.split("(")[0].encode() in response.content
    assert not Application.objects.exists()
    assert not Tag.objects.exists()
    assert not Contact.objects.exists()


def test_a_failure_while_saving_the_tags_leaves_nothing_half_saved(
    alice_client, alice, monkeypatch
):
    def broken(owner, names):
        raise RuntimeError("the tags could not be saved")

    monkeypatch.setattr(services, "owner_tags", broken)
    form = ApplicationForm({**FULL, "contact_name": "Sam"}, owner=alice)
    assert form.is_valid()

    with pytest.raises(RuntimeError):
        form.save()

    assert not Application.objects.exists()
    assert not Contact.objects.exists()


def test_the_form_can_be_prefilled_from_model_field_names(alice):
    form = ApplicationForm(
        owner=alice, initial={"company": "Acme", "salary_min": 50000, "excitement": 3}
    )
    assert (form["company"].value(), form["salary_min"].value(), form["excitement"].value()) == (
        "Acme", 50000, 3,
    )  # fmt: skip


def test_excitement_is_offered_as_words_and_may_be_left_unsaid(alice_client):
    content = alice_client.get(CREATE).content.decode()
    for words in ("1 · Not very", "3 · Quite keen", "5 · Dream job", "Not said"):
        assert words in content
    alice_client.post(CREATE, {**FULL, "excitement": ""})
    assert Application.objects.get().excitement is None


# The list: filters and sorts


@pytest.fixture
def three(alice):
    today = timezone.localdate()
    remote = Tag.objects.create(owner=alice, name="remote")
    acme = make_application(
        owner=alice, company="Acme", excitement=5, deadline=today + timedelta(days=3),
        salary_min=50000, salary_max=60000, salary_currency="EUR",
    )  # fmt: skip
    acme.tags.set([remote])
    globex = make_application(
        owner=alice, company="Globex", excitement=2, deadline=today + timedelta(days=30),
        salary_min=70000, salary_currency="USD",
    )  # fmt: skip
    initech = make_application(owner=alice, company="Initech", deadline=today - timedelta(days=1))
    make_application(owner=alice, company="Umbrella", salary_max=60000, salary_min=40000)
    return {"remote": remote, "acme": acme, "globex": globex, "initech": initech}


def test_tag_filter_keeps_applications_with_that_tag(alice_client, three):
    response = alice_client.get(LIST, {"tag": three["remote"].pk})
    assert companies_in(response) == ["Acme"]
    assert b"Clear" in response.content


def test_another_users_or_an_unknown_tag_is_ignored(alice_client, three, mallory):
    theirs = Tag.objects.create(owner=mallory, name="secret")
    for value in (theirs.pk, "999999", "x", "1e3"):
        assert len(companies_in(alice_client.get(LIST, {"tag": value}))) == 4
    assert b"secret" not in alice_client.get(LIST).content


def test_minimum_excitement_keeps_those_at_least_that_keen(alice_client, three):
    assert companies_in(alice_client.get(LIST, {"excitement": "2", "sort": "company"})) == [
        "Acme", "Globex",
    ]  # fmt: skip
    assert companies_in(alice_client.get(LIST, {"excitement": "5"})) == ["Acme"]
    assert len(companies_in(alice_client.get(LIST, {"excitement": "9"}))) == 4


def test_deadline_filters_the_next_seven_days_or_any_deadline(alice_client, three):
    assert companies_in(alice_client.get(LIST, {"deadline": "soon"})) == ["Acme"]
    assert sorted(companies_in(alice_client.get(LIST, {"deadline": "any"}))) == [
        "Acme", "Globex", "Initech",
    ]  # fmt: skip
    assert len(companies_in(alice_client.get(LIST, {"deadline": "tomorrow"}))) == 4


def test_sort_by_deadline_puts_the_soonest_first_and_none_last(alice_client, three):
    assert companies_in(alice_client.get(LIST, {"sort": "deadline"})) == [
        "Initech", "Acme", "Globex", "Umbrella",
    ]  # fmt: skip


def test_sort_by_excitement_puts_the_keenest_first(alice_client, three):
    assert companies_in(alice_client.get(LIST, {"sort": "excitement"}))[:2] == ["Acme", "Globex"]


def test_sort_by_salary_uses_the_top_then_the_bottom_and_says_it_ignores_currency(
    alice_client, three
):
    response = alice_client.get(LIST, {"sort": "salary"})
    # Globex has only a bottom (70,000), so it sorts after every range with a top.
    assert companies_in(response) == ["Acme", "Umbrella", "Globex", "Initech"]
    assert b"currencies and periods are not converted" in response.content
    assert b"not converted" not in alice_client.get(LIST).content


def test_rows_show_tags_deadline_in_words_and_excitement(alice_client, three):
    content = alice_client.get(LIST, {"sort": "company"}).content.decode()
    assert f'href="{LIST}?tag={three["remote"].pk}">remote</a>' in content
    assert "(in 3 days)" in content
    assert "(passed)" in content
    assert "5/5 · Dream job" in content
    assert "2/5 · A little" in content


def test_list_query_count_is_the_same_for_1_and_50_tagged_applications(
    alice_client, alice, django_assert_max_num_queries, django_assert_num_queries
):
    tags = [Tag.objects.create(owner=alice, name=name) for name in ("a", "b", "c")]

    def add(number):
        application = make_application(
            owner=alice, company=f"Firm {number}", excitement=3,
            deadline=date(2026, 12, 24), salary_min=1, salary_max=2,
        )  # fmt: skip
        application.tags.set(tags)

    add(0)
    query = {"tag": tags[0].pk, "excitement": "2", "deadline": "any", "sort": "salary"}
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        assert alice_client.get(LIST, query).status_code == 200
    for number in range(1, 50):
        add(number)
    with django_assert_num_queries(len(one)):
        assert alice_client.get(LIST, query).status_code == 200


# The application's page


def test_detail_shows_salary_in_words_as_written_deadline_excitement_and_tag_links(
    alice_client, alice
):
    application = make_application(
        owner=alice, salary_min=55000, salary_max=65000, salary_currency="EUR",
        salary_period="year", salary_text="55–65k DOE", excitement=4,
        deadline=timezone.localdate() + timedelta(days=1),
    )  # fmt: skip
    remote = Tag.objects.create(owner=alice, name="remote")
    application.tags.set([remote])

    content = alice_client.get(application.get_absolute_url()).content.decode()

    assert "<dd>€55,000–€65,000 a year</dd>" in content
    assert "Salary as written</dt><dd>55–65k DOE</dd>" in content
    assert "(tomorrow)" in content
    assert "4/5 · Very keen" in content
    assert f'<a href="{LIST}?tag={remote.pk}">remote</a>' in content


# Importing to the database: contacts and tags


def import_rows(owner, *lines):
    data = ("\r\n".join(lines) + "\r\n").encode()
    return applications_import(owner=owner, rows=parse_applications(data).rows)


def test_import_keeps_a_single_contact_as_a_contact_once_per_person(alice, mallory):
    ann = make_contact(owner=alice, name="Ann Lee", email="ann@acme.example")
    make_contact(owner=mallory, name="Bo Chen", email="bo@globex.example")

    acme, globex, initech = import_rows(
        alice,
        "Company,Role,Contact,Email",
        "Acme,Engineer,Ann L.,ANN@acme.example",
        "Globex,Analyst,Bo Chen,bo@globex.example",
        "Initech,Tester,Bo Chen,",
    )

    assert list(acme.contacts.all()) == [ann]
    (bo,) = globex.contacts.all()
    assert (bo.owner, bo.company) == (alice, "Globex")
    # Same name and no other address: the same person as the row before.
    assert list(initech.contacts.all()) == [bo]
    assert Contact.objects.filter(owner=alice).count() == 2


def test_import_tells_apart_two_people_with_one_name_but_different_addresses(alice):
    make_contact(owner=alice, name="Sam", email="sam@acme.example")

    (row,) = import_rows(
        alice, "Company,Role,Contact,Email", "Globex,Analyst,Sam,sam@globex.example"
    )

    assert [c.email for c in row.contacts.all()] == ["sam@globex.example"]
    assert Contact.objects.filter(owner=alice, name="Sam").count() == 2


def test_import_tags_reuse_the_owners_tags_and_create_the_rest(alice):
    remote = Tag.objects.create(owner=alice, name="Remote")

    first, second = import_rows(
        alice, "Company,Role,Tags", 'Acme,Engineer,"remote, python"', "Globex,Analyst,Python"
    )

    assert tag_names(first) == ["Remote", "python"]
    assert [tag.name for tag in second.tags.all()] == ["python"]
    assert set(Tag.objects.filter(owner=alice)) == {remote, Tag.objects.get(name="python")}


def test_import_with_tags_and_contacts_takes_a_fixed_number_of_queries(
    alice, django_assert_max_num_queries
):
    lines = [f'Firm {n},Role,"t{n % 5}, shared",P{n % 7},p{n % 7}@example.com' for n in range(200)]

    with django_assert_max_num_queries(QUERY_BUDGET):
        created = import_rows(alice, "Company,Role,Tags,Contact,Email", *lines)

    assert len(created) == 200
    assert Tag.objects.filter(owner=alice).count() == 6
    assert Contact.objects.filter(owner=alice).count() == 7
    assert Application.tags.through.objects.count() == 400
