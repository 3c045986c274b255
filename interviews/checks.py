"""Rebound's own system checks: the keys that keep the diary's text encrypted at rest."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from .crypto import KEYS_SETTING, key_problems

GENERATE_HINT = (
    "Generate one with: "
    'python3 -c "import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())"'
)


@register(Tags.security)
def check_field_keys_are_fernet_keys(app_configs=None, **kwargs):
    """Refuse a key that Fernet cannot use, before the first reflection needs it."""
    return [
        Error(problem, hint=GENERATE_HINT, id="interviews.E002")
        for problem in key_problems(settings.FIELD_KEYS)
    ]


@register(Tags.security, deploy=True)
def check_field_keys_are_set(app_configs=None, **kwargs):
    """Refuse to deploy without a key: reflections and letters could be neither saved nor read."""
    if settings.FIELD_KEYS:
        return []
    return [
        Error(
            f"{KEYS_SETTING} is not set: reflections, letters, sting sentences and wizard "
            "drafts are encrypted at rest with its keys, and cannot be saved or read without one.",
            hint=f"Set {KEYS_SETTING} to one or more comma-separated Fernet keys. {GENERATE_HINT}",
            id="interviews.E001",
        )
    ]
