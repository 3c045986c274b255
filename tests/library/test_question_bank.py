"""The question bank, practice mode and recording a practice."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interviews.library import queue
from interviews.library.leitner import practice_order
from interviews.library.services import question_practise
from interviews.models import CaughtOutQuestion, Practice
from interviews.web.dates import short_date

from ..conftest import QUERY_BUDGET, make_application, make_interview, make_reflection

LIST = reverse("interviews:question_list")
PRACTICE = reverse("interviews:question_practice")
WEEK = timedelta(days=7)
WELL = {"result": "well"}
SHAKY = {"result": "shaky"}


def practised_url(question):
    return reverse("interviews:question_practised", args=[question.pk])


def add_question(
    owner,
    text,
    *,
    company="Northwind",
    times=0,
    last=None,
    days_ago=3,
    box=1,
    due_on=None,
    application=None,
    kind="technical",
):
    interview = make_interview(
        application=application or make_application(owner=owner, company=company),
        kind=kind,
        rating=1,
        scheduled_at=timezone.now() - timedelta(days=days_ago),
    )
    reflection = make_reflection(interview=interview, lessons=0)
    return CaughtOutQuestion.objects.create(
        owner=owner,
        reflection=reflection,
        question=text,
        what_i_said="I rambled.",
        better_answer=f"A better answer to {text}",
        times_practised=times,
        last_practised_at=last,
        box=box,
        due_on=due_on,
    )


# The list --------------------------------------------------------------------------


def test_list_shows_questions_with_company_and_date_due_ones_first(alice, alice_client):
    later = timezone.localdate() + WEEK
    add_question(alice, "Why us?", company="Acme", times=2, box=3, due_on=later)
    add_question(alice, "Tell me about a conflict.", company="Globex", box=4, days_ago=10)

    response = alice_client.get(LIST)

    assert response.status_code == 200
    questions = list(response.context["page"].object_list)
    assert [q.question for q in questions] == ["Tell me about a conflict.", "Why us?"]
    html = response.content.decode()
    assert "Globex" in html
    assert questions[0].reflection.interview.scheduled_at.strftime("%-d %b") in html
    assert html.index("Tell me about a conflict.") < html.index("Why us?")
    assert "box 4 · due now" in html
    assert f"box 3 · due {short_date(timezone.localdate() + WEEK)}" in html


def test_the_lists_due_first_order_is_the_practice_pages_order(alice, alice_client):
    now, today = timezone.now(), timezone.localdate()
    for number, (box, due_on, last) in enumerate(
        [
            (1, today + WEEK, None),
            (3, today, now - WEEK),
            (2, None, now - timedelta(days=1)),
            (2, today - WEEK, now - WEEK),
            (2, today, None),
            (5, today + timedelta(days=1), now - timedelta(days=40)),
            (1, None, now - timedelta(days=2)),
        ]
    ):
        add_question(alice, f"Q{number}?", box=box, due_on=due_on, last=last)

    listed = [q.pk for q in alice_client.get(LIST).context["page"].object_list]
    ordered = [card.pk for card in practice_order(queue.cards(alice), today=today)]

    assert listed == ordered
    assert alice_client.get(PRACTICE).context["question"].pk == listed[0]


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
        CaughtOutQuestion(owner=alice, reflection=reflection, question=f"Question {n}?")
        for n in range(30)
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


def test_practice_shows_a_due_question_from_the_lowest_box_left_alone_longest(alice, alice_client):
    now = timezone.now()
    today = timezone.localdate()
    add_question(alice, "Not due", box=1, last=now - timedelta(days=30), due_on=today + WEEK)
    add_question(alice, "Box 3", box=3, last=now - timedelta(days=20), due_on=today)
    add_question(alice, "Box 2, yesterday", box=2, last=now - timedelta(days=1), due_on=today)
    add_question(alice, "Box 2, last week", box=2, last=now - timedelta(days=7), due_on=today)

    response = alice_client.get(PRACTICE)

    assert response.context["question"].question == "Box 2, last week"
    assert response.context["total"] == 4
    assert "Box 2 of 5" in response.content.decode()
    assert "due now" in response.content.decode()


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

    response = alice_client.post(practised_url(first), WELL)

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

    response = alice_client.post(practised_url(only_unpractised), WELL, follow=True)

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

    assert mallory_client.post(practised_url(question), WELL).status_code == 404
    assert mallory_client.get(practised_url(question)).status_code == 404

    question.refresh_from_db()
    assert (question.times_practised, question.last_practised_at) == (0, None)
    assert not Practice.objects.exists()


def test_answering_well_moves_the_question_up_a_box_and_logs_the_practice(alice, alice_client):
    question = add_question(alice, "Why us?", box=2)

    response = alice_client.post(practised_url(question), WELL, follow=True)

    question.refresh_from_db()
    assert (question.box, question.times_practised) == (3, 1)
    assert question.due_on == timezone.localdate() + timedelta(days=4)
    practice = Practice.objects.get()
    assert (practice.question, practice.result) == (question, "well")
    assert "up to box 3" in response.content.decode()


def test_a_shaky_answer_sends_the_question_back_to_box_1_due_tomorrow(alice, alice_client):
    question = add_question(alice, "Why us?", box=5, due_on=timezone.localdate())

    alice_client.post(practised_url(question), SHAKY)

    question.refresh_from_db()
    assert (question.box, question.due_on) == (1, timezone.localdate() + timedelta(days=1))
    assert Practice.objects.get().result == "shaky"


def test_a_well_answer_in_the_top_box_stays_there(alice, alice_client):
    question = add_question(alice, "Why us?", box=5)

    alice_client.post(practised_url(question), WELL)

    question.refresh_from_db()
    assert question.box == 5
    assert question.due_on == timezone.localdate() + timedelta(days=16)


def test_the_next_due_day_is_the_users_own_local_day(alice):
    alice.profile.time_zone = "Pacific/Auckland"
    alice.profile.save()
    question = add_question(alice, "Why us?")
    # 20:00 UTC on 1 March is already 2 March in Auckland.
    now = timezone.make_aware(timezone.datetime(2027, 3, 1, 20, 0), timezone.UTC)

    question_practise(question=question, result="well", now=now)

    assert question.due_on == timezone.datetime(2027, 3, 4).date()
    assert Practice.objects.get().practised_at == now


@pytest.mark.parametrize("data", [{}, {"result": "brilliant"}, {"result": ""}])
def test_a_missing_or_unknown_result_is_a_clear_400_and_nothing_changes(alice, alice_client, data):
    question = add_question(alice, "Why us?", box=2)

    response = alice_client.post(practised_url(question), data)

    assert response.status_code == 400
    assert b"answered it well or it was shaky" in response.content
    question.refresh_from_db()
    assert (question.box, question.times_practised) == (2, 0)
    assert not Practice.objects.exists()


@pytest.mark.parametrize("interview", ["soon", "0", "-3", "9" * 40])
def test_a_malformed_interview_on_a_practice_is_a_clear_400(alice, alice_client, interview):
    question = add_question(alice, "Why us?")

    response = alice_client.post(practised_url(question), {**WELL, "interview": interview})

    assert response.status_code == 400
    assert b"That interview could not be found." in response.content
    assert not Practice.objects.exists()


def test_the_practice_page_offers_well_and_shaky_as_two_buttons(alice, alice_client):
    add_question(alice, "Why us?")

    html = alice_client.get(PRACTICE).content.decode()

    assert '<button type="submit" name="result" value="well"' in html
    assert '<button type="submit" name="result" value="shaky"' in html


# Practising for one interview --------------------------------------------------------------


def upcoming(owner, *, company="Acme", kind="technical", days=10):
    return make_interview(
        application=make_application(owner=owner, company=company),
        kind=kind,
        scheduled_at=timezone.now() + timedelta(days=days),
    )


def test_practising_for_an_interview_shows_only_questions_due_by_its_day_company_first(
    alice, alice_client
):
    interview = upcoming(alice, days=10)
    today = timezone.localdate()
    add_question(alice, "Due later", due_on=today + timedelta(days=30))
    add_question(alice, "Same kind", kind="technical", company="Globex")
    add_question(alice, "Other kind", kind="case", company="Globex")
    add_question(alice, "Same company", kind="case", application=interview.application)
    add_question(alice, "Due before it", kind="case", due_on=today + timedelta(days=5))

    response = alice_client.get(PRACTICE, {"interview": interview.pk})

    assert response.context["question"].question == "Same company"
    assert response.context["total"] == 4
    assert "Due later" not in response.content.decode()
    assert "4 questions due before your interview" in response.content.decode()


def test_practising_for_an_interview_keeps_to_it_after_each_answer(alice, alice_client):
    interview = upcoming(alice)
    first = add_question(alice, "Same company", application=interview.application, kind="case")
    add_question(alice, "Other", kind="case", company="Globex")

    response = alice_client.post(
        practised_url(first), {**WELL, "interview": interview.pk}, follow=True
    )

    assert response.redirect_chain[0][0] == (
        f"{PRACTICE}?interview={interview.pk}&after={first.pk}"
    )
    assert response.context["interview"] == interview
    assert response.context["question"].question == "Other"
    assert '<input type="hidden" name="interview"' in response.content.decode()


def test_an_interview_with_nothing_due_says_so(alice, alice_client):
    interview = upcoming(alice, days=2)
    add_question(alice, "Due later", due_on=timezone.localdate() + timedelta(days=30))

    response = alice_client.get(PRACTICE, {"interview": interview.pk})

    assert response.context["question"] is None
    assert b"Nothing due before this interview." in response.content


@pytest.mark.parametrize("value", ["not-a-number", "999999", "-1", ""])
def test_an_unknown_interview_is_404(alice, alice_client, value):
    add_question(alice, "Why us?")
    assert alice_client.get(PRACTICE, {"interview": value}).status_code == 404


def test_another_users_interview_is_404_to_practise_for_and_to_post(alice, mallory, alice_client):
    theirs = upcoming(mallory)
    question = add_question(alice, "Why us?")

    assert alice_client.get(PRACTICE, {"interview": theirs.pk}).status_code == 404
    response = alice_client.post(practised_url(question), {**WELL, "interview": theirs.pk})
    assert response.status_code == 404
    question.refresh_from_db()
    assert question.times_practised == 0


# Questions added by hand ------------------------------------------------------------------

ADD = reverse("interviews:question_create")


def edit_url(question):
    return reverse("interviews:question_update", args=[question.pk])


def delete_url(question):
    return reverse("interviews:question_delete", args=[question.pk])


def add_by_hand(owner, text, *, application=None, times=0, last=None):
    return CaughtOutQuestion.objects.create(
        owner=owner,
        application=application,
        question=text,
        what_i_said="I went blank.",
        better_answer=f"A better answer to {text}",
        times_practised=times,
        last_practised_at=last,
    )


def question_fields(**overrides):
    fields = {
        "question": "Where do you see yourself in five years?",
        "what_i_said": "I said I had not thought about it.",
        "better_answer": "Leading a small team that ships what customers ask for.",
        "application": "",
    }
    fields.update(overrides)
    return fields


def test_the_bank_offers_to_add_a_question_even_when_empty(alice_client):
    response = alice_client.get(LIST)
    assert f'href="{ADD}"'.encode() in response.content


def test_a_question_added_by_hand_lands_in_the_bank(alice, alice_client):
    response = alice_client.get(ADD)
    assert response.status_code == 200

    response = alice_client.post(ADD, question_fields())

    assert response.status_code == 302
    assert response["Location"] == LIST
    question = CaughtOutQuestion.objects.get()
    assert question.owner == alice
    assert question.reflection is None
    assert question.application is None
    assert question.question == "Where do you see yourself in five years?"
    assert question.better_answer.startswith("Leading a small team")
    page = alice_client.get(LIST)
    assert list(page.context["page"].object_list) == [question]
    assert "Added by you" in page.content.decode()


def test_a_question_added_by_hand_can_be_tied_to_one_of_the_users_applications(alice, alice_client):
    acme = make_application(owner=alice, company="Acme")

    alice_client.post(ADD, question_fields(application=acme.pk))

    question = CaughtOutQuestion.objects.get()
    assert question.application == acme
    html = alice_client.get(LIST).content.decode()
    assert "Acme" in html
    assert [q.question for q in alice_client.get(LIST, {"q": "acme"}).context["page"]] == [
        question.question
    ]


def test_the_application_list_offers_only_the_users_own_applications(alice, mallory, alice_client):
    make_application(owner=alice, company="Acme")
    make_application(owner=mallory, company="Zebracorn")

    html = alice_client.get(ADD).content.decode()

    assert "Acme" in html
    assert "Zebracorn" not in html


def test_another_users_application_is_refused_and_nothing_is_saved(alice, mallory, alice_client):
    theirs = make_application(owner=mallory, company="Zebracorn")

    response = alice_client.post(ADD, question_fields(application=theirs.pk))

    assert response.status_code == 200
    assert response.context["form"].errors["application"]
    assert not CaughtOutQuestion.objects.exists()


def test_a_question_without_text_says_what_is_missing_and_saves_nothing(alice_client):
    response = alice_client.post(ADD, question_fields(question="   "))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Write down the question that caught you out." in html
    assert "nothing has been saved yet" in html
    # What was typed stays in the form.
    assert "Leading a small team" in html
    assert not CaughtOutQuestion.objects.exists()


@pytest.mark.parametrize(
    ("field", "limit"), [("question", 1000), ("what_i_said", 5000), ("better_answer", 5000)]
)
def test_text_over_the_limit_is_refused_with_the_limit_named(alice_client, field, limit):
    response = alice_client.post(ADD, question_fields(**{field: "a" * (limit + 1)}))

    assert response.status_code == 200
    assert f"{limit:,}" in response.content.decode() or str(limit) in response.content.decode()
    assert response.context["form"].errors[field]
    assert not CaughtOutQuestion.objects.exists()


def test_the_add_form_keeps_to_get_and_post(alice_client):
    assert alice_client.put(ADD).status_code == 405


def test_a_hand_added_question_can_be_practised(alice, alice_client):
    acme = make_application(owner=alice, company="Acme")
    mine = add_by_hand(alice, "Why should we hire you?", application=acme)

    chosen = alice_client.get(PRACTICE, {"question": mine.pk})
    queued = alice_client.get(PRACTICE)
    response = alice_client.post(practised_url(mine), SHAKY)

    assert chosen.status_code == 200
    assert chosen.context["question"] == mine
    assert "Acme" in chosen.content.decode()
    assert queued.context["question"] == mine
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.times_practised == 1


def test_a_hand_added_question_without_an_application_can_be_practised(alice, alice_client):
    mine = add_by_hand(alice, "What is your biggest weakness?")

    response = alice_client.get(PRACTICE, {"question": mine.pk})

    assert response.status_code == 200
    assert "Added by you" in response.content.decode()
    assert "What is your biggest weakness?" in response.content.decode()


def test_hand_added_and_reflection_questions_practise_in_one_queue(alice, alice_client):
    add_question(alice, "From a reflection", times=1, last=timezone.now())
    add_by_hand(alice, "By hand", times=0)

    assert alice_client.get(PRACTICE).context["question"].question == "By hand"
    assert alice_client.get(PRACTICE).context["total"] == 2


def test_sorting_by_company_or_date_keeps_hand_added_questions(alice, alice_client):
    add_question(alice, "Reflection at Globex", company="Globex", days_ago=5)
    add_by_hand(
        alice, "By hand for Acme", application=make_application(owner=alice, company="Acme")
    )
    add_by_hand(alice, "By hand, no company")

    by_company = alice_client.get(LIST, {"sort": "company"}).context["page"].object_list
    by_date = alice_client.get(LIST, {"sort": "recent"}).context["page"].object_list

    assert [q.question for q in by_company] == [
        "By hand for Acme",
        "Reflection at Globex",
        "By hand, no company",
    ]
    assert [q.question for q in by_date] == [
        "Reflection at Globex",
        "By hand for Acme",
        "By hand, no company",
    ]


def test_the_list_query_count_stays_the_same_with_hand_added_questions(
    alice, mallory, alice_client, mallory_client, django_assert_num_queries
):
    add_question(alice, "Alice?")
    add_by_hand(alice, "Alice by hand?", application=make_application(owner=alice))
    for n in range(30):
        add_question(mallory, f"Mallory {n}?", company=f"Company {n}")
        add_by_hand(mallory, f"Mallory by hand {n}?", application=make_application(owner=mallory))

    with CaptureQueriesContext(connection) as two:
        assert alice_client.get(LIST).status_code == 200
    with django_assert_num_queries(len(two)):
        assert mallory_client.get(LIST).status_code == 200


# Editing ----------------------------------------------------------------------------------


def test_every_question_in_the_list_has_an_edit_link(alice, alice_client):
    from_reflection = add_question(alice, "From a reflection")
    by_hand = add_by_hand(alice, "By hand")

    html = alice_client.get(LIST).content.decode()

    assert f'href="{edit_url(from_reflection)}"' in html
    assert f'href="{edit_url(by_hand)}"' in html


def test_a_question_from_a_reflection_can_be_polished(alice, alice_client):
    question = add_question(alice, "Tell me about a failure.", times=2)

    form = alice_client.get(edit_url(question))
    response = alice_client.post(
        edit_url(question),
        question_fields(
            question="Tell me about a time you failed.", better_answer="The migration story."
        ),
    )

    assert form.status_code == 200
    assert "Tell me about a failure." in form.content.decode()
    assert response.status_code == 302
    assert response["Location"] == LIST
    question.refresh_from_db()
    assert question.question == "Tell me about a time you failed."
    assert question.better_answer == "The migration story."
    # Still part of its reflection, and its practice history is kept.
    assert question.reflection is not None
    assert question.application is None
    assert question.times_practised == 2


def test_a_reflection_question_stays_with_its_interview_whatever_application_is_posted(
    alice, alice_client
):
    question = add_question(alice, "Why us?", company="Globex")
    other = make_application(owner=alice, company="Acme")

    alice_client.post(edit_url(question), question_fields(application=other.pk))

    question.refresh_from_db()
    assert question.application is None
    assert question.reflection.interview.application.company == "Globex"


def test_a_hand_added_question_can_be_edited_and_tied_to_another_application(alice, alice_client):
    acme = make_application(owner=alice, company="Acme")
    globex = make_application(owner=alice, company="Globex")
    question = add_by_hand(alice, "Why us?", application=acme)

    alice_client.post(
        edit_url(question), question_fields(question="Why Globex?", application=globex.pk)
    )

    question.refresh_from_db()
    assert (question.question, question.application) == ("Why Globex?", globex)
    alice_client.post(edit_url(question), question_fields(question="Why Globex?"))
    question.refresh_from_db()
    assert question.application is None


def test_a_bad_edit_says_why_and_changes_nothing(alice, alice_client):
    question = add_by_hand(alice, "Why us?")

    response = alice_client.post(edit_url(question), question_fields(question=""))

    assert response.status_code == 200
    assert "Write down the question that caught you out." in response.content.decode()
    question.refresh_from_db()
    assert question.question == "Why us?"


def test_editing_from_practice_goes_back_to_practising_that_question(alice, alice_client):
    question = add_by_hand(alice, "Why us?")
    back = f"{PRACTICE}?question={question.pk}"

    practice = alice_client.get(back).content.decode()
    response = alice_client.post(edit_url(question), {**question_fields(), "next": back})
    outside = alice_client.post(
        edit_url(question), {**question_fields(), "next": "https://evil.example/"}
    )

    assert f'href="{edit_url(question)}?next=' in practice
    assert response["Location"] == back
    assert outside["Location"] == LIST


def test_another_users_question_cannot_be_edited_or_deleted(alice, mallory_client):
    for question in (add_question(alice, "Zebracorn?"), add_by_hand(alice, "Zebracorn by hand?")):
        for url in (edit_url(question), delete_url(question)):
            assert mallory_client.get(url).status_code == 404
            assert mallory_client.post(url, question_fields(question="Mine now")).status_code == 404
        assert CaughtOutQuestion.objects.filter(
            pk=question.pk, question__startswith="Zebracorn"
        ).exists()


# Deleting ---------------------------------------------------------------------------------


def test_deleting_asks_first_then_removes_only_that_question(alice, alice_client):
    keep = add_by_hand(alice, "Keep me")
    question = add_by_hand(alice, "Remove me")

    confirm = alice_client.get(delete_url(question))

    assert confirm.status_code == 200
    assert "Remove me" in confirm.content.decode()
    assert CaughtOutQuestion.objects.filter(pk=question.pk).exists()
    response = alice_client.post(delete_url(question))
    assert response.status_code == 302
    assert response["Location"] == LIST
    assert list(CaughtOutQuestion.objects.all()) == [keep]


def test_deleting_a_reflection_question_says_it_leaves_the_reflection(alice, alice_client):
    question = add_question(alice, "Why us?", company="Globex")

    html = alice_client.get(delete_url(question)).content.decode()

    assert "reflection" in html
    assert "Globex" in html
    alice_client.post(delete_url(question))
    assert not question.reflection.questions.exists()


# The owner of a question ------------------------------------------------------------------


def test_questions_belong_to_their_owner_with_or_without_a_reflection(alice, mallory):
    mine = add_by_hand(alice, "By hand")
    reflected = add_question(alice, "From a reflection")
    add_by_hand(mallory, "Theirs")

    assert set(CaughtOutQuestion.objects.owned_by(alice)) == {mine, reflected}


def test_deleting_an_application_keeps_the_hand_added_questions_tied_to_it(alice):
    acme = make_application(owner=alice, company="Acme")
    question = add_by_hand(alice, "Why us?", application=acme)

    acme.delete()

    question.refresh_from_db()
    assert question.application is None


def test_a_question_cannot_be_tied_to_a_reflection_and_an_application_at_once(alice):
    from_reflection = add_question(alice, "Why us?")
    from_reflection.application = make_application(owner=alice)

    with pytest.raises(IntegrityError), transaction.atomic():
        from_reflection.save()
