"""Keep the diary's text encrypted at rest with the Fernet keys in settings.FIELD_KEYS.

The first key encrypts; every key decrypts, so a new key goes in front and the old ones stay
until `manage.py rotate_field_keys` has re-encrypted every value with the new one.
"""

import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django import forms
from django.conf import settings
from django.core import validators
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models
from django.db.models.lookups import Exact, IsNull
from django.utils.translation import gettext_lazy as _

KEYS_SETTING = "DJANGO_FIELD_KEYS"


class UndecryptableValue(ValueError):
    """A stored value that none of the configured keys can decrypt."""


def key_problems(keys):
    """Return one sentence per key in keys that is not a Fernet key (never the key itself)."""
    problems = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (TypeError, ValueError):
            problems.append(
                f"Key {position} in {KEYS_SETTING} is not a Fernet key "
                "(32 bytes in URL-safe base64, 44 characters)."
            )
    return problems


@lru_cache(maxsize=8)
def _fernet(keys):
    if not keys:
        raise ImproperlyConfigured(
            f"{KEYS_SETTING} is not set: the diary's text cannot be encrypted or read without "
            'it. Generate a key with: python3 -c "import base64, os; '
            'print(base64.urlsafe_b64encode(os.urandom(32)).decode())"'
        )
    if problems := key_problems(keys):
        raise ImproperlyConfigured(" ".join(problems))
    return MultiFernet([Fernet(key) for key in keys])


def fernet():
    """Return the MultiFernet over the configured keys, first key first."""
    return _fernet(tuple(settings.FIELD_KEYS))


def encrypt(text):
    """Return text as a token encrypted with the first key; "" stays "" and None stays None."""
    if text is None or text == "":
        return text
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token):
    """Return the text a token holds, or raise UndecryptableValue if no key opens it."""
    if token is None or token == "":
        return token
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise UndecryptableValue(
            f"A stored value could not be decrypted with any key in {KEYS_SETTING}. Was a key "
            "removed before rotate_field_keys re-encrypted everything with the new one?"
        ) from None


class EncryptedExact(Exact):
    """Compare an encrypted column with "" only: tokens differ every time they are made."""

    def get_prep_lookup(self):
        if self.rhs != "":
            field = self.lhs.output_field
            raise FieldError(
                f"{field.model.__name__}.{field.name} is encrypted at rest: it can only be "
                'compared with "". Filter the decrypted values in Python.'
            )
        return super().get_prep_lookup()


class EncryptedFieldMixin:
    """Refuse every lookup but isnull and the empty-text test, with a message that says why."""

    allowed_lookups = {"isnull": IsNull, "exact": EncryptedExact}

    def get_lookup(self, lookup_name):
        if lookup_name in self.allowed_lookups:
            return self.allowed_lookups[lookup_name]
        raise FieldError(
            f"{self.model.__name__}.{self.name} is encrypted at rest: it cannot be searched "
            f"with “{lookup_name}” in the database. Filter the decrypted values in Python."
        )

    def get_transform(self, lookup_name):
        return None

    def get_internal_type(self):
        # A token is longer than the text it holds: always a text column, whatever max_length.
        return "TextField"


class EncryptedTextField(EncryptedFieldMixin, models.TextField):
    """Text stored as a Fernet token; max_length is the limit on the text, checked in Python."""

    description = _("Text encrypted at rest")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The database cannot measure the text inside a token, so the model holds the limit.
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))

    def from_db_value(self, value, expression, connection):
        return decrypt(value)

    def get_prep_value(self, value):
        return encrypt(super().get_prep_value(value))


class EncryptedCharField(EncryptedTextField):
    """One line of text encrypted at rest: a text input in forms, as a CharField has."""

    def formfield(self, **kwargs):
        return models.Field.formfield(self, **{"max_length": self.max_length, **kwargs})


class EncryptedJSONField(EncryptedFieldMixin, models.Field):
    """A JSON value stored as one Fernet token in a text column."""

    description = _("JSON encrypted at rest")
    allowed_lookups = {"isnull": IsNull}

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return json.loads(decrypt(value))

    def get_prep_value(self, value):
        if value is None:
            return None
        return encrypt(json.dumps(value))

    def value_to_string(self, obj):
        return self.value_from_object(obj)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.JSONField, **kwargs})
