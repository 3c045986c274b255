"""Forms for tracking applications and their interviews."""

from datetime import datetime, timedelta

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Fieldset, Layout, Row
from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from ..models import (
    EXCITEMENT_MIN,
    MAX_DURATION_MINUTES,
    MIN_DURATION_MINUTES,
    Application,
    Contact,
    Interview,
    Tag,
)
from ..web.limits import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB
from .contact_forms import OwnRowsField
from .csv_import import MAX_ROWS, CsvImportError, parse_applications
from .facts import DEADLINE_SOON_DAYS, EXCITEMENT_WORDS
from .salary import AMOUNT_MAX
from .services import application_save
from .tagging import TAG_NAME_MAX, TAGS_MAX, split_tag_names, tag_name_problems
from .times import read_wall_time

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"

RATING_CHOICES = [
    ("", _("Not rated yet")),
    *((value, format_lazy("{} · {}", value, label)) for value, label in Interview.Rating.choices),
]


def _side_by_side(*names):
    """Return a row that puts fields next to each other on wider screens."""
    return Row(*(Column(name, css_class="col-md") for name in names))


EXCITEMENT_CHOICES = [
    ("", _("Not said")),
    *((value, format_lazy("{} · {}", value, words)) for value, words in EXCITEMENT_WORDS.items()),
]


class ApplicationForm(forms.ModelForm):
    """Add or edit an application: the job, its salary and deadline, tags and how keen you are.

    Adding one may also name who to contact there; on edit, contacts live on its page.
    """

    excitement = forms.TypedChoiceField(
        label=_("How much do you want it?"),
        choices=EXCITEMENT_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose from 1 (not very) to 5 (dream job).")},
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        # Room for TAGS_MAX names at their longest, with their commas.
        max_length=TAGS_MAX * (TAG_NAME_MAX + 2),
        help_text=format_lazy(
            _("Separate them with commas, e.g. “remote, python”. Up to {count}."), count=TAGS_MAX
        ),
    )
    contact_name = forms.CharField(
        label=_("Name"), required=False, max_length=Contact._meta.get_field("name").max_length
    )
    contact_email = forms.EmailField(
        label=_("E-mail"), required=False, max_length=Contact._meta.get_field("email").max_length
    )

    class Meta:
        model = Application
        fields = [
            "company",
            "role",
            "status",
            "applied_on",
            "deadline",
            "job_url",
            "location",
            "source",
            "salary_min",
            "salary_max",
            "salary_currency",
            "salary_period",
            "salary_text",
            "excitement",
            "notes",
        ]
        widgets = {
            "applied_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "job_url": forms.URLInput(attrs={"placeholder": "https://"}),
            "salary_min": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "salary_max": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "salary_currency": forms.TextInput(
                attrs={"size": 3, "autocapitalize": "characters", "placeholder": "EUR"}
            ),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"deadline": _("Apply by")}
        help_texts = {
            "source": _("Where you found the job: a job board, a friend, the company's site…"),
            "salary_text": _("Anything you know, in your own words, e.g. “55–60k + bonus”."),
            "salary_currency": _("EUR, USD…"),
            "deadline": _("The last day to apply, if the posting gives one."),
            "notes": _("Only you can see these."),
        }
        error_messages = {
            "company": {"required": _("Tell us which company this is.")},
            "role": {"required": _("Tell us which role you applied for.")},
            "salary_min": {
                "invalid": _("Give a whole amount, without the currency, e.g. 55000."),
                "min_value": _("A salary cannot be below zero."),
                "max_value": _("That amount is too large to keep."),
            },
            "salary_max": {
                "invalid": _("Give a whole amount, without the currency, e.g. 65000."),
                "min_value": _("A salary cannot be below zero."),
                "max_value": _("That amount is too large to keep."),
            },
        }

    def __init__(self, data=None, *, owner, instance=None, initial=None, **kwargs):
        super().__init__(data, instance=instance, initial=initial, **kwargs)
        self.owner = owner
        if self.instance.pk is None:
            self.instance.owner = owner
        else:
            # Contacts of a saved application are managed on its page.
            del self.fields["contact_name"], self.fields["contact_email"]
            self.initial.setdefault("tags", ", ".join(tag.name for tag in self.instance.tags.all()))
        self.fields["salary_period"].choices = [
            ("", _("Not said")),
            *Application.SalaryPeriod.choices,
        ]
        for name in ("salary_min", "salary_max"):
            # The database's own limit: SQLite would not refuse a larger number by itself.
            field = self.fields[name]
            field.max_value = AMOUNT_MAX
            field.validators.append(MaxValueValidator(AMOUNT_MAX))
            field.widget.attrs["max"] = AMOUNT_MAX
        self.fields["company"].widget.attrs["autofocus"] = True
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # The template's <form> carries the token.
        sections = [
            Fieldset(
                _("The job"),
                _side_by_side("company", "role"),
                _side_by_side("status", "applied_on"),
                "job_url",
                _side_by_side("location", "source"),
                _side_by_side("deadline", "tags"),
                InlineRadios("excitement", wrapper_class="rating-scale"),
            ),
            Fieldset(
                _("Salary"),
                Row(
                    Column("salary_min", css_class="col-6 col-md"),
                    Column("salary_max", css_class="col-6 col-md"),
                    Column("salary_currency", css_class="col-6 col-md-2"),
                    Column("salary_period", css_class="col-6 col-md-3"),
                ),
                "salary_text",
                css_class="form-section",
            ),
        ]
        if "contact_name" in self.fields:
            sections.append(
                Fieldset(
                    _("Who to contact (optional)"),
                    _side_by_side("contact_name", "contact_email"),
                    css_class="form-section",
                )
            )
        self.helper.layout = Layout(*sections, Div("notes", css_class="form-section"))

    def clean_salary_currency(self):
        """Return the currency code in capitals, so "eur" is EUR."""
        return self.cleaned_data["salary_currency"].strip().upper()

    def clean_tags(self):
        """Return the tag names given, trimmed and once each; refuse too many or too long."""
        names = split_tag_names(self.cleaned_data["tags"])
        problems = tag_name_problems(names)
        if problems:
            raise forms.ValidationError(problems, code="tags")
        return names

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_email") and not cleaned.get("contact_name"):
            self.add_error(
                "contact_name", _("Add their name too, so you know who the address belongs to.")
            )
        return cleaned

    def save(self, commit=True):
        """Save the application, its tags and a new contact together, or nothing at all."""
        if not commit:
            raise ValueError("ApplicationForm saves its tags and contact with it: use commit=True.")
        return application_save(
            application=self.instance,
            tag_names=self.cleaned_data["tags"],
            contact_name=self.cleaned_data.get("contact_name", ""),
            contact_email=self.cleaned_data.get("contact_email", ""),
        )


