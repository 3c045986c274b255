"""Walk every URL pattern of the project, so new views are covered without editing tests.

The walk refuses what it cannot fill rather than skip it: a route written with `re_path`, a
converter it does not know or a route without a name raises `UnwalkableRoute` naming the
pattern, so a view cannot escape the authorization tests by the way it is written. Only the
allauth and admin trees are left as they are: they are public (or staff-only) on purpose and
use regular expressions and unnamed routes of their own.
"""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import (
    IntConverter,
    PathConverter,
    SlugConverter,
    StringConverter,
    UUIDConverter,
)
from django.urls.resolvers import RoutePattern

# Views that are public on purpose (full names): everything else must need a login.
PUBLIC_NAMES = {
    "home",
    "healthz",
    "interviews:calendar_feed",
    # A mentor's read-only page: its long random token is the credential, until revoked or expired.
    "interviews:mentor_page",
    # The one-click unsubscribe link in reminder e-mails: its signed token is the credential.
    "interviews:reminder_unsubscribe",
    # What makes Rebound installable: the same for everyone, with nothing personal in it.
    "interviews:manifest",
    "interviews:service_worker",
    "interviews:offline",
    # The API's readable docs and its schema: the same for everyone, with nothing personal.
    "interviews:api_docs",
    "api-v1:openapi-json",
    "api-v1:api-root",
}
# Trees another package owns, public by prefix: only at these paths, and only these packages.
PUBLIC_TREES = {"accounts/": "allauth.urls", "admin/": "admin"}
# The JSON API: its routes answer tokens, not the log-in page, and tests/api walks them.
API_TREE = ("api/v1/", "api-v1")

# Each converter the walk can fill: how it is written in a route and a value it accepts.
CONVERTERS = {
    IntConverter: ("int", 1),
    StringConverter: ("str", "x"),
    SlugConverter: ("slug", "x"),
    UUIDConverter: ("uuid", "00000000-0000-0000-0000-000000000001"),
    PathConverter: ("path", "x"),
}


class UnwalkableRoute(Exception):
    """A route the walk cannot fill, so no authorization test would ever request it."""


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    converters: dict
    public: bool = False
    # False only inside a public tree, for a regular expression the walk never fills.
    fillable: bool = True
    # True for a route of the JSON API, guarded by tokens rather than a session.
    api: bool = False

    @property
    def ids(self):
        """Return the names of the path's row ids: its integers, or every API path parameter."""
        return [
            key
            for key, value in self.converters.items()
            if isinstance(value, IntConverter) or self.api
        ]

    def build(self, values=None):
        """Return the path with each converter filled from values, or a value of its type."""
        if not self.fillable:
            raise UnwalkableRoute(f"{self.pattern!r} is a regular expression and cannot be filled")
        path = self.pattern
        for key, converter in self.converters.items():
            written, default = CONVERTERS[type(converter)]
            value = (values or {}).get(key, default)
            token = next((t for t in (f"<{written}:{key}>", f"<{key}>") if t in path), None)
            if token is None:
                raise UnwalkableRoute(f"Cannot find <{key}> in {self.pattern!r}")
            path = path.replace(token, str(value))
        return "/" + path


def iter_routes(patterns=None, prefix="", namespace="", converters=None, *, tree=None, regex=False):
    """Yield every route of the project, or raise UnwalkableRoute on one it cannot fill.

    tree names the public tree the patterns sit in, if any: inside one nothing raises, and
    regex says a regular expression above these patterns leaves them unfillable.
    """
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        route = prefix + str(entry.pattern)
        inside = tree or _public_tree(entry, route)
        found = {**(converters or {}), **getattr(entry.pattern, "converters", {})}
        below_regex = regex or not isinstance(entry.pattern, RoutePattern)
        if not inside:
            _check_fillable(entry, route, found)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from iter_routes(
                entry.url_patterns, route, inner, found, tree=inside, regex=below_regex
            )
        elif isinstance(entry, URLPattern):
            name = namespace + entry.name if entry.name else ""
            if not inside and not name:
                raise UnwalkableRoute(
                    f"Route {route!r} ({entry!r}) has no name, so the walk cannot tell whether"
                    " it is public on purpose: give it a name."
                )
            yield Route(
                name=name,
                pattern=route,
                converters=found,
                public=bool(inside) or name in PUBLIC_NAMES,
                fillable=not below_regex,
                api=route.startswith(API_TREE[0]) and name.startswith(f"{API_TREE[1]}:"),
            )
        else:
            raise UnwalkableRoute(f"Cannot walk {entry!r} at {route!r}")


def _public_tree(entry, route):
    """Return the public tree entry opens, if it is one of PUBLIC_TREES at its own path."""
    if not isinstance(entry, URLResolver) or route not in PUBLIC_TREES:
        return None
    module = getattr(entry.urlconf_module, "__name__", None)
    return route if PUBLIC_TREES[route] in {module, entry.app_name} else None


def _check_fillable(entry, route, converters):
    if not isinstance(entry.pattern, RoutePattern):
        raise UnwalkableRoute(
            f"Route {route!r} ({entry!r}) is a regular expression the walk cannot fill:"
            " write it with path() and a converter."
        )
    for key, converter in converters.items():
        if type(converter) not in CONVERTERS:
            raise UnwalkableRoute(
                f"Route {route!r} ({entry!r}) uses a converter the walk cannot fill for <{key}>:"
                f" {type(converter).__qualname__}. Teach tests/urlwalk.py CONVERTERS a value."
            )


def is_public(route):
    return route.public


def private_routes():
    """Return the routes of pages that need a log-in (the API's are walked on their own)."""
    return [route for route in iter_routes() if not route.public and not route.api]


def api_routes():
    """Return each route of the JSON API that needs a token, once per pattern."""
    found = {}
    for route in iter_routes():
        if route.api and not route.public:
            found.setdefault(route.pattern, route)
    return list(found.values())
