"""Capturing a posting: the bookmarklet's landing page, the paste, and what they never do."""

import json
import re
import socket
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from interviews.models import Application
from interviews.templatetags.rebound_capture import bookmarklet
from interviews.tracking.capture import MAX_INPUT_BYTES

from ..conftest import QUERY_BUDGET, make_application

CAPTURE = reverse("interviews:application_capture")
PASTE = reverse("interviews:application_capture_paste")
CREATE = reverse("interviews:application_create")
LIST = reverse("interviews:application_list")
PAGES = Path(__file__).parent / "pages"
POSTING_URL = "https://jobs.example/postings/4242-senior-backend-engineer"
LD = json.dumps(
    [
        {
            "@type": "JobPosting",
            "title": "Senior Backend Engineer",
            "hiringOrganization": {"@type": "Organization", "name": "Fernhill Robotics"},
            "jobLocation": {"address": {"addressLocality": "Leeds", "addressCountry": "GB"}},
            "url": POSTING_URL,
            "baseSalary": {
                "currency": "GBP",
                "value": {"minValue": 62000, "maxValue": 75000, "unitText": "YEAR"},
            },
        }
    ]
)


def captured(client, **query):
    return client.get(f"{CAPTURE}?{urlencode(query)}")


def field_value(response, name):
    """Return the value the add form's input carries for a field."""
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', response.content.decode())
    assert match, name
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""


# The bookmarklet's landing page


def test_capture_fills_the_add_form_from_the_pages_json_ld(alice_client):
    response = captured(alice_client, url=POSTING_URL + "?utm_source=x", title="Ignored", ld=LD)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["role"] == "Senior Backend Engineer"
    assert form.initial["company"] == "Fernhill Robotics"
    assert form.initial["location"] == "Leeds, GB"
    assert form.initial["job_url"] == POSTING_URL
    assert form.initial["source"] == "jobs.example"
    assert (form.initial["salary_min"], form.initial["salary_max"]) == (62000, 75000)
    assert form.initial["status"] == Application.Status.WISHLIST
    assert field_value(response, "company") == "Fernhill Robotics"
    content = response.content.decode()
    assert "Filled in from the job details on jobs.example" in content
    # The form saves through the add view, not back to the capture page.
    assert f'action="{CREATE}"' in content
    assert not Application.objects.exists()


def test_capture_without_json_ld_uses_the_title_and_address(alice_client):
    response = captured(alice_client, url="https://jobs.example/p/7", title="Welder at Ironside")
    form = response.context["form"]
    assert (form.initial["role"], form.initial["company"]) == ("Welder", "Ironside")
    assert form.initial["job_url"] == "https://jobs.example/p/7"
    assert b"only its title and address are filled in" in response.content


def test_capture_with_broken_json_ld_or_a_bad_address_still_shows_the_form(alice_client):
    response = captured(alice_client, url="javascript:alert(1)", title="Baker", ld="{[nope")
    assert response.status_code == 200
    assert response.context["form"].initial["role"] == "Baker"
    assert "job_url" not in response.context["form"].initial


def test_capture_json_ld_over_the_cap_is_left_out_and_said_so(alice_client):
    response = captured(alice_client, title="Baker", ld=" " * (MAX_INPUT_BYTES + 1))
    assert response.status_code == 200
    assert response.context["form"].initial["role"] == "Baker"
    assert b"more than Rebound reads" in response.content


def test_capture_with_nothing_to_capture_goes_to_the_add_form(alice_client):
    response = alice_client.get(CAPTURE)
    assert response.status_code == 302
    assert response["Location"] == CREATE


def test_saving_the_captured_form_adds_the_application(alice_client, alice):
    form = captured(alice_client, url=POSTING_URL, ld=LD).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    response = alice_client.post(CREATE, data)
    application = Application.objects.get(owner=alice)
    assert response.status_code == 302
    assert (application.company, application.role) == (
        "Fernhill Robotics",
        "Senior Backend Engineer",
    )
    assert (application.salary_min, application.salary_currency) == (62000, "GBP")


