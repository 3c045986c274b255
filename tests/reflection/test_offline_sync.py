"""Answers written offline reach the wizard's draft, the newer answers winning, nothing saved
from bad input."""

import json
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import WizardDraft

from ..conftest import make_interview
from .walk import answers, reflect_url, step_url, walk

FEELINGS = {"feelings-feelings_before": ["upset", "confused"], "feelings-intensity_before": ["4"]}
WHAT_HAPPENED = {
    "what_happened-causes": ["nerves"],
    "what_happened-what_happened": ["My mind went blank on the first question."],
    "what_happened-outside_circumstances": ["no"],
}


@pytest.fixture
def interview(alice):
    return make_interview(owner=alice, rating=1)


def now_ms(offset=timedelta()):
    return int((time.time() + offset.total_seconds()) * 1000)


def payload(steps, *, edited=timedelta(), sent_at=None):
    return {
        "sent_at": now_ms() if sent_at is None else sent_at,
        "steps": {
            step: {"edited_at": now_ms(edited), "answers": step_answers}
            for step, step_answers in steps.items()
        },
    }


def sync(client, interview, body):
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(
        reverse("interviews:reflect_offline", kwargs={"pk": interview.pk}),
        raw,
        content_type="application/json",
    )


def step_data(alice, interview):
    return WizardDraft.objects.get(owner=alice, interview=interview).data["step_data"]


def test_answers_written_offline_start_the_draft_and_the_wizard_moves_on(
    alice_client, alice, interview
):
    response = sync(
        alice_client, interview, payload({"feelings": FEELINGS, "what_happened": WHAT_HAPPENED})
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["added"], body["kept"]) == (["feelings", "what_happened"], [])
    assert "added" in body["message"]
    assert step_data(alice, interview) == {"feelings": FEELINGS, "what_happened": WHAT_HAPPENED}
    # The wizard takes them as its own: the next step is open, the answers are in place.
    page = alice_client.get(step_url(interview, "what_happened"))
    assert page.status_code == 200
    assert "My mind went blank on the first question." in page.text


def test_a_draft_saved_after_the_phone_edit_keeps_its_answers(alice_client, alice, interview):
    walk(alice_client, interview, ["feelings"], answers())
    before = step_data(alice, interview)

    response = sync(
        alice_client, interview, payload({"feelings": FEELINGS}, edited=-timedelta(hours=1))
    )

    body = response.json()
    assert (body["added"], body["kept"]) == ([], ["feelings"])
    assert "newer answers for Feelings" in body["message"]
    assert step_data(alice, interview) == before


def test_a_draft_saved_before_the_phone_edit_takes_the_phone_answers(
    alice_client, alice, interview
):
    walk(alice_client, interview, ["feelings"], answers())
    WizardDraft.objects.filter(interview=interview).update(
        updated_at=timezone.now() - timedelta(hours=2)
    )

    response = sync(
        alice_client, interview, payload({"feelings": FEELINGS}, edited=-timedelta(hours=1))
    )

    assert response.json()["added"] == ["feelings"]
    assert step_data(alice, interview)["feelings"] == FEELINGS


def test_a_phone_clock_that_runs_ahead_does_not_beat_a_newer_draft(alice_client, alice, interview):
    walk(alice_client, interview, ["feelings"], answers())
    # Edited an hour ago by the phone's clock, which runs three hours ahead.
    ahead = timedelta(hours=3)
    body = payload({"feelings": FEELINGS}, edited=ahead - timedelta(hours=1), sent_at=now_ms(ahead))

    assert sync(alice_client, interview, body).json()["kept"] == ["feelings"]


def test_answers_the_draft_already_has_are_neither_added_nor_kept(alice_client, interview):
    sync(alice_client, interview, payload({"feelings": FEELINGS}))
    body = sync(alice_client, interview, payload({"feelings": FEELINGS})).json()

    assert (body["added"], body["kept"], body["same"], body["message"]) == (
        [],
        [],
        ["feelings"],
        "",
    )


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        b"\xff\xfe",
        "[]",
        json.dumps({"steps": {}}),
        json.dumps({"sent_at": 1, "steps": {"lessons": {"edited_at": 1, "answers": {}}}}),
        json.dumps({"sent_at": "soon", "steps": {"feelings": {"edited_at": 1, "answers": {}}}}),
        json.dumps({"sent_at": 1, "steps": {"feelings": {"edited_at": 1e300, "answers": {}}}}),
        json.dumps({"sent_at": 1, "steps": {"feelings": {"edited_at": 1, "answers": []}}}),
        json.dumps(
            {"sent_at": 1, "steps": {"feelings": {"edited_at": 1, "answers": {"x": ["1"]}}}}
        ),
        json.dumps(
            {"sent_at": 1, "steps": {"feelings": {"edited_at": 1, "answers": {"feelings-a": [1]}}}}
        ),
        json.dumps({"sent_at": 1, "steps": {"feelings": "upset"}}),
    ],
)
def test_bad_json_is_a_400_with_a_clear_error_and_saves_nothing(alice_client, interview, raw):
    response = sync(alice_client, interview, raw)

    assert response.status_code == 400
    assert response.json()["error"]
    assert not WizardDraft.objects.exists()


def test_oversize_json_is_a_400_and_saves_nothing(alice_client, interview):
    huge = {"feelings-feelings_before": ["upset"], "feelings-intensity_before": ["4" * 70_000]}

    response = sync(alice_client, interview, payload({"feelings": huge}))

    assert response.status_code == 400
    assert not WizardDraft.objects.exists()


def test_answers_the_step_form_refuses_come_back_by_field_and_save_nothing(alice_client, interview):
    body = payload({"feelings": FEELINGS, "what_happened": {"what_happened-causes": ["nerves"]}})

    response = sync(alice_client, interview, body)

    assert response.status_code == 400
    fields = response.json()["fields"]
    assert set(fields) == {"what_happened"}
    assert fields["what_happened"]["what_happened-what_happened"] == [
        "Write a few words about what happened."
    ]
    assert not WizardDraft.objects.exists()


def test_another_users_interview_is_404_and_saves_nothing(mallory_client, interview):
    response = sync(mallory_client, interview, payload({"feelings": FEELINGS}))

    assert response.status_code == 404
    assert not WizardDraft.objects.exists()


def test_a_get_is_refused(alice_client, interview):
    response = alice_client.get(reverse("interviews:reflect_offline", kwargs={"pk": interview.pk}))

    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_the_bare_wizard_url_resumes_after_the_offline_answers(alice_client, interview):
    sync(alice_client, interview, payload({"feelings": FEELINGS}))

    response = alice_client.get(reflect_url(interview))

    assert response["Location"] == step_url(interview, "feelings")
    assert alice_client.get(step_url(interview, "what_happened")).status_code == 200
