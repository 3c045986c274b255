"""Reading a job posting out of a saved page, its JSON-LD or pasted text."""

import json
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviews.models import Application
from interviews.tracking.capture import (
    MAX_INPUT_BYTES,
    CaptureError,
    Posting,
    normalise_job_url,
    posting_from_html,
    posting_from_page,
    posting_from_paste,
    posting_from_text,
)

PAGES = Path(__file__).parent / "pages"


def page(name):
    return (PAGES / name).read_text(encoding="utf-8")


def job_posting(**fields):
    """Return one JSON-LD block holding a JobPosting with fields."""
    return json.dumps({"@context": "https://schema.org", "@type": "JobPosting", **fields})


def ld_page(*blocks, head=""):
    scripts = "".join(f'<script type="application/ld+json">{block}</script>' for block in blocks)
    return f"<!doctype html><html><head>{head}{scripts}</head><body></body></html>"


# Saved pages with JSON-LD


def test_a_job_posting_page_gives_role_company_location_salary_and_address():
    posting = posting_from_html(
        page("posting_jsonld.html"), url="https://jobs.example/postings/4242?utm_source=mail"
    )
    assert posting.structured
    assert posting.role == "Senior Backend Engineer"
    assert posting.company == "Fernhill Robotics"
    assert posting.location == "Leeds, West Yorkshire, GB"
    assert posting.job_url == "https://jobs.example/postings/4242-senior-backend-engineer"
    assert posting.source == "jobs.example"
    assert (posting.salary_min, posting.salary_max) == (62000, 75000)
    assert (posting.salary_currency, posting.salary_period) == ("GBP", "year")
    assert posting.salary_text == "£62,000–£75,000 a year"
    assert posting.deadline == date(2027, 1, 15)


def test_the_description_becomes_a_short_plain_text_note():
    notes = posting_from_html(page("posting_jsonld.html")).notes
    assert notes.startswith("Fernhill Robotics builds the software that keeps warehouse robots")
    assert "<p>" not in notes
    assert "&amp;" not in notes
    assert "design & run the services" in notes


def test_a_posting_inside_a_graph_with_a_list_of_types_and_string_values_is_read():
    posting = posting_from_html(
        page("posting_graph.html"), url="https://careers.larkspur.example/roles/pd-7"
    )
    assert posting.role == "Product Designer & Researcher"
    assert posting.company == "Larkspur Health"  # hiringOrganization given as a string
    assert posting.location == "Remote (Ireland)"
    # A relative url is read against the page's address.
    assert posting.job_url == "https://careers.larkspur.example/roles/pd-7?utm_source=newsletter"
    # Amounts written as strings with thousands commas; currency and unit in lower case.
    assert (posting.salary_min, posting.salary_max) == (4500, 5201)
    assert (posting.salary_currency, posting.salary_period) == ("EUR", "month")


def test_a_list_of_blocks_is_searched_for_the_posting():
    blocks = json.dumps([{"@type": "Organization", "name": "Acme"}, json.loads(job_posting())])
    text = ld_page(blocks.replace('"@type": "JobPosting"', '"@type": "JobPosting", "title": "X"'))
    assert posting_from_html(text).role == "X"


def test_a_remote_job_with_an_office_says_both():
    block = job_posting(
        title="Engineer",
        jobLocationType="TELECOMMUTE",
        jobLocation=[
            {"@type": "Place", "address": {"addressLocality": "Berlin", "addressCountry": "DE"}},
            {"@type": "Place", "address": "Lisbon, Portugal"},
        ],
    )
    assert posting_from_html(ld_page(block)).location == "Remote or Berlin, DE; Lisbon, Portugal"


