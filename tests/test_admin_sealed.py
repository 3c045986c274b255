"""The admin manages accounts, not diaries: no page of it shows what a person wrote."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from interviews.models import (
    ApiToken,
    CaughtOutQuestion,
    Contact,
    Document,
    FollowUpLetter,
    Lesson,
    MentorLink,
    Practice,
    Reflection,
    StatusChange,
    StingCheck,
    User,
    WizardDraft,
)

from .conftest import PASSWORD, make_application, make_interview

DIARY = "Quokkamarble"
ADMIN_EMAIL = "admin@example.com"


@pytest.fixture
def diary(alice):
    """Give alice a row of every kind, with the marker in every field that holds her words."""
    application = make_application(owner=alice, company="Acme", notes=DIARY)
    interview = make_interview(
        application=application,
        scheduled_at=timezone.now() - timedelta(days=4),
        rating=1,
        notes=DIARY,
    )
    reflection = Reflection.objects.create(
        interview=interview,
        status=Reflection.Status.COMPLETE,
        what_happened=DIARY,
        went_well=DIARY,
        kind_words=DIARY,
        reframe=DIARY,
        to_own=DIARY,
        completed_at=timezone.now(),
    )
    question = CaughtOutQuestion.objects.create(
        owner=alice, reflection=reflection, question=DIARY, what_i_said=DIARY, better_answer=DIARY
    )
    Practice.objects.create(question=question, result=Practice.Result.SHAKY)
    Lesson.objects.create(reflection=reflection, text=DIARY, category="preparation", action=DIARY)
    FollowUpLetter.objects.create(
        interview=interview, kind="apology", subject=DIARY, body=DIARY, recipient_name=DIARY
    )
    WizardDraft.objects.create(
        owner=alice, interview=interview, current_step="feelings", data={"note": DIARY}
    )
    StingCheck.objects.create(interview=interview, day=3, intensity=5, note=DIARY)
    StatusChange.objects.filter(application=application).update(note=DIARY)
    Contact.objects.create(owner=alice, name="Sam", notes=DIARY).applications.add(application)
    Document.objects.create(application=application, title="CV", text=DIARY)
    MentorLink.objects.create(
        owner=alice, label="Coach", expires_at=timezone.now() + timedelta(days=3)
    )
    token = ApiToken(owner=alice, name="Sheet", scopes=["read"], expires_at=timezone.now())
    alice.api_secret = token.issue()
    token.expires_at += timedelta(days=30)
    token.save()
    return alice


@pytest.fixture
def admin_client(client, db):
    user = User.objects.create_superuser(email=ADMIN_EMAIL, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=ADMIN_EMAIL, verified=True, primary=True)
    client.force_login(user)
    return client


def admin_pages():
    """Yield every admin page there is: index, app indexes, and each model's views per row."""
    yield reverse("admin:index")
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        yield reverse("admin:app_list", args=[meta.app_label])
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        yield changelist
        yield reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        for pk in model_admin.get_queryset(None).values_list("pk", flat=True):
            for view in ("change", "history", "delete"):
                yield reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[pk])


def test_no_admin_page_shows_what_a_person_wrote(diary, admin_client):
    walked = 0
    for url in admin_pages():
        response = admin_client.get(url)
        assert response.status_code in {200, 403}, url
        assert DIARY not in response.content.decode(), url
        walked += 1
    assert walked > 40


def test_the_walk_reaches_every_registered_models_rows(diary, admin_client):
    urls = set(admin_pages())
    for model in admin.site._registry:
        meta = model._meta
        if model.objects.exists():
            pk = model.objects.values_list("pk", flat=True).first()
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[pk])
            assert change in urls, meta.label


def test_a_search_for_diary_words_finds_nothing_to_hint_at(diary, admin_client):
    for model in admin.site._registry:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        response = admin_client.get(url, {"q": DIARY})
        assert response.status_code == 200
        assert response.context["cl"].result_count == 0, meta.label


def test_no_admin_page_shows_an_api_tokens_secret_or_its_hash(diary, admin_client):
    token = ApiToken.objects.get(owner=diary)
    for url in admin_pages():
        page = admin_client.get(url).content.decode()
        assert diary.api_secret not in page, url
        assert token.digest not in page, url


def test_an_operator_can_revoke_a_token_from_the_admin_and_cannot_make_one(diary, admin_client):
    token = ApiToken.objects.get(owner=diary)
    changelist = reverse("admin:interviews_apitoken_changelist")
    response = admin_client.post(
        changelist, {"action": "revoke", admin.helpers.ACTION_CHECKBOX_NAME: [token.pk]}
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert admin_client.get(reverse("admin:interviews_apitoken_add")).status_code == 403
