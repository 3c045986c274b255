"""The API's routes: every one answers tokens only, in JSON, including a wrong method."""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.urls import URLPattern
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_GET

from .errors import error_body
from .main import api

PREFIX = "/api/v1/"


def api_view(view):
    """Let the token, not the log-in page, guard the view, and answer a wrong method in JSON."""

    @login_not_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405:
            allowed = response["Allow"]
            response = api.create_response(
                request,
                error_body("method_not_allowed", _("This address takes %s.") % allowed),
                status=405,
            )
            response["Allow"] = allowed
        return response

    return wrapper


@require_GET
def api_root(request):
    """Send a visitor of the API's own address to its documentation."""
    return redirect("interviews:api_docs")


def _patterns():
    patterns, _app_name, _namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            if pattern.name == "api-root":
                pattern.callback = api_root
            elif pattern.name == "openapi-json":
                pattern.callback = require_GET(pattern.callback)
            pattern.callback = api_view(pattern.callback)
        yield pattern


urlpatterns = list(_patterns())


def not_found(request, exception):
    """Answer an unknown address under the API in JSON, and any other with the 404 page."""
    if request.path.startswith(PREFIX):
        return api.create_response(
            request, error_body("not_found", _("There is nothing at this address.")), status=404
        )
    return defaults.page_not_found(request, exception)
