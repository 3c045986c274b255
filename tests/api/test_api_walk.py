"""Every API operation, walked from the API's own schema, for every kind of caller.

An operation's owner can use it; no token, a junk, expired or revoked one, or a session
cookie is a 401; a token without the operation's scope is a 403; another user's ids are a
404; a method the address does not take is a 405. None of them changes anything. The walk
reads the operations from /api/v1/openapi.json and checks they are every API route there is,
so a new endpoint is covered without editing this file.
"""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from interviews.api.main import api
from interviews.models import ApiToken

from ..test_authorization import SECRET, SHARED_PK, snapshot
from ..urlwalk import api_routes
from .conftest import ALL_SCOPES, ApiClient, make_token

SCHEMA = api.get_openapi_schema(path_prefix="/api/v1")
SCOPE_OF = {"ReadToken": "read", "WriteToken": "write", "ReflectionsToken": "reflections"}
METHODS = ("get", "post", "put", "patch", "delete")


def operations():
    return [
        (method.upper(), route, spec)
        for route, item in SCHEMA["paths"].items()
        for method, spec in item.items()
        if method in METHODS
    ]


def op_id(operation):
    return operation[2]["operationId"]


def url(route):
    return re.sub(r"\{[a-z_]+\}", str(SHARED_PK), route)


