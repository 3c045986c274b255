"""Calendar-invite import: reading .ics files, matching them to applications, the views."""

import codecs
import zoneinfo
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviews.models import (
    MAX_DURATION_MINUTES,
    MIN_DURATION_MINUTES,
    Application,
    Contact,
    Interview,
)
from interviews.tracking.invite_matching import guess_kind, match_application
from interviews.tracking.invite_properties import Person
from interviews.tracking.invites import (
    MAX_EVENTS,
    MAX_FILES,
    MAX_LINES,
    InviteError,
    parse_invites,
)
from interviews.web.limits import MAX_UPLOAD_BYTES

from ..conftest import QUERY_BUDGET, make_application, make_contact, make_interview

FILES = Path(__file__).parent / "invites"
LONDON = zoneinfo.ZoneInfo("Europe/London")
UPLOAD = reverse("interviews:invites_import")


def fixture(name):
    return (FILES / name).read_bytes()


def ics(*events, method="REQUEST", before=()):
    """Return a calendar file holding the given events, each a list of content lines."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rebound tests//EN"]
    if method:
        lines.append(f"METHOD:{method}")
    lines.extend(before)
    for number, event in enumerate(events):
        lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
        if not any(line.startswith("UID") for line in event):
            lines.insert(-1, f"UID:event-{number}@tests")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def event(*extra, start="DTSTART:20261210T140000Z", end="DTEND:20261210T150000Z"):
    return [line for line in (start, end, "SUMMARY:Interview", *extra) if line]


def read(content, name="invite.ics", tz=LONDON):
    return parse_invites([(name, content)], tz=tz)


def read_one(content, **kwargs):
    (found,) = read(content, **kwargs)
    return found


# Files from the calendar programs people use ---------------------------------------------------


def test_a_google_invite_keeps_its_zone_length_meet_link_and_people_but_not_the_room():
    invite = read_one(fixture("google.ics"))
    assert invite.uid == "7kukuqrfedlm2f9t0vr0hf3ab2@google.com"
    assert invite.summary == "Northwind – Technical interview (Alice)"
    assert invite.start == datetime(2026, 12, 8, 14, 0, tzinfo=UTC)
    assert invite.start.utcoffset() == timedelta(hours=1)
    assert invite.time_zone == "Europe/Berlin"
    assert invite.duration_minutes == 45
    assert invite.video_link == "https://meet.google.com/abc-defg-hij"
    assert invite.organizer == Person("Rita Ortiz", "rita.ortiz@northwind.example")
    assert [person.email for person in invite.people] == [
        "rita.ortiz@northwind.example",
        "alice@example.com",
        "sam.lee@northwind.example",
    ]
    assert invite.kind == Interview.Kind.TECHNICAL
    assert invite.format == Interview.Format.VIDEO
    assert invite.importable
    assert not invite.notes


def test_an_outlook_invite_reads_its_windows_zone_name_and_the_teams_link():
    invite = read_one(fixture("outlook.ics"))
    assert invite.time_zone == "America/Los_Angeles"
    assert invite.start == datetime(2027, 3, 10, 17, 30, tzinfo=UTC)
    assert invite.duration_minutes == 30
    assert invite.video_link.startswith("https://teams.microsoft.com/l/meetup-join/")
    assert invite.location == "Microsoft Teams Meeting"
    assert invite.kind == Interview.Kind.PHONE_SCREEN
    assert invite.organizer.name == "Fabrikam Talent Team"


def test_an_apple_invite_without_a_zone_is_read_in_the_persons_own_zone_and_says_so():
    tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
    invite = read_one(fixture("apple_floating.ics"), tz=tokyo)
    assert invite.start == datetime(2026, 12, 15, 10, 30, tzinfo=tokyo)
    assert invite.time_zone == "Asia/Tokyo"
    assert invite.duration_minutes == 90
    assert invite.location == "Contoso HQ, 1 Harbour Street, Leeds"
    assert invite.format == Interview.Format.IN_PERSON
    assert invite.kind == Interview.Kind.ON_SITE
    assert any("no time zone" in note for note in invite.notes)


def test_a_zoom_invite_in_utc_takes_its_link_from_the_location():
    invite = read_one(fixture("zoom_utc.ics"))
    assert invite.start == datetime(2026, 12, 10, 17, 0, tzinfo=UTC)
    assert invite.time_zone == "UTC"
    assert invite.video_link == "https://us02web.zoom.us/j/88812345678?pwd=abc123"
    assert invite.kind == Interview.Kind.OTHER


def test_a_zone_the_file_defines_itself_is_read_from_that_file_not_an_earlier_upload():
    def custom(offset):
        zone = [
            "BEGIN:VTIMEZONE",
            "TZID:Head Office Time",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            f"TZOFFSETFROM:{offset}",
            f"TZOFFSETTO:{offset}",
            "END:STANDARD",
            "END:VTIMEZONE",
        ]
        return ics(
            event(start="DTSTART;TZID=Head Office Time:20261208T150000", end=""), before=zone
        )

    first = read_one(custom("+0500"))
    second = read_one(custom("+0100"))
    assert first.start.utcoffset() == timedelta(hours=5)
    assert second.start.utcoffset() == timedelta(hours=1)
    assert second.time_zone == "Head Office Time"


def test_an_unknown_zone_name_without_a_definition_is_read_in_the_persons_zone_and_says_so():
    invite = read_one(ics(event(start="DTSTART;TZID=Atlantis/Deep:20261208T150000", end="")))
    assert invite.start == datetime(2026, 12, 8, 15, 0, tzinfo=LONDON)
    assert any("Atlantis/Deep" in note for note in invite.notes)


def test_a_time_the_clocks_skip_moves_forward_and_a_repeated_one_takes_the_first():
    skipped = read_one(ics(event(start="DTSTART;TZID=Europe/London:20270328T013000", end="")))
    assert skipped.start == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    assert skipped.start.astimezone(LONDON).hour == 2
    assert any("skipped" in note for note in skipped.notes)

    repeated = read_one(ics(event(start="DTSTART;TZID=Europe/London:20261025T013000", end="")))
    assert repeated.start == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert any("twice" in note for note in repeated.notes)


def test_the_length_across_a_clock_change_is_the_real_time_that_passes():
    invite = read_one(
        ics(
            event(
                start="DTSTART;TZID=Europe/London:20261025T003000",
                end="DTEND;TZID=Europe/London:20261025T023000",
            )
        )
    )
    assert invite.duration_minutes == 180


@pytest.mark.parametrize(
    ("lines", "minutes", "note"),
    [
        (("DURATION:PT2M",), MIN_DURATION_MINUTES, "closest"),
        (("DURATION:P2D",), MAX_DURATION_MINUTES, "closest"),
        (("DURATION:PT1H15M",), 75, None),
        ((), 60, "no length"),
        (("DTEND:20261210T130000Z",), 60, "no length"),
    ],
)
def test_the_length_comes_from_the_end_or_duration_within_what_an_interview_can_be(
    lines, minutes, note
):
    invite = read_one(ics(event(*lines, end="")))
    assert invite.duration_minutes == minutes
    assert (note is None and not invite.notes) or any(note in text for text in invite.notes)


def test_events_that_cannot_be_interviews_say_why_and_the_others_still_import():
    content = ics(
        event("UID:all-day", start="DTSTART;VALUE=DATE:20261210", end=""),
        ["UID:no-start", "SUMMARY:Mystery"],
        event("UID:cancelled", "STATUS:CANCELLED"),
        event("UID:too-early", start="DTSTART:19000101T090000Z", end=""),
        event("UID:too-late", start="DTSTART:22000101T090000Z", end=""),
        event("UID:broken", start="DTSTART:2026-12-10 nine o'clock", end=""),
        event("UID:fine"),
    )
    found = {invite.uid: invite for invite in read(content)}
    assert "all-day" in found["all-day"].problem
    assert "no start time" in found["no-start"].problem
    assert "cancelled" in found["cancelled"].problem
    assert "1970" in found["too-early"].problem
    assert "2100" in found["too-late"].problem
    assert "cannot be read" in found["broken"].problem
    assert found["fine"].importable
    assert [invite.uid for invite in found.values() if invite.importable] == ["fine"]


def test_a_cancellation_notice_cannot_be_imported():
    invite = read_one(ics(event(), method="CANCEL"))
    assert invite.cancelled
    assert not invite.importable


def test_a_repeating_event_imports_its_first_date_and_says_so():
    invite = read_one(ics(event("RRULE:FREQ=WEEKLY;COUNT=4")))
    assert invite.start == datetime(2026, 12, 10, 14, 0, tzinfo=UTC)
    assert invite.importable
    assert any("repeating" in note for note in invite.notes)


def test_two_copies_of_one_invite_keep_the_newest():
    old = ics(event("UID:same", "SEQUENCE:0"))
    new = ics(event("UID:same", "SEQUENCE:1", start="DTSTART:20261211T090000Z", end=""))
    (kept,) = parse_invites([("old.ics", old), ("new.ics", new)], tz=LONDON)
    assert kept.start == datetime(2026, 12, 11, 9, 0, tzinfo=UTC)
    assert kept.file_name == "new.ics"


def test_an_invite_without_a_uid_gets_the_same_made_up_one_each_time():
    content = ics(["DTSTART:20261210T140000Z", "SUMMARY:Chat", "UID:"])
    first, second = read_one(content), read_one(content)
    assert first.uid.startswith("rebound-")
    assert first.uid == second.uid


def test_an_overlong_uid_is_shortened_to_its_hash():
    invite = read_one(ics(event("UID:" + "x" * 400)))
    assert len(invite.uid) <= 255
    assert invite.uid.startswith("sha256-")


def test_an_invite_survives_the_round_trip_through_the_session():
    invite = read_one(fixture("google.ics"))
    assert type(invite).from_session(invite.to_session()) == invite.__class__(
        **{**invite.__dict__, "sequence": 0, "recurrence_instance": False}
    )


# Hostile and broken files ------------------------------------------------------------------------


def refused(files, match):
    with pytest.raises(InviteError, match=match):
        parse_invites(files, tz=LONDON)


def test_a_file_over_the_size_limit_is_refused():
    refused([("big.ics", b"x" * (MAX_UPLOAD_BYTES + 1))], "larger than")


def test_files_over_the_size_limit_together_are_refused():
    half = ics(event()) + b" " * (MAX_UPLOAD_BYTES // 2)
    refused([("a.ics", half), ("b.ics", half)], "together")


def test_more_files_than_the_limit_are_refused():
    refused([(f"{n}.ics", ics(event())) for n in range(MAX_FILES + 1)], "at most")


def test_more_events_than_the_limit_are_refused_with_the_count():
    many = ics(*(event(f"UID:e{n}") for n in range(MAX_EVENTS + 1)))
    refused([("many.ics", many)], f"{MAX_EVENTS + 1} events")


def test_a_file_of_endless_lines_is_refused_before_the_library_reads_them():
    endless = ics(event(*(f"X-FILLER:{n}" for n in range(MAX_LINES))))
    refused([("endless.ics", endless)], "far longer")


def test_deeply_nested_sections_are_refused_before_any_parsing():
    nested = b"BEGIN:VCALENDAR\r\n" + b"BEGIN:VEVENT\r\n" * 2000 + b"END:VEVENT\r\n" * 2000
    refused([("deep.ics", nested + b"END:VCALENDAR\r\n")], "too deeply")


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"", "not a calendar file"),
        (b"Hello, this is a letter.", "not a calendar file"),
        (b"%PDF-1.7\x00\x01\x02", "binary"),
        (b"BEGIN:VCALENDAR\r\nno colon here\r\nEND:VCALENDAR\r\n", "could not be read"),
        (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VCALENDAR\r\n", "could not be read"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no events"),
    ],
)
def test_files_that_are_not_invites_get_a_clear_message(content, match):
    refused([("file.ics", content)], match)


def test_latin_1_and_a_declared_charset_and_utf_16_are_read():
    latin = ics(event("LOCATION:Café Müller")).decode().encode("latin-1")
    assert read_one(latin).location == "Café Müller"
    declared = ics(event("DESCRIPTION;CHARSET=windows-1252:It’s at noon")).decode()
    assert read_one(declared.encode("cp1252")).uid == "event-0@tests"
    utf16 = codecs.BOM_UTF16_LE + ics(event("LOCATION:Zürich")).decode().encode("utf-16-le")
    assert read_one(utf16).location == "Zürich"


def test_too_many_time_zone_definitions_are_refused():
    zones = [
        line
        for number in range(25)
        for line in (
            "BEGIN:VTIMEZONE",
            f"TZID:Zone {number}",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0100",
            "END:STANDARD",
            "END:VTIMEZONE",
        )
    ]
    refused([("zones.ics", ics(event(), before=zones))], "time zones")


VALID = fixture("google.ics")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=2000),
        st.builds(
            lambda cut, junk, at: VALID[:at] + junk + VALID[at + cut :],
            st.integers(0, 200),
            st.binary(max_size=200),
            st.integers(0, len(VALID)),
        ),
        st.builds(
            lambda lines: ics(lines).replace(b"\\n", b"\n"),
            st.lists(st.text(max_size=60).map(lambda text: text.replace("\x00", "")), max_size=8),
        ),
    )
)
def test_any_file_gives_events_or_the_parsers_own_error(content):
    try:
        events = read(content)
    except InviteError:
        return
    for invite in events:
        assert invite.importable == (invite.start is not None and not invite.problem)
        if invite.start is not None:
            assert invite.start.tzinfo is not None
            assert MIN_DURATION_MINUTES <= invite.duration_minutes <= MAX_DURATION_MINUTES
        assert len(invite.uid) <= 255
        assert len(invite.location) <= 500


# What the invite is about ------------------------------------------------------------------------


class Applied:
    def __init__(self, pk, company):
        self.pk, self.company = pk, company


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("SUMMARY:Interview – Northwind Traders",), 2),
        (("SUMMARY:Chat", "ORGANIZER;CN=Tailspin Toys Recruiting:mailto:x@ats.example"), 3),
        (("SUMMARY:Chat", "ORGANIZER;CN=Jo:mailto:jo@contoso.example"), 1),
        (("SUMMARY:Chat", "ATTENDEE;CN=Jo:mailto:jo@careers.tailspintoys.example"), 3),
        (("SUMMARY:Chat", "ORGANIZER;CN=Jo:mailto:jo.contoso@gmail.com"), None),
        (("SUMMARY:Chat with someone",), None),
    ],
)
def test_an_invite_is_matched_to_the_application_its_company_names(lines, expected):
    applications = [
        Applied(1, "Contoso Ltd"),
        Applied(2, "Northwind Traders"),
        Applied(3, "Tailspin Toys"),
    ]
    invite = read_one(ics([line for line in (*event(), *lines) if line != "SUMMARY:Interview"]))
    matched = match_application(invite, applications)
    assert (matched.pk if matched else None) == expected


@pytest.mark.parametrize(
    ("summary", "kind"),
    [
        ("Final round with the CTO", Interview.Kind.FINAL),
        ("Panel interview", Interview.Kind.PANEL),
        ("Onsite visit", Interview.Kind.ON_SITE),
        ("Case study presentation", Interview.Kind.CASE),
        ("Behavioral interview", Interview.Kind.BEHAVIOURAL),
        ("Coding exercise", Interview.Kind.TECHNICAL),
        ("Recruiter call", Interview.Kind.PHONE_SCREEN),
        ("Coffee", Interview.Kind.OTHER),
    ],
)
def test_the_kind_is_taken_from_the_title_only_when_it_is_obvious(summary, kind):
    assert guess_kind(summary) == kind


# The views: upload → preview → confirm ----------------------------------------------------------


def ics_upload(content, name="invite.ics"):
    return SimpleUploadedFile(name, content, "text/calendar")


def preview(client, *contents):
    """Upload the files and return (preview URL, preview response)."""
    files = [ics_upload(content, f"invite-{n}.ics") for n, content in enumerate(contents)]
    response = client.post(UPLOAD, {"files": files})
    assert response.status_code == 302, response.context["form"].errors
    return response["Location"], client.get(response["Location"])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def northwind(alice):
    return make_application(owner=alice, company="Northwind", status="applied")


def test_an_uploaded_google_invite_becomes_an_interview_with_its_people_as_contacts(
    alice_client, alice, northwind
):
    make_application(owner=alice, company="Contoso")
    url, page = preview(alice_client, fixture("google.ics"))
    content = page.content.decode()
    assert "Northwind – Technical interview (Alice)" in content
    assert "Europe/Berlin" in content
    assert "45 minutes" in content
    assert "in your time zone" in content  # Berlin is an hour ahead of alice's UTC
    assert "New interview" in content
    assert page.context["form"]["application_0"].initial == northwind.pk

    response = alice_client.post(url, {"application_0": northwind.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("interviews:interview_list")
    assert messages_of(response) == ["Added 1 interview."]
    interview = Interview.objects.get(application=northwind)
    assert interview.ical_uid == "7kukuqrfedlm2f9t0vr0hf3ab2@google.com"
    assert interview.scheduled_at == datetime(2026, 12, 8, 14, 0, tzinfo=UTC)
    assert interview.duration_minutes == 45
    assert interview.location == "https://meet.google.com/abc-defg-hij"
    assert interview.format == Interview.Format.VIDEO
    assert interview.kind == Interview.Kind.TECHNICAL
    assert interview.interviewers == "Sam Lee"
    northwind.refresh_from_db()
    assert northwind.status == Application.Status.INTERVIEWING
    contacts = Contact.objects.owned_by(alice).order_by("email")
    assert [(c.name, c.email, c.role, c.company) for c in contacts] == [
        ("Rita Ortiz", "rita.ortiz@northwind.example", Contact.Role.RECRUITER, "Northwind"),
        ("Sam Lee", "sam.lee@northwind.example", Contact.Role.INTERVIEWER, "Northwind"),
    ]
    assert {c.pk for c in interview.contacts.all()} == {c.pk for c in contacts}
    assert all(list(c.applications.all()) == [northwind] for c in contacts)
    # The import is done: the same preview link no longer imports anything.
    again = alice_client.post(url, {"application_0": northwind.pk})
    assert again["Location"] == UPLOAD
    assert Interview.objects.count() == 1


def test_importing_an_invite_again_updates_its_interview_instead_of_adding_one(
    alice_client, alice, northwind
):
    url, _page = preview(alice_client, fixture("google.ics"))
    alice_client.post(url, {"application_0": northwind.pk})
    moved = (
        fixture("google.ics")
        .replace(b"20261208T15", b"20261209T11")
        .replace(b"20261208T1545", b"20261209T1145")
    )
    url, page = preview(alice_client, moved, fixture("zoom_utc.ics"))
    assert "Updates an interview" in page.content.decode()
    assert page.context["form"]["application_0"].initial == northwind.pk
    response = alice_client.post(
        url, {"application_0": northwind.pk, "application_1": northwind.pk}
    )
    assert messages_of(response) == ["Added 1 interview, updated 1."]
    interview = Interview.objects.get(ical_uid="7kukuqrfedlm2f9t0vr0hf3ab2@google.com")
    assert interview.scheduled_at == datetime(2026, 12, 9, 10, 0, tzinfo=UTC)
    assert Interview.objects.filter(application=northwind).count() == 2
    assert Contact.objects.owned_by(alice).count() == 3  # Rita and Sam once, and Chris


def test_a_known_address_is_linked_not_added_again_whatever_its_case(
    alice_client, alice, northwind
):
    dana = make_contact(owner=alice, name="Sam L.", email="SAM.LEE@northwind.example")
    url, page = preview(alice_client, fixture("google.ics"))
    assert "already in your contacts" in page.content.decode()
    alice_client.post(url, {"application_0": northwind.pk})
    assert Contact.objects.owned_by(alice).count() == 2
    assert dana.interviews.get().application == northwind
    assert list(dana.applications.all()) == [northwind]


def test_another_users_invite_with_the_same_uid_is_never_touched(
    alice_client, alice, mallory, northwind
):
    theirs = make_interview(owner=mallory, ical_uid="7kukuqrfedlm2f9t0vr0hf3ab2@google.com")
    url, page = preview(alice_client, fixture("google.ics"))
    assert "New interview" in page.content.decode()
    alice_client.post(url, {"application_0": northwind.pk})
    theirs.refresh_from_db()
    assert theirs.duration_minutes == 60
    assert theirs.application.owner == mallory
    assert Interview.objects.filter(ical_uid=theirs.ical_uid).count() == 2


def test_another_users_application_is_refused_and_nothing_is_saved(
    alice_client, alice, mallory, northwind
):
    theirs = make_application(owner=mallory, company="Northwind")
    url, _page = preview(alice_client, fixture("google.ics"))
    response = alice_client.post(url, {"application_0": theirs.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in str(response.context["form"].errors["application_0"])
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Interview.objects.exists()
    assert not Contact.objects.exists()


def test_an_invite_without_a_chosen_application_asks_for_one_and_saves_nothing(alice_client, alice):
    make_application(owner=alice, company="Contoso")
    url, page = preview(alice_client, fixture("zoom_utc.ics"))
    assert page.context["form"]["application_0"].initial == ""
    response = alice_client.post(url, {"application_0": ""})
    assert "Choose the application" in response.content.decode()
    assert not Interview.objects.exists()


def test_skipped_invites_are_left_out_and_skipping_all_says_there_is_nothing(
    alice_client, northwind
):
    url, _page = preview(alice_client, fixture("google.ics"), fixture("zoom_utc.ics"))
    response = alice_client.post(url, {"application_0": northwind.pk, "skip_1": "on"})
    assert messages_of(response) == ["Added 1 interview."]
    assert list(Interview.objects.values_list("ical_uid", flat=True)) == [
        "7kukuqrfedlm2f9t0vr0hf3ab2@google.com"
    ]
    url, _page = preview(alice_client, fixture("zoom_utc.ics"))
    response = alice_client.post(url, {"application_0": northwind.pk, "skip_0": "on"})
    assert "nothing to import" in response.content.decode()
    assert Interview.objects.count() == 1


def test_an_invite_that_cannot_be_imported_is_shown_with_its_reason_and_no_choice(
    alice_client, northwind
):
    cancelled = ics(event("UID:gone", "SUMMARY:Cancelled chat"), method="CANCEL")
    url, page = preview(alice_client, cancelled, fixture("zoom_utc.ics"))
    content = page.content.decode()
    assert "Cannot be imported" in content
    assert "was cancelled" in content
    assert "application_0" not in page.context["form"].fields
    alice_client.post(url, {"application_1": northwind.pk})
    assert list(Interview.objects.values_list("ical_uid", flat=True)) == [
        "zoom-88812345678@zoom.us"
    ]


def test_events_from_rebounds_own_calendar_feed_are_not_imported_again(
    alice_client, alice, northwind
):
    make_interview(application=northwind, rating=2)
    feed = alice_client.get(
        reverse("interviews:calendar_feed", args=[alice.profile.calendar_token])
    )
    _url, page = preview(alice_client, feed.content)
    assert len(page.context["rows"]) == 2  # The interview and the end of its cool-off
    assert all("Rebound calendar" in row.event.problem for row in page.context["rows"])
    assert not page.context["form"].fields
    assert Interview.objects.count() == 1


def test_an_update_the_interview_cannot_take_is_refused_whole(alice_client, alice, northwind):
    # A rating is only for an interview that has happened; the invite moves it to the future.
    rated = make_interview(application=northwind, ical_uid="zoom-88812345678@zoom.us", rating=4)
    url, _page = preview(alice_client, fixture("google.ics"), fixture("zoom_utc.ics"))
    response = alice_client.post(
        url, {"application_0": northwind.pk, "application_1": northwind.pk}
    )
    assert response.status_code == 200
    assert "Nothing was imported" in response.content.decode()
    assert Interview.objects.get() == rated
    rated.refresh_from_db()
    assert rated.scheduled_at < timezone.now()
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Not a calendar", "is not a calendar file"),
        (ics(*(event(f"UID:e{n}") for n in range(MAX_EVENTS + 1))), "we read at most"),
    ],
)
def test_a_bad_upload_comes_back_with_its_reason_and_nothing_kept(alice_client, content, message):
    response = alice_client.post(UPLOAD, {"files": [ics_upload(content)]})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "pending_invite_import" not in alice_client.session


def test_an_upload_without_files_asks_for_one(alice_client):
    response = alice_client.post(UPLOAD, {})
    assert response.context["form"].errors["files"] == ["This field is required."]


def test_an_unknown_preview_key_sends_the_person_back_to_upload(alice_client):
    response = alice_client.get(reverse("interviews:invites_import_preview", args=["nope"]))
    assert response["Location"] == UPLOAD
    assert "no longer have those invites" in messages_of(response)[0]


def test_the_import_sends_anonymous_visitors_to_log_in_and_refuses_other_methods(
    client, alice_client
):
    preview_url = reverse("interviews:invites_import_preview", args=["key"])
    for url in (UPLOAD, preview_url):
        assert client.get(url)["Location"].startswith(reverse("account_login"))
        assert alice_client.delete(url).status_code == 405


def test_the_agenda_and_the_application_page_link_to_the_import(alice_client, northwind):
    agenda = alice_client.get(reverse("interviews:interview_list")).content.decode()
    assert f'href="{UPLOAD}"' in agenda
    page = alice_client.get(northwind.get_absolute_url()).content.decode()
    assert f'href="{UPLOAD}?application={northwind.pk}"' in page


def test_opened_from_an_application_the_invites_naming_no_company_are_set_to_it(
    alice_client, alice, northwind
):
    contoso = make_application(owner=alice, company="Contoso")
    from_page = f"{UPLOAD}?application={contoso.pk}"
    assert "Backend developer at Contoso" in alice_client.get(from_page).content.decode()
    files = [
        ics_upload(fixture("google.ics"), "a.ics"),
        ics_upload(fixture("zoom_utc.ics"), "b.ics"),
    ]
    response = alice_client.post(from_page, {"files": files})
    form = alice_client.get(response["Location"]).context["form"]
    assert form["application_0"].initial == northwind.pk  # It names Northwind.
    assert form["application_1"].initial == contoso.pk


def test_the_import_opened_for_another_users_application_is_404(alice_client, mallory):
    theirs = make_application(owner=mallory)
    assert alice_client.get(f"{UPLOAD}?application={theirs.pk}").status_code == 404
    files = [ics_upload(fixture("zoom_utc.ics"))]
    assert (
        alice_client.post(f"{UPLOAD}?application={theirs.pk}", {"files": files}).status_code == 404
    )
    assert "pending_invite_import" not in alice_client.session
    assert alice_client.get(f"{UPLOAD}?application=²").status_code == 200


def test_the_preview_takes_as_many_queries_for_50_invites_as_for_1(
    alice_client, alice, django_assert_max_num_queries, django_assert_num_queries
):
    for number in range(30):
        application = make_application(owner=alice, company=f"Firm {number}")
        make_contact(owner=alice, email=f"person{number}@firm{number}.example")
        make_interview(application=application, ical_uid=f"e{number}")

    def invites(count):
        return ics(
            *(
                event(
                    f"UID:e{n}",
                    f"ORGANIZER;CN=Person {n}:mailto:person{n}@firm{n}.example",
                    f"ATTENDEE;CN=Other {n}:mailto:other{n}@firm{n}.example",
                )
                for n in range(count)
            )
        )

    url, _page = preview(alice_client, invites(1))
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        assert alice_client.get(url).status_code == 200
    # Counted now: the next requests empty the connection's log of queries.
    for_one = len(one)
    url, _page = preview(alice_client, invites(MAX_EVENTS))
    with django_assert_num_queries(for_one):
        response = alice_client.get(url)
    assert len(response.context["rows"]) == MAX_EVENTS
