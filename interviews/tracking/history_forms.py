"""Forms for an application's history: a change recorded by hand, archiving, bulk moves."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Application, StatusChange, validate_sensible_date
from .times import read_wall_time

# A day given without a time is placed at midday, so it stays that day in nearby time zones.
DAY_ONLY_TIME = dt.time(12, 0)
NOTE_MAX_LENGTH = StatusChange._meta.get_field("note").max_length


class StatusRecordForm(forms.Form):
    """Record a status change, or a note about the current status, on the day it happened."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=Application.Status.choices,
        error_messages={"required": _("Choose the status the application moved to.")},
    )
    on = forms.DateField(
        label=_("On"),
        validators=[validate_sensible_date],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Give the day it happened."),
            "invalid": _("Give the day as a date, e.g. 2026-03-03."),
        },
    )
    at = forms.TimeField(
        label=_("At (optional)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Leave empty if you only know the day."),
        error_messages={"invalid": _("Give the time as hours and minutes, e.g. 14:30.")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: “Applied through their careers page.”"),
    )

    def __init__(self, *args, application, **kwargs):
        kwargs.setdefault("initial", {"status": application.status, "on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.application = application

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("on")
        if day is None or "at" in self.errors:
            return cleaned
        cleaned["changed_at"] = changed_at = moment_of(day, cleaned.get("at"))
        change = StatusChange(
            application=self.application,
            from_status=self.application.status,
            to_status=cleaned.get("status") or self.application.status,
            changed_at=changed_at,
        )
        try:
            change.clean()
        except ValidationError as error:
            for message in error.message_dict.get("changed_at", []):
                self.add_error("on", message)
        return cleaned

    @property
    def change(self):
        """Return the service's arguments for the change this form describes."""
        return {name: self.cleaned_data[name] for name in ("status", "changed_at", "note")}


def moment_of(day, at=None, *, now=None):
    """Return the aware moment a day (and time, if given) names on the user's clock.

    Without a time: today means now, another day its midday. A time the clocks skip is read
    as the moment after they moved; one they show twice, as the first of the two.
    """
    now = now or timezone.now()
    if at is None and day == timezone.localdate(now):
        return now
    local = read_wall_time(
        dt.datetime.combine(day, at or DAY_ONLY_TIME), timezone.get_current_timezone()
    )
    return local.moments[0] if local.moments else local.shifted


class ApplicationArchiveForm(forms.Form):
    archived = forms.BooleanField(required=False)


class BulkStatusForm(forms.Form):
    """Choose several of the user's applications and one status to move them to."""

    applications = forms.ModelMultipleChoiceField(
        queryset=Application.objects.none(),
        error_messages={
            "required": _("Choose at least one application to move."),
            "invalid_choice": _(
                "One of the chosen applications is no longer on your list. Nothing was moved."
            ),
            "invalid_pk_value": _(
                "One of the chosen applications is no longer on your list. Nothing was moved."
            ),
        },
    )
    status = forms.ChoiceField(
        label=_("Move the chosen to"),
        choices=Application.Status.choices,
        error_messages={
            "required": _("Choose the status to move them to."),
            "invalid_choice": _("Choose one of the statuses."),
        },
    )

    # The list's search and filter, so the list comes back as it was.
    query = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = applications
