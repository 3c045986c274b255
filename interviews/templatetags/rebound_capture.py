"""The bookmarklet as a javascript: link, built from static/js/bookmarklet.js."""

import functools
import json
from urllib.parse import quote

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

register = template.Library()

SOURCE = "js/bookmarklet.js"
PLACEHOLDER = '"__REBOUND_CAPTURE_URL__"'


@functools.cache
def _code():
    """Return the bookmarklet's source without comment lines, indentation or blank lines."""
    with open(finders.find(SOURCE), encoding="utf-8") as source:
        lines = (line.strip() for line in source)
        return "\n".join(line for line in lines if line and not line.startswith("//"))


def bookmarklet(capture_url):
    """Return the javascript: link that sends a posting to capture_url."""
    code = _code().replace(PLACEHOLDER, json.dumps(capture_url))
    # Encoded in full, line breaks included: a URL parser would drop a bare line break.
    return "javascript:" + quote(code, safe="")


@register.simple_tag(takes_context=True)
def bookmarklet_href(context):
    """Return the bookmarklet for this Rebound, at its configured address or this request's."""
    path = reverse("interviews:application_capture")
    base = (getattr(settings, "REBOUND_BASE_URL", "") or "").rstrip("/")
    return bookmarklet(base + path if base else context["request"].build_absolute_uri(path))
