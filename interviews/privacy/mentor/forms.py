"""The form that makes a mentor link: who it is for, what it covers and shows, how long it lasts."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ...models import MENTOR_LINK_MAX_DAYS, Application, MentorLink

DEFAULT_DAYS = 14

# What a mentor sees unless told otherwise, and what stays private unless ticked on purpose.
SHARED_PARTS = ("shows_readiness", "shows_lessons", "shows_questions")
PRIVATE_PARTS = ("shows_feelings", "shows_kind_words", "shows_thinking_traps")


class MentorLinkForm(forms.ModelForm):
    """Make a read-only link: label, applications (none ticked is all), parts shown, expiry."""

    days = forms.IntegerField(
        label=_("Stops working after (days)"),
        min_value=1,
        max_value=MENTOR_LINK_MAX_DAYS,
        initial=DEFAULT_DAYS,
        help_text=_("From 1 to %(max)s days. You can turn it off sooner at any time.")
        % {"max": MENTOR_LINK_MAX_DAYS},
        error_messages={
            "required": _("Say how many days the link should work, from 1 to %(max)s.")
            % {"max": MENTOR_LINK_MAX_DAYS},
            "invalid": _("Write the number of days as a whole number, like 14."),
            "min_value": _("A link has to work for at least 1 day."),
            "max_value": _("A link can work for at most %(max)s days.")
            % {"max": MENTOR_LINK_MAX_DAYS},
        },
    )

    class Meta:
        model = MentorLink
        fields = ["label", "applications", *SHARED_PARTS, *PRIVATE_PARTS]
        widgets = {"applications": forms.CheckboxSelectMultiple}
        help_texts = {
            "applications": _("Tick none to cover all of them, including ones you add later."),
        }
        error_messages = {
            "label": {
                "required": _("Say who the link is for, so you can tell your links apart."),
                "max_length": _("Keep the name to %(limit_value)d characters or fewer."),
            },
            "applications": {
                "invalid_choice": _("Pick applications from the list."),
                "invalid_pk_value": _("Pick applications from the list."),
            },
        }

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        # Only the user's own applications can be offered, or accepted.
        self.fields["applications"].queryset = Application.objects.owned_by(owner).order_by(
            "company", "role", "pk"
        )
        self.fields["applications"].label_from_instance = lambda app: f"{app.company} · {app.role}"
        self.fields["label"].widget.attrs["autocomplete"] = "off"
        for name in PRIVATE_PARTS:
            self.fields[name].help_text = _("Private: off unless you tick it.")

    def save(self, commit=True):
        link = super().save(commit=False)
        link.owner = self.owner
        link.expires_at = timezone.now() + timedelta(days=self.cleaned_data["days"])
        if commit:
            link.save()
            self.save_m2m()
        return link
