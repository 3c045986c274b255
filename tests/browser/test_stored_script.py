"""Stored HTML and script in every free-text field never runs on any page that shows it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import (
    Application,
    CaughtOutQuestion,
    FollowUpLetter,
    Interview,
    Lesson,
    Reflection,
)

from ..conftest import PASSWORD, make_user
from .conftest import assert_no_csp_violations

pytestmark = pytest.mark.browser

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
        owner=user,
        **filled(Application, counter, job_url="https://example.com/job", contact_email=""),
    )
    interview = Interview.objects.create(
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
    reflection = Reflection.objects.create(
        interview=interview,
        status=Reflection.Status.COMPLETE,
        causes=["caught_out", "under_prepared"],
        outside_circumstances="partly",
        intensity_before=8,
        intensity_after=3,
        confidence_after=6,
        follow_up="apology",
        completed_at=timezone.now(),
        **filled(Reflection, counter),
    )
    CaughtOutQuestion.objects.create(reflection=reflection, **filled(CaughtOutQuestion, counter))
    lesson = Lesson.objects.create(
        reflection=reflection, category="preparation", **filled(Lesson, counter)
    )
    letter = FollowUpLetter.objects.create(
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
    application, interview, letter = rows["application"], rows["interview"], rows["letter"]
    return [
        reverse("interviews:dashboard"),
        reverse("interviews:application_list"),
        reverse("interviews:application_list") + "?q=img",
        reverse("interviews:application_board"),
        reverse("interviews:application_detail", args=[application.pk]),
        reverse("interviews:application_update", args=[application.pk]),
        reverse("interviews:application_delete", args=[application.pk]),
        reverse("interviews:interview_detail", args=[interview.pk]),
        reverse("interviews:interview_detail", args=[rows["upcoming"].pk]),
        reverse("interviews:interview_update", args=[interview.pk]),
        reverse("interviews:reflect", args=[interview.pk]),
        reverse("interviews:letter_list"),
        reverse("interviews:letter_create", args=[interview.pk]),
        reverse("interviews:letter_detail", args=[letter.pk]),
        reverse("interviews:letter_update", args=[letter.pk]),
        reverse("interviews:letter_print", args=[letter.pk]),
        reverse("interviews:question_list"),
        reverse("interviews:question_practice"),
        reverse("interviews:action_list"),
        reverse("interviews:settings"),
    ]


def test_stored_payloads_never_run_and_the_policy_reports_nothing(page, hostile_account):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("hostile@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/dashboard/")
    # Runs before any page script, so violations during loading are caught too.
    page.add_init_script(
        "window.__violations = [];"
        " document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    seen = 0
    for url in pages(hostile_account):
        page.goto(url)
        assert page.evaluate("() => window.__violations") == [], url
        assert page.locator("[onerror], [onload]").count() == 0, url
        body = page.content()
        if "field" in body:
            seen += 1
        assert "<script>alert" not in page.inner_html("main"), url
    assert seen >= 10
    assert not [p for p in page.problems if p.startswith("dialog")], page.problems
    assert_no_csp_violations(page)
