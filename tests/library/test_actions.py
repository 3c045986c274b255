"""The actions list: filters, marking done or open again, and what that does to recovery."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import Interview, Lesson, RecoveryStage

from ..conftest import QUERY_BUDGET, logged_in, make_application, make_interview, make_reflection

LIST = reverse("interviews:action_list")


def toggle_url(lesson):
    return reverse("interviews:action_toggle", args=[lesson.pk])


def add_lesson(owner, action, *, company="Northwind", category="preparation", done=False, days=3):
    interview = make_interview(
        application=make_application(owner=owner, company=company),
        rating=1,
        scheduled_at=timezone.now() - timedelta(days=days),
    )
    reflection = make_reflection(interview=interview, lessons=0, follow_up="none")
    return Lesson.objects.create(
        reflection=reflection,
        text=f"Lesson behind {action}",
        category=category,
        action=action,
        done=done,
        done_at=timezone.now() if done else None,
    )


def actions(response):
    assert response.status_code == 200
    return [lesson.action for lesson in response.context["page"].object_list]


# The list ---------------------------------------------------------------------------


def test_every_action_is_listed_open_first_then_newest_interview(alice, alice_client):
    add_lesson(alice, "Done recently", done=True, days=1)
    add_lesson(alice, "Open, older", days=10)
    add_lesson(alice, "Open, newer", days=2)

    response = alice_client.get(LIST)

    assert actions(response) == ["Open, newer", "Open, older", "Done recently"]
    assert b"2 open \xc2\xb7 1 done" in response.content


def test_an_interviews_actions_leave_out_its_applications_other_interviews(
    alice, alice_client, mallory
):
    first = add_lesson(alice, "Research the team")
    application = first.reflection.interview.application
    later = make_interview(application=application, rating=2)
    Lesson.objects.create(
        reflection=make_reflection(interview=later, lessons=0, follow_up="none"),
        text="Lesson",
        category="mindset",
        action="Sleep well",
    )

    response = alice_client.get(LIST, {"interview": first.reflection.interview_id})

    assert actions(response) == ["Research the team"]
    assert b"Showing the actions from your Technical interview at Northwind" in response.content
    theirs = add_lesson(mallory, "Theirs").reflection.interview_id
    assert alice_client.get(LIST, {"interview": theirs}).status_code == 404


def test_actions_can_be_filtered_by_theme_and_status(alice, alice_client):
    add_lesson(alice, "Research", category="preparation")
    add_lesson(alice, "Breathe", category="mindset")
    add_lesson(alice, "Breathe again", category="mindset", done=True)

    assert actions(alice_client.get(LIST, {"category": "mindset"})) == ["Breathe", "Breathe again"]
    assert actions(alice_client.get(LIST, {"category": "mindset", "status": "done"})) == [
        "Breathe again"
    ]
    assert actions(alice_client.get(LIST, {"q": "research"})) == ["Research"]


def test_actions_can_be_filtered_by_one_application(alice, alice_client):
    mine = add_lesson(alice, "For Acme", company="Acme")
    add_lesson(alice, "For Globex", company="Globex")
    application = mine.reflection.interview.application

    response = alice_client.get(LIST, {"application": application.pk})

    assert actions(response) == ["For Acme"]
    assert response.context["application"] == application
    assert f'<option value="{application.pk}" selected>'.encode() in response.content


def test_filtering_by_another_users_application_is_404(alice, mallory_client):
    theirs = add_lesson(alice, "Zebracorn").reflection.interview.application
    assert mallory_client.get(LIST, {"application": theirs.pk}).status_code == 404


def test_a_malformed_application_filter_is_shown_as_an_error(alice, alice_client):
    add_lesson(alice, "Research")

    response = alice_client.get(LIST, {"application": "abc"})

    assert actions(response) == ["Research"]
    assert response.context["form"].errors["application"]


def test_an_unknown_theme_is_shown_as_an_error_and_the_other_filters_still_apply(
    alice, alice_client
):
    mine = add_lesson(alice, "For Acme", company="Acme")
    add_lesson(alice, "For Globex", company="Globex")

    response = alice_client.get(
        LIST, {"application": mine.reflection.interview.application_id, "category": "zzz"}
    )

    assert actions(response) == ["For Acme"]
    assert response.context["form"].errors["category"]
    assert b'aria-invalid="true"' in response.content


def test_the_list_is_paginated_and_pages_keep_the_filters(alice, alice_client):
    reflection = make_reflection(interview=make_interview(owner=alice, rating=1), lessons=0)
    Lesson.objects.bulk_create(
        Lesson(reflection=reflection, text="t", category="knowledge", action=f"Do {n}")
        for n in range(27)
    )

    response = alice_client.get(LIST, {"category": "knowledge"})

    assert "Showing 1–25 of 27" in response.content.decode()
    assert b'href="?category=knowledge&amp;page=2"' in response.content


def test_without_lessons_the_list_says_where_actions_come_from(alice_client):
    assert b"No actions yet." in alice_client.get(LIST).content


def test_the_list_never_shows_another_users_actions(alice, mallory_client):
    add_lesson(alice, "Zebracorn action", company="Zebracorn")

    response = mallory_client.get(LIST)

    assert actions(response) == []
    assert b"Zebracorn" not in response.content


def test_query_count_is_the_same_for_2_and_60_actions(
    alice,
    mallory,
    alice_client,
    mallory_client,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    for n in range(2):
        add_lesson(alice, f"Alice {n}", done=n % 2 == 0)
    for n in range(60):
        add_lesson(mallory, f"Mallory {n}", company=f"Company {n}", done=n % 2 == 0)
    alices = Lesson.objects.owned_by(alice).first().reflection.interview.application_id
    mallorys = Lesson.objects.owned_by(mallory).first().reflection.interview.application_id

    for alice_params, mallory_params in [
        ({}, {}),
        ({"application": alices}, {"application": mallorys}),
    ]:
        with django_assert_max_num_queries(QUERY_BUDGET) as two:
            assert alice_client.get(LIST, alice_params).status_code == 200
        with django_assert_num_queries(len(two)):
            assert mallory_client.get(LIST, mallory_params).status_code == 200


def test_list_refuses_post(alice_client):
    assert alice_client.post(LIST).status_code == 405


# Marking done and reopening --------------------------------------------------------------------


def test_marking_done_records_when_and_goes_back_to_the_filtered_list(alice, alice_client):
    lesson = add_lesson(alice, "Research")
    back = f"{LIST}?category=preparation&page=1"

    response = alice_client.post(toggle_url(lesson), {"done": "1", "next": back})

    assert response.status_code == 302
    assert response["Location"] == back
    lesson.refresh_from_db()
    assert lesson.done
    assert abs(lesson.done_at - timezone.now()) < timedelta(minutes=1)


def test_reopening_clears_the_done_date(alice, alice_client):
    lesson = add_lesson(alice, "Research", done=True)

    alice_client.post(toggle_url(lesson), {"done": "0"})

    lesson.refresh_from_db()
    assert (lesson.done, lesson.done_at) == (False, None)


def test_marking_a_done_action_done_again_keeps_its_date(alice, alice_client):
    lesson = add_lesson(alice, "Research", done=True)
    Lesson.objects.filter(pk=lesson.pk).update(done_at=timezone.now() - timedelta(days=4))
    before = Lesson.objects.get(pk=lesson.pk).done_at

    alice_client.post(toggle_url(lesson), {"done": "1"})

    assert Lesson.objects.get(pk=lesson.pk).done_at == before


@pytest.mark.parametrize(
    "next_url", ["https://evil.example.com/", "//evil.example.com/", "", "-1", "action_list"]
)
def test_an_outside_next_address_is_ignored(alice, alice_client, next_url):
    lesson = add_lesson(alice, "Research")

    response = alice_client.post(toggle_url(lesson), {"done": "1", "next": next_url})

    assert response["Location"] == LIST


@pytest.mark.parametrize("data", [{}, {"done": "maybe"}])
def test_a_toggle_without_a_clear_state_changes_nothing(alice, alice_client, data):
    lesson = add_lesson(alice, "Research")

    assert alice_client.post(toggle_url(lesson), data).status_code == 400

    lesson.refresh_from_db()
    assert not lesson.done


def test_toggle_refuses_get(alice, alice_client):
    lesson = add_lesson(alice, "Research")
    assert alice_client.get(toggle_url(lesson)).status_code == 405


def test_another_user_cannot_toggle_an_action(alice, mallory_client):
    lesson = add_lesson(alice, "Research")

    assert mallory_client.post(toggle_url(lesson), {"done": "1"}).status_code == 404
    assert mallory_client.get(toggle_url(lesson)).status_code == 404

    lesson.refresh_from_db()
    assert (lesson.done, lesson.done_at) == (False, None)


def test_doing_the_last_action_makes_the_interview_ready(alice, alice_client):
    lesson = add_lesson(alice, "Research")
    interview = lesson.reflection.interview

    def stage():
        fetched = Interview.objects.owned_by(alice).with_recovery().get(pk=interview.pk)
        return fetched.recovery().stage

    assert stage() == RecoveryStage.FOLLOWED_UP
    alice_client.post(toggle_url(lesson), {"done": "1"})
    assert stage() == RecoveryStage.READY
    dashboard = alice_client.get(reverse("interviews:dashboard")).context["dashboard"]
    assert dashboard.recovering.ready_count == 1


def test_each_mark_done_form_carries_its_csrf_token(alice):
    interview = make_interview(owner=alice, rating=1)
    make_reflection(interview=interview)
    client = logged_in(alice)
    for url in (interview.get_absolute_url(), reverse("interviews:action_list")):
        html = client.get(url).content.decode()
        form = html[html.index('action="/actions/') :]
        form = form[: form.index("</form>")]
        assert 'name="csrfmiddlewaretoken"' in form, url
