"""Authorization proven for every URL: another user's ids are a 404 and change nothing.

Every one of alice's rows is created with the same primary key, so any route that
takes a `pk` points at alice's object whatever model it reads. A new view that
forgets the ownership check fails here without anyone editing this file.
"""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.forms.models import model_to_dict
from django.shortcuts import resolve_url
from django.utils import timezone

from interviews.models import (
    Application,
    CaughtOutQuestion,
    FollowUpLetter,
    Interview,
    Lesson,
    Reflection,
    WizardDraft,
)

from .conftest import make_interview, make_letter, make_reflection
from .urlwalk import iter_routes, private_routes

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
    )
    CaughtOutQuestion.objects.create(pk=SHARED_PK, reflection=reflection, question=SECRET)
    Lesson.objects.create(
        pk=SHARED_PK, reflection=reflection, text=SECRET, category="preparation", action=SECRET
    )
    FollowUpLetter.objects.create(
        pk=SHARED_PK, interview=interview, kind="apology", subject=SECRET, body=SECRET
    )
    WizardDraft.objects.create(
        pk=SHARED_PK, owner=alice, interview=interview, current_step="feelings", data={"x": 1}
    )
    theirs = make_interview(owner=mallory, rating=2)
    make_reflection(interview=theirs, lessons=1, questions=1)
    make_letter(interview=theirs)
    return application


OWNER_PATHS = {
    "interviews.User": "pk",
    "interviews.Profile": "user",
    "interviews.WizardDraft": "owner",
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
    return [route for route in private_routes() if "pk" in route.converters]


def other_routes():
    return [route for route in private_routes() if "pk" not in route.converters]


ROUTE_VALUES = {"pk": SHARED_PK, "step": "feelings", "token": "x"}


@pytest.mark.parametrize("route", pk_routes(), ids=lambda route: route.name)
def test_another_users_ids_are_404_and_change_nothing(alices_everything, mallory_client, route):
    url = route.build(ROUTE_VALUES)
    before = snapshot()
    assert mallory_client.get(url).status_code == 404, url
    assert mallory_client.post(url, {"confirm": "1", "status": "sent"}).status_code == 404, url
    assert snapshot() == before


@pytest.mark.parametrize("route", other_routes(), ids=lambda route: route.name)
def test_pages_without_ids_never_show_or_change_another_users_data(
    alices_everything, mallory_client, route
):
    url = route.build(ROUTE_VALUES)
    alice = alices_everything.owner
    before = snapshot(alice)
    response = mallory_client.get(url)
    assert response.status_code in {200, 302, 405}, url
    content = b"".join(response) if response.streaming else response.content
    assert SECRET.encode() not in content
    mallory_client.post(url, {})
    assert snapshot(alice) == before


@pytest.mark.parametrize("route", list(private_routes()), ids=lambda route: route.name)
def test_anonymous_visitors_are_sent_to_log_in_and_change_nothing(alices_everything, client, route):
    url = route.build(ROUTE_VALUES)
    before = snapshot()
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert snapshot() == before


def test_every_route_is_covered_by_one_of_the_walks():
    covered = {route.name for route in pk_routes() + other_routes()}
    assert covered == {route.name for route in private_routes()}
    assert len(list(iter_routes())) > len(covered)