@pytest.mark.parametrize(
    ("salary", "expected"),
    [
        ({"currency": "USD", "value": {"value": "48.50", "unitText": "HOUR"}}, (49, 49, "hour")),
        ({"currency": "USD", "value": 90000, "unitText": "YEAR"}, (90000, 90000, "year")),
        ({"currency": "USD", "value": {"minValue": 80000}}, (80000, None, "")),
        ({"value": {"minValue": 70000, "maxValue": 60000}}, (60000, 70000, "")),
        (
            [{"currency": "SEK", "value": {"value": 40000, "unitText": "MONTH"}}],
            (40000, 40000, "month"),
        ),
    ],
)
def test_salaries_are_read_from_the_shapes_postings_use(salary, expected):
    posting = posting_from_html(ld_page(job_posting(title="X", baseSalary=salary)))
    assert (posting.salary_min, posting.salary_max, posting.salary_period) == expected


@pytest.mark.parametrize(
    "value",
    ["-5", "lots", "1e9", "NaN", "Infinity", 0, -3, 10**12, True, None, "55,00,000", [], {}],
)
def test_amounts_that_are_not_sensible_numbers_are_dropped(value):
    salary = {"currency": "EUR", "value": {"minValue": value, "unitText": "YEAR"}}
    posting = posting_from_html(ld_page(job_posting(title="X", baseSalary=salary)))
    assert (posting.salary_min, posting.salary_max, posting.salary_text) == (None, None, "")


def test_nan_and_infinity_written_as_json_numbers_are_dropped():
    block = (
        '{"@type": "JobPosting", "title": "X",'
        ' "baseSalary": {"value": {"minValue": NaN, "maxValue": Infinity}}}'
    )
    posting = posting_from_html(ld_page(block))
    assert posting.role == "X"
    assert (posting.salary_min, posting.salary_max) == (None, None)


def test_an_unknown_currency_or_period_is_left_blank_but_the_amount_kept():
    salary = {"currency": "dollars", "value": {"value": 50000, "unitText": "FORTNIGHT"}}
    posting = posting_from_html(ld_page(job_posting(title="X", baseSalary=salary)))
    assert (posting.salary_min, posting.salary_currency, posting.salary_period) == (50000, "", "")


def test_values_are_cut_to_what_the_application_fields_hold():
    long = "Very " * 200
    posting = posting_from_html(ld_page(job_posting(title=long, hiringOrganization={"name": long})))
    for name in ("role", "company"):
        value = getattr(posting, name)
        assert len(value) == Application._meta.get_field(name).max_length
        assert value.endswith("…")


def test_invalid_or_unsafe_urls_are_dropped():
    for bad in ("javascript:alert(1)", "ftp://jobs.example/x", "not a url", "https://", 42):
        posting = posting_from_html(ld_page(job_posting(title="X", url=bad)))
        assert posting.job_url == "", bad
    too_long = "https://jobs.example/" + "a" * 600
    assert posting_from_html(ld_page(job_posting(title="X", url=too_long))).job_url == ""


# Saved pages without JSON-LD


def test_a_page_without_json_ld_gives_its_open_graph_title_address_and_description():
    posting = posting_from_html(page("posting_no_jsonld.html"))
    assert not posting.structured
    assert posting.role == "Data Analyst - Cobalt Harbour"  # not the script's "not this one"
    assert posting.job_url == "https://harbourside.example/jobs/data-analyst-3381/"
    assert posting.source == "harbourside.example"
    assert posting.notes.startswith("Cobalt Harbour is looking for a data analyst")
    assert posting.salary_min is None


def test_a_page_with_only_a_title_splits_role_and_company_and_reads_its_canonical_link():
    posting = posting_from_html(page("posting_title_only.html"), url="https://quillmark.example/x")
    assert (posting.role, posting.company) == ("Site Reliability Engineer", "Quillmark")
    assert posting.job_url == "https://quillmark.example/careers/sre"


