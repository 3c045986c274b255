"""The question bank, practice mode and recording a practice."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.library.services import question_practise
from interviews.models import CaughtOutQuestion

from ..conftest import QUERY_BUDGET, make_application, make_interview, make_reflection

LIST = reverse("interviews:question_list")
PRACTICE = reverse("interviews:question_practice")


def practised_url(question):
    return reverse("interviews:question_practised", args=[question.pk])


def add_question(owner, text, *, company="Northwind", times=0, last=None, days_ago=3):
    interview = make_interview(
        application=make_application(owner=owner, company=company),
        rating=1,
        scheduled_at=timezone.now() - timedelta(days=days_ago),
    )
    reflection = make_reflection(interview=interview, lessons=0)
    return CaughtOutQuestion.objects.create(
        reflection=reflection,
        question=text,
        what_i_said="I rambled.",
        better_answer=f"A better answer to {text}",
        times_practised=times,
        last_practised_at=last,
    )


# The list --------------------------------------------------------------------------


def test_list_shows_questions_with_company_and_date_least_practised_first(alice, alice_client):
    add_question(alice, "Why us?", company="Acme", times=2)
    add_question(alice, "Tell me about a conflict.", company="Globex", times=0, days_ago=10)

    response = alice_client.get(LIST)

    assert response.status_code == 200
    questions = list(response.context["page"].object_list)
    assert [q.question for q in questions] == ["Tell me about a conflict.", "Why us?"]
    html = response.content.decode()
    assert "Globex" in html
    assert questions[0].reflection.interview.scheduled_at.strftime("%-d %b %Y") in html
    assert html.index("Tell me about a conflict.") < html.index("Why us?")


def test_search_matches_question_text_answers_and_company(alice, alice_client):
    add_question(alice, "Why us?", company="Acme")
    add_question(alice, "Design a cache.", company="Globex")

    by_text = alice_client.get(LIST, {"q": "cache"}).context["page"].object_list
    by_company = alice_client.get(LIST, {"q": "acme"}).context["page"].object_list
    by_answer = alice_client.get(LIST, {"q": "better answer to why"}).context["page"].object_list

    assert [q.question for q in by_text] == ["Design a cache."]
    assert [q.question for q in by_company] == ["Why us?"]
    assert [q.question for q in by_answer] == ["Why us?"]


def test_list_can_be_sorted_by_most_recent_interview(alice, alice_client):
    add_question(alice, "Old", days_ago=30)
    add_question(alice, "New", days_ago=1, times=5)

    page = alice_client.get(LIST, {"sort": "recent"}).context["page"]

    assert [q.question for q in page.object_list] == ["New", "Old"]


def test_an_unknown_sort_is_shown_as_an_error_and_the_search_still_applies(alice, alice_client):
    add_question(alice, "Why us?", company="Acme")
    add_question(alice, "Design a cache.", company="Globex")

    response = alice_client.get(LIST, {"q": "cache", "sort": "sideways"})

    assert [q.question for q in response.context["page"].object_list] == ["Design a cache."]
    assert response.context["form"].errors["sort"]


def test_list_is_paginated_and_pages_keep_the_search(alice, alice_client):
    reflection = make_reflection(interview=make_interview(owner=alice, rating=1), lessons=0)
    CaughtOutQuestion.objects.bulk_create(
        CaughtOutQuestion(reflection=reflection, question=f"Question {n}?") for n in range(30)
    )

    response = alice_client.get(LIST, {"q": "question"})

    assert len(response.context["page"].object_list) == 25
    assert "Showing 1–25 of 30" in response.content.decode()
    assert b'href="?q=question&amp;page=2"' in response.content
    second = alice_client.get(LIST, {"q": "question", "page": 2})
    assert "Showing 26–30 of 30" in second.content.decode()


def test_empty_bank_and_empty_search_say_what_to_do(alice, alice_client):
    assert b"Your question bank is empty." in alice_client.get(LIST).content
    add_question(alice, "Why us?")
    response = alice_client.get(LIST, {"q": "zzz"})
    assert b"No questions match your search." in response.content


def test_list_never_shows_another_users_questions(alice, mallory_client):
    add_question(alice, "Zebracorn secret question?")

    response = mallory_client.get(LIST)

    assert response.status_code == 200
    assert b"Zebracorn" not in response.content


@pytest.mark.parametrize("url", [LIST, PRACTICE])
def test_query_count_is_the_same_for_2_and_60_questions(
    alice,
    mallory,
    alice_client,
    mallory_client,
    url,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    for n in range(2):
        add_question(alice, f"Alice {n}?")
    for n in range(60):
        add_question(mallory, f"Mallory {n}?", company=f"Company {n}")

    with django_assert_max_num_queries(QUERY_BUDGET) as two:
        assert alice_client.get(url).status_code == 200
    with django_assert_num_queries(len(two)):
        assert mallory_client.get(url).status_code == 200


@pytest.mark.parametrize("url", [LIST, PRACTICE])
def test_pages_refuse_post(alice_client, url):
    assert alice_client.post(url).status_code == 405


# Practice mode -----------------------------------------------------------------------


def test_practice_shows_the_least_practised_then_the_longest_left_alone(alice, alice_client):
    now = timezone.now()
    add_question(alice, "Practised twice", times=2, last=now - timedelta(days=9))
    add_question(alice, "Once, yesterday", times=1, last=now - timedelta(days=1))
    add_question(alice, "Once, last week", times=1, last=now - timedelta(days=7))

    response = alice_client.get(PRACTICE)

    assert response.context["question"].question == "Once, last week"
    assert response.context["total"] == 3


def test_never_practised_questions_come_before_practised_ones(alice, alice_client):
    add_question(alice, "Practised", times=1, last=timezone.now())
    add_question(alice, "Never", times=0)

    assert alice_client.get(PRACTICE).context["question"].question == "Never"


def test_the_better_answer_is_hidden_until_asked_for(alice, alice_client):
    add_question(alice, "Why us?")

    html = alice_client.get(PRACTICE).content.decode()

    assert '<details class="practice-answer mb-4">' in html
    details = html.split('<details class="practice-answer mb-4">')[1]
    assert details.index("Show the better answer") < details.index("A better answer to Why us?")
    assert details.index("A better answer to Why us?") < details.index("</details>")


def test_a_chosen_question_can_be_practised(alice, alice_client):
    add_question(alice, "First", times=0)
    chosen = add_question(alice, "Chosen", times=4)

    response = alice_client.get(PRACTICE, {"question": chosen.pk})

    assert response.context["question"] == chosen


@pytest.mark.parametrize("value", ["not-a-number", "999999"])
def test_an_unknown_chosen_question_is_404(alice_client, value):
    assert alice_client.get(PRACTICE, {"question": value}).status_code == 404


def test_another_users_question_cannot_be_chosen(alice, mallory_client):
    theirs = add_question(alice, "Zebracorn?")
    assert mallory_client.get(PRACTICE, {"question": theirs.pk}).status_code == 404


def test_practice_without_questions_says_where_they_come_from(alice_client):
    response = alice_client.get(PRACTICE)
    assert response.context["question"] is None
    assert b"Nothing to practise yet." in response.content


# Recording a practice ---------------------------------------------------------------------


def test_practising_counts_it_and_moves_on_to_the_next_question(alice, alice_client):
    first = add_question(alice, "First", times=0)
    add_question(alice, "Second", times=0)

    response = alice_client.post(practised_url(first))

    assert response.status_code == 302
    assert response["Location"] == f"{PRACTICE}?after={first.pk}"
    first.refresh_from_db()
    assert first.times_practised == 1
    assert abs(first.last_practised_at - timezone.now()) < timedelta(minutes=1)
    assert alice_client.get(response["Location"]).context["question"].question == "Second"


def test_after_practising_the_next_question_is_another_even_if_still_least_practised(
    alice, alice_client
):
    only_unpractised = add_question(alice, "Never", times=0)
    add_question(alice, "Often", times=5, last=timezone.now() - timedelta(days=3))

    response = alice_client.post(practised_url(only_unpractised), follow=True)

    assert response.context["question"].question == "Often"


def test_with_a_single_question_practice_keeps_showing_it(alice, alice_client):
    only = add_question(alice, "Only one")

    response = alice_client.get(PRACTICE, {"after": only.pk})

    assert response.context["question"] == only
    assert b"Skip for now" not in response.content


def test_practising_is_counted_with_the_database_value(alice):
    question = add_question(alice, "Why us?", times=3)
    stale = CaughtOutQuestion.objects.get(pk=question.pk)
    question_practise(question=question)

    question_practise(question=stale)

    assert stale.times_practised == 5


def test_practised_refuses_get(alice, alice_client):
    question = add_question(alice, "Why us?")
    assert alice_client.get(practised_url(question)).status_code == 405


def test_another_user_cannot_record_a_practice(alice, mallory_client):
    question = add_question(alice, "Why us?")

    assert mallory_client.post(practised_url(question)).status_code == 404
    assert mallory_client.get(practised_url(question)).status_code == 404

    question.refresh_from_db()
    assert (question.times_practised, question.last_practised_at) == (0, None)
