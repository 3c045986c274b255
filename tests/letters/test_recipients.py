"""Whom a letter goes to: one person's name with that same person's address, signed by the user."""

import email
import email.policy
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from interviews.letters.drafting import LetterContext, draft_letter
from interviews.letters.recipients import (
    NOBODY,
    Recipient,
    default_recipient,
    interviewer_names,
    letter_recipients,
    recipient_list,
)
from interviews.letters.services import letter_start
from interviews.models import FollowUpLetter, Reflection

from ..conftest import make_contact, make_interview, make_reflection
from ..reflection.walk import answers, post_step, walk

Kind = FollowUpLetter.Kind
CONTACT, INTERVIEWER = "contact", "interviewer"
PRIYA = "priya@northwind.example"


@pytest.fixture
def interview(alice):
    """Return the interview of the first draft that went to "Dan Okafor <priya@…>".

    Priya is the application's contact (with her address); Dan and Mei are typed in as names.
    """
    interview = make_interview(owner=alice, rating=1, interviewers="Dan Okafor, Mei Chen")
    make_contact(owner=alice, name="Priya Shah", email=PRIYA, applications=[interview.application])
    make_reflection(interview=interview)
    return interview


def create_url(interview):
    return reverse("interviews:letter_create", args=[interview.pk])


def pair(letter):
    return (letter.recipient_name, letter.recipient_email)


def key_of(interview, name):
    return next(person.key for person in letter_recipients(interview) if person.name == name)


# The people a letter can go to -----------------------------------------------------------------


def test_the_contact_comes_first_then_each_interviewer_without_an_address():
    people = recipient_list(
        interviewers=["Dan Okafor", "Mei Chen"], contacts=[("Priya Shah", PRIYA)]
    )

    assert people == [
        Recipient("Priya Shah", PRIYA, (CONTACT,)),
        Recipient("Dan Okafor", "", (INTERVIEWER,)),
        Recipient("Mei Chen", "", (INTERVIEWER,)),
    ]


def test_a_person_named_twice_is_listed_once_with_their_own_address():
    people = recipient_list(
        interviewers=["sam  rivera", "Dan Okafor", "Dan Okafor"],
        contacts=[("Sam Rivera", "sam@northwind.example")],
    )

    assert people == [
        Recipient("Sam Rivera", "sam@northwind.example", (CONTACT, INTERVIEWER)),
        Recipient("Dan Okafor", "", (INTERVIEWER,)),
    ]


def test_many_contacts_each_keep_their_own_address():
    people = recipient_list(
        interviewers=["Dan Okafor"],
        contacts=[("Priya Shah", PRIYA), ("Dan Okafor", "dan@northwind.example"), ("", "")],
    )

    assert [(p.name, p.email) for p in people] == [
        ("Priya Shah", PRIYA),
        ("Dan Okafor", "dan@northwind.example"),
    ]


def test_a_contact_known_only_by_address_is_a_person_of_their_own():
    people = recipient_list(interviewers=["Dan Okafor"], contacts=[("", PRIYA)])

    assert [(p.name, p.email) for p in people] == [("", PRIYA), ("Dan Okafor", "")]


def test_the_interviews_own_contacts_come_first_then_the_applications_then_typed_names():
    people = recipient_list(
        interview_contacts=[("Dan Okafor", "dan@northwind.example")],
        contacts=[("Priya Shah", PRIYA)],
        interviewers=["Mei Chen"],
    )

    assert people == [
        Recipient("Dan Okafor", "dan@northwind.example", (INTERVIEWER,)),
        Recipient("Priya Shah", PRIYA, (CONTACT,)),
        Recipient("Mei Chen", "", (INTERVIEWER,)),
    ]


def test_a_typed_name_of_a_picked_contact_is_that_person_with_their_address():
    people = recipient_list(
        interview_contacts=[("Dan Okafor", "dan@northwind.example")],
        interviewers=["dan  okafor"],
    )

    assert people == [Recipient("Dan Okafor", "dan@northwind.example", (INTERVIEWER,))]