def test_a_job_already_added_is_pointed_out_instead_of_offered_again(alice_client, alice):
    earlier = make_application(
        owner=alice,
        company="Fernhill Robotics",
        job_url="https://Jobs.Example/postings/4242-senior-backend-engineer/#top",
    )
    response = captured(alice_client, url=POSTING_URL + "?utm_medium=email", ld=LD)
    assert response.status_code == 200
    assert response.context["application"] == earlier
    assert "form" not in response.context
    content = response.content.decode()
    assert "You added this job on" in content
    assert f'href="{earlier.get_absolute_url()}"' in content
    anyway = response.context["anyway_url"]
    assert "anyway=1" in anyway
    again = alice_client.get(anyway)
    assert again.context["form"].initial["company"] == "Fernhill Robotics"


def test_the_page_address_also_finds_a_job_added_before(alice_client, alice):
    earlier = make_application(owner=alice, job_url="https://jobs.example/p/7")
    response = captured(alice_client, url="https://jobs.example/p/7/", title="Welder")
    assert response.context["application"] == earlier


def test_another_users_job_with_the_same_address_is_not_pointed_out(alice_client, mallory):
    make_application(owner=mallory, company="Secret Corp", job_url=POSTING_URL)
    response = captured(alice_client, url=POSTING_URL, ld=LD)
    assert "form" in response.context
    assert b"Secret Corp" not in response.content
    assert b"You added this job" not in response.content


def test_a_different_posting_on_the_same_site_is_not_a_duplicate(alice_client, alice):
    make_application(owner=alice, job_url="https://jobs.example/postings/1")
    response = captured(alice_client, url=POSTING_URL, ld=LD)
    assert "form" in response.context


def test_the_duplicate_check_takes_the_same_queries_for_1_and_50_applications(
    alice_client, alice, django_assert_max_num_queries, django_assert_num_queries
):
    def add(number):
        for n in range(number):
            make_application(owner=alice, job_url=f"https://jobs.example/postings/{n}")

    add(1)
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        captured(alice_client, url=POSTING_URL, ld=LD)
    add(49)
    with django_assert_num_queries(len(one)):
        captured(alice_client, url=POSTING_URL, ld=LD)


def test_capture_makes_no_outgoing_connection(alice_client, monkeypatch):
    alice_client.get(LIST)  # Open the database and cache connections first.
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("Rebound must not connect anywhere while capturing")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    response = captured(alice_client, url=POSTING_URL, title="Engineer", ld=LD)
    assert response.status_code == 200
    pasted = alice_client.post(PASTE, {"posting": f"Engineer\n{POSTING_URL}"})
    assert pasted.status_code == 200
    assert attempts == []


# The paste


def test_pasting_a_saved_page_fills_in_the_add_form_and_saves_nothing(alice_client):
    html = (PAGES / "posting_jsonld.html").read_text()
    response = alice_client.post(PASTE, {"posting": html})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["company"] == "Fernhill Robotics"
    assert form.initial["salary_text"] == "£62,000–£75,000 a year"
    assert form.initial["status"] == Application.Status.APPLIED
    assert form.initial["applied_on"] == timezone.localdate()
    assert f'action="{CREATE}"' in response.content.decode()
    assert not Application.objects.exists()


def test_pasting_plain_text_fills_in_the_role_and_address(alice_client):
    text = (PAGES / "posting.txt").read_text()
    form = alice_client.post(PASTE, {"posting": text}).context["form"]
    assert form.initial["role"] == "Junior QA Engineer"
    assert form.initial["job_url"] == "https://marigold.example/careers/junior-qa?ref=board"