@pytest.mark.parametrize(
    ("title", "role", "company"),
    [
        ("Welder at Ironside", "Welder", "Ironside"),
        ("Welder at Ironside | Harbour Jobs", "Welder", "Ironside"),
        ("Welder at Ironside - Harbour Jobs", "Welder", "Ironside"),
        ("Head of Data at Scale at Ironside", "Head of Data at Scale at Ironside", ""),
        ("Welder - Ironside", "Welder - Ironside", ""),
    ],
)
def test_a_title_naming_the_company_after_at_is_split(title, role, company):
    posting = posting_from_page(title=title)
    assert (posting.role, posting.company) == (role, company)


def test_the_site_name_is_dropped_from_the_end_of_a_title():
    head = '<title>Chef | Harbour Jobs</title><meta property="og:site_name" content="Harbour Jobs">'
    assert posting_from_html(ld_page(head=head)).role == "Chef"


def test_broken_and_absurdly_nested_json_ld_is_skipped_for_the_page_title():
    posting = posting_from_html(page("posting_broken_jsonld.html"))
    assert not posting.structured
    assert posting.role == "Mobile Developer | Tidewater Apps"
    # og:url is a javascript: address, so the canonical link is used instead.
    assert posting.job_url == "https://tidewater.example/jobs/mobile-developer#apply"


def test_json_nested_deeper_than_python_can_parse_does_not_raise():
    deep = "[" * 100_000 + "]" * 100_000
    posting = posting_from_html(ld_page(deep, head="<title>Welder</title>"))
    assert posting.role == "Welder"
    assert posting_from_page(ld=deep, title="Welder").role == "Welder"


def test_a_given_url_is_the_last_fallback():
    assert posting_from_html("<p>Hi</p>", url="https://jobs.example/1").job_url == (
        "https://jobs.example/1"
    )


# Plain text and the bookmarklet's query


def test_plain_text_gives_its_first_line_as_role_and_the_address_in_it():
    posting = posting_from_text(page("posting.txt"))
    assert posting.role == "Junior QA Engineer"
    # The full stop after the address is not part of it.
    assert posting.job_url == "https://marigold.example/careers/junior-qa?ref=board"
    assert posting.source == "marigold.example"
    assert posting.notes.startswith("Marigold Games — Manchester (hybrid)")


def test_a_paste_is_read_as_html_json_ld_or_text_by_what_it_looks_like():
    assert posting_from_paste(page("posting_jsonld.html")).company == "Fernhill Robotics"
    assert posting_from_paste(job_posting(title="Baker")).role == "Baker"
    assert posting_from_paste(page("posting.txt")).role == "Junior QA Engineer"
    # A "<" in words does not make the text a page.
    assert posting_from_paste("Sous chef, 4 < 5 shifts").role == "Sous chef, 4 < 5 shifts"


def test_a_paste_that_is_only_an_address_names_no_role():
    posting = posting_from_paste("https://jobs.example/postings/9")
    assert (posting.role, posting.job_url) == ("", "https://jobs.example/postings/9")


def test_the_bookmarklets_query_is_read_with_the_same_parser():
    ld = json.dumps([{"@type": "BreadcrumbList"}, json.loads(job_posting(title="Potter"))])
    posting = posting_from_page(ld=ld, title="Potter | Jobs", url="https://jobs.example/p/1")
    assert posting.role == "Potter"
    assert posting.job_url == "https://jobs.example/p/1"
    fallback = posting_from_page(ld="{broken", title="Potter at Clayworks", url="nope")
    assert (fallback.role, fallback.company, fallback.job_url) == ("Potter", "Clayworks", "")


@pytest.mark.parametrize("reader", [posting_from_html, posting_from_paste, posting_from_text])
def test_input_over_the_size_cap_is_refused_with_a_clear_error(reader):
    with pytest.raises(CaptureError, match="more than 500 KB"):
        reader("a" * (MAX_INPUT_BYTES + 1))
    reader("a" * MAX_INPUT_BYTES)  # Up to the cap is read.


