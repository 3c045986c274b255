"""Authorization proven for every URL by walking them all, never by listing them by hand.

For every private route: its owner can open it, an anonymous visitor is sent to log in,
another user's ids are a 404, and a method the view does not take is a 405. Every one of
alice's rows is created with the same primary key, so any route that takes an id points at
alice's object whatever model it reads. A new view that forgets a check fails here without
anyone editing this file, and the walk itself fails on a route it cannot fill.
"""

from collections import Counter
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.admindocs.views import extract_views_from_urlpatterns
from django.forms.models import model_to_dict
from django.shortcuts import resolve_url
from django.urls import get_resolver
from django.utils import timezone

from interviews.models import (
    ApiToken,
    Application,
    CaughtOutQuestion,
    Contact,
    Document,
    FollowUpLetter,
    Interview,
    Lesson,
    MentorLink,
    Reflection,
    Reminder,
    Tag,
    WizardDraft,
)

from .conftest import make_interview, make_letter, make_reflection
from .urlwalk import API_TREE, PUBLIC_NAMES, PUBLIC_TREES, api_routes, iter_routes, private_routes

SHARED_PK = 7777
SECRET = "Zebracorn Secret Labs"


@pytest.fixture
def alices_everything(alice, mallory):
    """Give alice one of every row, all sharing one primary key, and mallory her own."""
    application = Application.objects.create(
        pk=SHARED_PK, owner=alice, company=SECRET, role="Staff engineer", notes=SECRET
    )
    interview = Interview.objects.create(
        pk=SHARED_PK,
        application=application,
        scheduled_at=timezone.now() - timedelta(days=3),
        rating=1,
        interviewers="Sam Rivera",
    )
    reflection = Reflection.objects.create(
        pk=SHARED_PK,
        interview=interview,
        status=Reflection.Status.COMPLETE,
        causes=["caught_out", "under_prepared"],
        what_happened=SECRET,
        intensity_before=8,
        intensity_after=3,
        confidence_after=6,
        completed_at=timezone.now(),
    )
    CaughtOutQuestion.objects.create(
        pk=SHARED_PK, owner=alice, reflection=reflection, question=SECRET
    )
    # One added by hand in the question bank too, tied to her application, not a reflection.
    CaughtOutQuestion.objects.create(owner=alice, application=application, question=SECRET)
    Lesson.objects.create(
        pk=SHARED_PK, reflection=reflection, text=SECRET, category="preparation", action=SECRET
    )
    FollowUpLetter.objects.create(
        pk=SHARED_PK, interview=interview, kind="apology", subject=SECRET, body=SECRET
    )
    WizardDraft.objects.create(
        pk=SHARED_PK, owner=alice, interview=interview, current_step="feelings", data={"x": 1}
    )
    Reminder.objects.create(
        pk=SHARED_PK,
        owner=alice,
        kind=Reminder.Kind.COOL_OFF_ENDED,
        interview=interview,
        key=f"cool_off_ended:{SHARED_PK}",
        due_at=timezone.now(),
    )
    contact = Contact.objects.create(
        pk=SHARED_PK, owner=alice, name=SECRET, company=SECRET, email="sam@zebracorn.example"
    )
    contact.applications.add(application)
    interview.contacts.add(contact)
    Document.objects.create(
        pk=SHARED_PK, application=application, title=SECRET, kind="job_description", text=SECRET
    )
    application.tags.add(Tag.objects.create(pk=SHARED_PK, owner=alice, name="zebracorn"))
    mentor_link = MentorLink.objects.create(
        pk=SHARED_PK, owner=alice, label=SECRET, expires_at=timezone.now() + timedelta(days=7)
    )
    mentor_link.applications.add(application)
    # Alice's token never expires, so it stays live however long the walk takes; mallory has one.
    for token in (
        ApiToken(pk=SHARED_PK, owner=alice, name=SECRET, scopes=["read"], expires_at=None),
        ApiToken(owner=mallory, name="Mallory's script", scopes=["read"], expires_at=None),
    ):
        token.issue()
        token.save()
    theirs = make_interview(owner=mallory, rating=2)
    make_reflection(interview=theirs, lessons=1, questions=1)
    make_letter(interview=theirs)
    return application


OWNER_PATHS = {
    "interviews.User": "pk",
    "interviews.Profile": "user",
    "interviews.WizardDraft": "owner",
    "interviews.MentorLinkView": "link__owner",
    "account.EmailAddress": "user",
}


