"""The dashboard: every section from a known data set, its empty states and its query count."""

import itertools
import zoneinfo
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.dashboard import recovering
from interviews.models import (
    Application,
    CaughtOutQuestion,
    FollowUpLetter,
    Interview,
    Lesson,
    RecoveryStage,
    Reflection,
    WizardDraft,
)

from ..conftest import QUERY_BUDGET, make_application, make_interview, make_letter, make_reflection

URL = reverse("interviews:dashboard")


def get_dashboard(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response, response.context["dashboard"]


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def ahead(**kwargs):
    return timezone.now() + timedelta(**kwargs)


def bad_interview(owner, *, company="Northwind", **overrides):
    application = make_application(owner=owner, company=company)
    fields = {"rating": 1, "scheduled_at": ago(days=5)}
    fields.update(overrides)
    return make_interview(application=application, **fields)


def finish(reflection):
    """Mark every action of a reflection done."""
    reflection.lessons.update(done=True, done_at=timezone.now())


def item_for(board, interview):
    (item,) = [item for item in board.recovering.items if item.interview.pk == interview.pk]
    return item


def make_draft(interview, step):
    """Save a reflection wizard draft stopped at `step`, as the wizard does."""
    return WizardDraft.objects.create(
        owner=interview.application.owner,
        interview=interview,
        current_step=step,
        data={"step_data": {"feelings": {"feelings-intensity_before": ["7"]}}, "extra_data": {}},
    )


# Access ----------------------------------------------------------------------


def test_new_user_sees_a_welcome_that_says_to_add_a_first_application(alice_client):
    response, board = get_dashboard(alice_client)
    assert board.is_new
    assert b"Welcome to Rebound" in response.content
    assert reverse("interviews:application_create").encode() in response.content
    assert b"Recovering" not in response.content


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_dashboard_only_answers_get(alice_client, method):
    assert getattr(alice_client, method)(URL).status_code == 405


def test_dashboard_shows_nothing_of_another_users_interviews(alice, mallory_client):
    interview = bad_interview(alice, company="Zebracorn Secret Labs")
    make_reflection(interview=interview, questions=1)
    make_letter(interview=interview, status="sent", sent_on=timezone.localdate())
    make_interview(owner=alice, scheduled_at=ahead(days=1))

    response, board = get_dashboard(mallory_client)

    assert board.is_new
    assert b"Zebracorn" not in response.content


# Query count -----------------------------------------------------------------------


def populate(owner, count):
    """Give owner `count` interviews: old and recent bad ones, some Ready, and upcoming ones."""
    for number in range(count):
        application = make_application(owner=owner, company=f"Company {number % 7}")
        if number % 2 == 0 and number > 0:
            make_interview(application=application, scheduled_at=ahead(days=number))
            continue
        recent = number == 1
        interview = make_interview(
            application=application,
            rating=2,
            scheduled_at=ago(hours=30) if recent else ago(days=number + 10),
            cool_off_confirmed=recent,
        )
        reflection = make_reflection(interview=interview, lessons=2, questions=1)
        make_letter(interview=interview, status="sent", sent_on=timezone.localdate())
        if number % 4 == 1:
            finish(reflection)


def test_query_count_is_the_same_for_2_and_60_interviews(
    alice_client,
    mallory_client,
    alice,
    mallory,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    populate(alice, 2)
    populate(mallory, 60)

    with django_assert_max_num_queries(QUERY_BUDGET) as small:
        assert alice_client.get(URL).status_code == 200
    with django_assert_num_queries(len(small)):
        assert mallory_client.get(URL).status_code == 200


def test_query_count_with_saved_drafts_is_the_same_for_2_and_60_interviews(
    alice_client,
    mallory_client,
    alice,
    mallory,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    for owner, count in [(alice, 2), (mallory, 60)]:
        for number in range(count):
            interview = bad_interview(
                owner, company=f"Company {number % 7}", scheduled_at=ago(days=number + 4)
            )
            make_draft(interview, "lessons")
    populate(alice, 2)
    populate(mallory, 60)

    with django_assert_max_num_queries(QUERY_BUDGET) as small:
        response = alice_client.get(URL)
        assert "Continue — step 3 of 6" in response.content.decode()
    with django_assert_num_queries(len(small)):
        response = mallory_client.get(URL)
        assert "Continue — step 3 of 6" in response.content.decode()


# Recovering ----------------------------------------------------------------------------


def test_a_bad_interview_inside_its_cool_off_shows_the_hours_left(alice_client, alice):
    interview = bad_interview(alice, scheduled_at=ago(hours=1), duration_minutes=60)

    response, board = get_dashboard(alice_client)

    item = item_for(board, interview)
    assert item.recovery.stage == RecoveryStage.LOGGED
    assert item.next_step.label == "Cooling off — 48 h left"
    assert item.next_step.url == reverse("interviews:interview_detail", args=[interview.pk])
    assert "Cooling off — 48 h left".encode() in response.content


def test_a_cooled_off_interview_without_a_reflection_says_reflect_now(alice_client, alice):
    interview = bad_interview(alice)

    response, board = get_dashboard(alice_client)

    item = item_for(board, interview)
    assert item.recovery.stage == RecoveryStage.COOLED_OFF
    assert (item.next_step.label, item.next_step.url) == (
        "Reflect now",
        reverse("interviews:reflect", args=[interview.pk]),
    )
    assert b"At stage <strong>Cooled off</strong> (2 of 6)" in response.content


def test_a_draft_reflection_asks_to_continue_it(alice, alice_client):
    interview = bad_interview(alice)
    make_reflection(interview=interview, status=Reflection.Status.DRAFT)

    _, board = get_dashboard(alice_client)

    assert item_for(board, interview).next_step.label == "Continue your reflection"


@pytest.mark.parametrize(
    ("when", "step", "number"),
    [
        ({"hours": 2}, "what_happened", 2),
        ({"days": 5}, "what_happened", 2),
        ({"days": 5}, "questions", 2),
        ({"days": 5}, "forgive", 4),
    ],
)
def test_a_saved_wizard_draft_says_which_step_to_continue_from(
    alice, alice_client, when, step, number
):
    interview = bad_interview(alice, scheduled_at=ago(**when))
    make_draft(interview, step)

    response, board = get_dashboard(alice_client)

    item = item_for(board, interview)
    label = f"Continue — step {number} of 6"
    url = reverse("interviews:reflect", args=[interview.pk])
    assert (item.next_step.label, item.next_step.url) == (label, url)
    html = response.content.decode()
    assert label in html
    assert "Cooling off" not in html
    assert "Reflect now" not in html


def test_a_draft_of_another_interview_does_not_move_this_one_on(alice, alice_client):
    started = bad_interview(alice, company="Acme")
    untouched = bad_interview(alice, company="Globex")
    make_draft(started, "lessons")

    _, board = get_dashboard(alice_client)

    assert item_for(board, started).next_step.label == "Continue — step 3 of 6"
    assert item_for(board, untouched).next_step.label == "Reflect now"


def test_a_draft_letter_is_the_next_step_after_forgiving(alice, alice_client):
    interview = bad_interview(alice)
    make_reflection(interview=interview)
    older = make_letter(interview=interview)
    newer = make_letter(interview=interview)
    FollowUpLetter.objects.filter(pk=older.pk).update(updated_at=ago(days=2))

    _, board = get_dashboard(alice_client)

    item = item_for(board, interview)
    assert item.recovery.stage == RecoveryStage.FORGIVEN
    assert (item.next_step.label, item.next_step.url) == (
        "Finish your letter",
        reverse("interviews:letter_detail", args=[newer.pk]),
    )


def test_without_a_letter_the_next_step_starts_one(alice, alice_client):
    interview = bad_interview(alice)
    make_reflection(interview=interview)

    _, board = get_dashboard(alice_client)

    assert item_for(board, interview).next_step.url == reverse(
        "interviews:letter_create", args=[interview.pk]
    )


def test_after_following_up_the_open_actions_are_counted_and_linked(alice, alice_client):
    interview = bad_interview(alice)
    reflection = make_reflection(interview=interview, lessons=3, follow_up="none")
    Lesson.objects.filter(pk=reflection.lessons.first().pk).update(
        done=True, done_at=timezone.now()
    )

    response, board = get_dashboard(alice_client)

    item = item_for(board, interview)
    assert item.recovery.stage == RecoveryStage.FOLLOWED_UP
    url = reverse("interviews:action_list") + f"?interview={interview.pk}"
    assert (item.next_step.label, item.next_step.url) == ("2 actions left before you're ready", url)
    assert f'href="{url}"'.encode() in response.content


def test_ready_interviews_leave_the_list_and_count_towards_the_share(alice, alice_client):
    ready = bad_interview(alice)
    finish(make_reflection(interview=ready, lessons=2, follow_up="none"))
    waiting = bad_interview(alice)
    make_reflection(interview=waiting, lessons=1, follow_up="none")
    untouched = bad_interview(alice)
    make_interview(owner=alice, rating=5)

    response, board = get_dashboard(alice_client)

    assert {item.interview for item in board.recovering.items} == {waiting, untouched}
    assert (board.recovering.ready_count, board.recovering.bad_count) == (1, 3)
    assert board.recovering.ready_percent == 33
    assert b"1 of 3 hard interviews reached Ready (33%)" in response.content


def test_the_list_shows_the_most_recent_six_and_counts_the_rest(alice, alice_client):
    interviews = [bad_interview(alice, scheduled_at=ago(days=3 + n)) for n in range(8)]

    response, board = get_dashboard(alice_client)

    assert [item.interview for item in board.recovering.items] == interviews[:6]
    assert board.recovering.more == 2
    assert b"And 2 more, older ones" in response.content


def test_when_every_bad_interview_is_ready_the_section_says_so(alice, alice_client):
    interview = bad_interview(alice)
    finish(make_reflection(interview=interview, follow_up="none"))

    response, board = get_dashboard(alice_client)

    assert board.recovering.items == []
    assert b"Your hard interview has reached Ready." in response.content


RECOVERING_URL = reverse("interviews:recovering_list")


def test_the_more_line_links_to_a_page_listing_every_interview_on_its_way_back(alice, alice_client):
    interviews = [bad_interview(alice, scheduled_at=ago(days=3 + n)) for n in range(9)]
    ready = bad_interview(alice, company="Readyco", scheduled_at=ago(days=4, hours=12))
    finish(make_reflection(interview=ready, follow_up="none"))
    recent = bad_interview(
        alice, company="Recentco", scheduled_at=ago(hours=30), cool_off_confirmed=True
    )
    finish(make_reflection(interview=recent, follow_up="none"))

    dashboard, _ = get_dashboard(alice_client)
    response = alice_client.get(RECOVERING_URL)

    assert "you'll find them under their applications" not in dashboard.content.decode()
    assert f'href="{RECOVERING_URL}">See all 9 hard interviews on their way back</a>'.encode() in (
        dashboard.content
    )
    assert response.status_code == 200
    page = response.context["page"]
    assert [item.interview for item in page.object_list] == interviews
    assert [item.next_step.label for item in page.object_list] == ["Reflect now"] * 9
    html = response.content.decode()
    assert "Readyco" not in html
    assert "Recentco" not in html
    assert html.count('class="recovering-item"') == 9


def test_the_recovering_page_goes_page_by_page(alice, alice_client):
    for n in range(27):
        bad_interview(alice, scheduled_at=ago(days=3 + n))

    first = alice_client.get(RECOVERING_URL).context["page"]
    second = alice_client.get(RECOVERING_URL, {"page": "2"}).context["page"]
    wild = alice_client.get(RECOVERING_URL, {"page": "x<script>"})

    assert (len(first.object_list), len(second.object_list)) == (25, 2)
    assert first.paginator.count == 27
    assert wild.status_code == 200


def test_the_recovering_page_says_so_when_nothing_is_on_its_way_back(alice, alice_client):
    ready = bad_interview(alice)
    finish(make_reflection(interview=ready, follow_up="none"))

    response = alice_client.get(RECOVERING_URL)

    assert response.status_code == 200
    assert b"No hard interview is on its way back" in response.content


def test_the_recovering_page_shows_nothing_of_another_users_interviews(alice, mallory_client):
    bad_interview(alice, company="Zebracorn Secret Labs")

    response = mallory_client.get(RECOVERING_URL)

    assert response.status_code == 200
    assert b"Zebracorn" not in response.content


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_recovering_page_only_answers_get(alice_client, method):
    assert getattr(alice_client, method)(RECOVERING_URL).status_code == 405


def test_recovering_page_query_count_is_the_same_for_2_and_60_interviews(
    alice_client,
    mallory_client,
    alice,
    mallory,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    for owner, count in [(alice, 2), (mallory, 60)]:
        populate(owner, count)
        for number in range(count):
            make_draft(bad_interview(owner, scheduled_at=ago(days=number + 4)), "forgive")

    with django_assert_max_num_queries(QUERY_BUDGET) as small:
        assert alice_client.get(RECOVERING_URL).status_code == 200
    with django_assert_num_queries(len(small)):
        assert mallory_client.get(RECOVERING_URL).status_code == 200


STATES = {
    "when": [{"days": 5}, {"hours": 30}],
    "cool_off_confirmed": [False, True],
    "reflection": ["none", "draft", "complete"],
    "causes": [["nerves"], []],
    "lessons": ["none", "open", "done"],
    "follow_up": ["none", "sent", "draft"],
    "forgiven": [True, False],
}


def test_ready_share_matches_the_recovery_of_every_interview(alice, alice_client, monkeypatch):
    """The database's rule for Ready must agree with Recovery on every mix of answers."""
    monkeypatch.setattr(recovering, "RECOVERING_SHOWN", 10_000)
    for when, confirmed, reflection, causes, lessons, follow_up, forgiven in itertools.product(
        *STATES.values()
    ):
        interview = bad_interview(alice, scheduled_at=ago(**when), cool_off_confirmed=confirmed)
        if reflection == "none":
            continue
        made = make_reflection(
            interview=interview,
            status=reflection,
            causes=causes,
            lessons=0 if lessons == "none" else 2,
            follow_up="none" if follow_up == "none" else "apology",
            intensity_after=4 if forgiven else None,
        )
        if lessons == "done":
            finish(made)
        if follow_up != "none":
            make_letter(interview=interview, status=follow_up)

    _, board = get_dashboard(alice_client)

    everything = list(Interview.objects.owned_by(alice).went_badly().with_recovery())
    not_ready = {i.pk for i in everything if not i.recovery().is_ready}
    assert {item.interview.pk for item in board.recovering.items} == not_ready
    assert board.recovering.total == len(not_ready)
    assert board.recovering.ready_count == len(everything) - len(not_ready)
    # Both paths were taken: old interviews judged by the database, recent ones by Recovery.
    ready_when = {i.scheduled_at < ago(days=3) for i in everything if i.pk not in not_ready}
    assert ready_when == {True, False}


# Too soon? -------------------------------------------------------------------------------


def test_an_interview_booked_inside_a_cool_off_is_flagged_in_the_users_time_zone(
    alice, alice_client
):
    alice.profile.time_zone = "America/New_York"
    alice.profile.save()
    bad = bad_interview(alice, company="Acme", scheduled_at=ago(hours=3), duration_minutes=60)
    soon = make_interview(owner=alice, scheduled_at=ahead(hours=20))
    make_interview(owner=alice, scheduled_at=ahead(days=4))

    response, board = get_dashboard(alice_client)

    assert [(clash.interview, clash.bad) for clash in board.too_soon] == [(soon, bad)]
    until = bad.scheduled_at + timedelta(hours=49)
    local = timezone.localtime(until, zoneinfo.ZoneInfo("America/New_York"))
    utc = timezone.localtime(until, zoneinfo.ZoneInfo("UTC"))
    html = response.content.decode()
    assert f"runs until {local:%a} {local.day} {local:%b}, {local:%H:%M}" in html
    assert f"{utc:%H:%M}" not in html.split("Too soon?")[1].split("</section>")[0]
    assert reverse("interviews:reflect", args=[bad.pk]) in html


def too_soon_card(response):
    """Return the Too soon? card's HTML, or None when the page does not show it."""
    html = response.content.decode()
    if 'id="too-soon-title"' not in html:
        return None
    return html.split('id="too-soon-title"')[1].split("</section>")[0]


def test_a_confirmed_cool_off_takes_the_too_soon_card_away(alice, alice_client):
    bad_interview(alice, scheduled_at=ago(hours=3), cool_off_confirmed=True)
    make_interview(owner=alice, scheduled_at=ahead(hours=5))

    response, board = get_dashboard(alice_client)

    assert board.too_soon == []
    assert too_soon_card(response) is None


def test_a_finished_reflection_takes_the_too_soon_card_away(alice, alice_client):
    bad = bad_interview(alice, company="Acme", scheduled_at=ago(hours=3))
    make_reflection(interview=bad, lessons=1, follow_up="none")
    make_interview(owner=alice, scheduled_at=ahead(hours=5))

    response, board = get_dashboard(alice_client)

    assert board.too_soon == []
    assert too_soon_card(response) is None
    assert b"Reflect on the Acme interview" not in response.content


def test_a_ready_interview_takes_the_too_soon_card_away(alice, alice_client):
    bad = bad_interview(alice, company="Acme", scheduled_at=ago(hours=3))
    finish(make_reflection(interview=bad, lessons=1, follow_up="none"))
    make_interview(owner=alice, scheduled_at=ahead(hours=5))

    response, board = get_dashboard(alice_client)

    assert board.too_soon == []
    assert too_soon_card(response) is None
    assert b"runs until" not in response.content


def test_a_reflection_only_begun_keeps_the_too_soon_card(alice, alice_client):
    bad = bad_interview(alice, company="Acme", scheduled_at=ago(hours=3))
    make_draft(bad, "what_happened")
    make_interview(owner=alice, scheduled_at=ahead(hours=5))

    response, board = get_dashboard(alice_client)

    assert [clash.bad for clash in board.too_soon] == [bad]
    card = too_soon_card(response)
    assert "runs until" in card
    url = reverse("interviews:reflect", args=[bad.pk])
    assert (
        f'<a class="small" href="{url}">Continue your reflection on the Acme interview '
        "(step 2 of 6)</a>"
    ) in card
    assert "Reflect on the Acme interview" not in card


def test_clashes_beyond_the_next_five_interviews_are_still_flagged(alice, alice_client):
    bad = bad_interview(alice, scheduled_at=ago(hours=2))
    upcoming = [make_interview(owner=alice, scheduled_at=ahead(hours=n + 1)) for n in range(7)]

    _, board = get_dashboard(alice_client)

    assert [clash.interview for clash in board.too_soon] == upcoming
    assert {clash.bad for clash in board.too_soon} == {bad}
    assert [checklist.interview for checklist in board.coming_up] == upcoming[:5]


def test_without_clashes_the_too_soon_card_is_not_shown(alice, alice_client):
    bad_interview(alice, scheduled_at=ago(days=10))
    make_interview(owner=alice, scheduled_at=ahead(hours=5))

    response, board = get_dashboard(alice_client)

    assert board.too_soon == []
    assert too_soon_card(response) is None


def test_a_cool_off_that_has_passed_is_never_spoken_of_as_running(alice, alice_client):
    """Logged five days late, the window is over: no card, no "runs until", no "ends"."""
    bad_interview(alice, company="Acme", scheduled_at=ago(days=5))
    make_interview(owner=alice, scheduled_at=ahead(hours=5))
    make_interview(owner=alice, scheduled_at=ahead(days=1))

    response, board = get_dashboard(alice_client)

    assert board.too_soon == []
    html = response.content.decode()
    for phrase in ["runs until", "cool-off ends", "Cooling off"]:
        assert phrase not in html


# Coming up -------------------------------------------------------------------------------


def lesson_from(owner, *, company, kind, action, done=False):
    interview = bad_interview(owner, company=company, kind=kind)
    reflection = make_reflection(interview=interview, lessons=0)
    return Lesson.objects.create(
        reflection=reflection,
        text="A lesson",
        category="knowledge",
        action=action,
        done=done,
        done_at=timezone.now() if done else None,
    )


def test_checklist_puts_same_company_then_same_kind_first(alice, alice_client):
    upcoming = make_interview(
        application=make_application(owner=alice, company="Acme"),
        kind=Interview.Kind.TECHNICAL,
        scheduled_at=ahead(days=2),
    )
    lesson_from(alice, company="Other", kind="technical", action="Same kind")
    lesson_from(alice, company="ACME ", kind="panel", action="Same company")
    lesson_from(alice, company="Other", kind="case", action="Rest")
    lesson_from(alice, company="Acme", kind="panel", action="Done already", done=True)

    response, board = get_dashboard(alice_client)

    (checklist,) = board.coming_up
    assert checklist.interview == upcoming
    assert [a.item.action for a in checklist.actions] == ["Same company", "Same kind", "Rest"]
    html = response.content.decode()
    assert html.index("Same company") < html.index("Same kind") < html.index("Rest")
    assert "Done already" not in html


def test_checklist_caps_actions_and_questions_and_counts_the_rest(alice, alice_client):
    make_interview(owner=alice, scheduled_at=ahead(days=2))
    for number in range(7):
        lesson_from(alice, company="Other", kind="case", action=f"Action {number}")
    reflection = make_reflection(interview=bad_interview(alice), lessons=0, questions=5)
    later = timezone.localdate() + timedelta(days=30)
    boxes = [(3, None), (1, None), (2, None), (1, None), (1, later)]
    for question, (box, due_on) in zip(reflection.questions.order_by("pk"), boxes, strict=True):
        CaughtOutQuestion.objects.filter(pk=question.pk).update(box=box, due_on=due_on)

    response, board = get_dashboard(alice_client)

    (checklist,) = board.coming_up
    assert (len(checklist.actions), checklist.more_actions) == (5, 2)
    # Only the questions due before the interview, the lowest boxes first.
    assert [q.item.box for q in checklist.questions] == [1, 1, 2]
    assert (checklist.all_questions, checklist.more_questions) == (4, 1)
    assert b"See all 7 open actions" in response.content
    assert b"4 questions due before it" in response.content


def question_from(owner, *, company, kind, question, times_practised=0):
    interview = bad_interview(owner, company=company, kind=kind)
    reflection = make_reflection(interview=interview, lessons=0, questions=1)
    asked = reflection.questions.get()
    CaughtOutQuestion.objects.filter(pk=asked.pk).update(
        question=question, times_practised=times_practised
    )
    return asked


def summary_of(html, company):
    """Return the text of the checklist summary under the upcoming interview at `company`."""
    coming_up = html.split('id="coming-up-title"')[1]
    block = coming_up.split(f">{company} · ")[1].split("</summary>")[0]
    return " ".join(block.split("<summary>")[1].split())


def test_each_upcoming_interview_has_a_checklist_of_its_own(alice, alice_client):
    acme = make_interview(
        application=make_application(owner=alice, company="Acme"),
        kind=Interview.Kind.TECHNICAL,
        scheduled_at=ahead(days=1),
    )
    globex = make_interview(
        application=make_application(owner=alice, company="Globex"),
        kind=Interview.Kind.PANEL,
        scheduled_at=ahead(days=2),
    )
    for number in range(12):
        lesson_from(alice, company=f"Other {number}", kind="case", action=f"General {number}")
    lesson_from(alice, company="Acme", kind="case", action="Acme action")
    lesson_from(alice, company="Other", kind="technical", action="Technical action")
    lesson_from(alice, company="Globex", kind="case", action="Globex action")
    for number in range(6):
        question_from(alice, company=f"Other {number}", kind="case", question=f"General {number}?")
    question_from(alice, company="Acme", kind="case", question="Acme question?", times_practised=4)
    question_from(alice, company="Other", kind="panel", question="Panel question?")

    response, board = get_dashboard(alice_client)

    by_interview = {checklist.interview: checklist for checklist in board.coming_up}
    acme_list, globex_list = by_interview[acme], by_interview[globex]
    assert [a.item.action for a in acme_list.actions][:2] == ["Acme action", "Technical action"]
    assert [a.item.action for a in globex_list.actions][:1] == ["Globex action"]
    assert len(acme_list.actions) == len(globex_list.actions) == 5
    # What matters for this one comes first, however often it has been practised.
    assert [q.item.question for q in acme_list.questions][:1] == ["Acme question?"]
    assert [q.item.question for q in globex_list.questions][:1] == ["Panel question?"]
    assert (acme_list.matching_actions, acme_list.matching_questions) == (2, 1)
    assert (globex_list.matching_actions, globex_list.matching_questions) == (1, 1)
    html = response.content.decode()
    assert summary_of(html, "Acme") != summary_of(html, "Globex")
    assert "2 actions" in summary_of(html, "Acme")
    assert "15 actions" not in html


def test_a_checklist_links_to_pages_that_list_every_action_and_question(alice, alice_client):
    upcoming = make_interview(owner=alice, scheduled_at=ahead(days=2))
    for number in range(8):
        lesson_from(alice, company=f"Other {number}", kind="case", action=f"Action {number}")
    for number in range(5):
        question_from(alice, company=f"Other {number}", kind="case", question=f"Q {number}?")

    response, _ = get_dashboard(alice_client)

    html = response.content.decode()
    actions = reverse("interviews:action_list") + "?status=open"
    questions = reverse("interviews:question_list")
    assert f'<a href="{actions}">See all 8 open actions</a>' in html
    practise = reverse("interviews:question_practice") + f"?interview={upcoming.pk}"
    assert f'<a class="btn btn-sm btn-primary" href="{practise}">Practise these now' in html
    assert f'<a class="ms-2" href="{questions}">See all your questions</a>' in html
    assert "you'll find them under their applications" not in html
    assert reverse("interviews:recovering_list") in html


def test_questions_added_by_hand_join_the_checklist_of_their_company(alice, alice_client):
    acme = make_application(owner=alice, company="Acme")
    make_interview(application=acme, kind=Interview.Kind.PANEL, scheduled_at=ahead(days=1))
    question_from(alice, company="Other", kind="case", question="From a reflection?")
    CaughtOutQuestion.objects.create(owner=alice, application=acme, question="Why Acme?")
    CaughtOutQuestion.objects.create(owner=alice, question="Tell me about yourself?")

    response, board = get_dashboard(alice_client)

    (checklist,) = board.coming_up
    assert [entry.item.question for entry in checklist.questions] == [
        "Why Acme?",
        "From a reflection?",
        "Tell me about yourself?",
    ]
    assert [entry.match for entry in checklist.questions] == ["company", "", ""]
    assert response.status_code == 200


def test_an_interview_of_kind_other_matches_only_its_company(alice, alice_client):
    make_interview(
        application=make_application(owner=alice, company="Acme"),
        kind=Interview.Kind.OTHER,
        scheduled_at=ahead(days=1),
    )
    lesson_from(alice, company="Globex", kind="other", action="Another other")

    response, board = get_dashboard(alice_client)

    (checklist,) = board.coming_up
    assert [entry.match for entry in checklist.actions] == [""]
    summary = summary_of(response.content.decode(), "Acme")
    assert "nothing yet from Acme; the latest from the others" in summary
    assert "other interviews" not in summary


def test_coming_up_lists_the_next_five_interviews_in_order(alice, alice_client):
    interviews = [make_interview(owner=alice, scheduled_at=ahead(days=n + 1)) for n in range(6)]
    make_interview(owner=alice, scheduled_at=ago(days=1))

    _, board = get_dashboard(alice_client)

    assert [c.interview for c in board.coming_up] == interviews[:5]


def test_without_upcoming_interviews_coming_up_says_so(alice, alice_client):
    make_application(owner=alice)

    response, board = get_dashboard(alice_client)

    assert board.coming_up == []
    assert b"No interviews booked." in response.content


# How you're doing and patterns ------------------------------------------------------------------


def test_trend_has_a_row_per_completed_reflection_labelled_with_the_company(alice, alice_client):
    first = bad_interview(alice, company="Acme")
    make_reflection(
        interview=first,
        intensity_before=9,
        intensity_after=5,
        confidence_after=4,
        completed_at=ago(days=20),
    )
    second = bad_interview(alice, company="Globex")
    make_reflection(
        interview=second,
        intensity_before=7,
        intensity_after=2,
        confidence_after=8,
        completed_at=ago(days=2),
    )
    make_reflection(interview=bad_interview(alice), status="draft", completed_at=None)

    response, board = get_dashboard(alice_client)

    rows = board.progress.trend.rows
    assert [(row[0], *row[2:]) for row in rows] == [
        ("Acme", "9", "5", "4"),
        ("Globex", "7", "2", "8"),
    ]
    assert (board.progress.average_before, board.progress.average_after) == (8.0, 3.5)
    assert b'<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in response.content
    assert b"Feelings and confidence for each reflection" in response.content


def test_patterns_count_causes_once_per_reflection_and_lesson_themes(alice, alice_client):
    make_reflection(interview=bad_interview(alice), causes=["nerves", "under_prepared"], lessons=0)
    make_reflection(interview=bad_interview(alice), causes=["nerves", "nerves"], lessons=0)
    make_reflection(
        interview=bad_interview(alice), status="draft", causes=["nerves", "caught_out"], lessons=2
    )
    reflection = make_reflection(interview=bad_interview(alice), causes=[], lessons=0)
    Lesson.objects.create(reflection=reflection, text="t", category="mindset", action="a")

    _, board = get_dashboard(alice_client)

    assert board.patterns.causes.rows == [
        ["Nerves got the better of me", "3"],
        ["I was caught out by questions", "1"],
        ["I was under-prepared", "1"],
    ]
    assert board.patterns.categories.rows == [["Preparation", "2"], ["Mindset", "1"]]


def test_without_reflections_progress_and_patterns_say_what_will_appear(alice, alice_client):
    make_application(owner=alice)

    response, board = get_dashboard(alice_client)

    assert board.progress.trend is None
    assert board.patterns.causes is None
    assert b"Your trend will appear here once you finish a reflection" in response.content
    assert b"No causes recorded yet." in response.content


# Pipeline and waiting to hear ----------------------------------------------------------------


def test_pipeline_counts_applications_by_status_and_links_to_the_list(alice, alice_client):
    for status in ["applied", "applied", "offer"]:
        make_application(owner=alice, status=status)

    response, board = get_dashboard(alice_client)

    counts = {stage.status: stage.count for stage in board.pipeline}
    assert counts == dict.fromkeys(Application.Status.values, 0) | {
        "applied": 2,
        "offer": 1,
    }
    url = reverse("interviews:application_list") + "?status=applied"
    assert f'href="{url}"'.encode() in response.content


def test_pipeline_counts_read_one_application_and_two_applications(alice, alice_client):
    make_application(owner=alice, status="applied")
    make_application(owner=alice, status="offer")
    make_application(owner=alice, status="offer")

    response, _ = get_dashboard(alice_client)

    html = response.content.decode()
    assert '1<span class="visually-hidden"> application</span>' in html
    assert '2<span class="visually-hidden"> applications</span>' in html
    assert '1<span class="visually-hidden"> applications' not in html


def test_sent_letters_awaiting_a_reply_show_the_days_since_sending(alice, alice_client):
    alice.profile.time_zone = "Pacific/Auckland"
    alice.profile.save()
    today = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo("Pacific/Auckland")).date()
    interview = bad_interview(alice, company="Acme")
    waiting = make_letter(interview=interview, status="sent", sent_on=today - timedelta(days=5))
    make_letter(interview=interview, status="sent", sent_on=today, response="positive")
    make_letter(interview=interview)

    response, board = get_dashboard(alice_client)

    assert [(item.pk, item.days) for item in board.waiting] == [(waiting.pk, 5)]
    assert b"sent 5 days ago" in response.content
    assert reverse("interviews:letter_detail", args=[waiting.pk]).encode() in response.content


def test_empty_sections_say_so_honestly(alice, alice_client):
    make_application(owner=alice)

    response, _ = get_dashboard(alice_client)

    for text in [
        b"No hard interviews here.",
        b"No interviews booked.",
        b"No sent letters are waiting for a reply.",
        b"No lessons yet.",
    ]:
        assert text in response.content


def test_page_has_no_inline_styles_or_scripts(alice, alice_client):
    populate(alice, 6)

    response, _ = get_dashboard(alice_client)

    html = response.content.decode()
    assert " style=" not in html
    assert "<script>" not in html
    assert " onclick=" not in html


def test_the_checklist_and_the_practice_page_put_questions_in_one_order(alice, alice_client):
    upcoming = make_interview(
        application=make_application(owner=alice, company="Acme"),
        kind=Interview.Kind.PANEL,
        scheduled_at=ahead(days=3),
    )
    question_from(alice, company="Other", kind="case", question="Rest?")
    question_from(alice, company="Other", kind="panel", question="Same kind?")
    tied = question_from(alice, company="Acme", kind="case", question="Same company?")
    CaughtOutQuestion.objects.filter(pk=tied.pk).update(box=4)

    _, board = get_dashboard(alice_client)
    practice = alice_client.get(reverse("interviews:question_practice"), {"interview": upcoming.pk})

    (checklist,) = board.coming_up
    shown = [entry.item.question for entry in checklist.questions]
    assert shown == ["Same company?", "Same kind?", "Rest?"]
    assert practice.context["question"].question == shown[0]
