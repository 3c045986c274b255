"""seed_demo: a ready-to-use demo account, the same every time."""

from django.core.management import call_command

from interviews.models import (
    Application,
    FollowUpLetter,
    Interview,
    Lesson,
    Reflection,
    Tag,
    User,
)


def snapshot(user):
    interviews = Interview.objects.owned_by(user).order_by("scheduled_at", "kind")
    return {
        "applications": sorted(
            Application.objects.owned_by(user).values_list("company", "role", "status")
        ),
        "interviews": [
            (i.application.company, i.kind, i.scheduled_at, i.rating) for i in interviews
        ],
        "reflections": sorted(Reflection.objects.owned_by(user).values_list("status", "causes")),
        "lessons": sorted(Lesson.objects.owned_by(user).values_list("text", "done")),
        "letters": sorted(FollowUpLetter.objects.owned_by(user).values_list("kind", "status")),
    }


def seed(count=12):
    call_command(
        "seed_demo", email="demo@example.com", password="demo-pass-phrase-1", interviews=count
    )
    return User.objects.get(email="demo@example.com")


def test_seed_demo_creates_a_verified_user_who_can_log_in(client, db):
    user = seed()
    assert user.emailaddress_set.get().verified
    assert client.login(email="demo@example.com", password="demo-pass-phrase-1")


def test_seed_demo_fills_the_account_with_every_kind_of_row(db):
    user = seed()
    assert Interview.objects.owned_by(user).count() == 12
    assert Application.objects.owned_by(user).order_by().values("status").distinct().count() >= 3
    assert any(i.went_badly for i in Interview.objects.owned_by(user))
    statuses = set(Reflection.objects.owned_by(user).values_list("status", flat=True))
    assert statuses == {"draft", "complete"}
    assert Lesson.objects.owned_by(user).filter(done=True).exists()
    assert Lesson.objects.owned_by(user).filter(done=False).exists()
    assert FollowUpLetter.objects.owned_by(user).exists()


def test_seed_demo_is_deterministic_and_idempotent(db):
    first = snapshot(seed())
    second = snapshot(seed())
    assert first == second
    assert User.objects.filter(email="demo@example.com").count() == 1


def test_seed_demo_with_zero_interviews_only_creates_the_user(db):
    user = seed(0)
    assert not Application.objects.owned_by(user).exists()


def test_seed_demo_gives_applications_salaries_tags_deadlines_and_excitement(db):
    user = seed()
    applications = Application.objects.owned_by(user)
    assert applications.filter(salary_min__isnull=False, salary_currency="GBP").exists()
    assert applications.filter(salary_max__isnull=True, salary_min__isnull=False).exists()
    assert applications.filter(deadline__isnull=False).exists()
    assert applications.filter(excitement__isnull=False).exists()
    assert applications.filter(tags__isnull=False).exists()
    assert Tag.objects.owned_by(user).count() == 5
    for application in applications:
        application.full_clean()  # every structured salary is one the form would accept


def test_seed_demo_run_twice_keeps_one_set_of_tags(db):
    seed()
    user = seed()
    assert Tag.objects.owned_by(user).count() == 5
