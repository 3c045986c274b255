"""Applications: list, board, detail, the form, moving and deleting."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import Application

from ..conftest import QUERY_BUDGET, make_application, make_interview, make_letter, make_reflection

LIST = reverse("interviews:application_list")
BOARD = reverse("interviews:application_board")
CREATE = reverse("interviews:application_create")


WITHOUT_PK = {"application_list", "application_board", "application_create"}


def url(name, application):
    args = [] if name in WITHOUT_PK else [application.pk]
    return reverse(f"interviews:{name}", args=args)


def companies_in(response):
    """Return the company names of the table rows, in order."""
    return re.findall(
        r'<th scope="row" class="app-company"><a href="[^"]+">([^<]+)</a>',
        response.content.decode(),
    )


# The list


def test_list_shows_the_owners_applications_with_status_and_next_interview(alice_client, alice):
    application = make_application(owner=alice, company="Northwind", status="interviewing")
    when = timezone.now() + timedelta(days=2)
    make_interview(application=application, scheduled_at=when)
    make_interview(application=application, scheduled_at=timezone.now() - timedelta(days=9))
    response = alice_client.get(LIST)
    assert response.status_code == 200
    assert companies_in(response) == ["Northwind"]
    assert response.context["page_obj"][0].next_interview_at == when
    assert b"badge-status-interviewing" in response.content
    assert b"Interviewing</span>" in response.content


def test_list_never_shows_another_users_applications(alice_client, mallory):
    make_application(owner=mallory, company="Secret Corp")
    response = alice_client.get(LIST)
    assert b"Secret Corp" not in response.content
    assert b"No applications yet" in response.content


def test_list_links_to_board_import_export_and_add(alice_client, alice):
    make_application(owner=alice)
    content = alice_client.get(LIST).content.decode()
    for name in ("application_board", "applications_import", "applications_export"):
        assert f'href="{reverse(f"interviews:{name}")}"' in content
    assert f'href="{CREATE}"' in content


def test_list_filter_button_says_filter_beside_add_application(alice_client, alice):
    make_application(owner=alice)
    content = alice_client.get(LIST).content.decode()
    assert '<button type="submit" class="btn btn-outline-primary">Filter</button>' in content
    assert ">Apply<" not in content


def test_empty_list_says_how_to_start(alice_client):
    response = alice_client.get(LIST)
    assert b"No applications yet" in response.content
    assert b"Add your first application" in response.content


def test_search_with_no_match_says_so_and_offers_to_clear(alice_client, alice):
    make_application(owner=alice, company="Northwind")
    response = alice_client.get(LIST, {"q": "zebra"})
    assert b"No applications match" in response.content
    assert b"No applications yet" not in response.content
    assert b"Clear search and filter" in response.content


def test_search_matches_company_role_and_notes(alice_client, alice):
    make_application(owner=alice, company="Acme", role="Designer")
    make_application(owner=alice, company="Globex", role="Data engineer")
    make_application(owner=alice, company="Initech", notes="Met the data team at a meetup")
    make_application(owner=alice, company="Umbrella", role="Chemist")
    response = alice_client.get(LIST, {"q": "data", "sort": "company"})
    assert companies_in(response) == ["Globex", "Initech"]
    assert companies_in(alice_client.get(LIST, {"q": "acm"})) == ["Acme"]


def test_status_filter_keeps_only_that_status(alice_client, alice):
    make_application(owner=alice, company="Acme", status="offer")
    make_application(owner=alice, company="Globex", status="rejected")
    assert companies_in(alice_client.get(LIST, {"status": "offer"})) == ["Acme"]


def test_an_unknown_status_filter_is_ignored(alice_client, alice):
    make_application(owner=alice, company="Acme", status="offer")
    assert companies_in(alice_client.get(LIST, {"status": "bogus"})) == ["Acme"]


def test_sort_by_company_applied_date_and_recent_update(alice_client, alice):
    make_application(owner=alice, company="banana", applied_on=date(2026, 3, 1))
    make_application(owner=alice, company="Cherry", applied_on=None)
    make_application(owner=alice, company="Apple", applied_on=date(2026, 1, 1))
    assert companies_in(alice_client.get(LIST, {"sort": "company"})) == [
        "Apple",
        "banana",
        "Cherry",
    ]
    assert companies_in(alice_client.get(LIST, {"sort": "applied"})) == [
        "banana",
        "Apple",
        "Cherry",
    ]
    Application.objects.filter(company="banana").first().save()
    assert companies_in(alice_client.get(LIST))[:2] == ["banana", "Apple"]


def test_list_pages_by_25_and_keeps_the_query_string(alice_client, alice):
    for number in range(60):
        make_application(owner=alice, company=f"Firm {number:02}", status="applied")
    make_application(owner=alice, company="Firm 99", status="offer")
    response = alice_client.get(LIST, {"q": "firm", "status": "applied", "sort": "company"})
    content = response.content.decode()
    assert len(companies_in(response)) == 25
    assert "Showing 1–25 of 60" in content
    assert 'href="?q=firm&amp;status=applied&amp;sort=company&amp;page=2"' in content
    assert 'href="?q=firm&amp;status=applied&amp;sort=company&amp;page=3"' in content

    last = alice_client.get(LIST, {"q": "firm", "status": "applied", "sort": "company", "page": 3})
    assert "Showing 51–60 of 60" in last.content.decode()
    assert companies_in(last) == [f"Firm {number:02}" for number in range(50, 60)]
    assert 'href="?q=firm&amp;status=applied&amp;sort=company&amp;page=2"' in (
        last.content.decode()
    )


def test_list_query_count_is_the_same_for_1_and_50_applications(
    alice_client, alice, django_assert_max_num_queries, django_assert_num_queries
):
    def add(number):
        application = make_application(owner=alice, company=f"Firm {number}")
        make_interview(application=application, scheduled_at=timezone.now() + timedelta(days=1))

    add(0)
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        assert alice_client.get(LIST).status_code == 200
    for number in range(1, 50):
        add(number)
    with django_assert_num_queries(len(one)):
        assert alice_client.get(LIST).status_code == 200


# The board


def test_board_puts_each_application_in_its_status_column_with_counts(alice_client, alice):
    make_application(owner=alice, company="Acme", status="applied")
    make_application(owner=alice, company="Globex", status="applied")
    make_application(owner=alice, company="Initech", status="offer")
    response = alice_client.get(BOARD)
    columns = {column["status"]: column for column in response.context["columns"]}
    assert list(columns) == Application.Status.values
    assert [a.company for a in columns["applied"]["applications"]] == ["Globex", "Acme"]
    assert [a.company for a in columns["offer"]["applications"]] == ["Initech"]
    assert columns["wishlist"]["applications"] == []
    assert b'<span class="board-count">2<' in response.content


def test_board_column_counts_read_as_one_application_or_many(alice_client, alice):
    make_application(owner=alice, company="Acme", status="applied")
    make_application(owner=alice, company="Globex", status="offer")
    make_application(owner=alice, company="Initech", status="offer")
    content = alice_client.get(BOARD).content.decode()
    assert "1 applications" not in re.sub(r"<[^>]+>", "", content)
    assert re.search(r'1<span class="visually-hidden"> application</span>', content)
    assert re.search(r'2<span class="visually-hidden"> applications</span>', content)
    assert re.search(r'0<span class="visually-hidden"> applications</span>', content)


def test_board_card_shows_next_interview_and_recovering_badge(alice_client, alice):
    recovering = make_application(owner=alice, company="Acme")
    make_interview(application=recovering, rating=1)
    soon = timezone.now() + timedelta(days=3)
    make_interview(application=recovering, scheduled_at=soon)
    fine = make_application(owner=alice, company="Globex")
    make_interview(application=fine, rating=4)
    recovered = make_application(owner=alice, company="Initech")
    bad = make_interview(application=recovered, rating=2, cool_off_confirmed=True)
    reflection = make_reflection(interview=bad, follow_up="none")
    reflection.lessons.update(done=True, done_at=timezone.now())

    response = alice_client.get(BOARD)
    cards = {a.company: a for c in response.context["columns"] for a in c["applications"]}
    assert cards["Acme"].is_recovering
    assert cards["Acme"].next_interview_at == soon
    assert not cards["Globex"].is_recovering
    assert not cards["Initech"].is_recovering
    assert response.content.count(b"badge-recovering") == 1


def test_board_query_count_is_the_same_for_1_and_50_applications(
    alice_client, alice, django_assert_max_num_queries, django_assert_num_queries
):
    def add(number):
        application = make_application(owner=alice, company=f"Firm {number}")
        make_interview(application=application, rating=1)
        make_interview(application=application, scheduled_at=timezone.now() + timedelta(days=1))

    add(0)
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        assert alice_client.get(BOARD).status_code == 200
    for number in range(1, 50):
        add(number)
    with django_assert_num_queries(len(one)):
        assert alice_client.get(BOARD).status_code == 200


def test_empty_board_says_how_to_start(alice_client):
    response = alice_client.get(BOARD)
    assert b"Your board is empty" in response.content
    assert b"Add your first application" in response.content


def test_moving_a_card_changes_its_status_and_returns_to_the_board(alice_client, alice):
    application = make_application(owner=alice, status="applied")
    response = alice_client.post(url("application_move", application), {"status": "offer"})
    assert response.status_code == 302
    assert response["Location"] == f"{BOARD}#application-{application.pk}"
    application.refresh_from_db()
    assert application.status == "offer"


def test_moving_to_an_unknown_status_changes_nothing(alice_client, alice):
    application = make_application(owner=alice, status="applied")
    response = alice_client.post(
        url("application_move", application), {"status": "hired!"}, follow=True
    )
    assert b"Choose one of the statuses" in response.content
    application.refresh_from_db()
    assert application.status == "applied"


# One application


def test_detail_shows_facts_timeline_letters_and_add_interview(alice_client, alice):
    application = make_application(
        owner=alice,
        company="Northwind",
        location="Leeds",
        salary_text="55k",
    )
    bad = make_interview(application=application, rating=1, interviewers="Sam")
    upcoming = make_interview(
        application=application,
        kind="final",
        scheduled_at=timezone.now() + timedelta(days=4),
    )
    letter = make_letter(interview=bad, subject="Thank you for Tuesday")
    content = alice_client.get(url("application_detail", application)).content.decode()
    assert "Leeds" in content
    assert "55k" in content
    assert content.index(bad.get_absolute_url()) < content.index(upcoming.get_absolute_url())
    assert "1/5 · Very badly" in content
    assert "Road back: stage" in content
    assert reverse("interviews:letter_detail", args=[letter.pk]) in content
    assert "Thank you for Tuesday" in content
    assert url("interview_create", application) in content


def test_detail_without_interviews_says_what_to_do(alice_client, alice):
    application = make_application(owner=alice)
    content = alice_client.get(url("application_detail", application)).content.decode()
    assert "No interviews yet" in content
    assert "No letters yet" in content


def test_detail_query_count_is_the_same_for_1_and_20_interviews(
    alice_client, alice, django_assert_max_num_queries, django_assert_num_queries
):
    application = make_application(owner=alice)
    detail = url("application_detail", application)

    def add():
        interview = make_interview(application=application, rating=1)
        make_reflection(interview=interview)
        make_letter(interview=interview)

    add()
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        assert alice_client.get(detail).status_code == 200
    for _ in range(19):
        add()
    with django_assert_num_queries(len(one)):
        assert alice_client.get(detail).status_code == 200


# The form


def test_owner_adds_an_application(alice_client, alice):
    response = alice_client.post(
        CREATE,
        {
            "company": "Northwind",
            "role": "Backend developer",
            "status": "applied",
            "applied_on": "2026-02-03",
            "job_url": "https://jobs.example.com/42",
        },
    )
    application = Application.objects.get()
    assert application.owner == alice
    assert application.applied_on == date(2026, 2, 3)
    assert response["Location"] == application.get_absolute_url()


def test_add_form_starts_with_the_column_the_board_asked_for(alice_client):
    response = alice_client.get(CREATE, {"status": "wishlist"})
    assert response.context["form"]["status"].value() == "wishlist"
    assert alice_client.get(CREATE, {"status": "nope"}).context["form"]["status"].value() == (
        "applied"
    )


def test_bad_application_input_comes_back_with_errors_and_saves_nothing(alice_client):
    response = alice_client.post(
        CREATE,
        {"company": "", "role": "Analyst", "status": "applied", "job_url": "not a url"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "company" in form.errors
    assert "job_url" in form.errors
    assert b"Tell us which company this is." in response.content
    assert b'value="Analyst"' in response.content
    assert not Application.objects.exists()


def test_owner_edits_an_application(alice_client, alice):
    application = make_application(owner=alice, company="Northwind")
    response = alice_client.post(
        url("application_update", application),
        {"company": "Northwind Labs", "role": "Lead", "status": "offer"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.company, application.role, application.status) == (
        "Northwind Labs",
        "Lead",
        "offer",
    )


def test_bad_edit_changes_nothing(alice_client, alice):
    application = make_application(owner=alice, company="Northwind")
    response = alice_client.post(
        url("application_update", application),
        {"company": "Renamed", "role": "", "status": "applied"},
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    application.refresh_from_db()
    assert application.company == "Northwind"


# Deleting


def test_delete_asks_first_then_deletes_with_its_interviews(alice_client, alice):
    application = make_application(owner=alice)
    make_interview(application=application)
    page = alice_client.get(url("application_delete", application))
    assert b"This also deletes its 1 interview" in page.content
    assert Application.objects.filter(pk=application.pk).exists()
    response = alice_client.post(url("application_delete", application))
    assert response["Location"] == LIST
    assert not Application.objects.filter(pk=application.pk).exists()


# Access rules for every view


PAGES = [
    ("application_detail", "get"),
    ("application_detail", "post"),
    ("application_move", "get"),
    ("application_update", "get"),
    ("application_update", "post"),
    ("application_delete", "get"),
    ("application_delete", "post"),
    ("application_move", "post"),
]


@pytest.mark.parametrize(("name", "method"), PAGES)
def test_other_users_application_is_404_and_unchanged(mallory_client, alice, name, method):
    application = make_application(owner=alice, company="Northwind", status="applied")
    data = {"company": "Hacked", "role": "Hacked", "status": "offer"}
    response = getattr(mallory_client, method)(url(name, application), data)
    assert response.status_code == 404
    application.refresh_from_db()
    assert (application.company, application.status) == ("Northwind", "applied")


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("application_list", "post"),
        ("application_board", "post"),
        ("application_detail", "post"),
        ("application_move", "get"),
        ("application_create", "put"),
        ("application_update", "delete"),
        ("application_delete", "put"),
    ],
)
def test_wrong_method_is_405(alice_client, alice, name, method):
    application = make_application(owner=alice)
    assert getattr(alice_client, method)(url(name, application)).status_code == 405
    assert Application.objects.filter(pk=application.pk).exists()