def test_two_contacts_of_one_name_keep_their_own_addresses():
    people = recipient_list(
        contacts=[("Sam Lee", "sam@acme.example"), ("Sam Lee", "sam@globex.example")],
        interviewers=["Sam Lee"],
    )

    assert [(p.name, p.email, p.roles) for p in people] == [
        ("Sam Lee", "sam@acme.example", (CONTACT, INTERVIEWER)),
        ("Sam Lee", "sam@globex.example", (CONTACT,)),
    ]


def test_interviewer_names_are_split_on_commas_and_tidied():
    assert interviewer_names(" Dan  Okafor,, Mei Chen ,") == ["Dan Okafor", "Mei Chen"]
    assert interviewer_names("") == []


@pytest.mark.parametrize(
    ("interviewers", "contacts", "expected"),
    [
        (["Dan Okafor"], [("Priya Shah", PRIYA)], ("Priya Shah", PRIYA)),
        (["Dan Okafor", "Mei Chen"], [("", "")], ("Dan Okafor", "")),
        ([], [("", "")], ("", "")),
    ],
)
def test_the_default_is_the_contact_else_the_first_interviewer(interviewers, contacts, expected):
    chosen = default_recipient(recipient_list(interviewers=interviewers, contacts=contacts))

    assert (chosen.name, chosen.email) == expected


def test_each_person_has_their_own_key_that_stays_while_they_do():
    people = recipient_list(interviewers=["Dan Okafor"], contacts=[("Priya Shah", PRIYA)])
    again = recipient_list(interviewers=["Dan Okafor"], contacts=[("Priya Shah", PRIYA)])

    assert len({person.key for person in people}) == 2
    assert [p.key for p in people] == [p.key for p in again]
    assert NOBODY.key not in {person.key for person in people}


def test_an_interviews_picked_contacts_lead_and_the_applications_others_follow(alice):
    interview = make_interview(owner=alice, interviewers="Mei Chen, Dan Okafor")
    application = interview.application
    dan = make_contact(
        owner=alice, name="Dan Okafor", email="dan@northwind.example", applications=[application]
    )
    make_contact(owner=alice, name="Priya Shah", email=PRIYA, applications=[application])
    interview.contacts.add(dan)

    people = letter_recipients(interview)

    assert [(p.name, p.email) for p in people] == [
        ("Dan Okafor", "dan@northwind.example"),
        ("Priya Shah", PRIYA),
        ("Mei Chen", ""),
    ]
    assert people[0].role_labels == ["Interviewer"]
    assert people[1].role_labels == ["Application contact"]


def test_a_picked_interviewer_gets_the_first_draft_at_their_own_address(alice):
    interview = make_interview(owner=alice, rating=1, interviewers="Mei Chen")
    dan = make_contact(owner=alice, name="Dan Okafor", email="dan@northwind.example")
    make_contact(owner=alice, name="Priya Shah", email=PRIYA, applications=[interview.application])
    interview.contacts.add(dan)
    make_reflection(interview=interview)

    letter = letter_start(interview=interview, kind=Kind.THANK_YOU)

    assert pair(letter) == ("Dan Okafor", "dan@northwind.example")
    assert letter.body.startswith("Dear Dan Okafor,\n")


def test_another_users_contact_is_never_offered(alice, mallory):
    interview = make_interview(owner=alice, interviewers="")
    stranger = make_contact(owner=mallory, name="Not Yours", email="x@evil.example")
    # Rows no form would write, to prove the list itself keeps to the owner's people.
    interview.contacts.add(stranger)
    stranger.applications.add(interview.application)

    assert letter_recipients(interview) == []


def test_the_letter_page_asks_the_same_number_of_queries_for_1_or_20_contacts(
    alice, alice_client, django_assert_max_num_queries, django_assert_num_queries
):
    interview = make_interview(owner=alice, rating=1)
    make_reflection(interview=interview)

    def add(number):
        contact = make_contact(
            owner=alice, name=f"Person {number}", email=f"p{number}@northwind.example"
        )
        contact.applications.add(interview.application)
        interview.contacts.add(contact)

    add(0)
    with django_assert_max_num_queries(20) as one:
        assert alice_client.get(create_url(interview)).status_code == 200
    for number in range(1, 20):
        add(number)
    with django_assert_num_queries(len(one)):
        page = alice_client.get(create_url(interview)).content.decode()
    assert "p19@northwind.example" in page


