from types import SimpleNamespace

import pytest

from interviews.reflection.progress import STEP_TOTAL, draft_progress, step_number
from interviews.reflection.steps import STEPS


def test_the_step_total_is_the_same_whether_or_not_the_questions_step_appears():
    assert STEP_TOTAL == 6
    assert [step_number(step.name) for step in STEPS] == [1, 2, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(("current", "number"), [("", 1), ("what_happened", 2), ("summary", 6)])
def test_a_draft_says_which_step_it_stopped_at(current, number):
    progress = draft_progress(SimpleNamespace(current_step=current, interview_id=7))
    assert (progress.number, progress.total) == (number, 6)
    assert progress.url == "/interviews/7/reflect/"


def test_no_draft_has_no_progress():
    assert draft_progress(None) is None
