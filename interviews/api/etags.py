"""ETag and If-Match: an update or delete says which version it read, or it is refused."""

import hashlib
import json

from django.utils.translation import gettext as _

from .errors import ApiError


def etag_of(representation):
    """Return a strong ETag for what the API shows of a row (a dict of JSON values)."""
    text = json.dumps(representation, sort_keys=True, separators=(",", ":"), default=str)
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def require_match(if_match, current):
    """Refuse the write unless If-Match names the current ETag (or "*")."""
    if not if_match:
        raise ApiError(
            428,
            "precondition_required",
            _("Send If-Match with the ETag of your last read, so no one else's change is lost."),
        )
    # GZipMiddleware marks the ETag of a compressed answer weak (W/"…"); the version it names is
    # the same, so a client that read it compressed may send it back as it got it.
    offered = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if "*" not in offered and current not in offered:
        raise ApiError(
            412,
            "precondition_failed",
            _("It was changed since you read it. Read it again and redo your change."),
        )
