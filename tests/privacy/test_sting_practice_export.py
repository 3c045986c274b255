"""Sting check-ins, the practice log and Leitner boxes go out in the export and come back."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from interviews.models import (
    Application,
    CaughtOutQuestion,
    MentorLink,
    MentorLinkView,
    Practice,
    StingCheck,
)

from ..conftest import logged_in, make_user
from .test_privacy import export_bytes, exported, import_file, import_zip, rich_alice  # noqa: F401


def reflection_question(payload):
    return payload["applications"][0]["interviews"][0]["reflection"]["questions"][0]


def test_the_export_holds_sting_checks_practices_boxes_and_sting_settings(
    rich_alice,  # noqa: F811
    alice_client,
):
    payload = exported(alice_client)

    assert payload["profile"]["remind_sting"] is True
    assert payload["profile"]["ask_sting_on_dashboard"] is False
    bad = payload["applications"][0]["interviews"][0]
    assert [(c["day"], c["intensity"], c["note"]) for c in bad["sting_checks"]] == [
        (3, 7, "Still sore — a bit."),
        (14, 3, ""),
    ]
    question = reflection_question(payload)
    assert (question["box"], question["due_on"]) == (3, "2026-03-04")
    assert [p["result"] for p in question["practices"]] == ["shaky", "well"]
    assert payload["questions"][0]["box"] == 2
    assert [p["result"] for p in payload["questions"][0]["practices"]] == ["well"]


def test_sting_checks_and_practices_come_back_in_a_new_account(
    rich_alice,  # noqa: F811
    alice_client,
):
    content = export_bytes(alice_client)
    newcomer = make_user("newcomer@example.com")

    assert import_zip(logged_in(newcomer), content).status_code == 302

    checks = StingCheck.objects.owned_by(newcomer).order_by("day")
    assert [(c.day, c.intensity) for c in checks] == [(3, 7), (14, 3)]
    question = CaughtOutQuestion.objects.owned_by(newcomer).get(box=3)
    assert question.due_on == date(2026, 3, 4)
    assert question.practices.count() == 2
    assert Practice.objects.owned_by(newcomer).count() == 3
    newcomer.profile.refresh_from_db()
    assert newcomer.profile.remind_sting is True
    assert newcomer.profile.ask_sting_on_dashboard is False


def test_mentor_links_and_their_views_are_not_exported(rich_alice, alice_client):  # noqa: F811
    link = MentorLink.objects.create(
        owner=rich_alice, label="Sam, my coach", expires_at=timezone.now() + timedelta(days=14)
    )
    MentorLinkView.objects.create(link=link)

    text = json.dumps(exported(alice_client))

    assert link.token not in text
    assert "Sam, my coach" not in text
    assert "mentor" not in text


def test_a_version_3_file_restores_with_questions_in_the_first_box(alice, alice_client):
    question = {"question": "Why us?", "times_practised": 1}
    export = {"schema": "rebound-export", "version": 3, "applications": [], "questions": [question]}

    assert import_file(alice_client, export).status_code == 302

    restored = CaughtOutQuestion.objects.owned_by(alice).get()
    assert (restored.box, restored.due_on, restored.practices.count()) == (1, None, 0)


def payload(*, sting_checks=None, question=None):
    """Return a version 4 export with one interview holding the given check-ins and question."""
    interview = {"kind": "technical", "scheduled_at": "2026-02-27T14:00:00Z", "rating": 2}
    interview["sting_checks"] = sting_checks or []
    if question is not None:
        interview["reflection"] = {"questions": [question]}
    application = {"company": "Acme", "role": "Dev", "interviews": [interview]}
    return {"schema": "rebound-export", "version": 4, "applications": [application]}


AT = "2026-03-02T10:00:00Z"


@pytest.mark.parametrize(
    ("export", "message"),
    [
        (
            payload(sting_checks=[{"day": 3, "intensity": 11, "answered_at": AT}]),
            "sting check-in 1: intensity: Ensure this value is less than or equal to 10.",
        ),
        (
            payload(sting_checks=[{"day": 3, "intensity": -1, "answered_at": AT}]),
            "sting check-in 1: intensity: Ensure this value is greater than or equal to 0.",
        ),
        (
            payload(sting_checks=[{"day": 7, "intensity": 4, "answered_at": AT}]),
            "sting check-in 1: day: Value 7 is not a valid choice.",
        ),
        (
            payload(sting_checks=[{"day": 3, "intensity": "4"}]),
            "sting check-in 1: intensity: must be a whole number.",
        ),
        (
            payload(sting_checks=[{"day": 3, "intensity": 4, "note": "x" * 301}]),
            "sting check-in 1: note: must be at most 300 characters.",
        ),
        (
            payload(sting_checks=[{"day": 3, "intensity": 4}, {"day": 3, "intensity": 2}]),
            "sting check-in 2: day: this interview already has a check-in for day 3.",
        ),
        (
            payload(sting_checks=[{"day": 3, "intensity": 4, "mood": "low"}]),
            "sting check-in 1: unknown key “mood”.",
        ),
        (
            payload(question={"question": "Why us?", "box": 6}),
            "question 1: box: Ensure this value is less than or equal to 5.",
        ),
        (
            payload(question={"question": "Why us?", "box": 0}),
            "question 1: box: Ensure this value is greater than or equal to 1.",
        ),
        (
            payload(question={"question": "Why us?", "due_on": "4 March"}),
            "question 1: due_on: must be a date written YYYY-MM-DD.",
        ),
        (
            payload(question={"question": "Why us?", "practices": [{"result": "great"}]}),
            "practice 1: result: Value ’great’ is not a valid choice.",
        ),
        (
            payload(question={"question": "Why us?", "practices": {"result": "well"}}),
            "“practices” must be a list.",
        ),
    ],
    ids=[
        "intensity-over-10",
        "intensity-below-0",
        "day-7",
        "intensity-as-text",
        "note-too-long",
        "same-day-twice",
        "unknown-key",
        "box-6",
        "box-0",
        "due-on-in-words",
        "result-great",
        "practices-not-a-list",
    ],
)
def test_a_bad_check_in_or_practice_is_named_and_nothing_is_saved(
    alice, alice_client, export, message
):
    response = import_file(alice_client, export)

    assert response.status_code == 200
    page = response.content.decode().replace("&#x27;", "’").replace("&quot;", '"')
    assert message in page
    assert not Application.objects.owned_by(alice).exists()
    assert not StingCheck.objects.owned_by(alice).exists()
    assert not Practice.objects.owned_by(alice).exists()


def test_a_good_check_in_and_practice_restore(alice, alice_client):
    export = payload(
        sting_checks=[{"day": 14, "intensity": 0, "note": "Gone.", "answered_at": AT}],
        question={"question": "Why us?", "box": 5, "practices": [{"result": "well"}]},
    )

    assert import_file(alice_client, export).status_code == 302

    assert StingCheck.objects.owned_by(alice).get().note == "Gone."
    assert Practice.objects.owned_by(alice).get().result == "well"
