"""A formtools storage backed by the WizardDraft row of one user and one interview."""

import copy

from formtools.wizard.storage.base import BaseStorage

from ..models import WizardDraft
from .answers import step_data_from_reflection


def own_keys(data, step):
    """Return only the step's own prefixed fields from POST data, as lists of strings.

    formtools would keep the whole POST (CSRF token, button names); a formset's
    management fields share the step's prefix, so they are kept. NUL characters are
    dropped: the draft keeps unfinished answers, but PostgreSQL's JSON cannot hold a NUL
    (the step's form refuses it all the same when the answers are checked).
    """
    prefix = f"{step}-"
    return {
        key: [value.replace("\x00", "") for value in data.getlist(key)]
        for key in data
        if key.startswith(prefix)
    }


class DraftStorage(BaseStorage):
    """Keep the wizard's state in the database, so any session or device can resume it.

    formtools builds it from the request alone: the owner is the request's user and the
    interview is the one the wizard's setup() fetched (through access.py) onto the request.
    Reads happen once, here; the row is written at most once, at the end of a POST that
    changed something. GET requests never write.
    """

    def __init__(self, prefix, request=None, file_storage=None):
        super().__init__(prefix, request, file_storage)
        self.owner = request.user
        self.interview = request.interview
        self.init_data()
        self.draft = WizardDraft.objects.filter(owner=self.owner, interview=self.interview).first()
        if self.draft is not None:
            saved = self.draft.data or {}
            self.data[self.step_key] = self.draft.current_step or None
            self.data[self.step_data_key] = dict(saved.get("step_data") or {})
            self.data[self.extra_data_key] = dict(saved.get("extra_data") or {})
        elif (reflection := self.interview.reflection_or_none) is not None:
            # No draft yet: start from the finished reflection, so it can be edited.
            self.data[self.step_data_key] = step_data_from_reflection(reflection)
        self._saved = copy.deepcopy(self.data)

    @property
    def has_draft(self):
        return self.draft is not None

    def discard_changes(self):
        """Go back to the state this request started from, so a refused POST writes nothing."""
        self.data = copy.deepcopy(self._saved)

    def update_response(self, response):
        if self.request.method == "POST" and self.data != self._saved:
            self.save()
        super().update_response(response)

    def save(self):
        """Write the state to the draft row, or remove the row once nothing is left in it."""
        step_data = self.data[self.step_data_key]
        if not step_data:
            WizardDraft.objects.filter(owner=self.owner, interview=self.interview).delete()
            self.draft = None
        else:
            self.draft, _ = WizardDraft.objects.update_or_create(
                owner=self.owner,
                interview=self.interview,
                defaults={
                    "current_step": self.current_step or "",
                    "data": {"step_data": step_data, "extra_data": self.extra_data},
                },
            )
        self._saved = copy.deepcopy(self.data)
