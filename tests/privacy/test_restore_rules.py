"""Restoring an export applies the forms' rules: hostile values are refused and nothing is saved."""

import pytest

from interviews.models import Application, Profile
from interviews.privacy.schema import load_record

from .test_privacy import import_file


def payload(interview=None, reflection=None, **application):
    """Return an export with one application, holding one interview when given."""
    app = {"company": "Acme", "role": "Dev", **application}
    if interview is not None or reflection is not None:
        app["interviews"] = [
            {
                "kind": "technical",
                "scheduled_at": "2026-02-27T14:00:00Z",
                **(interview or {}),
                **({"reflection": reflection} if reflection is not None else {}),
            }
        ]
    return {"schema": "rebound-export", "version": 1, "applications": [app]}


@pytest.mark.parametrize(
    ("export", "message"),
    [
        (
            payload({"scheduled_at": "9999-12-31T23:00:00-05:00"}),
            "scheduled_at: must be an ISO 8601 date and time",
        ),
        (
            payload({"created_at": "9999-12-31T23:00:00-05:00"}),
            "created_at: must be an ISO 8601 date and time",
        ),
        (
            payload({"scheduled_at": "9999-06-01T10:00:00Z", "rating": 1}),
            "scheduled_at: Choose a date between 1970 and 2100.",
        ),
        (
            payload({"scheduled_at": "2099-06-01T10:00:00Z", "rating": 1}),
            "rating: You can say how it went once it has happened.",
        ),
        (payload(applied_on="1066-10-14"), "applied_on: Choose a date between 1970 and 2100."),
        (payload(notes="before\x00after"), "notes: must not contain a NUL character."),
        (payload({"notes": "\ud800"}), "notes: must be valid Unicode text."),
        (
            payload(reflection={"causes": ["bribery"]}),
            "causes: “bribery” is not one of the choices.",
        ),
        (
            payload(reflection={"feelings_before": ["x" * 100_000]}),
            "feelings_before: “" + "x" * 100 + "” is not one of the choices.",
        ),
        (
            payload(reflection={"thinking_traps": ["catastrophising", "catastrophising"]}),
            "thinking_traps: Each choice can be picked once.",
        ),
        (
            {**payload(), "version": "1"},
            "The export’s “version” must be a whole number, such as 4.",
        ),
    ],
    ids=[
        "offset-past-9999",
        "created-past-9999",
        "year-9999",
        "rated-before-it-happened",
        "applied-in-1066",
        "nul",
        "lone-surrogate",
        "unknown-cause",
        "huge-feeling",
        "repeated-trap",
        "version-as-text",
    ],
)
def test_a_hostile_value_is_named_and_nothing_is_saved(alice, alice_client, export, message):
    response = import_file(alice_client, export)
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "’").replace("&quot;", '"')
    assert not Application.objects.owned_by(alice).exists()


def test_a_quiet_hours_time_must_be_written_hh_mm():
    _loaded, problems = load_record(
        Profile, {"quiet_from": "10pm", "quiet_until": "07:00"}, where="Profile"
    )
    assert problems == ["Profile: quiet_from: must be a time of day written HH:MM."]
