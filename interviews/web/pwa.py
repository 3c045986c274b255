"""What makes Rebound installable: the web app manifest, the service worker, the offline page.

None of them holds user data: the worker and the offline page are the same for everyone, so
a browser may keep them for a person who is not signed in.
"""

import hashlib
import json
from functools import lru_cache

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..reflection.offline import OFFLINE_STEPS

THEME_COLOR = "#1f6f5c"  # --rb-brand in static/css/rebound.css
BACKGROUND_COLOR = "#f6f8f7"  # the page background in static/css/rebound.css

# What the wizard's offline steps need to open with no connection.
SHELL = (
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "css/rebound.css",
    "css/wizard.css",
    "js/app.js",
    "js/wizard.js",
    "js/offline_draft.js",
    "img/favicon.svg",
    "img/icon-192.png",
)
# Paths the worker leaves to the network, whatever the method.
NEVER_CACHED = ("/api/", "/accounts/", "/settings/", "/admin/")


@lru_cache(maxsize=1)
def worker_source():
    """Return the worker's own code, read once from the static files."""
    with open(finders.find("js/sw.js"), encoding="utf-8") as source:
        return source.read()


def offline_pages_pattern():
    """Return the regular expression of the wizard pages the worker may keep."""
    sample = reverse("interviews:reflect_step", kwargs={"pk": 1, "step": "STEP"})
    before, _one, after = sample.partition("/1/")
    steps = "|".join(OFFLINE_STEPS)
    return f"^{before}/\\d+/{after.replace('STEP', f'({steps})')}$"


def worker_config():
    """Return what the worker needs to know, with the static files' hashed names."""
    config = {
        "shell": [static(name) for name in SHELL],
        "offline": reverse("interviews:offline"),
        "pages": offline_pages_pattern(),
        "never": list(NEVER_CACHED),
        "static": static(""),
    }
    digest = hashlib.sha256(
        (json.dumps(config, sort_keys=True) + worker_source()).encode()
    ).hexdigest()
    return {**config, "version": digest[:12]}


@login_not_required
@require_GET
def service_worker(request):
    """Serve the service worker from the root, so its scope is the whole site."""
    code = f"const CONFIG = {json.dumps(worker_config())};\n{worker_source()}"
    response = HttpResponse(code, content_type="application/javascript; charset=utf-8")
    # The browser checks for a new worker on every visit rather than trusting a copy.
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
@require_GET
def manifest(request):
    """Describe Rebound to a phone that installs it."""
    icons = [
        {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("img/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    data = {
        "id": "/",
        "name": "Rebound",
        "short_name": "Rebound",
        "description": _("Rebound helps you come back from a bad job interview."),
        "lang": "en",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": icons,
    }
    return JsonResponse(data, content_type="application/manifest+json")


@login_not_required
@require_GET
def offline(request):
    """Show what still works without a connection (the worker keeps this page)."""
    # The same page for everyone: no user, no messages, nothing personal to keep.
    return render(
        request,
        "interviews/web/offline.html",
        {"user": AnonymousUser(), "messages": []},
    )
