"""How allauth treats Rebound's accounts: one form for every address, mail through the worker."""

from contextlib import suppress

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django import forms
from django.contrib.sites.shortcuts import get_current_site

from ..addresses import Unmailable, account_address
from ..web.mail import mail_enqueue


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
        """Queue an account mail for the worker, so a mail server outage never fails a page.

        The worker's mail task tries again while the server is down (interviews/web/mail.py).
        """
        # The password reset form hands on the address as typed; mail it in the stored form.
        with suppress(Unmailable):
            email = account_address(email)
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request)}
            | context,
        )
        mail_enqueue(message, kind=template_prefix.rpartition("/")[2])
