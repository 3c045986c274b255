"""The interview page: what it says follows the road back, and it shows what came of it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import Interview, Lesson, WizardDraft

from ..conftest import QUERY_BUDGET, make_application, make_interview, make_letter, make_reflection

LONG_NOTES = ("A line of notes about the interview, written on the way home. " * 160).strip()


def url(name, obj):
    return reverse(f"interviews:{name}", args=[obj.pk])


def page_of(client, interview):
    response = client.get(url("interview_detail", interview))
    assert response.status_code == 200
    return response.content.decode()


def at_stage(owner, stage, **interview_fields):
    """Return a bad interview that has reached the given road-back stage, and no further."""
    if stage == "logged":
        return make_interview(
            owner=owner,
            rating=1,
            scheduled_at=timezone.now() - timedelta(hours=2),
            **interview_fields,
        )
    interview = make_interview(owner=owner, rating=1, **interview_fields)
    if stage == "cooled_off":
        return interview
    fields = {
        "reflected": {"intensity_after": None, "follow_up": "none"},
        "forgiven": {"follow_up": "apology"},
        "followed_up": {"follow_up": "none"},
        "ready": {"follow_up": "none"},
    }[stage]
    reflection = make_reflection(interview=interview, lessons=2, **fields)
    if stage == "ready":
        reflection.lessons.update(done=True, done_at=timezone.now())
    return interview


# What the road back says at each stage

STAGE_TEXT = {
    "logged": ["Cooling off until", "A rough interview deserves a pause."],
    "cooled_off": ["look back at what happened and what to keep", "Reflect on this interview"],
    "reflected": ["Be kind to yourself", "what you did well"],
    "forgiven": ["Next, follow up", "Write a follow-up letter"],
    "followed_up": ["2 actions left before you are ready", "Mark done"],
    "ready": ["You are ready for the next one.", "Every action from this interview is done"],
}


@pytest.mark.parametrize(("stage", "number"), [(key, n) for n, key in enumerate(STAGE_TEXT, 1)])
def test_the_road_back_says_what_comes_next_at_each_stage(alice_client, alice, stage, number):
    content = page_of(alice_client, at_stage(alice, stage))
    assert f"Road back: stage {number} of 6" in content
    for text in STAGE_TEXT[stage]:
        assert text in content
    for other, texts in STAGE_TEXT.items():
        if other != stage:
            assert texts[0] not in content, other


def test_at_ready_the_page_no_longer_asks_to_take_time_or_to_reflect(alice_client, alice):
    content = page_of(alice_client, at_stage(alice, "ready", cool_off_confirmed=True))
    assert "Road back: stage 6 of 6, Ready" in content
    assert "You have taken some time" not in content
    assert "Reflect on this interview" not in content
    assert "look back at what happened" not in content


def test_a_confirmed_cool_off_before_reflecting_says_so(alice_client, alice):
    interview = at_stage(alice, "logged", cool_off_confirmed=True)
    content = page_of(alice_client, interview)
    assert "Road back: stage 2 of 6, Cooled off" in content
    assert "You have taken some time." in content
    assert "Cooling off until" not in content


def test_a_letter_in_draft_is_the_next_step_once_forgiven(alice_client, alice):
    interview = at_stage(alice, "forgiven")
    letter = make_letter(interview=interview, kind="apology", subject="Sorry about Tuesday")
    content = page_of(alice_client, interview)
    assert "Your letter is drafted" in content
    assert f'href="{letter.get_absolute_url()}"' in content
    assert "Finish your letter" in content


def test_a_finished_reflection_without_lessons_asks_for_them(alice_client, alice):
    interview = make_interview(owner=alice, rating=1)
    make_reflection(interview=interview, lessons=0)
    content = page_of(alice_client, interview)
    assert "Road back: stage 2 of 6, Cooled off" in content
    assert "does not yet name what went wrong and a lesson" in content
    step = reverse("interviews:reflect_step", args=[interview.pk, "lessons"])
    assert f'href="{step}"' in content
    assert "Reflect on this interview" not in content


def test_a_finished_reflection_inside_an_open_window_is_not_offered_again(alice_client, alice):
    interview = at_stage(alice, "logged")
    make_reflection(interview=interview)
    content = page_of(alice_client, interview)
    assert "Cooling off until" in content
    assert "Reflect on this interview" not in content
    assert "Add to your reflection" not in content
    assert "Read your reflection" in content


# What came of the interview


def test_page_lists_the_reflection_letters_questions_and_lessons(alice_client, alice):
    interview = make_interview(owner=alice, rating=1)
    reflection = make_reflection(interview=interview, lessons=2, questions=2)
    Lesson.objects.filter(reflection=reflection, text="Lesson 1").update(
        done=True, done_at=timezone.now()
    )
    sent = make_letter(interview=interview, kind="apology", subject="About Tuesday", status="sent")
    draft = make_letter(interview=interview, subject="Thanks for your time")
    content = page_of(alice_client, interview)
    assert f'href="{reverse("interviews:reflection_detail", args=[interview.pk])}"' in content
    assert "Read your reflection" in content
    for letter in (sent, draft):
        assert f'href="{letter.get_absolute_url()}"' in content
        assert letter.subject in content
    assert "Question 0?" in content
    assert "Question 1?" in content
    assert "Action 0" in content
    assert "Action 1" in content
    lessons = content[content.index('id="lessons-heading"') :]
    assert lessons.index("Action 0") < lessons.index("Open") < lessons.index("Action 1")
    assert lessons.index("Action 1") < lessons.index("Done")
    assert content.count('name="done" value="1"') == 1
    assert content.count('name="done" value="0"') == 1


def test_marking_an_action_done_from_the_page_comes_back_to_it(alice_client, alice):
    interview = at_stage(alice, "followed_up")
    lesson = Lesson.objects.filter(reflection__interview=interview).first()
    content = page_of(alice_client, interview)
    assert f'action="{url("action_toggle", lesson)}"' in content
    assert f'name="next" value="{url("interview_detail", interview)}"' in content
    response = alice_client.post(
        url("action_toggle", lesson), {"done": "1", "next": url("interview_detail", interview)}
    )
    assert response["Location"] == url("interview_detail", interview)
    content = page_of(alice_client, interview)
    assert "1 action left before you are ready" in content


def test_a_good_interview_with_a_thank_you_lists_it(alice_client, alice):
    interview = make_interview(owner=alice, rating=5)
    letter = make_letter(interview=interview, subject="Thank you, Sam")
    content = page_of(alice_client, interview)
    assert "Your road back" not in content
    assert f'href="{letter.get_absolute_url()}"' in content


def test_other_users_work_never_shows_on_the_page(alice_client, alice, mallory):
    interview = make_interview(owner=alice, rating=1)
    theirs = make_interview(owner=mallory, rating=1)
    make_reflection(interview=theirs, questions=1)
    make_letter(interview=theirs, subject="Mallory's letter")
    content = page_of(alice_client, interview)
    assert "Question 0?" not in content
    assert "Mallory" not in content


# A reflection in progress


@pytest.mark.parametrize(
    ("step", "number"),
    [("feelings", 1), ("what_happened", 2), ("questions", 2), ("lessons", 3), ("summary", 6)],
)
def test_a_saved_draft_offers_to_continue_at_its_step(alice_client, alice, step, number):
    interview = at_stage(alice, "cooled_off")
    WizardDraft.objects.create(
        owner=alice, interview=interview, current_step=step, data={"step_data": {"x": {}}}
    )
    content = page_of(alice_client, interview)
    assert f"Continue — step {number} of 6" in content
    assert f'href="{url("reflect", interview)}"' in content
    assert "Reflect on this interview" not in content


def test_without_a_draft_the_page_offers_to_start(alice_client, alice, mallory):
    interview = at_stage(alice, "cooled_off")
    content = page_of(alice_client, interview)
    assert "Continue — step" not in content
    assert "Reflect on this interview" in content


def test_a_draft_while_cooling_off_is_still_continued(alice_client, alice):
    interview = at_stage(alice, "logged")
    WizardDraft.objects.create(owner=alice, interview=interview, current_step="lessons")
    content = page_of(alice_client, interview)
    assert "Cooling off until" in content
    assert "Continue — step 3 of 6" in content
    assert "Reflect on this interview" not in content


# Cool-off windows in the past


def test_a_window_that_closed_before_the_interview_was_logged_is_not_mentioned(alice_client, alice):
    interview = make_interview(owner=alice, rating=1, scheduled_at=timezone.now() - timedelta(5))
    content = page_of(alice_client, interview)
    assert "Road back: stage 2 of 6, Cooled off" in content
    assert "cool-off" not in content.lower().split("your road back", 1)[1].split("</section>")[0]
    assert "runs until" not in content
    assert "Reflect on this interview" in content


def test_a_window_that_closed_after_logging_is_spoken_of_in_the_past(alice_client, alice):
    interview = make_interview(owner=alice, rating=1, scheduled_at=timezone.now() - timedelta(5))
    Interview.objects.filter(pk=interview.pk).update(
        created_at=interview.scheduled_at - timedelta(days=2)
    )
    content = page_of(alice_client, interview)
    assert "Your cool-off time ended on" in content
    assert "Cooling off until" not in content


def test_an_upcoming_interview_inside_an_open_window_warns(alice_client, alice):
    bad = make_interview(owner=alice, rating=1, scheduled_at=timezone.now() - timedelta(hours=3))
    soon = make_interview(application=bad.application, scheduled_at=timezone.now() + timedelta(1))
    content = page_of(alice_client, soon)
    assert "falls inside your cool-off time after the technical interview" in content
    assert "which runs until" in content


def test_no_warning_once_the_time_was_taken(alice_client, alice):
    bad = make_interview(
        owner=alice,
        rating=1,
        scheduled_at=timezone.now() - timedelta(hours=3),
        cool_off_confirmed=True,
    )
    soon = make_interview(application=bad.application, scheduled_at=timezone.now() + timedelta(1))
    content = page_of(alice_client, soon)
    assert "falls inside your cool-off time" not in content
    assert "runs until" not in content


# Long text


def test_long_interview_notes_fold_behind_show_more(alice_client, alice):
    interview = make_interview(owner=alice, notes=LONG_NOTES)
    content = page_of(alice_client, interview)
    assert '<details class="long-text-details">' in content
    assert "Show more" in content
    assert LONG_NOTES[-60:] in content  # The whole text is on the page, folded.


def test_short_interview_notes_are_shown_as_they_are(alice_client, alice):
    interview = make_interview(owner=alice, notes="Bring the portfolio.")
    content = page_of(alice_client, interview)
    assert "Bring the portfolio." in content
    assert "long-text-details" not in content


def test_many_short_lines_fold_too(alice_client, alice):
    interview = make_interview(owner=alice, notes="\n".join(f"Point {n}" for n in range(30)))
    content = page_of(alice_client, interview)
    assert '<details class="long-text-details">' in content
    assert "Point 29" in content


def test_long_application_notes_fold_behind_show_more(alice_client, alice):
    application = make_application(owner=alice, notes=LONG_NOTES)
    content = alice_client.get(application.get_absolute_url()).content.decode()
    assert '<details class="long-text-details">' in content
    assert "Show more" in content
    assert LONG_NOTES[-60:] in content


def test_short_application_notes_are_shown_as_they_are(alice_client, alice):
    application = make_application(owner=alice, notes="Referred by Sam.")
    content = alice_client.get(application.get_absolute_url()).content.decode()
    assert "Referred by Sam." in content
    assert "long-text-details" not in content


def test_long_text_is_escaped(alice_client, alice):
    interview = make_interview(owner=alice, notes="<script>alert(1)</script> " * 200)
    content = page_of(alice_client, interview)
    assert "<script>alert(1)" not in content
    assert "&lt;script&gt;" in content


# Queries


def test_page_costs_the_same_queries_for_1_and_50_of_everything(
    alice, alice_client, django_assert_max_num_queries, django_assert_num_queries
):
    def interview_with(count):
        interview = make_interview(owner=alice, rating=1)
        make_reflection(interview=interview, lessons=count, questions=count)
        for number in range(count):
            make_letter(interview=interview, subject=f"Letter {number}")
        WizardDraft.objects.create(owner=alice, interview=interview, current_step="lessons")
        return interview

    one, fifty = interview_with(1), interview_with(50)
    with django_assert_max_num_queries(QUERY_BUDGET) as first:
        page_of(alice_client, one)
    with django_assert_num_queries(len(first)):
        content = page_of(alice_client, fifty)
    assert content.count('name="done" value="1"') == 50
    assert "Question 49?" in content
    assert "Letter 49" in content
