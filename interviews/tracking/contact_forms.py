"""Forms for the people the user meets: a contact, its applications, linking one to a job."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Fieldset, Layout, Row
from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from ..access import id_or_none
from ..models import Application, Contact


class OwnRowsField(forms.ModelMultipleChoiceField):
    """Tick several of the user's rows; an id no row could have is a form error, not a query."""

    def _check_values(self, value):
        for pk in value:
            if id_or_none(str(pk)) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class ContactForm(forms.ModelForm):
    """Add or edit a contact, and say which of the user's applications they belong to."""

    class Meta:
        model = Contact
        fields = [
            "name",
            "role",
            "company",
            "email",
            "phone",
            "profile_url",
            "notes",
            "applications",
        ]
        labels = {"applications": _("Applications they are part of")}
        field_classes = {"applications": OwnRowsField}
        widgets = {
            "applications": forms.CheckboxSelectMultiple,
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "profile_url": forms.URLInput(attrs={"placeholder": "https://"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "profile_url": _("A LinkedIn page or any other profile."),
            "notes": _("How you met, what you talked about. Only you can see these."),
        }
        error_messages = {
            "name": {"required": _("Give the person's name.")},
            "email": {"invalid": _("Enter an e-mail address such as dana@example.com.")},
            "profile_url": {"invalid": _("Enter a full web address starting with https://.")},
            "applications": {
                "invalid_choice": _("Choose from your own applications listed here."),
                "invalid_pk_value": _("Choose from your own applications listed here."),
            },
        }

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the owner's own applications can be ticked; any other id is a form error.
        applications = Application.objects.owned_by(owner).order_by(Lower("company"), "role", "pk")
        self.has_applications = applications.exists()
        if self.has_applications:
            self.fields["applications"].queryset = applications
            self.fields["applications"].required = False
        else:
            # Nothing to tick: the page says how to add an application instead.
            del self.fields["applications"]
        self.fields["name"].widget.attrs["autofocus"] = True
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # The template's <form> carries the token.
        self.helper.layout = Layout(
            Fieldset(
                _("The person"),
                Row(Column("name", css_class="col-md"), Column("role", css_class="col-md")),
                "company",
                Row(Column("email", css_class="col-md"), Column("phone", css_class="col-md")),
                "profile_url",
            ),
            *(
                [Div("applications", css_class="form-section contact-applications")]
                if self.has_applications
                else []
            ),
            Div("notes", css_class="form-section"),
        )


class ContactLinkForm(forms.Form):
    """Pick one of the user's other contacts to link to an application."""

    contact = forms.ModelChoiceField(
        label=_("Someone you know"),
        queryset=Contact.objects.none(),
        empty_label=_("Choose a contact"),
        error_messages={
            "required": _("Choose who to link."),
            "invalid_choice": _("Choose one of your contacts from the list."),
        },
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = linkable_contacts(application)
        self.fields["contact"].widget.attrs["class"] = "form-select"


def linkable_contacts(application):
    """Return the owner's contacts not yet on the application, those at its company first."""
    return (
        Contact.objects.owned_by(application.owner)
        .exclude(applications=application)
        .annotate(
            elsewhere=Case(
                When(company__iexact=application.company, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("elsewhere", Lower("name"), "pk")
    )


class ContactUnlinkForm(forms.Form):
    """Name one of the application's contacts to take off it."""

    contact = forms.ModelChoiceField(
        queryset=Contact.objects.none(),
        error_messages={
            "required": _("Choose who to unlink."),
            "invalid_choice": _("That person is not linked to this application."),
        },
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = Contact.objects.owned_by(application.owner).filter(
            applications=application
        )


class ContactSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "class": "form-control",
                "placeholder": _("Search name, e-mail or company"),
            }
        ),
    )

    def query(self):
        """Return the search text, or "" when there is none or it did not validate."""
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""
