"""Test settings: the production settings with a fixed secret and a fast password hasher."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
# A fixed Fernet key (32 bytes, URL-safe base64) for the diary's text at rest.
os.environ.setdefault("DJANGO_FIELD_KEYS", "cmVib3VuZC10ZXN0cy1vbmx5LWZpZWxkLWtleS0wMzI=")

from rebound.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the source folders (the browser tests need them).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