class ApplicationMoveForm(forms.Form):
    """Move an application to another column of the board."""

    status = forms.ChoiceField(choices=Application.Status.choices)
    # Set by the board's "Undo" button: the move puts a card back rather than moving it on.
    undo = forms.BooleanField(required=False)


class ApplicationFilterForm(forms.Form):
    """Search, filter and sort the application list from the query string."""

    SORTS = {
        "updated": (_("Recently updated"), ["-updated_at", "-id"]),
        "company": (_("Company, A to Z"), [Lower("company"), "id"]),
        "applied": (
            _("Applied date, newest first"),
            [F("applied_on").desc(nulls_last=True), "-id"],
        ),
        "deadline": (
            _("Deadline, soonest first"),
            [F("deadline").asc(nulls_last=True), "-id"],
        ),
        "excitement": (
            _("Excitement, highest first"),
            [F("excitement").desc(nulls_last=True), "-updated_at", "-id"],
        ),
        # Amounts only: 50,000 a year and 50,000 yen sort together (the page says so).
        "salary": (
            _("Salary, highest first"),
            [
                F("salary_max").desc(nulls_last=True),
                F("salary_min").desc(nulls_last=True),
                "-id",
            ],
        ),
    }
    DEADLINES = {
        "soon": _("Deadline in the next %(days)s days") % {"days": DEADLINE_SOON_DAYS},
        "any": _("Has a deadline"),
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
    tag = forms.ModelChoiceField(
        label=_("Tag"), required=False, queryset=Tag.objects.none(), empty_label=_("Any tag")
    )
    excitement = forms.TypedChoiceField(
        label=_("Excitement"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Any excitement")),
            *(
                (value, format_lazy(_("At least {value} · {words}"), value=value, words=words))
                for value, words in EXCITEMENT_WORDS.items()
                if value > EXCITEMENT_MIN
            ),
        ],
    )
    deadline = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[("", _("Any deadline")), *DEADLINES.items()],
    )
    archived = forms.BooleanField(label=_("Show archived"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
    )

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].queryset = Tag.objects.owned_by(owner)
        self.fields["q"].widget.attrs["class"] = "form-control"
        for name in ("status", "tag", "excitement", "deadline", "sort"):
            self.fields[name].widget.attrs["class"] = "form-select"

    @property
    def is_narrowed(self):
        """Return True when a search or a filter hides some applications."""
        return any(self.value_of(name) for name in ("q", "status", "tag", "excitement", "deadline"))

    @property
    def sorts_by_salary(self):
        """Return True when the list is in salary order, which compares amounts alone."""
        return self.value_of("sort") == "salary"

    def value_of(self, name):
        """Return a cleaned value, ignoring parameters that did not validate."""
        self.is_valid()  # Cleans once; a parameter that fails is simply left out.
        return self.cleaned_data.get(name) or ""

    def apply(self, applications, today=None):
        """Return applications narrowed by the search and filters, in the chosen order."""
        q = self.value_of("q").strip()
        if q:
            applications = applications.filter(
                Q(company__icontains=q) | Q(role__icontains=q) | Q(notes__icontains=q)
            )
        if status := self.value_of("status"):
            applications = applications.filter(status=status)
        if tag := self.value_of("tag"):
            applications = applications.filter(tags=tag)
        if excitement := self.value_of("excitement"):
            applications = applications.filter(excitement__gte=excitement)
        deadline = self.value_of("deadline")
        if deadline == "soon":
            today = today or timezone.localdate()
            applications = applications.filter(
                deadline__gte=today, deadline__lte=today + timedelta(days=DEADLINE_SOON_DAYS)
            )
        elif deadline == "any":
            applications = applications.filter(deadline__isnull=False)
        if not self.value_of("archived"):
            applications = applications.filter(archived=False)
        _label, order = self.SORTS.get(self.value_of("sort"), self.SORTS["updated"])
        return applications.order_by(*order)


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
                _side_by_side("kind", "format"),
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
