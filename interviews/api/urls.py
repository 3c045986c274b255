"""The API's routes: every one answers tokens only, in JSON, including a wrong method."""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern
from django.utils.translation import gettext as _

from .errors import error_body
from .main import api


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


def _patterns():
    patterns, _app_name, _namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = api_view(pattern.callback)
        yield pattern


urlpatterns = list(_patterns())
