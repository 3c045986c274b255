"""No query string can break a page: every route, every parameter it reads, hostile values.

The parameters are not listed by hand: each page is opened once with a QueryDict that notes
every name the view (or its forms) looks up, and then each of those names is sent the values
a hostile tester used. A new view that parses a new parameter is covered without editing
this file.
"""

from urllib.parse import quote

import pytest
from django.http import QueryDict
from django.urls import reverse

from .test_authorization import alices_everything, url_for  # noqa: F401 (a fixture)
from .urlwalk import iter_routes

# Written as they travel: already percent-encoded, so broken UTF-8 reaches the server as is.
HOSTILE = {
    "superscript digit": quote("²"),
    "circled digit": quote("①"),
    "arabic-indic digits": quote("٣٤"),
    "huge number": "9" * 40,
    "huge negative number": "-" + "9" * 40,
    "exponent": "1e309",
    "not a number": "nan",
    "underscored number": "1_000",
    "fraction": "1.5",
    "NUL": "%00",
    "NUL after digits": "1%00",
    "lone surrogate": "%ED%A0%80",
    "broken UTF-8": "%FF%FE",
    "line break": "%0D%0ABcc:%20x",
    "very long": "7" * 20_000,
    "very long text": "a%C3%A9" * 20_000,
    "empty": "",
}


class RecordingQueryDict(QueryDict):
    """A QueryDict that notes every parameter name looked up in it."""

    read = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)


@pytest.fixture
def recording(monkeypatch):
    RecordingQueryDict.read = set()
    monkeypatch.setattr("django.core.handlers.wsgi.QueryDict", RecordingQueryDict)
    return RecordingQueryDict


def visits():
    """Return every route the walk can fill, as its owner, and the public ones anonymously too."""
    routes = [route for route in iter_routes() if route.fillable]
    return [
        *(pytest.param(route, False, id=route.name) for route in routes),
        *(
            pytest.param(route, True, id=f"{route.name}-anonymous")
            for route in routes
            if route.public
        ),
    ]


def queries(name):
    """Yield (label, query string, names sent) for every hostile way to send the name."""
    key = quote(name)
    for label, value in HOSTILE.items():
        yield label, f"{key}={value}", {name}
    repeated = f"{key}=1&{key}={HOSTILE['superscript digit']}&{key}={HOSTILE['NUL']}"
    yield "repeated", repeated, {name}
    yield "without a value", key, {name}
    yield "as a list", f"{quote(name + '[]')}=1&{key}[0]=2", {f"{name}[]", f"{name}[0]"}


@pytest.mark.parametrize(("route", "anonymous"), visits())
def test_no_query_string_makes_any_page_fail(
    alices_everything,  # noqa: F811
    alice_client,
    client,
    recording,
    route,
    anonymous,
):
    visitor = client if anonymous else alice_client
    url = url_for(route)
    visitor.get(url)
    read = set(recording.read)
    tried, failures = set(), []
    # Some parameters are only read once another has a value: go on until no new name shows.
    while untried := read - tried:
        for name in sorted(untried):
            tried.add(name)
            for label, query, sent in queries(name):
                recording.read = set()
                try:
                    status = visitor.get(f"{url}?{query}").status_code
                except Exception as error:  # Reported with the others below.
                    failures.append(f"{name} ({label}): {type(error).__name__}: {error}"[:300])
                else:
                    if status >= 500:
                        failures.append(f"{name} ({label}): {status}")
                # Code that reads every name it is sent (the request log) shows no new one.
                read |= recording.read - sent
    assert not failures, f"{url} read {sorted(tried)}:\n" + "\n".join(failures)


def test_the_recording_sees_the_parameters_a_page_reads(alice_client, client, recording):
    alice_client.get(reverse("interviews:question_practice"))
    assert {"question", "after"} <= recording.read
    recording.read = set()
    client.get(reverse("account_login"))
    assert "next" in recording.read
