"""The funnel: applied → interview → offer, by source, how often and how soon an answer came."""

import datetime
import xml.etree.ElementTree as ET
import zoneinfo
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.dashboard import funnel
from interviews.dashboard.funnel import Record, build_funnel
from interviews.models import Application, Interview, StatusChange

from ..conftest import QUERY_BUDGET, make_application, make_interview

URL = reverse("interviews:dashboard")
TODAY = datetime.date(2026, 6, 30)
DAY = datetime.date(2026, 6, 1)
SVG = "{http://www.w3.org/2000/svg}"


def day(offset):
    return DAY + timedelta(days=offset)


def record(status="applied", **fields):
    return Record(status=status, **fields)


def build(*records):
    return build_funnel(list(records), TODAY)


def group(result, label):
    (row,) = [row for row in result.sources if row.label == label]
    return row


# Applied -------------------------------------------------------------------------------


def test_no_applications_make_an_empty_funnel():
    result = build()

    assert result.applied == 0
    assert result.is_empty
    assert result.chart is None
    assert result.sources == []
    assert result.median_days is None


def test_wishlist_applications_are_not_applied():
    result = build(record("wishlist"), record("wishlist", source="LinkedIn"))

    assert result.applied == 0
    assert result.is_empty
    assert result.sources == []


@pytest.mark.parametrize("status", [s for s in Application.Status.values if s != "wishlist"])
def test_every_status_past_wishlist_is_applied(status):
    assert funnel.is_applied(record(status))


def test_a_wishlist_application_with_a_date_applied_is_applied():
    assert funnel.is_applied(record("wishlist", applied_on=day(0)))
    assert not funnel.is_applied(record("wishlist"))


def test_a_wishlist_application_with_an_interview_is_applied():
    assert funnel.is_applied(record("wishlist", interviews=1, first_interview_on=day(3)))


def test_fewer_than_three_applied_is_still_empty():
    assert build(record(), record(), record("wishlist")).is_empty
    assert not build(record(), record(), record()).is_empty


# Interview and offer -------------------------------------------------------------------


def test_an_interview_or_a_move_through_interviewing_reaches_interview():
    result = build(
        record(interviews=2, first_interview_on=day(4)),
        record("rejected", history=(("applied", day(0)), ("interviewing", day(3)))),
        record("interviewing"),
        record("rejected", history=(("applied", day(0)), ("rejected", day(3)))),
        record(),
    )

    assert (result.interview.count, result.interview.total) == (3, 5)
    assert result.interview.percent == 60


def test_an_offer_is_reached_by_status_history_or_an_interviews_outcome():
    result = build(
        record("offer"),
        record("accepted"),
        record("withdrawn", history=(("applied", day(0)), ("offer", day(9)))),
        record("interviewing", interviews=1, first_interview_on=day(2), interview_offer=True),
        record("rejected", interviews=1, first_interview_on=day(2)),
    )

    assert (result.offer.count, result.offer.total, result.offer.percent) == (4, 5, 80)


# Heard back ----------------------------------------------------------------------------


def test_an_interview_a_rejection_or_an_offer_is_an_answer_and_silence_is_not():
    result = build(
        record(interviews=1, first_interview_on=day(2)),
        record("rejected"),
        record("offer"),
        record("ghosted"),
        record(),
        record("withdrawn"),
    )

    assert (result.answered.count, result.answered.total, result.answered.percent) == (3, 6, 50)


def test_ghosted_after_an_interview_still_heard_back():
    ghosted = record("ghosted", history=(("applied", day(0)), ("interviewing", day(5))))

    assert funnel.heard_back(ghosted)
    assert not funnel.heard_back(record("ghosted", history=(("applied", day(0)),)))


# Days to a first answer ----------------------------------------------------------------


def test_days_run_from_the_date_applied_to_the_first_answer():
    application = record(
        "rejected",
        applied_on=day(0),
        history=(("applied", day(2)), ("interviewing", day(9)), ("rejected", day(20))),
        interviews=1,
        first_interview_on=day(12),
    )

    assert funnel.days_to_first_answer(application, TODAY) == 9


def test_the_first_interview_can_be_the_first_answer():
    application = record(applied_on=day(0), interviews=1, first_interview_on=day(6))

    assert funnel.days_to_first_answer(application, TODAY) == 6


