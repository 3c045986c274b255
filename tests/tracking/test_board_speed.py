"""The board asks the database which cards are recovering, in the road back's own terms."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import Application, FollowUpLetter, Interview, Reflection

from ..conftest import QUERY_BUDGET, make_application, make_interview, make_letter, make_reflection

BOARD = reverse("interviews:application_board")
NOW = timezone.now().replace(microsecond=500_000)
ONE_MICROSECOND = timedelta(microseconds=1)


def recovering_by_the_road_back(owner, now):
    """Return the ids of owner's applications with a bad interview whose recovery is not Ready."""
    bad = Interview.objects.owned_by(owner).went_badly().with_recovery()
    return {interview.application_id for interview in bad if not interview.recovery(now).is_ready}


def recovering_by_the_board(owner, now):
    """Return the ids of owner's applications the board's query marks as recovering."""
    marked = Application.objects.owned_by(owner).with_recovering(now)
    return {application.pk for application in marked if application.is_recovering}


def ready_reflection(interview, **overrides):
    """Give interview a complete reflection with every action done and no letter on purpose."""
    fields = {"follow_up": Reflection.FollowUp.NONE}
    fields.update(overrides)
    reflection = make_reflection(interview=interview, **fields)
    reflection.lessons.update(done=True, done_at=NOW)
    return reflection


def bad(owner, company, *, ends=NOW - timedelta(days=10), duration=60, **fields):
    """Add an application with one bad interview that ended at `ends`."""
    application = make_application(owner=owner, company=company)
    fields.setdefault("rating", 1)
    return make_interview(
        application=application,
        scheduled_at=ends - timedelta(minutes=duration),
        duration_minutes=duration,
        **fields,
    )


def cool_off_ends(owner, company, at, **fields):
    """Add a bad interview, otherwise Ready, whose cool-off window closes at `at`."""
    hours = owner.profile.cool_off_hours
    interview = bad(owner, company, ends=at - timedelta(hours=hours), duration=90, **fields)
    ready_reflection(interview)
    return interview


def mixed_cases(owner):
    """Add one application per branch of the road back; return {company: recovering?}."""
    expected = {}

    def case(company, recovering):
        expected[company] = recovering

    bad(owner, "Fresh, cooling off", ends=NOW - timedelta(hours=1))
    case("Fresh, cooling off", True)
    interview = bad(owner, "Cooling off, all else done", ends=NOW - timedelta(hours=1))
    ready_reflection(interview)
    case("Cooling off, all else done", True)
    interview = bad(
        owner, "Cooling off, confirmed", ends=NOW - timedelta(hours=1), cool_off_confirmed=True
    )
    ready_reflection(interview)
    case("Cooling off, confirmed", False)
    bad(owner, "Cooled off, no reflection")
    case("Cooled off, no reflection", True)
    ready_reflection(bad(owner, "Ready, no letter on purpose"))
    case("Ready, no letter on purpose", False)
    ready_reflection(bad(owner, "Marked bad, rated well", rating=4, marked_bad=True))
    case("Marked bad, rated well", False)
    bad(owner, "Marked bad, unrated", rating=None, marked_bad=True)
    case("Marked bad, unrated", True)
    ready_reflection(bad(owner, "Draft reflection"), status=Reflection.Status.DRAFT)
    case("Draft reflection", True)
    ready_reflection(bad(owner, "No causes"), causes=[])
    case("No causes", True)
    ready_reflection(bad(owner, "Not rated after"), intensity_after=None)
    case("Not rated after", True)
    make_reflection(interview=bad(owner, "No lessons"), lessons=0, follow_up="none")
    case("No lessons", True)
    reflection = make_reflection(
        interview=bad(owner, "An action open"), lessons=2, follow_up="none"
    )
    reflection.lessons.filter(pk=reflection.lessons.first().pk).update(done=True, done_at=NOW)
    case("An action open", True)
    ready_reflection(bad(owner, "Letter owed"), follow_up=Reflection.FollowUp.APOLOGY)
    case("Letter owed", True)
    interview = bad(owner, "Letter drafted")
    ready_reflection(interview, follow_up=Reflection.FollowUp.APOLOGY)
    make_letter(interview=interview)
    case("Letter drafted", True)
    interview = bad(owner, "Letter sent")
    ready_reflection(interview, follow_up=Reflection.FollowUp.APOLOGY)
    make_letter(interview=interview, status=FollowUpLetter.Status.SENT)
    case("Letter sent", False)
    cool_off_ends(owner, "Cool-off ends this instant", NOW)
    case("Cool-off ends this instant", False)
    cool_off_ends(owner, "Cool-off ends a microsecond from now", NOW + ONE_MICROSECOND)
    case("Cool-off ends a microsecond from now", True)
    # One ready and one not: the card is recovering while any bad interview is on its way back.
    interview = bad(owner, "One of two ready")
    ready_reflection(interview)
    make_interview(application=interview.application, rating=2)
    case("One of two ready", True)
    make_interview(owner=owner, rating=3)  # went fine: never recovering
    make_application(owner=owner, company="No interviews")
    case("No interviews", False)
    return expected


