"""The board at scale: every column in view, long columns folded, moves explained and undoable."""

import re

import pytest
from django.urls import reverse

from interviews.models import Application

from ..conftest import QUERY_BUDGET, make_application

BOARD = reverse("interviews:application_board")
OPEN = ["wishlist", "applied", "interviewing", "offer"]
CLOSED = ["accepted", "rejected", "withdrawn", "ghosted"]


def move_url(application):
    return reverse("interviews:application_move", args=[application.pk])


def fill(owner, per_status):
    """Give every column `per_status` applications."""
    for status in Application.Status.values:
        for number in range(per_status):
            make_application(owner=owner, company=f"{status.title()} firm {number}", status=status)


def between(content, start, end):
    """Return the markup from the first `start` to the next `end` after it."""
    begin = content.index(start)
    return content[begin : content.index(end, begin)]


def test_open_columns_stand_side_by_side_and_closed_ones_fold_with_counts(alice_client, alice):
    make_application(owner=alice, company="Acme", status="applied")
    make_application(owner=alice, company="Globex", status="rejected")
    make_application(owner=alice, company="Initech", status="rejected")
    content = alice_client.get(BOARD).content.decode()
    sections = re.findall(r'<section class="board-column" data-status="(\w+)"', content)
    assert sections == OPEN
    folds = re.findall(r'<details class="board-fold" data-status="(\w+)"', content)
    assert folds == CLOSED
    closed = between(content, 'class="board-column board-closed"', "</section>")
    assert re.search(r'<h2 [^>]*id="column-closed"[^>]*>.*Closed', closed, re.S)
    rejected = between(closed, 'data-status="rejected"', "</summary>")
    assert "Rejected" in rejected
    assert '2<span class="visually-hidden"> applications</span>' in rejected
    assert "Globex" in closed
    assert "Initech" in closed


def test_a_long_column_shows_its_first_cards_and_folds_the_rest(alice_client, alice):
    fill(alice, 20)
    response = alice_client.get(BOARD)
    content = response.content.decode()
    applied = between(content, 'data-status="applied"', "</section>")
    shown, folded = applied.split('<details class="board-more"', 1)
    assert shown.count('class="board-card"') == 6
    assert "Show 14 more" in folded
    assert folded.count('class="board-card"') == 14
    assert content.count('class="board-card"') == 20 * len(Application.Status.values)


def test_board_query_count_is_the_same_with_1_or_30_in_every_column(
    alice_client, alice, django_assert_max_num_queries, django_assert_num_queries
):
    fill(alice, 1)
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        assert alice_client.get(BOARD).status_code == 200
    Application.objects.all().delete()
    fill(alice, 30)
    with django_assert_num_queries(len(one)):
        assert alice_client.get(BOARD).status_code == 200


def test_hint_names_dragging_and_the_way_without_it(alice_client, alice):
    make_application(owner=alice)
    content = alice_client.get(BOARD).content.decode()
    hint = between(content, 'class="board-hint', "</p>")
    assert "Drag a card to another column" in hint
    assert "choose its new status and press Move" in hint
    # Without a script only the Move way is shown; the script swaps in the drag hint.
    assert re.search(r'<span class="board-hint-drag" hidden>', hint)


def test_a_move_says_what_happened_and_offers_to_undo_it(alice_client, alice):
    application = make_application(owner=alice, company="Acme", status="applied")
    response = alice_client.post(move_url(application), {"status": "offer"})
    assert response.status_code == 302
    assert response["Location"] == f"{BOARD}#application-{application.pk}"
    content = alice_client.get(BOARD).content.decode()
    notice = between(content, 'class="alert alert-success board-undo"', "</form>")
    assert "Moved Backend developer at Acme to Offer." in notice
    assert f'action="{move_url(application)}"' in notice
    assert '<input type="hidden" name="status" value="applied">' in notice
    assert '<input type="hidden" name="undo" value="1">' in notice
    assert ">Undo<" in notice
    # The notice is for the move just made: the next visit no longer shows it.
    assert "board-undo" not in alice_client.get(BOARD).content.decode()


def test_undo_puts_the_card_back_and_offers_no_second_undo(alice_client, alice):
    application = make_application(owner=alice, company="Acme", status="applied")
    alice_client.post(move_url(application), {"status": "rejected"})
    response = alice_client.post(
        move_url(application), {"status": "applied", "undo": "1"}, follow=True
    )
    application.refresh_from_db()
    assert application.status == "applied"
    content = response.content.decode()
    assert "Moved Backend developer at Acme back to Applied." in content
    assert "board-undo" not in content


def test_a_move_into_a_closed_column_opens_its_fold(alice_client, alice):
    application = make_application(owner=alice, company="Acme", status="applied")
    make_application(owner=alice, company="Globex", status="withdrawn")
    alice_client.post(move_url(application), {"status": "rejected"})
    content = alice_client.get(BOARD).content.decode()
    assert '<details class="board-fold" data-status="rejected" open>' in content
    assert '<details class="board-fold" data-status="withdrawn">' in content
    # Once the move has been seen, the folds are closed again.
    content = alice_client.get(BOARD).content.decode()
    assert '<details class="board-fold" data-status="rejected">' in content


def test_moving_to_the_column_it_is_in_changes_nothing_and_offers_no_undo(alice_client, alice):
    application = make_application(owner=alice, company="Acme", status="applied")
    response = alice_client.post(move_url(application), {"status": "applied"}, follow=True)
    content = response.content.decode()
    assert "Backend developer at Acme is already in Applied." in content
    assert "board-undo" not in content


@pytest.mark.parametrize("status", ["hired!", ""])
def test_an_unknown_status_changes_nothing_and_offers_no_undo(alice_client, alice, status):
    application = make_application(owner=alice, status="applied")
    response = alice_client.post(move_url(application), {"status": status}, follow=True)
    assert b"Choose one of the statuses" in response.content
    assert b"board-undo" not in response.content
    application.refresh_from_db()
    assert application.status == "applied"


def test_another_users_application_cannot_be_moved_or_undone(mallory_client, alice):
    application = make_application(owner=alice, status="applied")
    data = {"status": "offer", "undo": "1"}
    assert mallory_client.post(move_url(application), data).status_code == 404
    application.refresh_from_db()
    assert application.status == "applied"


def test_links_at_the_top_jump_to_each_column_for_phones(alice_client, alice):
    fill(alice, 2)
    content = alice_client.get(BOARD).content.decode()
    jump = between(content, '<nav class="board-jump"', "</nav>")
    targets = re.findall(r'href="#(column-\w+)"', jump)
    assert targets == [f"column-{status}" for status in OPEN] + ["column-closed"]
    for target in targets:
        assert f'id="{target}"' in content
    assert (
        f'<a href="#column-closed">Closed <span class="board-count">{2 * len(CLOSED)}</span></a>'
        in jump
    )


def test_an_opened_long_column_offers_to_show_fewer(alice_client, alice):
    fill(alice, 8)
    content = alice_client.get(BOARD).content.decode()
    more = between(content, '<details class="board-more">', "</summary>")
    assert '<span class="board-more-closed">Show 2 more</span>' in more
    assert '<span class="board-more-open">Show fewer</span>' in more