def resolve(node):
    while "$ref" in node:
        node = SCHEMA["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def sample(node):
    """Return a value the schema accepts, with alice's shared pk for every id."""
    node = resolve(node)
    if "anyOf" in node:
        return sample(next(option for option in node["anyOf"] if option.get("type") != "null"))
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type")
    if kind == "integer":
        return SHARED_PK
    if kind == "boolean":
        return True
    if kind == "array":
        return []
    if node.get("format") == "date-time":
        return "2026-11-30T10:00:00Z"
    if node.get("format") == "date":
        return "2026-11-30"
    return "Walked"


def body(spec):
    content = spec.get("requestBody", {}).get("content", {}).get("application/json")
    if content is None:
        return None
    schema = resolve(content["schema"])
    return {name: sample(schema["properties"][name]) for name in schema.get("required", [])}


def call(client, method, route, spec, **headers):
    data = body(spec)
    return client.generic(
        method, url(route), "" if data is None else _json(data), headers=headers or None
    )


def _json(data):
    return json.dumps(data)


def scope_of(spec):
    (scheme,) = [name for entry in spec["security"] for name in entry]
    return SCOPE_OF[scheme]


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == code


def test_the_schema_names_every_api_route_there_is():
    from_schema = {
        route.lstrip("/").replace("{", "<").replace("}", ">") for _m, route, _s in operations()
    }
    assert {route.pattern for route in api_routes()} == from_schema


def test_every_operation_needs_one_of_the_three_scopes():
    assert {scope_of(spec) for _m, _r, spec in operations()} == set(ALL_SCOPES)
    reading_the_diary = {
        op_id(operation) for operation in operations() if scope_of(operation[2]) == "reflections"
    }
    assert reading_the_diary == {"list_reflections", "get_reflection"}


def _junk(owner):
    return "rbd_" + "x" * 43


CALLERS = {
    "no token": lambda owner: None,
    "junk token": _junk,
    "expired token": lambda owner: make_token(owner=owner, expires_in=timedelta(seconds=-1))[1],
    "revoked token": lambda owner: make_token(owner=owner, revoked_at=timezone.now())[1],
}


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("operation", operations(), ids=op_id)
def test_without_a_live_token_every_operation_is_401_and_changes_nothing(
    alices_everything,
    operation,
    caller,
):
    method, route, spec = operation
    secret = CALLERS[caller](alices_everything.owner)
    before = snapshot()
    response = call(ApiClient(secret), method, route, spec)
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Bearer"
    assert snapshot() == before


@pytest.mark.parametrize("operation", operations(), ids=op_id)
def test_a_session_cookie_does_not_open_the_api(alices_everything, alice_client, operation):
    method, route, spec = operation
    before = snapshot()
    response = alice_client.generic(method, url(route), _json(body(spec) or {}), "application/json")
    assert_error(response, 401, "not_authenticated")
    assert snapshot() == before


@pytest.mark.parametrize("operation", operations(), ids=op_id)
def test_a_token_without_the_scope_is_403_and_changes_nothing(alices_everything, operation):
    method, route, spec = operation
    others = [scope for scope in ALL_SCOPES if scope != scope_of(spec)]
    _token, secret = make_token(owner=alices_everything.owner, scopes=others)
    before = snapshot()
    response = call(ApiClient(secret), method, route, spec)
    assert_error(response, 403, "missing_scope")
    assert scope_of(spec) in response.json()["error"]["message"]
    assert snapshot() == before


@pytest.mark.parametrize("operation", operations(), ids=op_id)
def test_another_users_ids_are_404_and_change_nothing(alices_everything, mallory, operation):
    method, route, spec = operation
    _token, secret = make_token(owner=mallory)
    alice = alices_everything.owner
    before = snapshot(alice)
    response = call(ApiClient(secret), method, route, spec, If_Match="*")
    if "{" in route or any(name.endswith("_id") for name in body(spec) or {}):
        # Every id in the path or the body is alice's: none of them is mallory's to use.
        assert_error(response, 404, "not_found")
    else:
        assert response.status_code in {200, 201}, response.content
        assert SECRET.encode() not in response.content
    assert snapshot(alice) == before


@pytest.mark.parametrize("operation", operations(), ids=op_id)
def test_the_owner_can_use_each_operation(alices_everything, operation):
    method, route, spec = operation
    _token, secret = make_token(owner=alices_everything.owner)
    client = ApiClient(secret)
    if method == "GET":
        response = call(client, method, route, spec)
        assert response.status_code == 200, response.content
        assert response["Content-Type"].startswith("application/json")
        return
    etag = {}
    if "{" in route and method in {"PATCH", "DELETE"}:
        etag = {"If-Match": client.get(url(route))["ETag"]}
    response = call(client, method, route, spec, **etag)
    # A body of samples may be refused on its merits, but never turned away as not hers.
    assert response.status_code in {200, 201, 204, 422}, response.content
    if response.status_code == 422:
        assert response.json()["error"]["fields"]


@pytest.mark.parametrize("route", sorted(SCHEMA["paths"]))
def test_a_method_the_address_does_not_take_is_405_in_json(alices_everything, route):
    _token, secret = make_token(owner=alices_everything.owner)
    taken = {method.upper() for method in SCHEMA["paths"][route] if method in METHODS}
    before = snapshot()
    for method in {"GET", "POST", "PUT", "PATCH", "DELETE"} - taken:
        response = ApiClient(secret).generic(method, url(route), "{}")
        assert_error(response, 405, "method_not_allowed")
        assert {name.strip() for name in response["Allow"].split(",")} == taken
    assert snapshot() == before


def test_an_unknown_api_address_is_a_json_404(alice):
    _token, secret = make_token(owner=alice)
    response = ApiClient(secret).get("/api/v1/nothing-here")
    assert_error(response, 404, "not_found")


def test_tokens_of_an_inactive_account_do_not_open_the_api(alice):
    _token, secret = make_token(owner=alice)
    alice.is_active = False
    alice.save()
    assert_error(ApiClient(secret).get("/api/v1/applications"), 401, "not_authenticated")


def test_using_a_token_records_when_it_was_last_used(alice):
    token, secret = make_token(owner=alice)
    assert token.last_used_at is None
    ApiClient(secret).get("/api/v1/applications")
    token.refresh_from_db()
    assert timezone.now() - token.last_used_at < timedelta(seconds=5)
    assert ApiToken.objects.get(pk=token.pk).digest != secret
