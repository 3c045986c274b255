"""Forms for an interview: book it, and once it has happened, say how it went."""

from datetime import datetime

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row
from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from ..models import MAX_DURATION_MINUTES, MIN_DURATION_MINUTES, Contact, Interview
from .contact_forms import OwnRowsField
from .times import read_wall_time

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"

RATING_CHOICES = [
    ("", _("Not rated yet")),
    *((value, format_lazy("{} · {}", value, label)) for value, label in Interview.Rating.choices),
]


class WallClockField(forms.DateTimeField):
    """A date and time read as the wall clock shows it, before any time zone is applied."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value
        try:
            result = parse_datetime(value.strip())
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        # Formats parse_datetime does not know go through the field's own input formats.
        return result or forms.DateTimeField.to_python(self, value)


# The answers to "which one did you mean?" for a time the clocks skip or repeat.
FIRST, SECOND, SHIFTED = "first", "second", "shifted"


def _clock(moment):
    """Return a moment as its wall-clock time and zone abbreviation, e.g. "01:30 BST"."""
    return f"{moment:%H:%M} {moment.tzname()}"


class InterviewForm(forms.ModelForm):
    """Book an interview and, once it has happened, say how it went."""

    scheduled_at = WallClockField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        error_messages={
            "required": _("Choose the date and time of the interview."),
            "invalid": _("Enter a date and time, e.g. 2026-03-14 09:30."),
        },
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"),
        min_value=MIN_DURATION_MINUTES,
        max_value=MAX_DURATION_MINUTES,
        initial=60,
        error_messages={
            "required": _("Say roughly how long it lasts, in minutes."),
            "min_value": _("An interview lasts at least %(limit_value)s minutes."),
            "max_value": _(
                "That is longer than any interview; enter at most %(limit_value)s minutes."
            ),
        },
    )
    rating = forms.TypedChoiceField(
        label=_("How did it go?"),
        choices=RATING_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("A 1 or 2 starts a cool-off time and Rebound's road back."),
        error_messages={"invalid_choice": _("Choose a rating from 1 to 5.")},
    )

    class Meta:
        model = Interview
        fields = [
            "kind",
            "scheduled_at",
            "duration_minutes",
            "format",
            "location",
            "interviewers",
            "contacts",
            "notes",
            "rating",
            "outcome",
            "marked_bad",
            "cool_off_confirmed",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4}),
            "contacts": forms.CheckboxSelectMultiple,
        }
        labels = {"location": _("Where")}
        field_classes = {"contacts": OwnRowsField}
        help_texts = {
            "notes": _("What to prepare, who you met, anything worth remembering."),
            "interviewers": _("Names, separated by commas, of anyone not in your contacts."),
            "contacts": _("Their addresses are offered when you write a follow-up letter."),
        }
        error_messages = {
            "contacts": {
                "invalid_choice": _("Choose from this application's contacts listed here."),
                "invalid_pk_value": _("Choose from this application's contacts listed here."),
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = timezone.get_current_timezone()
        self.fields["scheduled_at"].help_text = _("In your time zone, %(zone)s.") % {
            "zone": timezone.get_current_timezone_name()
        }
        self.wall_time = self._entered_wall_time()
        when = ["scheduled_at"]
        if self.wall_time is not None and len(self.wall_time.moments) != 1:
            self.fields["time_choice"] = self._time_choice_field(self.wall_time)
            when.append("time_choice")  # Right under the time it asks about, on phones too.
        when_row = Row(
            Column(*when, css_class="col-md"), Column("duration_minutes", css_class="col-md")
        )
        people = self._contacts_layout()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # The template's <form> carries the token.
        self.helper.layout = Layout(
            Fieldset(
                _("When and how"),
                Row(Column("kind", css_class="col-md"), Column("format", css_class="col-md")),
                when_row,
                "location",
                *people,
                "notes",
            ),
            Fieldset(
                _("After the interview"),
                InlineRadios("rating", wrapper_class="rating-scale"),
                "outcome",
                "marked_bad",
                "cool_off_confirmed",
                css_class="after-interview",
            ),
        )

    def _contacts_layout(self):
        """Offer the application's contacts as interviewers, or say how to add one.

        Only the owner's contacts on this application (and any already picked) can be ticked,
        so an id from anywhere else is a form error.
        """
        application = self.instance.application
        offered = Q(applications=application)
        if self.instance.pk:
            # Someone picked before they were unlinked from the application stays pickable.
            offered |= Q(interviews=self.instance.pk)
        contacts = (
            Contact.objects.owned_by(application.owner)
            .filter(offered)
            .distinct()
            .order_by("name", "pk")
        )
        if not contacts.exists():
            del self.fields["contacts"]
            note = gettext(
                "To pick interviewers from your contacts, add them to the application first."
            )
            link = format_html(
                '<p class="form-text mt-n2 mb-3">{} <a href="{}">{}</a></p>',
                note,
                reverse("interviews:contact_create") + f"?application={application.pk}",
                gettext("Add a contact"),
            )
            return ["interviewers", HTML(link)]
        self.fields["contacts"].queryset = contacts
        return ["contacts", "interviewers"]

    def _entered_wall_time(self):
        """Return how the entered (or saved) time reads on the user's clock, if there is one."""
        if self.is_bound:
            try:
                wall = self.fields["scheduled_at"].to_python(self.data.get("scheduled_at"))
            except forms.ValidationError:
                return None
            if wall is None or timezone.is_aware(wall):
                return None
            return read_wall_time(wall, self.zone)
        if self.instance.scheduled_at is None:
            return None
        local = timezone.localtime(self.instance.scheduled_at, self.zone)
        return read_wall_time(local.replace(tzinfo=None), self.zone)

    def _time_choice_field(self, wall_time):
        """Return the question a skipped or repeated time needs: which moment is meant."""
        if wall_time.is_fold:
            first, second = wall_time.moments
            label = _("Which %(time)s do you mean?") % {"time": f"{wall_time.wall:%H:%M}"}
            choices = [
                (
                    FIRST,
                    pgettext("clocks going back", "%(time)s (first)") % {"time": _clock(first)},
                ),
                (
                    SECOND,
                    pgettext("clocks going back", "%(time)s (second)") % {"time": _clock(second)},
                ),
            ]
            help_text = _("The clocks go back that night, so this time happens twice.")
        else:
            label = _("Use this time instead?")
            choices = [
                (
                    SHIFTED,
                    _("%(time)s, just after the clocks go forward")
                    % {"time": _clock(wall_time.shifted)},
                )
            ]
            help_text = _("The clocks go forward that night, so the time you entered is skipped.")
        # A plain text field: an answer left over from another time is ignored, not refused.
        field = forms.CharField(
            label=label,
            required=False,
            help_text=help_text,
            widget=forms.RadioSelect(choices=choices),
        )
        if wall_time.is_fold and not self.is_bound and self.instance.scheduled_at is not None:
            local = timezone.localtime(self.instance.scheduled_at, self.zone)
            field.initial = SECOND if local.fold else FIRST
        return field

    def clean_scheduled_at(self):
        """Return the moment meant, asking which one when the clocks skip or repeat the time."""
        value = self.cleaned_data["scheduled_at"]
        if value is None or timezone.is_aware(value):
            return value
        wall_time = read_wall_time(value, self.zone)
        if len(wall_time.moments) == 1:
            return wall_time.moments[0]
        choice = self.data.get("time_choice")
        facts = {
            "time": f"{value:%H:%M}",
            "date": date_format(value, "j M Y"),
            "zone": timezone.get_current_timezone_name(),
            "before": f"{wall_time.change.before:%H:%M}",
            "after": f"{wall_time.change.after:%H:%M}",
        }
        if wall_time.is_fold:
            if choice in (FIRST, SECOND):
                return wall_time.moments[0 if choice == FIRST else 1]
            raise forms.ValidationError(
                gettext(
                    "%(time)s on %(date)s happens twice in %(zone)s: the clocks go back from "
                    "%(before)s to %(after)s. Choose which %(time)s you mean below."
                )
                % facts,
                code="repeated_time",
            )
        if choice == SHIFTED:
            return wall_time.shifted
        raise forms.ValidationError(
            gettext(
                "%(time)s on %(date)s does not exist in %(zone)s: the clocks go forward from "
                "%(before)s to %(after)s. Did you mean %(suggested)s? Choose it below, or "
                "enter another time."
            )
            % {**facts, "suggested": _clock(wall_time.shifted)},
            code="skipped_time",
        )
