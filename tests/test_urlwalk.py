"""The URL walk fails on any route it cannot fill instead of skipping it."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.urls import URLResolver, include, path, re_path, register_converter, resolve
from django.urls.resolvers import RegexPattern

from .conftest import make_application
from .urlconfs import leak
from .urlwalk import PUBLIC_NAMES, UnwalkableRoute, iter_routes, private_routes


class FourDigitYear:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(FourDigitYear, "rebound_test_year")


def walk(patterns):
    return list(iter_routes(patterns))


def test_the_walk_finds_the_project_routes_and_allauth_and_admin_as_public():
    routes = {route.name: route for route in iter_routes()}
    assert {"home", "healthz", "interviews:dashboard", "account_login", "admin:index"} <= set(
        routes
    )
    assert routes["account_login"].public
    assert routes["admin:index"].public
    assert not routes["interviews:dashboard"].public


def test_every_public_name_is_a_route_whose_view_is_public_on_purpose():
    routes = {route.name: route for route in iter_routes()}
    for name in PUBLIC_NAMES:
        view = resolve(routes[name].build()).func
        assert getattr(view, "login_required", True) is False, name


@pytest.mark.urls("tests.urlconfs.regex_leak")
def test_a_leaking_re_path_route_makes_the_walk_fail(alice, mallory_client):
    application = make_application(owner=alice, company="Alice's secret")
    # The route really leaks: this is what a skipped route would let through.
    assert mallory_client.get(f"/leak/{application.pk}/").content == b"Alice's secret"

    with pytest.raises(
        UnwalkableRoute, match=r"\^leak/\(\?P<pk>\[0-9\]\+\)/\$.*regular expression"
    ):
        private_routes()


@pytest.mark.urls("tests.urlconfs.unnamed_leak")
def test_an_unnamed_leaking_route_makes_the_walk_fail(alice, mallory_client):
    application = make_application(owner=alice, company="Alice's secret")
    assert mallory_client.get(f"/leak/{application.pk}/").content == b"Alice's secret"

    with pytest.raises(UnwalkableRoute, match=r"'leak/<int:pk>/'.*has no name"):
        private_routes()


def test_a_re_path_nested_in_an_include_makes_the_walk_fail():
    nested = [re_path(r"^(?P<pk>[0-9]+)/$", leak, name="leak")]
    patterns = [path("", include([path("deep/", include(nested))]))]

    with pytest.raises(
        UnwalkableRoute, match=r"'deep/\^\(\?P<pk>\[0-9\]\+\)/\$'.*regular expression"
    ):
        walk(patterns)


def test_an_include_written_with_re_path_makes_the_walk_fail():
    patterns = [re_path(r"^old/", include([path("<int:pk>/", leak, name="leak")]))]

    with pytest.raises(UnwalkableRoute, match=r"'\^old/'"):
        walk(patterns)


def test_an_unknown_converter_makes_the_walk_fail():
    patterns = [path("leak/<rebound_test_year:pk>/", leak, name="leak")]

    with pytest.raises(UnwalkableRoute, match=r"'leak/<rebound_test_year:pk>/'.*FourDigitYear"):
        walk(patterns)


@pytest.mark.parametrize("prefix", ["accounts/", "admin/"])
def test_a_public_prefix_does_not_hide_a_route_that_is_not_allauth_or_admin(prefix):
    patterns = [path(prefix, include([re_path(r"^leak/(?P<pk>\d+)/$", leak, name="leak")]))]

    with pytest.raises(UnwalkableRoute, match="regular expression"):
        walk(patterns)


def test_a_public_prefix_does_not_hide_an_unnamed_route_beside_its_tree():
    patterns = [path("accounts/leak/<int:pk>/", leak)]

    with pytest.raises(UnwalkableRoute, match="has no name"):
        walk(patterns)


def test_a_route_public_by_name_only_counts_at_its_own_full_name():
    @login_not_required
    def healthz(request):
        return leak(request, 1)

    patterns = [path("", include(([path("healthz/", healthz, name="healthz")], "interviews")))]

    assert [route.public for route in walk(patterns)] == [False]


def test_every_converter_is_filled_with_a_value_the_route_accepts():
    patterns = [
        path(f"{kind}/<{kind}:value>/", leak, name=kind)
        for kind in ("int", "str", "slug", "uuid", "path")
    ]
    resolver = URLResolver(RegexPattern(r"^/"), patterns)
    for route in walk(patterns):
        assert resolver.resolve(route.build()).url_name == route.name