def test_without_a_date_applied_days_run_from_leaving_the_wishlist():
    application = record(
        "interviewing",
        history=(("wishlist", day(0)), ("applied", day(3)), ("interviewing", day(10))),
    )

    assert funnel.days_to_first_answer(application, TODAY) == 7


def test_a_back_dated_change_counts_from_the_day_it_happened_not_when_it_was_written():
    # Written in this order: the rejection was recorded last, dated before the interview stage.
    application = record(
        "rejected",
        history=(("applied", day(0)), ("interviewing", day(9)), ("rejected", day(4))),
    )

    assert funnel.days_to_first_answer(application, TODAY) == 4


def test_a_back_dated_move_off_the_wishlist_is_the_start():
    # "I applied on the 3rd", written after the interview stage was recorded.
    application = record(
        "interviewing",
        history=(("wishlist", day(0)), ("interviewing", day(10)), ("applied", day(3))),
    )

    assert funnel.days_to_first_answer(application, TODAY) == 7


def test_a_date_applied_back_dated_before_the_first_entry_is_the_start():
    application = record(
        "rejected", applied_on=day(-10), history=(("applied", day(0)), ("rejected", day(5)))
    )

    assert funnel.days_to_first_answer(application, TODAY) == 15


def test_an_interview_booked_ahead_counts_as_an_answer_by_today():
    application = record(
        applied_on=TODAY - timedelta(days=5),
        interviews=1,
        first_interview_on=TODAY + timedelta(days=7),
    )

    assert funnel.days_to_first_answer(application, TODAY) == 5


def test_an_answer_dated_before_the_application_counts_as_the_same_day():
    application = record(applied_on=day(5), interviews=1, first_interview_on=day(0))

    assert funnel.days_to_first_answer(application, TODAY) == 0


def test_no_answer_or_no_start_has_no_days():
    assert funnel.days_to_first_answer(record(applied_on=day(0)), TODAY) is None
    assert funnel.days_to_first_answer(record("ghosted", applied_on=day(0)), TODAY) is None
    assert funnel.days_to_first_answer(record("rejected"), TODAY) is None


def test_the_median_needs_three_answers():
    def timed(days):
        return record("rejected", applied_on=day(0), history=(("rejected", day(days)),))

    two = build(timed(2), timed(9), record())
    assert (two.median_days, two.timed) == (None, 2)
    assert build(timed(2), timed(9), timed(4)).median_days == 4
    assert build(timed(1), timed(2), timed(3), timed(10)).median_days == 2.5


# Sources -------------------------------------------------------------------------------


def test_sources_are_grouped_ignoring_case_and_spacing():
    result = build(
        record(source="LinkedIn"),
        record(source="  linkedin "),
        record(source="LinkedIn"),
        record(source="Job  board", interviews=1, first_interview_on=day(3)),
        record(source="job board"),
    )

    assert [(row.label, row.applied) for row in result.sources] == [
        ("LinkedIn", 3),
        ("Job board", 2),
    ]
    assert group(result, "Job board").interview.count == 1


def test_empty_sources_are_grouped_last_as_no_source_given():
    result = build(
        record(source=""),
        record(source="   "),
        record(source="Referral"),
    )

    assert [(row.label, row.applied, row.unnamed) for row in result.sources] == [
        ("Referral", 1, False),
        ("No source given", 2, True),
    ]


def test_wishlist_applications_stay_out_of_the_sources():
    result = build(record(source="Referral"), record("wishlist", source="Agency"))

    assert [row.label for row in result.sources] == ["Referral"]


def test_each_group_counts_interviews_offers_and_answers():
    result = build(
        *(record(source="Referral") for _ in range(3)),
        record("offer", source="Referral", interviews=1, first_interview_on=day(2)),
        record("rejected", source="Referral"),
    )

    row = group(result, "Referral")
    assert row.applied == 5
    assert [(s.count, s.percent) for s in (row.interview, row.offer, row.answered)] == [
        (1, 20),
        (1, 20),
        (2, 40),
    ]


def test_percentages_are_hidden_below_five_applications_in_a_group():
    small = build(*(record(source="Agency", interviews=1) for _ in range(4)))
    large = build(*(record(source="Agency", interviews=1) for _ in range(5)))

    assert group(small, "Agency").interview.percent is None
    assert group(small, "Agency").interview.short == "4"
    assert small.interview.percent is None
    assert small.interview.text == "4 of 4"
    assert group(large, "Agency").interview.percent == 100
    assert group(large, "Agency").interview.short == "5 (100%)"
    assert large.interview.text == "5 of 5 (100%)"