def snapshot(owner=None):
    """Return every row of every model the users own (or only owner's), field by field."""
    models = [*apps.get_app_config("interviews").get_models(), EmailAddress]
    result = {}
    for model in models:
        rows = model.objects.all()
        if owner is not None:
            if hasattr(rows, "owned_by"):
                rows = rows.owned_by(owner)
            else:
                path = OWNER_PATHS[model._meta.label]
                rows = rows.filter(**{path: owner.pk if path == "pk" else owner})
        result[model._meta.label] = sorted(repr(sorted(model_to_dict(row).items())) for row in rows)
    return result


def pk_routes():
    return [route for route in private_routes() if route.ids]


def other_routes():
    return [route for route in private_routes() if not route.ids]


def url_for(route):
    """Fill every id in the route with alice's shared primary key."""
    return route.build({**dict.fromkeys(route.ids, SHARED_PK), "step": "feelings"})


def accepted(response):
    """Return the methods a 405 response says the view takes."""
    return {method.strip() for method in response["Allow"].split(",")}


def name(route):
    return route.name


LOGIN = resolve_url(settings.LOGIN_URL)


@pytest.mark.parametrize("route", pk_routes(), ids=name)
def test_another_users_ids_are_404_and_change_nothing(alices_everything, mallory_client, route):
    url = url_for(route)
    before = snapshot()
    for method in ("get", "post", "put", "delete"):
        response = getattr(mallory_client, method)(url, {"confirm": "1", "status": "sent"})
        assert response.status_code == 404, (method, url)
    assert snapshot() == before


@pytest.mark.parametrize("route", other_routes(), ids=name)
def test_pages_without_ids_never_show_or_change_another_users_data(
    alices_everything, mallory_client, route
):
    url = url_for(route)
    alice = alices_everything.owner
    before = snapshot(alice)
    response = mallory_client.get(url)
    assert response.status_code in {200, 302, 405}, url
    content = b"".join(response) if response.streaming else response.content
    assert SECRET.encode() not in content
    mallory_client.post(url, {})
    assert snapshot(alice) == before


@pytest.mark.parametrize("route", private_routes(), ids=name)
def test_anonymous_visitors_are_sent_to_log_in_and_change_nothing(alices_everything, client, route):
    url = url_for(route)
    before = snapshot()
    for method in ("get", "post", "put", "delete"):
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url)
        location = urlsplit(response["Location"])
        assert (location.path, parse_qs(location.query)) == (LOGIN, {"next": [url]}), method
    assert snapshot() == before


@pytest.mark.parametrize("route", private_routes(), ids=name)
def test_the_owner_can_open_each_of_her_pages(alices_everything, alice_client, route):
    url = url_for(route)
    response = alice_client.get(url)
    assert response.status_code in {200, 302, 405}, url
    if response.status_code == 302:
        assert not response["Location"].startswith(LOGIN), url
    if response.status_code == 405:
        # Only a view that takes nothing but POST may turn its owner's GET away.
        assert accepted(response) == {"POST"}, url


@pytest.mark.parametrize("route", private_routes(), ids=name)
def test_a_method_the_view_does_not_take_is_405_for_the_owner_and_changes_nothing(
    alices_everything, alice_client, route
):
    url = url_for(route)
    before = snapshot()
    for method in ("put", "patch", "delete", "options"):
        response = getattr(alice_client, method)(url)
        assert response.status_code == 405, (method, url)
        allowed = accepted(response)
        assert method.upper() not in allowed
        # GET or POST left out of the Allow header must be refused just the same.
        for other in {"GET", "POST"} - allowed:
            assert getattr(alice_client, other.lower())(url).status_code == 405, (other, url)
    assert snapshot() == before


def test_the_walk_visits_every_url_pattern_the_resolver_has():
    """Count the patterns with Django's admindocs, not the walk, so a skipped route shows."""
    resolver = extract_views_from_urlpatterns(get_resolver().url_patterns)
    assert Counter(route.pattern for route in iter_routes()) == Counter(
        pattern for _view, pattern, _namespace, _name in resolver
    )
    guarded = {
        (pattern, ":".join([*(namespace or []), route_name or ""]))
        for _view, pattern, namespace, route_name in resolver
        if not pattern.startswith(tuple(PUBLIC_TREES))
        and ":".join([*(namespace or []), route_name or ""]) not in PUBLIC_NAMES
    }
    api = {pattern for pattern, name in guarded if name.startswith(f"{API_TREE[1]}:")}
    assert {pattern for pattern in api if not pattern.startswith(API_TREE[0])} == set()
    assert {route.pattern for route in api_routes()} == api
    assert {route.pattern for route in private_routes()} == {
        pattern for pattern, _name in guarded if pattern not in api
    }
