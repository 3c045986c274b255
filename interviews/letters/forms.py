"""Forms for follow-up letters: choosing, editing, filtering and recording what happened."""

import unicodedata

from django import forms
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from ..addresses import Unmailable, mailable_address
from ..models import FollowUpLetter, Interview
from .recipients import Recipient, default_recipient

SUBJECT_MAX_LENGTH = FollowUpLetter._meta.get_field("subject").max_length
BODY_MAX_LENGTH = FollowUpLetter._meta.get_field("body").max_length
NAME_MAX_LENGTH = FollowUpLetter._meta.get_field("recipient_name").max_length
EMAIL_MAX_LENGTH = FollowUpLetter._meta.get_field("recipient_email").max_length
SOMEONE_ELSE = "other"


class InterviewChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        when = formats.date_format(timezone.localtime(obj.scheduled_at), "j M Y")
        return _("%(role)s at %(company)s — %(kind)s, %(date)s") % {
            "role": obj.application.role,
            "company": obj.application.company,
            "kind": obj.get_kind_display(),
            "date": when,
        }


class LetterInterviewForm(forms.Form):
    """Pick which of the user's past interviews a new letter follows."""

    interview = InterviewChoiceField(
        label=_("Which interview is this letter about?"),
        queryset=Interview.objects.none(),
        empty_label=_("Choose an interview"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interview"].queryset = Interview.objects.owned_by(user).past()


class LetterStartForm(forms.Form):
    """Pick the kind of a new letter and the one person it goes to."""

    kind = forms.ChoiceField(choices=FollowUpLetter.Kind.choices)
    recipient = forms.ChoiceField(
        label=_("Who is the letter to?"),
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _(
                "That person is no longer on this interview. Pick someone from the list."
            )
        },
    )
    other_name = forms.CharField(label=_("Their name"), required=False, max_length=NAME_MAX_LENGTH)
    other_email = forms.EmailField(
        label=_("Their email address"),
        required=False,
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, recipients, **kwargs):
        self.recipients = {person.key: person for person in recipients}
        default = default_recipient(recipients)
        kwargs.setdefault("initial", {"recipient": default.key if recipients else SOMEONE_ELSE})
        super().__init__(*args, **kwargs)
        if self.is_bound and not self.data.get("recipient"):
            # A post that does not say whom (an older page) goes to the default person.
            self.data = self.data.copy()
            self.data["recipient"] = self.initial["recipient"]
        self.fields["recipient"].choices = [
            *((key, person.name or person.email) for key, person in self.recipients.items()),
            (SOMEONE_ELSE, _("Someone else")),
        ]

    def clean_other_name(self):
        return " ".join(_one_line(self.cleaned_data["other_name"]).split())

    def clean_other_email(self):
        return _mailable(self.cleaned_data["other_email"])

    def clean(self):
        data = super().clean()
        typed = data.get("other_name") or data.get("other_email")
        if data.get("recipient") not in (None, SOMEONE_ELSE) and typed:
            self.add_error(
                "recipient",
                _(
                    "You typed a name or address under “Someone else”. Choose “Someone else” "
                    "to write to them, or clear what you typed."
                ),
            )
        return data

    @property
    def bound_options(self):
        """Return each radio with the person it stands for (None for someone else)."""
        return [(option, self.recipients.get(option.data["value"])) for option in self["recipient"]]

    def chosen(self):
        """Return the person the valid form picked, their name and address together."""
        key = self.cleaned_data["recipient"]
        if key == SOMEONE_ELSE:
            return Recipient(
                name=self.cleaned_data["other_name"], email=self.cleaned_data["other_email"]
            )
        return self.recipients[key]


class LetterForm(forms.ModelForm):
    class Meta:
        model = FollowUpLetter
        fields = ["recipient_name", "recipient_email", "subject", "body"]
        labels = {"recipient_name": _("To (name)"), "recipient_email": _("To (email)")}
        help_texts = {
            "recipient_email": _("Optional. Used for the email link and the .eml file."),
            "body": _("Plain text. Leave a blank line between paragraphs."),
        }
        widgets = {
            "body": forms.Textarea(attrs={"rows": 18, "spellcheck": "true"}),
            "recipient_email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }

    def clean_recipient_name(self):
        return _one_line(self.cleaned_data["recipient_name"])

    def clean_subject(self):
        return _one_line(self.cleaned_data["subject"])

    def clean_recipient_email(self):
        return _mailable(self.cleaned_data["recipient_email"])


def _mailable(address):
    """Return the address unchanged if mail can carry it, or refuse it."""
    if address:
        try:
            mailable_address(address)
        except Unmailable as refused:
            raise forms.ValidationError(refused.reason) from None
    return address


def _one_line(text):
    """Return text unchanged if it fits in a mail header, or refuse it."""
    # Line and paragraph separators and control characters would start a new header.
    if any(unicodedata.category(char) in {"Cc", "Zl", "Zp"} for char in text):
        raise forms.ValidationError(
            _("Keep this on one line, without line breaks, tabs or control characters.")
        )
    return text


class ToneForm(forms.Form):
    """The text being typed in the editor, for the live tone check."""

    subject = forms.CharField(required=False, strip=False, max_length=SUBJECT_MAX_LENGTH)
    body = forms.CharField(required=False, strip=False, max_length=BODY_MAX_LENGTH)


class MarkSentForm(forms.Form):
    sent_on = forms.DateField(
        label=_("Date you sent it"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, letter, **kwargs):
        self.today = timezone.localdate()
        self.interview_day = timezone.localdate(letter.interview.scheduled_at)
        kwargs.setdefault("initial", {"sent_on": letter.sent_on or self.today})
        super().__init__(*args, **kwargs)
        self.fields["sent_on"].widget.attrs["max"] = self.today.isoformat()

    def clean_sent_on(self):
        sent_on = self.cleaned_data["sent_on"]
        if sent_on > self.today:
            raise forms.ValidationError(_("That date is in the future. Pick today or earlier."))
        if sent_on < self.interview_day:
            raise forms.ValidationError(
                _("That is before the interview itself. Pick the day you sent the letter.")
            )
        return sent_on


class LetterResponseForm(forms.Form):
    response = forms.ChoiceField(label=_("Their response"), choices=FollowUpLetter.Response.choices)

    def __init__(self, *args, letter, **kwargs):
        self.letter = letter
        kwargs.setdefault("initial", {"response": letter.response})
        super().__init__(*args, **kwargs)

    def clean(self):
        if self.letter.status != FollowUpLetter.Status.SENT:
            raise forms.ValidationError(_("Mark the letter as sent before recording a response."))
        return super().clean()


class LetterFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Company, role, subject or name")}
        ),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *FollowUpLetter.Status.choices],
    )
    response = forms.ChoiceField(
        label=_("Response"),
        required=False,
        choices=[("", _("Any response")), *FollowUpLetter.Response.choices],
    )

    def filter(self, letters):
        """Return letters narrowed by the filters that are valid; ignore the rest."""
        self.is_valid()
        data = self.cleaned_data
        if words := data.get("q", "").strip():
            # Subjects are encrypted at rest, so they are matched here, among this user's letters.
            needle = words.casefold()
            by_subject = [
                pk
                for pk, subject in letters.values_list("pk", "subject")
                if needle in subject.casefold()
            ]
            letters = letters.filter(
                Q(interview__application__company__icontains=words)
                | Q(interview__application__role__icontains=words)
                | Q(pk__in=by_subject)
                | Q(recipient_name__icontains=words)
            )
        if status := data.get("status"):
            letters = letters.filter(status=status)
        if response := data.get("response"):
            letters = letters.filter(response=response)
        return letters

    @property
    def is_filtered(self):
        return any(self.cleaned_data.get(name) for name in self.fields)
