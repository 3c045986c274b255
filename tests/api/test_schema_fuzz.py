"""The API fuzzed against its own OpenAPI schema, read from the running app.

Every operation gets schema-valid and schema-violating requests from a token that holds all
three scopes and owns one row of everything; the answers must keep to the schema: no 5xx, only
documented statuses, headers and bodies, invalid input refused and valid input taken. Then the
schema's links are walked as a state machine: create, read, change with If-Match from the ETag,
delete. A new operation or field is fuzzed without editing this file.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.config import PositiveDataAcceptanceConfig
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from interviews.access import MAX_ID
from interviews.api.urls import PREFIX
from interviews.models import api_token_digest
from rebound.wsgi import application

from ..test_authorization import SHARED_PK
from .conftest import make_token

# The token's secret is fixed so the schema's header config can carry it; its row is made per test.
SECRET = "rbd_schema-fuzz-0000000000000000000000000000000"
# Enough to find the shallow failures on every run and stay within a few minutes in all.
EXAMPLES_PER_OPERATION = 30
STATEFUL_SCENARIOS = 25
STATEFUL_STEPS = 12
FUZZ_SETTINGS = settings(
    deadline=None,
    derandomize=True,
    database=None,
    # The token and alice's rows are made once per operation, not per example, on purpose.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

schema = schemathesis.openapi.from_wsgi(f"{PREFIX}openapi.json", application)
# The in-process transport does not undo gzip, which the app applies to whoever accepts it.
schema.config.update(headers={"Authorization": f"Bearer {SECRET}", "Accept-Encoding": "identity"})
# A well-formed If-Match that names an older version is a 412, as a well-formed id of no row
# of yours is a 404: the request is valid, the state it assumed is gone.
schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(
    expected_statuses=[*PositiveDataAcceptanceConfig().expected_statuses, "412"]
)
schema.config.generation.update(
    modes=list(GenerationMode),
    max_examples=EXAMPLES_PER_OPERATION,
    deterministic=True,
    # The token comes from the header above; a missing or wrong one is test_api_walk's subject.
    with_security_parameters=False,
)

# Rules that weigh one field against another or against other rows, which JSON Schema cannot
# state: a schema-valid body may break them, and the form refuses it on those fields alone.
SALARY_RULES = {"salary_max", "salary_currency", "salary_period"}
INTERVIEW_RULES = {"rating", "marked_bad", "contacts"}
RULES_THE_SCHEMA_CANNOT_STATE = {
    # The top of a salary range may not be below its bottom; a currency or period needs an amount.
    "create_application": SALARY_RULES,
    "update_application": SALARY_RULES,
    # How it went can be said once it has happened; its contacts are its application's own.
    "create_interview": INTERVIEW_RULES,
    "update_interview": INTERVIEW_RULES,
    # A contact's applications are ids of the owner's own.
    "create_contact": {"applications"},
    "update_contact": {"applications"},
    # Which kinds of letter fit depends on how the interview went.
    "create_letter": {"kind"},
}


def refused_only_by_rules_across_fields(case, response):
    """Say whether a 422 names only fields whose refusal a rule across fields or rows explains."""
    if response.status_code != 422:
        return False
    rules = RULES_THE_SCHEMA_CANNOT_STATE.get(schema.get_operation_id(case.operation), set())
    return set(response.json()["error"]["fields"]) <= rules


def valid_data_is_accepted(ctx, response, case):
    """Check positive_data_acceptance, except where a rule across fields or rows refused it."""
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if refused_only_by_rules_across_fields(case, response):
            return None
        raise


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    valid_data_is_accepted,
]

# Every request runs in this thread inside the WSGI app, which closes the database connection
# around each request as in production; inside a test's transaction that would drop it on
# PostgreSQL, so each test commits for real and the tables are flushed after it.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fuzz_token(alices_everything, settings):
    """Give alice a live token with every scope, opened by SECRET, and lift the rate limit."""
    settings.REBOUND_API_REQUESTS_PER_MINUTE = 10**9
    token, _secret = make_token(owner=alices_everything.owner)
    token.digest = api_token_digest(SECRET)
    token.save(update_fields=["digest"])
    return token


def is_row_id(value):
    """Say whether the schema takes value as an id (3.0 is the integer 3 to JSON Schema)."""
    whole = isinstance(value, int | float) and not isinstance(value, bool) and value % 1 == 0
    return whole and 1 <= value <= MAX_ID


def aim_at_alices_rows(case):
    """Point every well-formed id at alice's rows and let a sent If-Match match any version.

    Random ids would almost all be 404 and random ETags 412, so the fuzzed bodies would never
    reach the forms behind them; ids of the wrong shape are left alone to be refused.
    """
    for name, value in (case.path_parameters or {}).items():
        if is_row_id(value):
            case.path_parameters[name] = SHARED_PK
    if isinstance(case.body, dict):
        for name, value in case.body.items():
            if name.endswith("_id") and is_row_id(value):
                case.body[name] = SHARED_PK
            elif name in {"contacts", "applications"} and isinstance(value, list):
                case.body[name] = [SHARED_PK if is_row_id(item) else item for item in value]
    if case.headers and isinstance(case.headers.get("If-Match"), str):
        case.headers["If-Match"] = "*"


@schema.parametrize()
@FUZZ_SETTINGS
def test_every_operation_keeps_to_its_schema(case, fuzz_token):
    aim_at_alices_rows(case)
    case.call_and_validate(checks=CHECKS)


class LinkWalk(schema.as_state_machine()):
    """Follow the schema's links from each 201 and 200, with the same checks on every answer."""

    def validate_response(self, response, case, additional_checks=None, **kwargs):
        case.validate_response(
            response,
            checks=CHECKS,
            transport_kwargs=kwargs or None,
            recorder=getattr(self, "recorder", None),
        )


def test_the_links_lead_from_create_to_read_change_and_delete(fuzz_token):
    LinkWalk.run(
        settings=settings(
            FUZZ_SETTINGS,
            max_examples=STATEFUL_SCENARIOS,
            stateful_step_count=STATEFUL_STEPS,
        )
    )
