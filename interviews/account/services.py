"""Personal access tokens: made with their secret shown once, and revoked at once."""

from django.db import transaction
from django.utils import timezone

from ..models import ApiToken


def api_token_create(owner, *, name, scopes, expires_in):
    """Save a new token for owner and return (token, secret); expires_in None never expires.

    The secret exists only in what this returns: the row keeps its hash and a hint.
    """
    token = ApiToken(
        owner=owner,
        name=name,
        scopes=list(scopes),
        expires_at=None if expires_in is None else timezone.now() + expires_in,
    )
    secret = token.issue()
    with transaction.atomic():
        token.save()
    return token, secret


def api_token_revoke(token):
    """Stop the token opening the API straight away; revoking it again changes nothing."""
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    token.refresh_from_db(fields=["revoked_at"])
    return token