def test_sources_beyond_the_first_eight_are_summed_in_one_row():
    records = [record(source=f"Board {n:02}") for n in range(11) for _ in range(11 - n)]
    records.append(record(source=""))

    result = build(*records)

    labels = [row.label for row in result.sources]
    assert labels[:8] == [f"Board {n:02}" for n in range(8)]
    assert labels[8:] == ["3 other sources", "No source given"]
    assert result.sources[8].applied == 3 + 2 + 1


# The chart -----------------------------------------------------------------------------


def test_the_chart_draws_applied_interview_and_offer_in_that_order():
    result = build(
        *(record() for _ in range(6)),
        record("offer"),
        record("interviewing"),
        record("interviewing"),
        record("rejected", interviews=1),
    )

    chart = result.chart
    assert chart.rows == [
        ["Applied", "10"],
        ["Reached an interview", "3 of 10 (30%)"],
        ["Reached an offer", "1 of 10 (10%)"],
    ]
    svg = ET.fromstring(str(chart.svg))
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == chart.title
    widths = [float(r.get("width")) for r in svg.iter(f"{SVG}rect")]
    assert widths[0] > widths[1] > widths[2] > 0


def test_a_stage_nobody_reached_draws_an_empty_bar():
    result = build(record(), record(), record())

    svg = ET.fromstring(str(result.chart.svg))
    widths = [float(r.get("width")) for r in svg.iter(f"{SVG}rect")]
    assert widths[1:] == [0.0, 0.0]
    assert result.chart.rows[1] == ["Reached an interview", "0 of 3"]


# Reading from the database -------------------------------------------------------------


