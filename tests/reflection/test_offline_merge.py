"""The merge rule for answers written offline: the server wins only where it is newer."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from interviews.reflection.offline import DeviceStep, merge_offline

NOON = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
STEPS = ("feelings", "what_happened")

answers = st.dictionaries(
    st.sampled_from(["a", "b", "c"]), st.lists(st.text(max_size=5), max_size=3), max_size=3
)
times = st.integers(min_value=-100, max_value=100).map(lambda m: NOON + timedelta(minutes=m))
drafts = st.dictionaries(st.sampled_from(STEPS), answers)
devices = st.dictionaries(st.sampled_from(STEPS), st.builds(DeviceStep, answers, times))


def test_device_answers_go_into_an_empty_draft():
    merge = merge_offline(
        step_data={}, saved_at=None, device={"feelings": DeviceStep({"a": ["1"]}, NOON)}
    )
    assert merge.step_data == {"feelings": {"a": ["1"]}}
    assert (merge.added, merge.kept) == (("feelings",), ())


def test_a_draft_saved_after_the_device_edit_keeps_its_answers():
    merge = merge_offline(
        step_data={"feelings": {"a": ["server"]}},
        saved_at=NOON + timedelta(minutes=1),
        device={"feelings": DeviceStep({"a": ["phone"]}, NOON)},
    )
    assert merge.step_data == {"feelings": {"a": ["server"]}}
    assert (merge.added, merge.kept) == ((), ("feelings",))


def test_a_draft_saved_before_the_device_edit_takes_the_device_answers():
    merge = merge_offline(
        step_data={"feelings": {"a": ["server"]}, "lessons": {"x": ["1"]}},
        saved_at=NOON - timedelta(minutes=1),
        device={"feelings": DeviceStep({"a": ["phone"]}, NOON)},
    )
    assert merge.step_data == {"feelings": {"a": ["phone"]}, "lessons": {"x": ["1"]}}
    assert merge.added == ("feelings",)


def test_a_newer_draft_without_that_step_takes_the_device_answers():
    merge = merge_offline(
        step_data={"feelings": {"a": ["server"]}},
        saved_at=NOON + timedelta(hours=1),
        device={"what_happened": DeviceStep({"b": ["phone"]}, NOON)},
    )
    assert merge.added == ("what_happened",)
    assert merge.step_data["feelings"] == {"a": ["server"]}


@given(drafts, st.one_of(st.none(), times), devices)
def test_every_device_step_is_added_kept_or_the_same_exactly_once(step_data, saved_at, device):
    merge = merge_offline(step_data=step_data, saved_at=saved_at, device=device)
    reported = [*merge.added, *merge.kept, *merge.same]
    assert sorted(reported) == sorted(device)


@given(drafts, st.one_of(st.none(), times), devices)
def test_the_server_wins_only_where_it_saved_later_and_differs(step_data, saved_at, device):
    merge = merge_offline(step_data=step_data, saved_at=saved_at, device=device)
    for step in merge.kept:
        assert saved_at > device[step].edited_at
        assert step_data[step] != device[step].answers
        assert merge.step_data[step] == step_data[step]
    for step in merge.added:
        assert merge.step_data[step] == device[step].answers
    untouched = set(step_data) - set(device)
    assert {step: merge.step_data[step] for step in untouched} == {
        step: step_data[step] for step in untouched
    }


@given(drafts, st.one_of(st.none(), times), devices)
def test_merging_the_same_answers_twice_changes_nothing_more(step_data, saved_at, device):
    once = merge_offline(step_data=step_data, saved_at=saved_at, device=device)
    twice = merge_offline(step_data=once.step_data, saved_at=saved_at, device=device)
    assert twice.step_data == once.step_data
    assert twice.added == ()
