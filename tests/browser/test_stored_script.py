"""Stored HTML and script in every free-text field never runs on any page that shows it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import (
    Application,
    CaughtOutQuestion,
    Contact,
    FollowUpLetter,
    Interview,
    Lesson,
    Reflection,
)
from interviews.reflection.steps import FORM_LIST

from ..conftest import logged_in, make_user
from ..reflection.walk import step_url
from ..urlwalk import private_routes
from .conftest import assert_no_csp_violations, log_in

pytestmark = pytest.mark.browser

SHARED_PK = 7777

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    '"><svg onload=alert(3)>',
    "javascript:alert(4)",
]


def payload(n):
    return f"{PAYLOADS[n % len(PAYLOADS)]} field{n}"


def text_fields(model):
    return [
        field.name
        for field in model._meta.get_fields()
        if getattr(field, "get_internal_type", lambda: "")() in {"CharField", "TextField"}
        and not field.choices
        and field.name not in {"calendar_token", "current_step", "status"}
    ]


def filled(model, counter, **fixed):
    values = {}
    for name in text_fields(model):
        if name in fixed:
            continue
        max_length = model._meta.get_field(name).max_length or 5000
        values[name] = payload(next(counter))[:max_length]
    return {**values, **fixed}


@pytest.fixture
def hostile_account(transactional_db):
    import itertools

    counter = itertools.count()
    user = make_user("hostile@example.com")
    application = Application.objects.create(
        pk=SHARED_PK,
        owner=user,
        **filled(Application, counter, job_url="https://example.com/job"),
    )
    interview = Interview.objects.create(
        pk=SHARED_PK,
        application=application,
        scheduled_at=timezone.now() - timedelta(days=3),
        rating=1,
        **filled(Interview, counter),
    )
    upcoming = Interview.objects.create(
        application=application,
        scheduled_at=timezone.now() + timedelta(days=1),
        **filled(Interview, counter),
    )
    contact = Contact.objects.create(
        pk=SHARED_PK,
        owner=user,
        **filled(Contact, counter, email="sam@example.com", profile_url="https://example.com/in"),
    )
    contact.applications.add(application)
    interview.contacts.add(contact)
    # Someone else to offer in "Link someone you know", so the select shows a payload too.
    Contact.objects.create(owner=user, **filled(Contact, counter, email="", profile_url=""))
    reflection = Reflection.objects.create(
        pk=SHARED_PK,
        interview=interview,
        status=Reflection.Status.COMPLETE,
        # Valid answers for every step, so the wizard shows each of them, not only the first.
        feelings_before=["upset"],
        causes=["caught_out", "under_prepared"],
        outside_circumstances="partly",
        intensity_before=8,
        intensity_after=3,
        confidence_after=6,
        follow_up="apology",
        completed_at=timezone.now(),
        **filled(Reflection, counter),
    )
    CaughtOutQuestion.objects.create(
        pk=SHARED_PK, owner=user, reflection=reflection, **filled(CaughtOutQuestion, counter)
    )
    lesson = Lesson.objects.create(
        pk=SHARED_PK, reflection=reflection, category="preparation", **filled(Lesson, counter)
    )
    letter = FollowUpLetter.objects.create(
        pk=SHARED_PK,
        interview=interview,
        kind="apology",
        **filled(FollowUpLetter, counter, recipient_email="sam@example.com"),
    )
    return {
        "user": user,
        "application": application,
        "interview": interview,
        "upcoming": upcoming,
        "lesson": lesson,
        "letter": letter,
    }


def pages(rows):
    """Return every page the account can open: each GET-able private route of the URL walk,
    its ids filled with the rows above, and every step of the wizard.

    A route is kept when a GET of it ends on an HTML page; downloads and POST-only views are
    left out. The upcoming interview is shown as well, since its page reads differently.
    """
    client = logged_in(rows["user"])
    candidates = [reverse("interviews:application_list") + "?q=img"]
    for route in private_routes():
        if route.name == "interviews:reflect_step":
            candidates += [
                route.build({"pk": SHARED_PK, "step": step}) for step, _form in FORM_LIST
            ]
            continue
        candidates.append(route.build(dict.fromkeys(route.ids, SHARED_PK)))
        if route.pattern.startswith("interviews/<int:pk>/"):
            candidates.append(route.build({"pk": rows["upcoming"].pk}))
    found = []
    for url in candidates:
        response = client.get(url, follow=True)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            found.append(url)
    return found


def test_stored_payloads_never_run_and_the_policy_reports_nothing(page, hostile_account):
    log_in(page, "hostile@example.com")
    # Runs before any page script, so violations during loading are caught too.
    page.add_init_script(
        "window.__violations = [];"
        " document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    urls = pages(hostile_account)
    steps = [step_url(hostile_account["interview"], step) for step, _form in FORM_LIST]
    assert {reverse("interviews:letter_new"), *steps} <= set(urls)
    seen = 0
    for url in urls:
        page.goto(url)
        if url in steps:
            # Each step shows its own stored answers, not a redirect to the first one.
            assert page.url.endswith(url), (url, page.url)
        assert page.evaluate("() => window.__violations") == [], url
        assert page.locator("[onerror], [onload]").count() == 0, url
        body = page.content()
        if "field" in body:
            seen += 1
        assert "<script>alert" not in page.inner_html("main"), url
    assert seen >= 10
    assert not [p for p in page.problems if p.startswith("dialog")], page.problems
    assert_no_csp_violations(page)
