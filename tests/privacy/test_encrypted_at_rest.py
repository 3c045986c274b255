"""The diary's text is encrypted at rest: the database holds tokens, the app reads plain text."""

import pytest
from django.core.checks import run_checks
from django.core.exceptions import FieldError, ValidationError
from django.db import connection
from django.urls import reverse

from interviews.checks import check_field_keys_are_fernet_keys, check_field_keys_are_set
from interviews.crypto import UndecryptableValue
from interviews.models import FollowUpLetter, Reflection, StingCheck, WizardDraft

from ..conftest import make_application, make_interview, make_letter, make_reflection

# Words no template, choice or label of Rebound's contains: found anywhere, they leaked.
DIARY = {
    "what_happened": "I fumbled the quokka question completely",
    "went_well": "my zephyrine enthusiasm showed",
    "kind_words": "a marmalade moment, nothing more",
    "reframe": "one wobbly periwinkle afternoon",
    "to_own": "interrupting the gruntled panel",
}
LETTER = {"subject": "Sorry about the kumquat answer", "body": "Dear Sam, the flibbertigibbet…"}
STING_NOTE = "still smarting like a nettlesome bramble"
DRAFT_WORD = "xylophonic"
ALL_WORDS = ["quokka", "zephyrine", "marmalade", "periwinkle", "gruntled", "kumquat"]
ALL_WORDS += ["flibbertigibbet", "nettlesome", DRAFT_WORD]
OTHER_KEY = "b3RoZXIta2V5LXRoYXQtb3BlbnMtbm90aGluZy0wMDA="


@pytest.fixture
def diary(alice):
    application = make_application(owner=alice, company="Vermilionfinch Ltd")
    interview = make_interview(application=application, rating=1)
    reflection = make_reflection(interview=interview, **DIARY)
    letter = make_letter(interview=interview, kind="apology", **LETTER)
    sting = StingCheck.objects.create(interview=interview, day=3, intensity=6, note=STING_NOTE)
    draft = WizardDraft.objects.create(
        owner=alice,
        interview=make_interview(application=application),
        current_step="what_happened",
        data={"step_data": {"what_happened": {"what_happened": [f"a {DRAFT_WORD} mess"]}}},
    )
    return reflection, letter, sting, draft


def raw_rows(model):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")
        return repr(cursor.fetchall())


def test_the_raw_rows_hold_no_diary_text(diary):
    tables = "".join(raw_rows(model) for model in (Reflection, FollowUpLetter, StingCheck))
    tables += raw_rows(WizardDraft)
    assert [word for word in ALL_WORDS if word in tables] == []
    # The rows are there, as tokens: Fernet's start, not the text.
    assert "gAAAAA" in raw_rows(Reflection)


def test_the_app_reads_back_the_text_it_wrote(diary):
    reflection, letter, sting, draft = diary
    fresh = Reflection.objects.get(pk=reflection.pk)
    assert {name: getattr(fresh, name) for name in DIARY} == DIARY
    assert FollowUpLetter.objects.values_list("subject", "body").get(pk=letter.pk) == (
        LETTER["subject"],
        LETTER["body"],
    )
    assert StingCheck.objects.get(pk=sting.pk).note == STING_NOTE
    assert WizardDraft.objects.get(pk=draft.pk).data == draft.data


def database_image():
    """Return the bytes of the SQLite database: its file, or the in-memory one serialised."""
    name = connection.settings_dict["NAME"]
    connection.ensure_connection()
    if connection.vendor != "sqlite":
        pytest.skip("reads SQLite's own file")
    if not connection.is_in_memory_db():
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(FULL)")
        with open(name, "rb") as database:
            return database.read()
    return connection.connection.serialize()


def test_the_sqlite_database_bytes_hold_no_diary_text(transactional_db, diary):
    # Committed (transactional_db), so a database file holds the rows, not only the cache.
    image = database_image()
    # The image holds the rows at all: the company name is stored as it is.
    assert b"Vermilionfinch" in image
    assert [word for word in ALL_WORDS if word.encode() in image] == []


def test_empty_text_stays_empty_so_blank_checks_and_filters_still_work(alice):
    reflection = make_reflection(interview=make_interview(owner=alice), reframe="")
    assert raw_rows(Reflection).count("''") >= 2  # reframe and to_own, stored as ""
    assert list(Reflection.objects.filter(reframe="")) == [reflection]
    assert not Reflection.objects.exclude(reframe="").exists()


@pytest.mark.parametrize(
    "lookup",
    [{"what_happened__icontains": "quokka"}, {"what_happened": "quokka"}, {"body__contains": "x"}],
)
def test_searching_an_encrypted_field_in_the_database_is_a_clear_error(diary, lookup):
    model = FollowUpLetter if "body__contains" in lookup else Reflection
    with pytest.raises(FieldError, match="encrypted at rest"):
        list(model.objects.filter(**lookup))


def test_searching_letters_finds_words_in_their_encrypted_subjects(alice, alice_client, diary):
    make_letter(interview=make_interview(owner=alice), subject="Thank you for Tuesday")
    response = alice_client.get(reverse("interviews:letter_list"), {"q": "KUMQUAT"})
    assert [letter.subject for letter in response.context["page"].object_list] == [
        LETTER["subject"]
    ]


def test_the_length_limits_hold_on_the_text_not_on_the_token(alice):
    reflection = make_reflection(interview=make_interview(owner=alice))
    reflection.to_own = "x" * 1001
    with pytest.raises(ValidationError) as error:
        reflection.full_clean()
    assert error.value.message_dict["to_own"] == [
        "Ensure this value has at most 1000 characters (it has 1001)."
    ]
    reflection.to_own = "x" * 1000
    reflection.full_clean()


def test_a_value_no_key_opens_is_a_clear_error_not_garbage(diary, settings):
    reflection = diary[0]
    settings.FIELD_KEYS = [OTHER_KEY]
    with pytest.raises(UndecryptableValue, match="could not be decrypted with any key") as error:
        Reflection.objects.get(pk=reflection.pk)
    assert "gAAAAA" not in str(error.value)


def test_check_deploy_fails_without_a_key(db, settings):
    settings.FIELD_KEYS = []
    [error] = check_field_keys_are_set()
    assert error.id == "interviews.E001"
    assert "DJANGO_FIELD_KEYS is not set" in error.msg
    ids = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "interviews.E001" in ids


def test_check_deploy_passes_with_a_key():
    assert check_field_keys_are_set() == []
    assert check_field_keys_are_fernet_keys() == []


def test_a_key_that_is_not_a_fernet_key_is_named_by_position_not_shown(settings):
    settings.FIELD_KEYS = [OTHER_KEY, "not-a-key"]
    [error] = check_field_keys_are_fernet_keys()
    assert error.id == "interviews.E002"
    assert "Key 2 in DJANGO_FIELD_KEYS" in error.msg
    assert "not-a-key" not in error.msg