@pytest.mark.parametrize(
    ("time_zone", "cool_off_hours"),
    [("UTC", 48), ("Pacific/Auckland", 12), ("America/St_Johns", 168)],
)
def test_recovering_mark_is_the_road_back_rule_for_every_branch(alice, time_zone, cool_off_hours):
    alice.profile.time_zone = time_zone
    alice.profile.cool_off_hours = cool_off_hours
    alice.profile.save()
    expected = mixed_cases(alice)
    companies = dict(Application.objects.owned_by(alice).values_list("pk", "company"))
    road_back = recovering_by_the_road_back(alice, NOW)
    # The cases take the branches they are named after, by the rule the board must match.
    assert {companies[pk] for pk in road_back} == {
        company for company, recovering in expected.items() if recovering
    }
    assert recovering_by_the_board(alice, NOW) == road_back


def test_the_mark_follows_the_clock_across_the_end_of_the_cool_off(alice):
    ends = cool_off_ends(alice, "Acme", NOW).application
    for now, recovering in [
        (NOW - ONE_MICROSECOND, True),
        (NOW, False),
        (NOW + timedelta(days=30), False),
    ]:
        assert (ends.pk in recovering_by_the_board(alice, now)) is recovering
        assert (ends.pk in recovering_by_the_road_back(alice, now)) is recovering


def test_board_cards_carry_the_recovering_mark_of_the_road_back(alice_client, alice, mallory):
    expected = mixed_cases(alice)
    # Another user's application still on its way back marks nothing on alice's board.
    bad(mallory, "Fresh, cooling off", ends=NOW - timedelta(hours=1))
    response = alice_client.get(BOARD)
    cards = {a.company: a for c in response.context["columns"] for a in c["applications"]}
    # The two cases a microsecond from the clock depend on when the request runs.
    for company in ("Cool-off ends this instant", "Cool-off ends a microsecond from now"):
        expected.pop(company)
    assert {company: cards[company].is_recovering for company in expected} == expected
    assert response.content.count(b"badge-recovering") == sum(
        cards[company].is_recovering for company in cards
    )


def test_board_query_count_is_the_same_for_2_and_60_applications_with_bad_interviews(
    alice_client, alice, django_assert_max_num_queries, django_assert_num_queries
):
    def add(number):
        interview = bad(alice, f"Firm {number}", rating=1 + number % 2)
        if number % 3:
            reflection = ready_reflection(interview, follow_up=Reflection.FollowUp.APOLOGY)
            make_letter(interview=interview, status=FollowUpLetter.Status.SENT)
            if number % 2:
                reflection.lessons.update(done=False, done_at=None)
        make_interview(application=interview.application, scheduled_at=NOW + timedelta(days=1))

    for number in range(2):
        add(number)
    with django_assert_max_num_queries(QUERY_BUDGET) as two:
        assert alice_client.get(BOARD).status_code == 200
    for number in range(2, 60):
        add(number)
    with django_assert_num_queries(len(two)):
        assert alice_client.get(BOARD).status_code == 200