def test_pasting_a_job_already_added_says_so_beside_the_form(alice_client, alice):
    earlier = make_application(owner=alice, job_url=POSTING_URL)
    earlier.created_at = timezone.now() - timedelta(days=3)
    html = (PAGES / "posting_jsonld.html").read_text()
    response = alice_client.post(PASTE, {"posting": html})
    content = response.content.decode()
    assert response.context["capture_duplicate"] == earlier
    assert "You added this job on" in content
    assert f'href="{earlier.get_absolute_url()}"' in content


@pytest.mark.parametrize(
    ("posting", "error"),
    [
        ("", "Paste a job posting first"),
        ("   \n  ", "Paste a job posting first"),
        ("<html><head></head><body></body></html>", "Rebound found no job in that"),
        ("x" * (MAX_INPUT_BYTES + 1), "more than 500 KB"),
    ],
)
def test_a_bad_paste_comes_back_with_a_clear_error_and_the_text_kept(alice_client, posting, error):
    response = alice_client.post(PASTE, {"posting": posting})
    assert response.status_code == 200
    content = response.content.decode()
    assert error in content
    assert 'aria-invalid="true"' in content
    assert re.search(r'<details class="[^"]*capture-paste[^"]*" open>', content)
    if posting.strip():
        assert escape(posting[:200]) in content
    assert not Application.objects.exists()


def test_a_paste_with_a_null_character_is_refused_not_an_error_page(alice_client):
    response = alice_client.post(PASTE, {"posting": "Baker\x00"})
    assert response.status_code == 200
    assert response.context["paste_form"].errors


def test_the_add_form_offers_the_paste_and_the_edit_form_does_not(alice_client, alice):
    add = alice_client.get(CREATE).content.decode()
    assert f'action="{PASTE}"' in add
    assert "Paste a job posting" in add
    application = make_application(owner=alice)
    edit = alice_client.get(reverse("interviews:application_update", args=[application.pk]))
    assert f'action="{PASTE}"' not in edit.content.decode()


# Methods and people


def test_anonymous_visitors_are_sent_to_log_in(client):
    for response in (client.get(f"{CAPTURE}?title=x"), client.post(PASTE, {"posting": "x"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_capture_takes_only_get_and_the_paste_only_post(alice_client):
    assert alice_client.post(CAPTURE, {"title": "x"}).status_code == 405
    assert alice_client.get(PASTE).status_code == 405


# The bookmarklet


def bookmarklet_code(content):
    href = re.search(r'class="btn btn-outline-primary capture-bookmarklet" href="([^"]+)"', content)
    assert href, "no bookmarklet on the page"
    assert href.group(1).startswith("javascript:")
    return unquote(href.group(1).removeprefix("javascript:"))


def test_the_list_offers_the_bookmarklet_pointing_at_the_configured_address(alice_client, settings):
    settings.REBOUND_BASE_URL = "https://rebound.example/"
    response = alice_client.get(LIST)
    content = response.content.decode()
    assert "Add jobs in one click" in content
    assert "bookmarks bar" in content
    code = bookmarklet_code(content)
    assert '"https://rebound.example/applications/capture/"' in code
    assert "__REBOUND_CAPTURE_URL__" not in code
    # Comments are dropped; the page script that explains a click is loaded.
    assert "\n//" not in code
    assert 'src="/static/js/capture.js"' in content


def test_the_bookmarklet_uses_the_requests_address_when_none_is_configured(alice_client, settings):
    settings.REBOUND_BASE_URL = ""
    code = bookmarklet_code(alice_client.get(LIST).content.decode())
    assert '"http://testserver/applications/capture/"' in code


def test_the_bookmarklet_link_is_encoded_whole_so_no_line_break_or_quote_is_bare():
    href = bookmarklet('https://rebound.example/capture/?a="b"')
    assert "\n" not in href
    assert '"' not in href
    assert " " not in href
    assert unquote(href).count('"https://rebound.example/capture/?a=\\"b\\""') == 1


def test_an_empty_list_still_offers_the_bookmarklet(alice_client):
    content = alice_client.get(LIST).content.decode()
    assert "No applications yet" in content
    assert "Add jobs in one click" in content
