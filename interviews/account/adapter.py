"""How allauth treats Rebound's accounts: one form for every address, mail that may not go."""

import logging
import smtplib
from contextlib import suppress

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core import ratelimit
from django import forms
from django.contrib import messages
from django.utils.translation import gettext as _

from ..addresses import Unmailable, account_address

logger = logging.getLogger("rebound.mail")

# A mail server that is down, refuses the connection, times out or rejects Rebound's login.
MAIL_SERVER_ERRORS = (smtplib.SMTPException, OSError)
SENT_MESSAGE = "account/messages/email_confirmation_sent.txt"
# Mails that carry a verification link, limited by allauth's "confirm_email" rate.
VERIFICATION_MAILS = {
    "account/email/email_confirmation_signup",
    "account/email/email_confirmation",
    "account/email/account_already_exists",
}


def _how_to_ask_again(template_prefix):
    """Return what the person can do to get the mail that could not be sent."""
    # An unknown address and a taken one hear what a real account would: no enumeration.
    if template_prefix in {"account/email/password_reset_key", "account/email/unknown_account"}:
        return _("Please ask for a new link in a few minutes.")
    if template_prefix in {
        "account/email/email_confirmation_signup",
        "account/email/account_already_exists",
    }:
        return _(
            "Your account is kept: log in with your email and password in a few minutes and"
            " Rebound will send a new verification link."
        )
    if template_prefix == "account/email/email_confirmation":
        return _(
            "Please try again in a few minutes: log in again, or use Re-send verification"
            " on your email addresses page."
        )
    return _("Please try again in a few minutes.")


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
        """Send an account mail, or tell the person it could not go and how to ask again.

        There is no task queue to retry through yet, so an outage must not become a 500.
        """
        # The password reset form hands on the address as typed; mail it in the stored form.
        with suppress(Unmailable):
            email = account_address(email)
        try:
            super().send_mail(template_prefix, email, context)
        except MAIL_SERVER_ERRORS as error:
            self._mail_not_sent(template_prefix, email, error)

    def _mail_not_sent(self, template_prefix, email, error):
        request = allauth_context.request
        # The mail holds a key or a link: log only which mail it was and what the server said.
        logger.warning(
            "Account mail %s could not be sent: %s %s",
            template_prefix.rpartition("/")[2],
            type(error).__name__,
            getattr(error, "smtp_code", None) or getattr(error, "errno", None) or "",
        )
        if request is None:
            return
        request.rebound_mail_not_sent = True
        if template_prefix in VERIFICATION_MAILS:
            # Nothing was sent, so asking again must not be silently skipped as too soon.
            ratelimit.clear(request, action="confirm_email", key=email.lower())
        messages.error(
            request,
            _(
                "The email could not be sent just now: Rebound's mail service is having"
                " trouble. %(then)s"
            )
            % {"then": _how_to_ask_again(template_prefix)},
        )

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        # allauth says the verification mail went out even when it could not.
        if message_template == SENT_MESSAGE and getattr(request, "rebound_mail_not_sent", False):
            return
        super().add_message(request, level, message_template, *args, **kwargs)
