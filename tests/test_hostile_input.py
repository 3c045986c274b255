"""Hostile input: generated junk posted to every form never breaks the app or half-saves.

The forms are found by reading each page's HTML, so a new form is fuzzed without
anyone editing this file.
"""

import os
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import resolve_url
from django.urls import resolve
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviews.models import Application, Interview, Reflection, WizardDraft

from .conftest import make_letter, make_reflection
from .reflection.walk import answers, post_step, step_url
from .urlwalk import private_routes

SHARED_PK = 4242
# Forms that end the client's session on purpose: every post after them would only be
# sent to log in, and prove nothing.
ENDS_THE_SESSION = {"account_logout", "interviews:logout_everywhere", "interviews:account_delete"}
LOGIN = resolve_url(django_settings.LOGIN_URL)

NASTY_TEXT = st.one_of(
    st.text(max_size=50),
    # Long strings are built, not drawn character by character, to keep generation cheap.
    st.builds(
        lambda piece, n: piece * n, st.sampled_from(["a", "<é>", "\"'"]), st.integers(300, 12001)
    ),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "\x00\x01\x02",
            "\u202etxet\u202c",
            "ʻŌlelo 👩🏽‍💻 ﷽",
            "-1",
            "99999999999999999999",
            "1e309",
            "2026-02-30T25:61",
            "9999-12-31T23:00",
            "0001-01-01T00:00",
            "1e1000000",
            "²",
            "subject\r\nBcc: someone@example.com",
            '"\x0bfoo"@example.com',
            "../../etc/passwd",
            "' OR 1=1 --",
            "",
        ]
    ),
)


# A handful of examples per form keeps the suite quick; the forms are many.
FUZZ = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
    # The same examples on every run, so a green suite stays green; set
    # REBOUND_FUZZ_RANDOM=1 to explore new ones by hand.
    derandomize=not os.environ.get("REBOUND_FUZZ_RANDOM"),
)


class FormFinder(HTMLParser):
    """Collect the POST forms of a page with their field names and options."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "fields": {}}
        elif self._form is not None and tag in {"input", "textarea", "select"}:
            name = attrs.get("name")
            if not name or attrs.get("type") in {"submit", "file"}:
                return
            field = self._form["fields"].setdefault(name, {"values": []})
            if attrs.get("value") is not None:
                field["values"].append(attrs["value"])
            if tag == "select":
                self._select = field
        elif tag == "option" and self._select is not None and attrs.get("value"):
            self._select["values"].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None


def saved_rows():
    """Return every saved row by model and primary key, without the wizard drafts.

    Drafts keep even invalid answers on purpose, so they are left out.
    """
    return {
        (model, row.pk): row
        for model in apps.get_app_config("interviews").get_models()
        if model is not WizardDraft
        for row in model.objects.all()
    }


def fields(row):
    return {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}


def assert_no_partial_save(before, *, may_save, context):
    """Check a post wrote nothing, or, when it redirected, only rows that are valid whole.

    A form that comes back (or a 400) saves nothing at all. A redirect may save, but every
    row it added or changed must pass its model's own validation: junk half-way into a row,
    or a row left out of step with the rest, fails here whatever the status code.
    """
    after = saved_rows()
    written = [
        row for key, row in after.items() if key not in before or fields(row) != fields(before[key])
    ]
    if not may_save:
        assert (written, after.keys()) == ([], before.keys()), context
    for row in written:
        try:
            row.full_clean()
        except ValidationError as error:
            raise AssertionError((context, row, error.message_dict)) from error


def field_values(field):
    """Offer known-good values sometimes and junk the rest of the time, or leave it out."""
    choices = [NASTY_TEXT]
    if field["values"]:
        choices.append(st.sampled_from(field["values"]))
    return st.one_of(*choices, st.lists(NASTY_TEXT, min_size=2, max_size=3))


@pytest.fixture
def rich_account(alice):
    application = Application.objects.create(
        pk=SHARED_PK, owner=alice, company="Northwind", role="Developer"
    )
    interview = Interview.objects.create(
        pk=SHARED_PK,
        application=application,
        scheduled_at=timezone.now() - timedelta(days=3),
        rating=1,
    )
    reflection = make_reflection(interview=interview, lessons=1, questions=1)
    make_letter(interview=interview, pk=SHARED_PK)
    reflection.lessons.update(id=SHARED_PK)
    reflection.questions.update(id=SHARED_PK)
    WizardDraft.objects.filter(owner=alice).delete()
    return alice


def pages_with_forms(client):
    values = {"pk": SHARED_PK, "step": "feelings", "token": "x"}
    found = []
    for route in private_routes():
        url = route.build(values)
        response = client.get(url)
        if response.status_code != 200 or response.streaming:
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        finder = FormFinder()
        finder.feed(response.content.decode())
        for form in finder.forms:
            action = form["action"] or url
            if resolve(urlsplit(action).path).view_name in ENDS_THE_SESSION:
                continue
            found.append((action, form["fields"]))
    return found


@pytest.mark.django_db
def test_generated_input_never_causes_a_server_error_or_a_partial_save(client, rich_account):
    client.force_login(rich_account)
    targets = pages_with_forms(client)
    assert len(targets) >= 5

    for action, fields in targets:
        fuzzer(client, action, fields)()


def fuzzer(client, action, fields):
    """Return a hypothesis test that posts generated values for the form's fields."""

    @FUZZ
    @given(
        st.fixed_dictionaries(
            {}, optional={name: field_values(field) for name, field in fields.items()}
        )
    )
    def post_junk(data):
        with transaction.atomic():
            before = saved_rows()
            response = client.post(action, data)
            assert response.status_code < 500, (action, data)
            redirected = response.status_code == 302
            # Still signed in: a post sent to log in would pass without testing anything.
            assert not (redirected and response["Location"].startswith(LOGIN)), (action, data)
            assert_no_partial_save(before, may_save=redirected, context=(action, data))
            transaction.set_rollback(True)

    return post_junk


@pytest.mark.django_db
def test_generated_input_to_every_wizard_step_never_breaks_or_saves_a_reflection(
    client, rich_account
):
    interview = Interview.objects.get(pk=SHARED_PK)
    interview.reflection.delete()
    client.force_login(rich_account)
    valid = answers(caught_out=True, outside="partly", follow_up="apology")
    management = f"reflection_{interview.pk}-current_step"
    for step, data in valid.items():
        fields = {name: {"values": []} for name in data} or {"confirm": {"values": []}}
        wizard_fuzzer(client, step_url(interview, step), management, step, fields)()
        response = post_step(client, interview, step, data)
        assert response.status_code == 302, step
    assert Reflection.objects.filter(interview=interview, status="complete").exists()


def wizard_fuzzer(client, url, management, step, fields):
    """Return a hypothesis test that posts junk to one wizard step."""

    @FUZZ
    @given(
        st.fixed_dictionaries(
            {}, optional={name: field_values(field) for name, field in fields.items()}
        ),
        st.sampled_from([step, "summary", "", "nonsense"]),
    )
    def post_junk(data, claimed_step):
        with transaction.atomic():
            before = saved_rows()
            response = client.post(url, {management: claimed_step, **data})
            assert response.status_code < 500, (url, data)
            # Only a finish from the summary may write the reflection; every other post
            # (valid or not) keeps the answers in the draft alone.
            finished = step == "summary" and response.status_code == 302
            assert_no_partial_save(before, may_save=finished, context=(url, data))
            transaction.set_rollback(True)

    return post_junk