def now_minus(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def move(application, status, when):
    application.status = status
    application.status_changed_at = when
    application.save()


def test_the_history_says_what_an_application_ever_reached(alice):
    today = timezone.localdate()
    rejected = make_application(owner=alice, status="applied", applied_on=today - timedelta(9))
    move(rejected, "interviewing", now_minus(days=6))
    move(rejected, "rejected", now_minus(days=2))
    declined = make_application(owner=alice, status="applied")
    move(declined, "offer", timezone.now())
    move(declined, "withdrawn", timezone.now())
    make_application(owner=alice, status="wishlist")

    result = funnel.application_funnel(alice, zoneinfo.ZoneInfo("UTC"), today)

    assert result.applied == 2
    assert result.interview.count == 1
    assert result.offer.count == 1
    assert result.answered.count == 2
    assert result.timed == 2


def test_dates_are_read_in_the_users_time_zone(alice):
    tz = zoneinfo.ZoneInfo("Pacific/Auckland")
    applied = datetime.date(2026, 3, 2)
    application = make_application(owner=alice, status="applied", applied_on=applied)
    # 11:30 UTC on 4 March is already 5 March in Auckland.
    at = datetime.datetime(2026, 3, 4, 11, 30, tzinfo=datetime.UTC)
    make_interview(application=application, scheduled_at=at)

    (read,) = funnel.read_records(alice, tz)

    assert read.first_interview_on == datetime.date(2026, 3, 5)
    assert funnel.days_to_first_answer(read, datetime.date(2026, 6, 1)) == 3


def test_an_interview_with_an_offer_outcome_is_read_as_an_offer(alice):
    application = make_application(owner=alice, status="interviewing")
    make_interview(application=application, outcome=Interview.Outcome.OFFER)
    make_interview(application=application, outcome=Interview.Outcome.MOVED_FORWARD)

    (read,) = funnel.read_records(alice, zoneinfo.ZoneInfo("UTC"))

    assert (read.interviews, read.interview_offer) == (2, True)


def test_only_the_owners_applications_are_read(alice, mallory):
    make_application(owner=mallory, status="offer")
    make_application(owner=alice, status="applied")

    assert [r.status for r in funnel.read_records(alice, zoneinfo.ZoneInfo("UTC"))] == ["applied"]


def stock(owner, count):
    """Give owner `count` applications with history and interviews, as bulk as possible."""
    sources = ["LinkedIn", " linkedin", "Referral", "", "Agency"]
    statuses = ["applied", "interviewing", "rejected", "offer", "ghosted", "wishlist"]
    applications = Application.objects.bulk_create(
        Application(
            owner=owner,
            company=f"Company {n}",
            role="Developer",
            source=sources[n % len(sources)],
            status=statuses[n % len(statuses)],
            applied_on=None
            if n % len(statuses) == 5
            else timezone.localdate() - timedelta(days=20 + n % 9),
        )
        for n in range(count)
    )
    StatusChange.objects.bulk_create(StatusChange.first_entries(applications))
    Interview.objects.bulk_create(
        Interview(
            application=application,
            scheduled_at=now_minus(days=3 + n % 5),
            duration_minutes=45,
            outcome=Interview.Outcome.OFFER if n % 7 == 0 else Interview.Outcome.PENDING,
        )
        for n, application in enumerate(applications)
        if n % 3 == 0
    )


def test_the_funnel_reads_in_two_queries_for_2_and_200_applications(
    alice, mallory, django_assert_num_queries
):
    stock(alice, 2)
    stock(mallory, 200)
    tz = zoneinfo.ZoneInfo("UTC")

    with django_assert_num_queries(2):
        small = funnel.application_funnel(alice, tz, timezone.localdate())
    with django_assert_num_queries(2):
        large = funnel.application_funnel(mallory, tz, timezone.localdate())
    assert small.applied == 2
    assert large.applied == 200 - 200 // 6


# The page ------------------------------------------------------------------------------


def test_the_dashboard_shows_the_funnel_with_its_numbers_and_a_data_table(alice, alice_client):
    today = timezone.localdate()
    for n in range(4):
        make_application(owner=alice, status="applied", source="LinkedIn", company=f"Quiet {n}")
    hired = make_application(
        owner=alice, status="applied", source=" linkedin ", applied_on=today - timedelta(days=8)
    )
    make_interview(application=hired, scheduled_at=now_minus(days=4), outcome="offer")
    make_application(owner=alice, status="rejected", source="Referral")
    make_application(owner=alice, status="wishlist", source="Agency")

    response = alice_client.get(URL)

    html = response.content.decode()
    board = response.context["dashboard"]
    assert board.funnel.applied == 6
    assert 'aria-labelledby="funnel-title"' in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"' in html
    assert 'id="chart-funnel-title"' in html
    assert "<caption>Applications at each stage</caption>" in html
    assert "<td>1 of 6 (17%)</td>" in html  # reached an interview; the same for an offer
    assert "Heard back" in html
    assert "2 of 6 (33%)" in html
    assert "Not enough yet" in html
    assert "Agency" not in html
    # LinkedIn has five applications: percentages; Referral has one: the count alone.
    assert '<th scope="row">LinkedIn</th>' in html
    assert "1 (20%)" in html
    assert '<th scope="row">Referral</th>' in html
    assert "How these are counted" in html


def test_with_fewer_than_three_applied_the_funnel_says_to_add_applications(alice, alice_client):
    make_application(owner=alice, status="applied")
    make_application(owner=alice, status="wishlist")

    response = alice_client.get(URL)

    html = response.content.decode()
    assert 'aria-labelledby="funnel-title"' in html
    assert "once you have applied for 3 jobs" in html
    assert 'id="chart-funnel-title"' not in html
    assert f'href="{reverse("interviews:application_create")}"' in html


def test_a_source_with_markup_is_shown_as_text(alice, alice_client):
    for _ in range(3):
        make_application(owner=alice, status="applied", source="<b>Boards</b> & Co")

    html = alice_client.get(URL).content.decode()

    assert "<b>Boards</b>" not in html
    assert "&lt;b&gt;Boards&lt;/b&gt; &amp; Co" in html


def test_the_funnel_shows_nothing_of_another_users_applications(alice, mallory, alice_client):
    for _ in range(3):
        make_application(owner=alice, status="applied", source="Referral")
    for _ in range(4):
        make_application(owner=mallory, status="offer", source="Secret Agency")

    response = alice_client.get(URL)

    assert response.context["dashboard"].funnel.applied == 3
    assert b"Secret Agency" not in response.content


def test_dashboard_query_count_is_the_same_for_2_and_200_applications(
    alice_client,
    mallory_client,
    alice,
    mallory,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    stock(alice, 4)
    stock(mallory, 200)

    with django_assert_max_num_queries(QUERY_BUDGET) as small:
        assert alice_client.get(URL).status_code == 200
    with django_assert_num_queries(len(small)):
        response = mallory_client.get(URL)
    assert response.context["dashboard"].funnel.applied == 200 - 200 // 6
