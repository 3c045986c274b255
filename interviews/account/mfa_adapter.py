"""How allauth's two-factor sign-in names Rebound to authenticator apps and passkeys."""

from allauth.mfa.adapter import DefaultMFAAdapter


class MFAAdapter(DefaultMFAAdapter):
    def get_public_key_credential_rp_entity(self):
        """Name Rebound, not the host and port, when a passkey manager asks whose key it is."""
        entity = super().get_public_key_credential_rp_entity()
        return entity | {"name": self.get_totp_issuer()}