def test_the_bookmarklets_json_over_the_cap_is_refused():
    with pytest.raises(CaptureError):
        posting_from_page(ld=" " * (MAX_INPUT_BYTES + 1))


def test_initial_keeps_only_what_was_found():
    assert Posting(role="Baker", salary_min=0).initial() == {"role": "Baker", "salary_min": 0}
    assert Posting().is_empty


# Job addresses that name one posting


@pytest.mark.parametrize(
    "other",
    [
        "https://Jobs.Example/postings/42",
        "HTTPS://jobs.example/postings/42/",
        "https://jobs.example/postings/42#apply",
        "https://jobs.example/postings/42?utm_source=mail&utm_campaign=x",
    ],
)
def test_addresses_of_one_posting_normalise_alike(other):
    assert normalise_job_url(other) == normalise_job_url("https://jobs.example/postings/42")


@pytest.mark.parametrize(
    "other",
    [
        "https://jobs.example/postings/43",
        "https://jobs.example/postings/42?id=2",
        "https://jobs.example/Postings/42",
        "http://other.example/postings/42",
    ],
)
def test_addresses_of_other_postings_stay_apart(other):
    assert normalise_job_url(other) != normalise_job_url("https://jobs.example/postings/42")


@pytest.mark.parametrize("bad", ["", "jobs.example/42", "javascript:alert(1)", "http://[::1"])
def test_what_is_not_an_address_normalises_to_nothing(bad):
    assert normalise_job_url(bad) == ""


# Fuzzing: hostile input never raises

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(
        st.sampled_from(
            ["@type", "@graph", "title", "hiringOrganization", "jobLocation", "address",
             "baseSalary", "value", "minValue", "maxValue", "unitText", "currency", "url",
             "jobLocationType", "validThrough", "description", "name", "addressCountry"]
        ) | st.text(max_size=5),
        children,
        max_size=5,
    ),
    max_leaves=30,
)  # fmt: skip
POSTING_TYPES = st.sampled_from(["JobPosting", ["JobPosting", "Thing"], "Organization"])


@FUZZ
@given(st.text(max_size=2000))
def test_any_text_is_read_without_raising(text):
    for reader in (posting_from_html, posting_from_paste, posting_from_text):
        assert isinstance(reader(text), Posting)


@FUZZ
@given(JSON, POSTING_TYPES)
def test_any_json_ld_is_read_without_raising(value, kind):
    blocks = [json.dumps(value), json.dumps({"@type": kind, "title": value, "baseSalary": value})]
    posting = posting_from_html(ld_page(*blocks))
    assert isinstance(posting, Posting)
    assert posting_from_page(ld=json.dumps([json.loads(block) for block in blocks]))
    if posting.salary_min is not None and posting.salary_max is not None:
        assert posting.salary_min <= posting.salary_max
    for name in ("role", "company", "location", "salary_text", "source"):
        limit = Application._meta.get_field(name).max_length
        assert len(getattr(posting, name)) <= limit


@FUZZ
@given(st.text(alphabet="<>!-[]/&;#=\"' abcdefghijklmnopqrstuvwxyz", max_size=300))
def test_markup_fragments_are_read_without_raising(text):
    assert isinstance(posting_from_html("<html>" + text), Posting)
    assert isinstance(posting_from_html("<![" + text), Posting)


def test_an_unfinished_tag_at_the_end_is_not_read_again_from_each_of_its_brackets(monkeypatch):
    # html.parser would go back over the rest of the page once per "<", for minutes.
    starts = []
    original = HTMLParser.check_for_whole_start_tag

    def counted(self, i):
        starts.append(i)
        return original(self, i)

    monkeypatch.setattr(HTMLParser, "check_for_whole_start_tag", counted)
    posting = posting_from_html(page("posting_jsonld.html") + "<a " * 3000)
    assert posting.company == "Fernhill Robotics"
    assert len(starts) < 100
