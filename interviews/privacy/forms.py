"""Forms for "Your data": restoring an export and deleting the account."""

import json

from allauth.core import ratelimit
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..web.limits import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB


class DataImportForm(forms.Form):
    export_file = forms.FileField(
        label=gettext_lazy("Export file"),
        help_text=format_lazy(
            gettext_lazy(
                "The .json file Rebound gave you when you downloaded your data, up to {size} MB."
            ),
            size=MAX_UPLOAD_MB,
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_export_file(self):
        """Return the parsed JSON of the upload, or explain why it cannot be read."""
        upload = self.cleaned_data["export_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("This file is %(size)s; an export file can be at most %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)}
            )
        try:
            return json.loads(upload.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise forms.ValidationError(
                _("This file is not valid JSON. Choose the file exactly as Rebound exported it.")
            ) from None


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("To be sure it is you, type the password you log in with."),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        """Accept only the account's own password, with allauth's limit on guesses."""
        password = self.cleaned_data["password"]
        user = self.request.user
        if not ratelimit.consume(self.request, action="reauthenticate", user=user):
            raise forms.ValidationError(
                _("Too many attempts. Wait a minute, then try again."), code="rate_limited"
            )
        if not user.check_password(password):
            raise forms.ValidationError(
                _("That is not your password. Nothing has been deleted."), code="wrong_password"
            )
        return password
