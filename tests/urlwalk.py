"""Walk every URL pattern of the project, so new views are covered without editing tests."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

# Views that are public on purpose: everything else must need a login.
PUBLIC_NAMES = {"home", "healthz", "calendar_feed"}
PUBLIC_PREFIXES = ("accounts/", "admin/")


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    converters: dict

    def build(self, values):
        """Return the path with each converter filled from values (by name, then by type)."""
        path = self.route
        for key, converter in self.converters.items():
            value = values.get(key)
            if value is None:
                value = 1 if type(converter).__name__ == "IntConverter" else "x"
            path = _replace(path, key, converter, value)
        return "/" + path


def _replace(path, key, converter, value):
    for token in (f"<{key}>", f"<{_converter_name(converter)}:{key}>"):
        if token in path:
            return path.replace(token, str(value))
    raise ValueError(f"Cannot fill {key} in {path}")


def _converter_name(converter):
    return {
        "IntConverter": "int",
        "StringConverter": "str",
        "SlugConverter": "slug",
        "UUIDConverter": "uuid",
        "PathConverter": "path",
    }[type(converter).__name__]


def iter_routes(patterns=None, prefix="", namespace="", converters=None):
    """Yield every named route of the project with its full path template."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue
        route = prefix + str(entry.pattern)
        found = {**(converters or {}), **entry.pattern.converters}
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from iter_routes(entry.url_patterns, route, inner, found)
        elif isinstance(entry, URLPattern) and entry.name:
            yield Route(namespace + entry.name, route, found)


def is_public(route):
    return route.name.split(":")[-1] in PUBLIC_NAMES or route.route.startswith(PUBLIC_PREFIXES)


def private_routes():
    return [route for route in iter_routes() if not is_public(route)]