# The first draft ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("recipient_name", "greeting"),
    [
        (None, "Dear Dan Okafor and Mei Chen,"),
        ("Priya Shah", "Dear Priya Shah,"),
        ("", "Dear hiring team,"),
    ],
)
@pytest.mark.parametrize("kind", [Kind.THANK_YOU, Kind.APOLOGY])
def test_a_draft_greets_the_one_person_it_goes_to(kind, recipient_name, greeting):
    context = LetterContext(
        company="Northwind",
        role="Analyst",
        interviewer_names=["Dan Okafor", "Mei Chen"],
        causes=[Reflection.Cause.UNDER_PREPARED],
        recipient_name=recipient_name,
    )

    assert draft_letter(kind, context).body.splitlines()[0] == greeting


@pytest.mark.parametrize("kind", [Kind.THANK_YOU, Kind.APOLOGY])
def test_the_first_draft_goes_to_one_person_by_name_and_address(interview, kind):
    letter = letter_start(interview=interview, kind=kind)

    assert pair(letter) == ("Priya Shah", PRIYA)
    assert letter.body.startswith("Dear Priya Shah,\n")


def test_without_a_contact_the_first_interviewer_gets_it_with_no_address(interview):
    interview.application.contacts.clear()

    letter = letter_start(interview=interview, kind=Kind.THANK_YOU)

    # Priya's address went with Priya: Dan never gets it.
    assert pair(letter) == ("Dan Okafor", "")


def test_the_draft_is_signed_with_the_profile_name(alice, interview):
    alice.profile.display_name = "Alex Morgan"
    alice.profile.save()

    letter = letter_start(interview=interview, kind=Kind.APOLOGY)

    assert letter.body.endswith("Best regards,\nAlex Morgan")
    assert "[Your name]" not in letter.body


def test_without_a_profile_name_the_draft_leaves_a_gap_to_sign(alice, interview):
    alice.first_name, alice.last_name = "Alice", "Liddell"
    alice.save()

    letter = letter_start(interview=interview, kind=Kind.THANK_YOU)

    assert letter.body.endswith("Best regards,\n[Your name]")


def test_finishing_the_reflection_drafts_to_the_same_person_signed_by_the_user(alice, alice_client):
    alice.profile.display_name = "Alex Morgan"
    alice.profile.save()
    interview = make_interview(owner=alice, rating=1, interviewers="Dan Okafor")
    make_contact(owner=alice, name="Priya Shah", email=PRIYA, applications=[interview.application])
    steps = ["feelings", "what_happened", "lessons", "forgive", "follow_up"]
    data = answers(caught_out=False, follow_up=Reflection.FollowUp.THANK_YOU)
    walk(alice_client, interview, steps, data)

    post_step(alice_client, interview, "summary")

    letter = FollowUpLetter.objects.get()
    assert pair(letter) == ("Priya Shah", PRIYA)
    assert letter.body.startswith("Dear Priya Shah,\n")
    assert letter.body.endswith("Best regards,\nAlex Morgan")


def test_the_email_file_comes_from_the_profile_name(alice, alice_client, interview):
    alice.profile.display_name = "Alex Morgan"
    alice.profile.save()
    letter = letter_start(interview=interview, kind=Kind.THANK_YOU)

    response = alice_client.get(reverse("interviews:letter_eml", args=[letter.pk]))

    message = email.message_from_bytes(response.content, policy=email.policy.default)
    assert str(message["From"]) == "Alex Morgan <alice@example.com>"
    assert str(message["To"]) == f"Priya Shah <{PRIYA}>"


# Picking whom on the page ------------------------------------------------------------------------


