"""Forms for an application: add or edit one, move it on the board, filter the list."""

from datetime import timedelta

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Fieldset, Layout, Row
from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..models import EXCITEMENT_MIN, Application, Contact, Tag
from .facts import DEADLINE_SOON_DAYS, EXCITEMENT_WORDS
from .salary import AMOUNT_MAX
from .services import application_save
from .tagging import TAG_NAME_MAX, TAGS_MAX, split_tag_names, tag_name_problems


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
