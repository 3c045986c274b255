"""The agenda: every interview in one list, upcoming first, filtered, paged, with its road back."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import Interview, Reflection

from ..conftest import QUERY_BUDGET, make_application, make_interview, make_reflection

AGENDA = reverse("interviews:interview_list")


def listed(response):
    """Return the interview links of the agenda page, in the order shown."""
    return [int(pk) for pk in re.findall(r'href="/interviews/(\d+)/"', response.content.decode())]


@pytest.fixture
def alices_agenda(alice):
    now = timezone.now()
    northwind = make_application(owner=alice, company="Northwind")
    contoso = make_application(owner=alice, company="Contoso")
    return {
        "next_week": make_interview(application=northwind, scheduled_at=now + timedelta(days=7)),
        "tomorrow": make_interview(
            application=contoso, scheduled_at=now + timedelta(days=1), kind=Interview.Kind.PANEL
        ),
        "last_month": make_interview(
            application=northwind,
            scheduled_at=now - timedelta(days=30),
            rating=4,
            outcome=Interview.Outcome.MOVED_FORWARD,
        ),
        "yesterday": make_interview(
            application=contoso, scheduled_at=now - timedelta(days=1), rating=1
        ),
    }


def test_the_agenda_lists_upcoming_interviews_soonest_first_then_past_ones_latest_first(
    alice_client, alices_agenda
):
    response = alice_client.get(AGENDA)
    assert response.status_code == 200
    order = ["tomorrow", "next_week", "yesterday", "last_month"]
    assert listed(response) == [alices_agenda[name].pk for name in order]
    page = response.content.decode()
    assert page.index("Upcoming") < page.index("Past")


def test_the_agenda_shows_only_the_users_own_interviews(mallory_client, alices_agenda):
    make_interview(owner=alices_agenda["tomorrow"].application.owner)  # alice's, not mallory's
    response = mallory_client.get(AGENDA)
    assert listed(response) == []
    assert "No interviews yet" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "panel"}, ["tomorrow"]),
        ({"outcome": "moved_forward"}, ["last_month"]),
        ({"went": "badly"}, ["yesterday"]),
        ({"went": "fine"}, ["last_month"]),
        ({"went": "unrated"}, ["tomorrow", "next_week"]),
        ({"reflection": "done"}, ["yesterday"]),
        ({"reflection": "not_done"}, ["tomorrow", "next_week", "last_month"]),
        ({"kind": "panel", "went": "badly"}, []),
    ],
)
def test_each_filter_narrows_the_agenda(alice_client, alices_agenda, query, expected):
    make_reflection(interview=alices_agenda["yesterday"])
    response = alice_client.get(AGENDA, query)
    assert listed(response) == [alices_agenda[name].pk for name in expected]
    if not expected:
        assert "No interviews match" in response.content.decode()


def test_an_unfinished_reflection_is_not_done(alice_client, alices_agenda):
    make_reflection(interview=alices_agenda["yesterday"], status=Reflection.Status.DRAFT)
    response = alice_client.get(AGENDA, {"reflection": "done"})
    assert listed(response) == []


def test_a_filter_value_that_is_not_a_choice_is_ignored(alice_client, alices_agenda):
    response = alice_client.get(AGENDA, {"kind": "nonsense", "went": "<script>"})
    assert response.status_code == 200
    assert len(listed(response)) == 4


def test_each_bad_interview_shows_its_road_back_stage(alice_client, alices_agenda):
    page = alice_client.get(AGENDA).content.decode()
    assert page.count("Stage 1 of 6: Logged") == 1
    assert page.count("Not needed") == 3


def test_the_agenda_shows_25_a_page(alice_client, alice):
    application = make_application(owner=alice)
    for days in range(30):
        make_interview(
            application=application, scheduled_at=timezone.now() + timedelta(days=days + 1)
        )
    first = alice_client.get(AGENDA)
    second = alice_client.get(AGENDA, {"page": 2})
    assert len(listed(first)) == 25
    assert len(listed(second)) == 5
    assert set(listed(first)).isdisjoint(listed(second))
    assert "Showing 1–25 of 30" in first.content.decode()


def test_the_agenda_costs_the_same_queries_for_one_interview_or_many(
    alice_client, alice, django_assert_max_num_queries, django_assert_num_queries
):
    application = make_application(owner=alice)
    make_interview(application=application, rating=1)
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        alice_client.get(AGENDA)
    for days in range(40):
        interview = make_interview(
            application=application,
            scheduled_at=timezone.now() - timedelta(days=days + 2),
            rating=2,
        )
        make_reflection(interview=interview)
    with django_assert_num_queries(len(one)):
        response = alice_client.get(AGENDA)
    assert len(listed(response)) == 25


def test_the_main_navigation_links_to_the_agenda(alice_client):
    page = alice_client.get(reverse("interviews:dashboard")).content.decode()
    assert f'href="{AGENDA}"' in page


def test_an_interview_in_another_year_shows_its_year(alice_client, alice):
    scheduled = timezone.now().replace(month=6, day=3, hour=9) + timedelta(days=366 * 2)
    make_interview(owner=alice, scheduled_at=scheduled)
    assert f"{scheduled.year}, 09:" in alice_client.get(AGENDA).content.decode()


def test_the_dashboards_coming_up_section_links_to_the_agenda(alice_client, alices_agenda):
    page = alice_client.get(reverse("interviews:dashboard")).content.decode()
    coming_up = page[page.index('id="coming-up-title"') :]
    assert f'<a href="{AGENDA}">See every interview' in coming_up