class Radios(HTMLParser):
    """Collect the letter form's recipient radios and kind buttons, and what each form holds."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.checked = []
        self.open = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append([])
            self.open = True
        elif self.open and tag in ("input", "button") and attrs.get("name"):
            self.forms[-1].append((attrs["name"], attrs.get("value")))
            if "checked" in attrs:
                self.checked.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.open = False


def test_the_page_offers_each_person_and_someone_else_in_one_plain_form(alice_client, interview):
    page = alice_client.get(create_url(interview)).content.decode()
    parsed = Radios()
    parsed.feed(page)

    # Without JavaScript one submit sends the person and the kind together.
    [fields] = [form for form in parsed.forms if ("kind", "apology") in form]
    radios = [value for name, value in fields if name == "recipient"]
    assert radios == [*(person.key for person in letter_recipients(interview)), "other"]
    assert {"other_name", "other_email", "kind"} <= {name for name, _value in fields}
    assert parsed.checked == [key_of(interview, "Priya Shah")]
    assert "Dan Okafor" in page
    assert PRIYA in page
    assert "no email address" in page


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Priya Shah", ("Priya Shah", PRIYA)),
        ("Dan Okafor", ("Dan Okafor", "")),
        ("Mei Chen", ("Mei Chen", "")),
    ],
)
def test_picking_a_person_drafts_to_their_own_name_and_address(
    alice_client, interview, name, expected
):
    response = alice_client.post(
        create_url(interview), {"kind": "apology", "recipient": key_of(interview, name)}
    )

    letter = FollowUpLetter.objects.get()
    assert response["Location"] == reverse("interviews:letter_update", args=[letter.pk])
    assert pair(letter) == expected
    assert letter.body.startswith(f"Dear {name},\n")


def test_someone_else_gets_the_name_and_address_typed(alice_client, interview):
    alice_client.post(
        create_url(interview),
        {
            "kind": "thank_you",
            "recipient": "other",
            "other_name": " Jo  Bloggs ",
            "other_email": "jo@northwind.example",
        },
    )

    letter = FollowUpLetter.objects.get()
    assert pair(letter) == ("Jo Bloggs", "jo@northwind.example")
    assert letter.body.startswith("Dear Jo Bloggs,\n")


def test_someone_else_left_blank_is_filled_in_later(alice_client, interview):
    alice_client.post(create_url(interview), {"kind": "thank_you", "recipient": "other"})

    letter = FollowUpLetter.objects.get()
    assert pair(letter) == ("", "")
    assert letter.body.startswith("Dear hiring team,\n")


def test_a_post_without_a_person_goes_to_the_default_one(alice_client, interview):
    alice_client.post(create_url(interview), {"kind": "thank_you"})

    assert pair(FollowUpLetter.objects.get()) == ("Priya Shah", PRIYA)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"recipient": "0"}, "recipient", "no longer on this interview"),
        ({"recipient": "<script>"}, "recipient", "no longer on this interview"),
        ({"recipient": "other", "other_name": "A\r\nBcc: x@y"}, "other_name", "one line"),
        ({"recipient": "other", "other_email": "jo at northwind"}, "other_email", "valid email"),
        ({"recipient": "other", "other_email": '"\x0bfoo"@example.com'}, "other_email", "mail"),
        ({"recipient": "other", "other_name": "x" * 201}, "other_name", "at most 200"),
        ({"other_name": "Jo Bloggs"}, "recipient", "Someone else"),
    ],
)
def test_a_bad_choice_of_person_is_explained_and_nothing_is_drafted(
    alice_client, interview, data, field, message
):
    data.setdefault("recipient", key_of(interview, "Dan Okafor"))
    response = alice_client.post(create_url(interview), {"kind": "apology", **data})

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    page = response.content.decode()
    assert "That letter was not drafted." in page
    assert message in page.replace("&quot;", '"').replace("&#x27;", "'")
    assert not FollowUpLetter.objects.exists()


def test_a_refused_choice_keeps_what_was_typed_and_picked(alice_client, interview):
    response = alice_client.post(
        create_url(interview),
        {"kind": "apology", "recipient": "other", "other_name": "Jo", "other_email": "jo at x"},
    )
    parsed = Radios()
    parsed.feed(response.content.decode())

    assert parsed.checked == ["other"]
    assert 'value="Jo"' in response.content.decode()


def test_a_person_from_someone_elses_interview_cannot_be_picked(alice, alice_client, interview):
    other = make_interview(owner=alice, interviewers="Zed Stranger")

    response = alice_client.post(
        create_url(interview), {"kind": "apology", "recipient": key_of(other, "Zed Stranger")}
    )

    assert response.status_code == 200
    assert not FollowUpLetter.objects.exists()
