"""Forms for tracking applications and their interviews."""

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Fieldset, Layout, Row
from django import forms
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..models import (
    MAX_DURATION_MINUTES,
    MIN_DURATION_MINUTES,
    Application,
    Interview,
)
from ..web.limits import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB
from .csv_import import MAX_ROWS, CsvImportError, parse_applications

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"

RATING_CHOICES = [
    ("", _("Not rated yet")),
    *((value, format_lazy("{} · {}", value, label)) for value, label in Interview.Rating.choices),
]


def _side_by_side(*names):
    """Return a row that puts fields next to each other on wider screens."""
    return Row(*(Column(name, css_class="col-md") for name in names))


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "company",
            "role",
            "status",
            "applied_on",
            "job_url",
            "location",
            "source",
            "salary_text",
            "contact_name",
            "contact_email",
            "notes",
        ]
        widgets = {
            "applied_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "job_url": forms.URLInput(attrs={"placeholder": "https://"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "source": _("Where you found the job: a job board, a friend, the company's site…"),
            "salary_text": _("Anything you know, in your own words, e.g. “55–60k + bonus”."),
            "notes": _("Only you can see these."),
        }
        error_messages = {
            "company": {"required": _("Tell us which company this is.")},
            "role": {"required": _("Tell us which role you applied for.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].widget.attrs["autofocus"] = True
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # The template's <form> carries the token.
        self.helper.layout = Layout(
            Fieldset(
                _("The job"),
                _side_by_side("company", "role"),
                _side_by_side("status", "applied_on"),
                "job_url",
                _side_by_side("location", "source"),
                "salary_text",
            ),
            Fieldset(
                _("Who to contact"),
                _side_by_side("contact_name", "contact_email"),
            ),
            Div("notes", css_class="form-section"),
        )


class ApplicationMoveForm(forms.Form):
    """Move an application to another column of the board."""

    status = forms.ChoiceField(choices=Application.Status.choices)


class ApplicationFilterForm(forms.Form):
    """Search, filter and sort the application list from the query string."""

    SORTS = {
        "updated": (_("Recently updated"), ["-updated_at", "-id"]),
        "company": (_("Company, A to Z"), [Lower("company"), "id"]),
        "applied": (
            _("Applied date, newest first"),
            [F("applied_on").desc(nulls_last=True), "-id"],
        ),
    }

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Search company, role or notes")}
        ),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Application.Status.choices],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["class"] = "form-control"
        self.fields["status"].widget.attrs["class"] = "form-select"
        self.fields["sort"].widget.attrs["class"] = "form-select"

    @property
    def is_narrowed(self):
        """Return True when a search or a status filter hides some applications."""
        return bool(self.value_of("q") or self.value_of("status"))

    def value_of(self, name):
        """Return a cleaned value, ignoring parameters that did not validate."""
        self.is_valid()  # Cleans once; a parameter that fails is simply left out.
        return self.cleaned_data.get(name) or ""

    def apply(self, applications):
        """Return applications narrowed by the search and status, in the chosen order."""
        q = self.value_of("q").strip()
        if q:
            applications = applications.filter(
                Q(company__icontains=q) | Q(role__icontains=q) | Q(notes__icontains=q)
            )
        if status := self.value_of("status"):
            applications = applications.filter(status=status)
        _label, order = self.SORTS.get(self.value_of("sort"), self.SORTS["updated"])
        return applications.order_by(*order)


class InterviewForm(forms.ModelForm):
    """Book an interview and, once it has happened, say how it went."""

    scheduled_at = forms.DateTimeField(
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
            "interviewers",
            "notes",
            "rating",
            "outcome",
            "marked_bad",
            "cool_off_confirmed",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"notes": _("What to prepare, who you met, anything worth remembering.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheduled_at"].help_text = _("In your time zone, %(zone)s.") % {
            "zone": timezone.get_current_timezone_name()
        }
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # The template's <form> carries the token.
        self.helper.layout = Layout(
            Fieldset(
                _("When and how"),
                _side_by_side("kind", "format"),
                _side_by_side("scheduled_at", "duration_minutes"),
                "interviewers",
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


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        # The parser gives an empty file its own clear message, like every other bad file.
        allow_empty_file=True,
        help_text=format_lazy(
            _("A .csv file of up to {size} MB and {rows:,} rows."),
            size=MAX_UPLOAD_MB,
            rows=MAX_ROWS,
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        """Return the uploaded bytes once they parse as a file of applications."""
        upload = self.cleaned_data["file"]
        # Read one byte past the limit so an oversized file is refused without reading it all.
        content = upload.read(MAX_UPLOAD_BYTES + 1)
        try:
            parsed = parse_applications(content)
        except CsvImportError as exc:
            raise forms.ValidationError(str(exc), code="unreadable") from None
        if not parsed.rows and not parsed.errors:
            raise forms.ValidationError(
                _("We found the column headings but no applications under them."),
                code="no_rows",
            )
        self.filename = upload.name
        return content
