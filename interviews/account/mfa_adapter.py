"""How allauth's two-factor sign-in names Rebound to authenticator apps and passkeys."""

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class MFAAdapter(DefaultMFAAdapter):
    error_messages = DefaultMFAAdapter.error_messages | {
        "incorrect_code": _(
            "That code is not right. Type the one your app shows now (it changes every "
            "30 seconds), or one of your recovery codes."
        ),
        "unverified_email": _(
            "Confirm your email address first (the link is in the email Rebound sent you), "
            "then turn on two-factor sign-in."
        ),
    }

    def get_public_key_credential_rp_entity(self):
        """Name Rebound, not the host and port, when a passkey manager asks whose key it is."""
        entity = super().get_public_key_credential_rp_entity()
        return entity | {"name": self.get_totp_issuer()}

    def generate_authenticator_name(self, user, type):
        """Suggest "Passkey 1", "Passkey 2", … for the next key the person adds."""
        count = Authenticator.objects.filter(user_id=user.pk, type=type).count()
        return gettext("Passkey %(number)s") % {"number": count + 1}
