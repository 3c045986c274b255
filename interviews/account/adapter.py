"""How allauth treats Rebound's accounts: every address in the one form mail can carry."""

from contextlib import suppress

from allauth.account.adapter import DefaultAccountAdapter
from django import forms

from ..addresses import Unmailable, account_address


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        """Return the address in the one form accounts store, or refuse one mail cannot reach.

        Sign-up, password reset and adding an address all pass through here.
        """
        email = super().clean_email(email)
        try:
            return account_address(email)
        except Unmailable as refused:
            raise forms.ValidationError(refused.reason) from None

    def send_mail(self, template_prefix, email, context):
        # The password reset form hands on the address as typed; mail it in the stored form.
        with suppress(Unmailable):
            email = account_address(email)
        super().send_mail(template_prefix, email, context)
