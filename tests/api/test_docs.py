"""The API's docs: the page made from the schema, and the README's curl examples, run for real."""

import re
import shlex
from pathlib import Path

import pytest
from django.urls import reverse

from interviews.api.docs import EXAMPLES
from interviews.api.main import api
from interviews.models import Application, Interview, Lesson

from ..conftest import make_application, make_interview, make_reflection
from .conftest import make_token

README = Path(__file__).resolve().parents[2] / "README.md"
BASE = "http://127.0.0.1:8000"


def readme_curl_commands():
    """Return the README's curl commands, as written, from its API section."""
    section = README.read_text().split("### The API", 1)[1].split("\n### ", 1)[0]
    return re.findall(r"```sh\n(curl .*?)\n```", section, re.DOTALL)


def test_the_readme_shows_the_same_three_examples_as_the_docs_page():
    assert readme_curl_commands() == [command.format(base=BASE) for _, command in EXAMPLES]
    assert len(EXAMPLES) == 3


def run_curl(client, command, secret):
    """Send a README curl command through the test client, with the token the shell would give."""
    words = shlex.split(command.replace("\\\n", " ").replace("$REBOUND_TOKEN", secret))
    assert words.pop(0) == "curl"
    method, headers, body, url = "GET", {}, None, None
    while words:
        word = words.pop(0)
        if word == "-X":
            method = words.pop(0)
        elif word == "-H":
            name, value = words.pop(0).split(": ", 1)
            headers[name] = value
        elif word == "-d":
            body = words.pop(0)
        else:
            url = word
    content_type = headers.pop("Content-Type", "application/octet-stream")
    path = url.removeprefix(BASE)
    return client.generic(method, path, body or "", content_type, headers=headers)


def test_each_readme_example_does_what_it_says(alice, client):
    _token, secret = make_token(owner=alice, scopes=["read", "write"])
    make_application(owner=alice, company="Listed", status=Application.Status.INTERVIEWING)
    make_application(owner=alice, company="Not yet", status=Application.Status.APPLIED)
    applied = Application.Status.APPLIED
    twelve = make_application(owner=alice, pk=12, company="Twelve", status=applied)
    reflection = make_reflection(interview=make_interview(application=twelve), lessons=0)
    Lesson.objects.create(
        pk=7,
        reflection=reflection,
        text="Prepare",
        category=Lesson.Category.PREPARATION,
        action="Write three stories",
    )
    listed, booked, ticked = (
        run_curl(client, command, secret) for command in readme_curl_commands()
    )

    assert listed.status_code == 200, listed.content
    assert [item["company"] for item in listed.json()["items"]] == ["Listed"]
    assert booked.status_code == 201, booked.content
    interview = Interview.objects.get(pk=booked.json()["id"])
    assert (interview.application_id, interview.kind) == (12, Interview.Kind.TECHNICAL)
    assert ticked.status_code == 200, ticked.content
    assert Lesson.objects.get(pk=7).done


def test_the_docs_page_lists_every_operation_with_its_scope_by_name(client, db):
    response = client.get(reverse("interviews:api_docs"))
    assert response.status_code == 200
    page = response.content.decode()
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    operation_ids = [
        operation["operationId"] for item in schema["paths"].values() for operation in item.values()
    ]
    assert len(operation_ids) > 20
    for operation_id in operation_ids:
        assert f'id="{operation_id}"' in page, operation_id
    assert "scope: reflections" in page
    assert "scope: write" in page
    assert "Token" not in re.sub(r"<[^>]+>", "", page).replace("API tokens", "")
    assert "9223372036854775807" not in page
    assert "Bearer $REBOUND_TOKEN" in page
    # The schema's Markdown reads as code, not as backticks.
    assert "<code>Retry-After</code>" in page
    assert "`" not in page


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_docs_page_sends_a_member_to_make_a_token(client, alice, logged_in):
    if logged_in:
        client.force_login(alice)
    page = client.get(reverse("interviews:api_docs")).content.decode()
    link = f'href="{reverse("interviews:api_token_list")}"'
    assert (link in page) is logged_in
