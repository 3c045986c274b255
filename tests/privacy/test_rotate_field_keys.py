"""rotate_field_keys re-encrypts every value with the first key, so the old keys can go."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from interviews.crypto import UndecryptableValue
from interviews.models import FollowUpLetter, Reflection, StingCheck, WizardDraft

from ..conftest import make_interview, make_letter, make_reflection

KEY_A = "cmVib3VuZC1yb3RhdGlvbi1uZXctZmllbGQta2V5LUE="
KEY_B = "cmVib3VuZC1yb3RhdGlvbi1vbGQtZmllbGQta2V5LUI="


@pytest.fixture(autouse=True)
def only_these_rows(db):
    """Start from no encrypted rows at all: the command walks every row, not just this test's."""
    for model in (WizardDraft, StingCheck, FollowUpLetter, Reflection):
        model.objects.all().delete()


def diary_of(user):
    interview = make_interview(owner=user, rating=1)
    reflection = make_reflection(interview=interview, reframe="", to_own="Owning the interruption.")
    letter = make_letter(interview=interview, subject="Sorry", body="Dear Sam, I am sorry.")
    sting = StingCheck.objects.create(interview=interview, day=3, intensity=5, note="Smaller.")
    draft = WizardDraft.objects.create(
        owner=user, interview=interview, current_step="feelings", data={"step_data": {"a": 1}}
    )
    return reflection, letter, sting, draft


def read_all(reflection, letter, sting, draft):
    r = Reflection.objects.get(pk=reflection.pk)
    return (
        [r.what_happened, r.went_well, r.kind_words, r.reframe, r.to_own],
        FollowUpLetter.objects.values_list("subject", "body").get(pk=letter.pk),
        StingCheck.objects.get(pk=sting.pk).note,
        WizardDraft.objects.get(pk=draft.pk).data,
    )


def rotate(**options):
    out = StringIO()
    call_command("rotate_field_keys", stdout=out, **options)
    return out.getvalue()


def test_after_rotating_the_new_key_alone_reads_everything(alice, settings):
    settings.FIELD_KEYS = [KEY_B]
    rows = diary_of(alice)
    before = read_all(*rows)

    settings.FIELD_KEYS = [KEY_A, KEY_B]
    output = rotate(batch_size=1)

    settings.FIELD_KEYS = [KEY_A]
    assert read_all(*rows) == before
    # Counts only: four of five reflection texts (reframe is empty), two letter texts, …
    assert "reflections: 4 values in 1 rows re-encrypted." in output
    assert "follow up letters: 2 values in 1 rows re-encrypted." in output
    assert "sting checks: 1 values in 1 rows re-encrypted." in output
    assert "wizard drafts: 1 values in 1 rows re-encrypted." in output
    assert "8 values re-encrypted with the first key." in output
    assert "Owning" not in output
    assert "Sorry" not in output


def test_without_rotating_the_new_key_alone_cannot_read_the_old_values(alice, settings):
    settings.FIELD_KEYS = [KEY_B]
    rows = diary_of(alice)
    settings.FIELD_KEYS = [KEY_A]
    with pytest.raises(UndecryptableValue):
        read_all(*rows)


def test_rotating_twice_changes_nothing_it_can_read(alice, settings):
    settings.FIELD_KEYS = [KEY_A, KEY_B]
    rows = diary_of(alice)
    before = read_all(*rows)
    rotate()
    rotate()
    settings.FIELD_KEYS = [KEY_A]
    assert read_all(*rows) == before


def test_a_value_no_key_opens_stops_the_rotation_with_a_clear_error(alice, settings):
    settings.FIELD_KEYS = [KEY_B]
    diary_of(alice)
    settings.FIELD_KEYS = [KEY_A]
    with pytest.raises(CommandError, match="could not be decrypted with any key"):
        rotate()


def test_a_batch_size_below_one_is_refused(db):
    with pytest.raises(CommandError, match="1 or more"):
        rotate(batch_size=0)
