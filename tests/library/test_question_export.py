"""Questions added by hand go out in the export and come back on restore, tied as they were."""

import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import Application, CaughtOutQuestion
from interviews.privacy.restore import DataImportError, account_data_import

from ..conftest import logged_in, make_application, make_interview, make_reflection, make_user

EXPORT = reverse("interviews:data_export")
IMPORT = reverse("interviews:data_import")


def export_of(user):
    response = logged_in(user).get(EXPORT)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return json.loads(archive.read("export.json"))


def envelope(**extra):
    return {"schema": "rebound-export", "version": 1, "applications": [], **extra}


@pytest.fixture
def alice_with_questions(alice):
    make_application(owner=alice, company="Acme")
    globex = make_application(owner=alice, company="Globex")
    make_reflection(interview=make_interview(application=globex, rating=1), questions=1)
    CaughtOutQuestion.objects.create(
        owner=alice,
        application=globex,
        question="Why Globex?",
        what_i_said="Because you are hiring.",
        better_answer="Your work on open data.",
        times_practised=2,
        last_practised_at=timezone.now().replace(microsecond=0),
    )
    CaughtOutQuestion.objects.create(owner=alice, question="What is your biggest weakness?")
    return alice


def test_hand_added_questions_are_exported_at_the_top_level_with_their_application(
    alice_with_questions,
):
    exported = export_of(alice_with_questions)

    companies = [application["company"] for application in exported["applications"]]
    assert [q["question"] for q in exported["questions"]] == [
        "Why Globex?",
        "What is your biggest weakness?",
    ]
    tied, untied = exported["questions"]
    assert companies[tied["application"] - 1] == "Globex"
    assert untied["application"] is None
    assert tied["times_practised"] == 2
    # The question from the reflection stays nested under its reflection, not repeated.
    reflection_questions = [
        q["question"]
        for application in exported["applications"]
        for interview in application["interviews"]
        if interview["reflection"]
        for q in interview["reflection"]["questions"]
    ]
    assert reflection_questions == ["Question 0?"]


def test_hand_added_questions_come_back_as_they_were_in_a_new_account(alice_with_questions):
    exported = export_of(alice_with_questions)
    newcomer = make_user("newcomer@example.com")

    account_data_import(owner=newcomer, payload=exported)

    again = export_of(newcomer)
    assert {k: v for k, v in again.items() if k != "exported_at"} == {
        k: v for k, v in exported.items() if k != "exported_at"
    }
    restored = CaughtOutQuestion.objects.owned_by(newcomer).filter(reflection=None)
    assert {(q.question, q.application and q.application.company) for q in restored} == {
        ("Why Globex?", "Globex"),
        ("What is your biggest weakness?", None),
    }
    assert all(q.application is None or q.application.owner == newcomer for q in restored)
    assert CaughtOutQuestion.objects.owned_by(newcomer).count() == 3
    assert CaughtOutQuestion.objects.owned_by(alice_with_questions).count() == 3


def test_a_version_1_file_without_questions_still_restores(alice):
    payload = envelope(applications=[{"company": "Acme", "role": "Engineer"}])

    account_data_import(owner=alice, payload=payload)

    assert Application.objects.owned_by(alice).count() == 1
    assert not CaughtOutQuestion.objects.owned_by(alice).exists()


def test_a_file_of_questions_only_restores(alice):
    account_data_import(owner=alice, payload=envelope(questions=[{"question": "Why us?"}]))

    assert CaughtOutQuestion.objects.owned_by(alice).get().question == "Why us?"


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ({"question": "Why us?", "application": 2}, "Question 1: application: must be null"),
        ({"question": "Why us?", "application": "1"}, "Question 1: application: must be null"),
        ({"question": "Why us?", "application": True}, "Question 1: application: must be null"),
        ({"question": "Why us?", "reflection": 1}, "Question 1: unknown key “reflection”"),
        ({"question": ""}, "Question 1: question:"),
        ({"question": "Why us?", "times_practised": "lots"}, "must be a whole number"),
    ],
)
def test_a_bad_question_is_named_and_nothing_is_restored(alice, question, message):
    payload = envelope(applications=[{"company": "Acme", "role": "Engineer"}], questions=[question])

    with pytest.raises(DataImportError) as error:
        account_data_import(owner=alice, payload=payload)

    assert any(
        problem.startswith(message) or message in problem for problem in error.value.problems
    )
    assert not Application.objects.owned_by(alice).exists()
    assert not CaughtOutQuestion.objects.owned_by(alice).exists()


def test_questions_that_are_not_a_list_are_refused(alice):
    with pytest.raises(DataImportError) as error:
        account_data_import(owner=alice, payload=envelope(questions={"question": "Why us?"}))

    assert error.value.problems == ["The file: “questions” must be a list."]


def test_an_account_with_only_hand_added_questions_is_not_empty(alice):
    CaughtOutQuestion.objects.create(owner=alice, question="Already here")
    client = logged_in(alice)

    page = client.get(IMPORT)
    with pytest.raises(DataImportError):
        account_data_import(owner=alice, payload=envelope(questions=[{"question": "Again"}]))

    assert b'type="file"' not in page.content
    assert list(CaughtOutQuestion.objects.owned_by(alice).values_list("question", flat=True)) == [
        "Already here"
    ]
