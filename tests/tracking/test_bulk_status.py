"""Moving several applications at once from the list, and archived ones kept out of the way."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interviews.models import Application, StatusChange

from ..conftest import QUERY_BUDGET, logged_in, make_application

BULK = reverse("interviews:applications_bulk_status")
LIST = reverse("interviews:application_list")
BOARD = reverse("interviews:application_board")


def told(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def moves(application):
    return [
        (change.from_status, change.to_status)
        for change in StatusChange.objects.filter(application=application)
    ]


def statuses(*applications):
    return [Application.objects.get(pk=a.pk).status for a in applications]


def test_the_owner_moves_the_chosen_applications_each_with_its_history_entry(alice):
    first = make_application(owner=alice, company="Contoso", status="applied")
    second = make_application(owner=alice, company="Fabrikam", status="interviewing")
    untouched = make_application(owner=alice, company="Litware", status="applied")

    response = logged_in(alice).post(
        BULK, {"applications": [first.pk, second.pk], "status": "ghosted"}
    )

    assert response.status_code == 302
    assert response["Location"] == LIST
    assert statuses(first, second, untouched) == ["ghosted", "ghosted", "applied"]
    assert moves(first) == [("", "applied"), ("applied", "ghosted")]
    assert moves(second) == [("", "interviewing"), ("interviewing", "ghosted")]
    assert moves(untouched) == [("", "applied")]
    assert told(response) == ["Moved 2 applications to Ghosted."]


def test_one_already_there_is_left_alone_and_not_counted(alice):
    moving = make_application(owner=alice, status="applied")
    there = make_application(owner=alice, status="rejected")
    response = logged_in(alice).post(
        BULK, {"applications": [moving.pk, there.pk], "status": "rejected"}
    )
    assert told(response) == ["Moved 1 application to Rejected."]
    assert moves(there) == [("", "rejected")]


def test_the_list_comes_back_with_its_search_and_filter(alice):
    application = make_application(owner=alice, status="applied")
    response = logged_in(alice).post(
        BULK,
        {"applications": [application.pk], "status": "offer", "query": "q=north&status=applied"},
    )
    assert response["Location"] == f"{LIST}?q=north&status=applied"


def test_another_users_id_in_the_post_moves_nothing_at_all(alice, mallory):
    mine = make_application(owner=alice, status="applied")
    theirs = make_application(owner=mallory, status="applied")

    response = logged_in(alice).post(
        BULK, {"applications": [mine.pk, theirs.pk], "status": "rejected"}
    )

    assert response.status_code == 302
    assert statuses(mine, theirs) == ["applied", "applied"]
    assert moves(theirs) == [("", "applied")]
    assert moves(mine) == [("", "applied")]
    assert told(response) == [
        "One of the chosen applications is no longer on your list. Nothing was moved."
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "rejected"}, "Choose at least one application to move."),
        ({"applications": ["CHOSEN"]}, "Choose the status to move them to."),
        ({"applications": ["CHOSEN"], "status": "sacked"}, "Choose one of the statuses."),
        ({"applications": ["abc"], "status": "rejected"}, "no longer on your list"),
        ({"applications": ["999999"], "status": "rejected"}, "no longer on your list"),
    ],
)
def test_a_bulk_move_that_cannot_be_done_says_why_and_moves_nothing(alice, data, message):
    application = make_application(owner=alice, status="applied")
    if data.get("applications") == ["CHOSEN"]:
        data = {**data, "applications": [application.pk]}

    response = logged_in(alice).post(BULK, data)

    assert response.status_code == 302
    assert any(message in text for text in told(response)), told(response)
    assert statuses(application) == ["applied"]
    assert moves(application) == [("", "applied")]


def test_a_bulk_move_takes_the_same_queries_for_two_or_twenty(alice):
    client = logged_in(alice)
    few = [make_application(owner=alice, status="applied") for _ in range(2)]
    many = [make_application(owner=alice, status="applied") for _ in range(20)]
    client.get(LIST)
    with CaptureQueriesContext(connection) as two:
        client.post(BULK, {"applications": [a.pk for a in few], "status": "offer"})
    with CaptureQueriesContext(connection) as twenty:
        client.post(BULK, {"applications": [a.pk for a in many], "status": "offer"})
    assert len(twenty) == len(two) <= QUERY_BUDGET
    assert StatusChange.objects.filter(to_status="offer").count() == 22


def test_a_bulk_move_takes_only_post_and_needs_a_login(alice, client):
    assert logged_in(alice).get(BULK).status_code == 405
    assert client.post(BULK, {"status": "rejected"}).status_code == 302
    assert client.post(BULK)["Location"].startswith(reverse("account_login"))


# The list offers it


def test_the_list_offers_checkboxes_a_status_and_one_button_that_work_without_scripts(alice):
    application = make_application(owner=alice)
    html = logged_in(alice).get(LIST).content.decode()
    assert f'action="{BULK}"' in html
    assert f'name="applications" value="{application.pk}" form="bulk-status"' in html
    assert 'form="bulk-status"' in html


# Archived applications


def test_archived_applications_are_hidden_from_the_list_until_asked_for(alice):
    make_application(owner=alice, company="Contoso")
    make_application(owner=alice, company="Archivedco", archived=True)
    client = logged_in(alice)

    shown = client.get(LIST)
    assert [a.company for a in shown.context["page_obj"]] == ["Contoso"]
    assert "Show archived" in shown.content.decode()

    with_archived = client.get(LIST, {"archived": "on"})
    assert sorted(a.company for a in with_archived.context["page_obj"]) == [
        "Archivedco",
        "Contoso",
    ]


def test_an_account_with_only_archived_applications_is_not_told_it_has_none(alice):
    make_application(owner=alice, company="Archivedco", archived=True)
    response = logged_in(alice).get(LIST)
    assert "No applications yet" not in response.content.decode()


def test_archived_applications_are_hidden_from_the_board_and_shown_by_its_link(alice):
    make_application(owner=alice, company="Contoso")
    make_application(owner=alice, company="Archivedco", archived=True)
    client = logged_in(alice)

    board = client.get(BOARD)
    assert "Archivedco" not in board.content.decode()
    assert f'href="{BOARD}?archived=on"' in board.content.decode()

    assert "Archivedco" in client.get(BOARD, {"archived": "on"}).content.decode()


def test_the_application_page_offers_to_archive_and_to_bring_back(alice):
    application = make_application(owner=alice)
    client = logged_in(alice)
    archive = reverse("interviews:application_archive", args=[application.pk])
    html = client.get(application.get_absolute_url()).content.decode()
    assert f'action="{archive}"' in html
    assert "Archive" in html
    assert reverse("interviews:application_history", args=[application.pk]) in html
    client.post(archive, {"archived": "1"})
    assert "Bring back" in client.get(application.get_absolute_url()).content.decode()


def test_a_list_of_only_archived_applications_offers_to_show_them(alice):
    make_application(owner=alice, company="Archivedco", archived=True)
    html = logged_in(alice).get(LIST).content.decode()
    assert f'href="{LIST}?archived=on"' in html
