"""Take the answers a device kept while offline and merge them into the wizard's draft."""

import json
import math
from datetime import UTC, datetime

from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import JsonResponse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access
from ..models import WizardDraft
from .answers import step_data_from_reflection
from .offline import OFFLINE_STEPS, DeviceStep, merge_offline
from .steps import BY_NAME

# Two steps of answers fit many times over; anything bigger is not from the wizard's page.
MAX_BODY_BYTES = 64 * 1024
MAX_VALUES = 50


class BadAnswers(Exception):
    """The posted JSON is not what the wizard's page sends."""


def refuse(message, status=400, **extra):
    return JsonResponse({"error": message, **extra}, status=status)


def read_time(value):
    """Return a device time in milliseconds since the epoch as an aware datetime."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadAnswers(_("A time on this phone could not be read."))
    try:
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise BadAnswers(_("A time on this phone could not be read.")) from None


def read_answers(step, raw):
    """Return one step's answers as field → list of strings, only the step's own fields."""
    if not isinstance(raw, dict):
        raise BadAnswers(_("The answers could not be read."))
    prefix = f"{step}-"
    answers = {}
    for key, values in raw.items():
        if not key.startswith(prefix) or not isinstance(values, list) or len(values) > MAX_VALUES:
            raise BadAnswers(_("The answers could not be read."))
        if not all(isinstance(value, str) for value in values):
            raise BadAnswers(_("The answers could not be read."))
        answers[key] = [value.replace("\x00", "") for value in values]
    return answers


def read_device(body, now):
    """Return {step: DeviceStep} from the posted JSON, with device times set to server time.

    The phone's clock may be off: its edit times move by the difference between its clock
    and the server's when it sent them.
    """
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BadAnswers(_("That was not JSON.")) from None
    steps = payload.get("steps") if isinstance(payload, dict) else None
    if not isinstance(steps, dict) or not steps:
        raise BadAnswers(_("There were no answers to add."))
    if set(steps) - set(OFFLINE_STEPS):
        raise BadAnswers(_("Only the first two steps can be written offline."))
    skew = now - read_time(payload.get("sent_at"))
    device = {}
    for step, raw in steps.items():
        if not isinstance(raw, dict):
            raise BadAnswers(_("The answers could not be read."))
        edited_at = read_time(raw.get("edited_at")) + skew
        device[step] = DeviceStep(read_answers(step, raw.get("answers")), edited_at)
    return device


def field_errors(device):
    """Check each step's answers with the wizard's own form; return the errors by step."""
    errors = {}
    for step, incoming in device.items():
        form = BY_NAME[step].form(prefix=step, data=MultiValueDict(incoming.answers))
        if not form.is_valid():
            errors[step] = {
                form.add_prefix(name): [str(message) for message in messages]
                for name, messages in form.errors.items()
            }
    return errors


def offline_answers_merge(*, owner, interview, device):
    """Merge the device's answers into the owner's draft of the interview; return the Merge."""
    with transaction.atomic():
        draft = (
            WizardDraft.objects.select_for_update().filter(owner=owner, interview=interview).first()
        )
        if draft is not None:
            data = draft.data or {}
            step_data, saved_at = dict(data.get("step_data") or {}), draft.updated_at
            extra_data, current_step = dict(data.get("extra_data") or {}), draft.current_step
        else:
            reflection = interview.reflection_or_none
            step_data = step_data_from_reflection(reflection) if reflection else {}
            saved_at, extra_data, current_step = None, {}, ""
        merge = merge_offline(step_data=step_data, saved_at=saved_at, device=device)
        if merge.added:
            WizardDraft.objects.update_or_create(
                owner=owner,
                interview=interview,
                defaults={
                    "current_step": current_step or merge.added[-1],
                    "data": {"step_data": merge.step_data, "extra_data": extra_data},
                },
            )
    return merge


def merge_message(merge):
    """Say in words what became of the answers written offline."""
    said = []
    if merge.added:
        said.append(_("Your answers written offline were added to your reflection."))
    if merge.kept:
        names = get_text_list([str(BY_NAME[step].label) for step in merge.kept], _("and"))
        said.append(
            _("Rebound already had newer answers for %(steps)s; those are kept.") % {"steps": names}
        )
    return " ".join(said)


@access.owned(access.get_interview)
@require_POST
def reflect_offline(request, interview):
    """Add the answers written offline to the wizard's draft, the newer answers winning."""
    try:
        body = request.body
    except RequestDataTooBig:
        return refuse(_("That is more than the wizard sends."))
    if len(body) > MAX_BODY_BYTES:
        return refuse(_("That is more than the wizard sends."))
    try:
        device = read_device(body, timezone.now())
    except BadAnswers as bad:
        return refuse(str(bad))
    if errors := field_errors(device):
        return refuse(_("Some answers need a look before they can be added."), fields=errors)
    merge = offline_answers_merge(owner=request.user, interview=interview, device=device)
    return JsonResponse(
        {
            "added": list(merge.added),
            "kept": list(merge.kept),
            "same": list(merge.same),
            "message": merge_message(merge),
        }
    )
