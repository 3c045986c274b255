"""Forms for "Your data": restoring an export and deleting the account."""

from allauth.core import ratelimit
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import archive


class DataImportForm(forms.Form):
    export_file = forms.FileField(
        label=gettext_lazy("Export file"),
        help_text=format_lazy(
            gettext_lazy(
                "The .zip file Rebound gave you when you downloaded everything, up to {size} MB "
                "(or the .json file of an older download)."
            ),
            size=archive.RESTORE_MAX_MB,
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".zip,application/zip,.json,application/json"}
        ),
    )

    def clean_export_file(self):
        """Return (the parsed JSON, the zip's files or None), or explain why it cannot be read."""
        upload = self.cleaned_data["export_file"]
        limit = archive.RESTORE_MAX_BYTES
        head = upload.read(len(archive.ZIP_MAGIC))
        upload.seek(0)
        if head != archive.ZIP_MAGIC:
            limit = archive.JSON_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("This file is %(size)s; an export file can be at most %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        try:
            if head == archive.ZIP_MAGIC:
                return archive.open_archive(upload)
            return archive.parse_json(upload.read()), None
        except archive.ArchiveError as error:
            raise forms.ValidationError(str(error)) from None


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
