"""Helpers for the two-factor tests: RFC 6238 codes computed here, and the steps of a log-in."""

import base64
import hashlib
import hmac
import html
import re
import struct
import time

from django.urls import reverse

from ..conftest import PASSWORD

SECRET_FIELD = re.compile(r'id="authenticator_secret"[^>]*value="([A-Z2-7=]+)"')


def totp_code(secret, *, at=None, step=0):
    """Return the six-digit code an authenticator app shows for secret (RFC 6238, SHA-1)."""
    counter = int((time.time() if at is None else at) // 30) + step
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def log_in_with_password(client, email="alice@example.com", password=PASSWORD):
    """Post the log-in form; return the response (a redirect to the dashboard or the code step)."""
    return client.post(reverse("account_login"), {"login": email, "password": password})


def confirm_password(client, url, password=PASSWORD):
    """Open url, and if allauth asks for the password again first, type it."""
    response = client.get(url)
    if response.status_code == 302 and response["Location"].startswith(
        reverse("account_reauthenticate")
    ):
        response = client.post(response["Location"], {"password": password})
    return response


def turn_on_totp(client):
    """Set up the authenticator app as a person would: read the key off the page, type a code.

    allauth asks for the password again first, as it does before every change to how one
    signs in; the client must be logged in. Return the secret.
    """
    confirm_password(client, reverse("mfa_activate_totp"))
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200, page
    secret = html.unescape(SECRET_FIELD.search(page.content.decode()).group(1))
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return secret


def recovery_codes(client):
    """Return the unused recovery codes the recovery-codes page lists (after the password)."""
    page = confirm_password(client, reverse("mfa_view_recovery_codes"))
    if page.status_code == 302:
        page = client.get(page["Location"])
    assert page.status_code == 200
    return re.findall(r'<code class="text-body">(\d+)</code>', page.content.decode())
