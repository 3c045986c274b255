"""Merge answers written offline on a device into the wizard's draft (no request, no database).

The device sends each step's answers with the time of its last edit there. The server's
answers for a step win only when the draft was saved after that edit and say something
else; everywhere else the device's answers are taken.
"""

from dataclasses import dataclass
from datetime import datetime

from .steps import FEELINGS, WHAT_HAPPENED

# The steps a person can write on the way home, before the wizard needs the server again.
OFFLINE_STEPS = (FEELINGS, WHAT_HAPPENED)


@dataclass(frozen=True)
class DeviceStep:
    """One step's answers as the device kept them: field name → list of values."""

    answers: dict
    edited_at: datetime


@dataclass(frozen=True)
class Merge:
    step_data: dict
    added: tuple  # steps whose device answers went into the draft
    kept: tuple  # steps where the draft had newer, different answers
    same: tuple  # steps where the draft already said the same


def merge_offline(*, step_data, saved_at, device):
    """Return the draft's step data with the device's answers merged in, and what happened.

    step_data is the draft's {step: {field: [values]}}, saved_at when the draft was last
    saved (None without a draft), device {step: DeviceStep}.
    """
    merged = dict(step_data)
    added, kept, same = [], [], []
    for step in sorted(device):
        incoming = device[step]
        current = step_data.get(step)
        if current == incoming.answers:
            same.append(step)
        elif current and saved_at is not None and saved_at > incoming.edited_at:
            kept.append(step)
        else:
            merged[step] = incoming.answers
            added.append(step)
    return Merge(merged, tuple(added), tuple(kept), tuple(same))
