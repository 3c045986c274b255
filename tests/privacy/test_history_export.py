"""The JSON export carries each application's history, and a restore puts it back exactly."""

from datetime import timedelta

import pytest
from django.utils import timezone

from interviews.models import Application, StatusChange
from interviews.privacy.export import account_data_export
from interviews.privacy.restore import DataImportError, account_data_import
from interviews.privacy.schema import VERSION, format_datetime

from ..conftest import make_application, make_user


def history_of(user):
    return [
        (change.application.company, change.from_status, change.to_status, change.note)
        for change in StatusChange.objects.owned_by(user).order_by("changed_at", "pk")
    ]


@pytest.fixture
def alice_with_history(alice):
    application = make_application(owner=alice, company="Contoso", status="wishlist")
    added = timezone.now() - timedelta(days=20)
    Application.objects.filter(pk=application.pk).update(created_at=added)
    StatusChange.objects.filter(application=application).update(changed_at=added)
    application = Application.objects.get(pk=application.pk)
    application.status = Application.Status.APPLIED
    application.status_changed_at = timezone.now() - timedelta(days=15)
    application.status_note = "Applied on the 3rd, through a friend"
    application.save()
    application.status = Application.Status.GHOSTED
    application.save()
    make_application(owner=alice, company="Fabrikam", status="applied")
    return alice


def test_the_export_nests_each_applications_history_in_date_order(alice_with_history):
    payload = account_data_export(owner=alice_with_history)

    assert payload["version"] == VERSION == 4
    contoso, fabrikam = payload["applications"]
    assert [(entry["from_status"], entry["to_status"]) for entry in contoso["history"]] == [
        ("", "wishlist"),
        ("wishlist", "applied"),
        ("applied", "ghosted"),
    ]
    assert contoso["history"][1]["note"] == "Applied on the 3rd, through a friend"
    assert contoso["history"][1]["changed_at"].endswith("Z")
    assert [entry["to_status"] for entry in fabrikam["history"]] == ["applied"]


def test_a_restore_puts_every_history_entry_back_exactly(alice_with_history):
    payload = account_data_export(owner=alice_with_history)
    newcomer = make_user("newcomer@example.com")

    written = account_data_import(owner=newcomer, payload=payload)

    assert written[StatusChange] == 4
    assert history_of(newcomer) == history_of(alice_with_history)
    again = account_data_export(owner=newcomer)
    assert again["applications"] == payload["applications"]


def version_1(payload):
    """Return payload as an older Rebound wrote it: version 1, no history."""
    payload = {**payload, "version": 1}
    payload["applications"] = [
        {key: value for key, value in record.items() if key != "history"}
        for record in payload["applications"]
    ]
    return payload


def test_a_version_1_file_starts_each_history_where_the_application_was_added(alice_with_history):
    payload = version_1(account_data_export(owner=alice_with_history))
    newcomer = make_user("newcomer@example.com")

    account_data_import(owner=newcomer, payload=payload)

    assert history_of(newcomer) == [
        ("Contoso", "", "ghosted", ""),
        ("Fabrikam", "", "applied", ""),
    ]
    for application in Application.objects.owned_by(newcomer):
        (first,) = application.status_changes.all()
        assert first.changed_at == application.created_at


def test_a_version_2_application_without_history_starts_one(alice_with_history):
    payload = account_data_export(owner=alice_with_history)
    payload["applications"][1]["history"] = []
    del payload["applications"][0]["history"]
    newcomer = make_user("newcomer@example.com")

    account_data_import(owner=newcomer, payload=payload)

    assert history_of(newcomer) == [
        ("Contoso", "", "ghosted", ""),
        ("Fabrikam", "", "applied", ""),
    ]


def far_future():
    return format_datetime(timezone.now() + timedelta(days=3))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"changed_at": "FUTURE"},
            "Application 1, history entry 2: changed_at: This date is in the future.",
        ),
        (
            {"changed_at": "2001-01-01T12:00:00Z"},
            "Application 1, history entry 2: changed_at: This is before the application began",
        ),
        ({"to_status": "sacked"}, "Application 1, history entry 2: to_status: Value"),
        ({"from_status": 3}, "Application 1, history entry 2: from_status: must be text."),
        ({"changed_at": "yesterday"}, "Application 1, history entry 2: changed_at: must be an ISO"),
        (
            {"note": "x" * 1001},
            "Application 1, history entry 2: note: must be at most 1000 characters.",
        ),
        ({"when": "today"}, "Application 1, history entry 2: unknown key “when”."),
    ],
)
def test_a_wrong_history_entry_is_named_and_nothing_is_restored(
    alice_with_history, change, message
):
    payload = account_data_export(owner=alice_with_history)
    entry = payload["applications"][0]["history"][1]
    entry.update({k: far_future() if v == "FUTURE" else v for k, v in change.items()})
    newcomer = make_user("newcomer@example.com")

    with pytest.raises(DataImportError) as raised:
        account_data_import(owner=newcomer, payload=payload)

    assert any(problem.startswith(message) for problem in raised.value.problems), raised.value
    assert not Application.objects.owned_by(newcomer).exists()
    assert not StatusChange.objects.owned_by(newcomer).exists()


def test_history_that_is_not_a_list_is_refused(alice_with_history):
    payload = account_data_export(owner=alice_with_history)
    payload["applications"][0]["history"] = {"to_status": "applied"}
    with pytest.raises(DataImportError, match="“history” must be a list"):
        account_data_import(owner=make_user("newcomer@example.com"), payload=payload)


def test_a_version_1_file_has_no_history_key(alice_with_history):
    payload = account_data_export(owner=alice_with_history)
    payload["version"] = 1
    with pytest.raises(DataImportError, match="unknown key “history”"):
        account_data_import(owner=make_user("newcomer@example.com"), payload=payload)
