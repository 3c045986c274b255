"""CSV export and the upload → preview → confirm import, driven through the views."""

import csv
import io
from datetime import UTC, date, datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from interviews.models import Application, Tag
from interviews.tracking.csv_export import APPLICATION_COLUMNS, INTERVIEW_COLUMNS
from interviews.tracking.csv_import import MAX_ROWS

from ..conftest import QUERY_BUDGET, make_application, make_contact, make_interview, make_user

EXPORT_URL = reverse("interviews:applications_export")
INTERVIEWS_EXPORT_URL = reverse("interviews:interviews_export")
IMPORT_URL = reverse("interviews:applications_import")
COMPARED = ("company", "role", "status", "applied_on", "job_url", "location", "source",
            "salary_text", "salary_min", "salary_max", "salary_currency", "salary_period",
            "deadline", "excitement", "notes")  # fmt: skip


def csv_file(*lines, encoding="utf-8"):
    return "\r\n".join(lines).encode(encoding) + b"\r\n"


def upload(client, data, name="applications.csv"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data, "text/csv")})


def preview(client, data):
    """Upload data and return (preview URL, preview response)."""
    response = upload(client, data)
    assert response.status_code == 302, response.context["form"].errors
    return response["Location"], client.get(response["Location"])


def import_file(client, data):
    """Upload, preview and confirm a file; return the confirm response."""
    url, _preview = preview(client, data)
    return client.post(url)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def saved(user):
    return sorted(
        Application.objects.owned_by(user).values_list("company", "role", "status", "applied_on")
    )


def counts(response):
    context = response.context
    return context["new_count"], context["duplicate_count"], context["error_line_count"]


# Realistic exports from the trackers people move from.

TEAL = csv_file(
    "company_name,location,role,url,excitement,source,resume_uuid,availability_status,"
    "min_salary,max_salary,salary_currency,salary_pay_period,added_at,application_deadline,"
    "applied_at,checked_availability_at,created_at,follow_up_at,posted_at,updated_at,"
    "archived_at,id,status,statusName",
    'Northwind Traders,"Lisbon, Portugal",Platform Engineer,https://northwind.example/jobs/42,5,'
    "LinkedIn,,open,70000,85000,EUR,yearly,2026-02-01T10:00:00.000Z,,2026-02-03T18:00:00.000Z,,"
    "2026-02-01T10:00:00.000Z,,,2026-02-10T09:00:00.000Z,,501,2,Interviewing",
    "Fabrikam,Remote,Site Reliability Engineer,,3,Referral,,,,,,,2026-01-15T08:00:00.000Z,,,,"
    "2026-01-15T08:00:00.000Z,,,,,502,0,Bookmarked",
    'Tailspin Toys,,QA Lead,,,,,,,,,,,,,,,,,,,503,"{""id"": 5, ""name"": ""Negotiating""}",',
    ",Berlin,Mystery Role,,,,,,,,,,,,,,,,,,,504,1,Applied",
)

SIMPLIFY = csv_file(
    "Job Title,Company Name,Job URL,Applied Date,Status,Status Date,Archived,Date Archived,Notes",
    "Software Engineer,Contoso,https://contoso.example/careers/7,2026-02-10,APPLIED,2026-02-10,"
    "false,,",
    'Product Designer,Litware,,02/14/2026,REJECTED,03/01/2026,true,03/02/2026,"Kind recruiter, '
    'slow process"',
    "Data Scientist,Adatum,,sometime soon,INTERVIEWING,,false,,",
    "ML Engineer,Wingtip,,,SAVED,,false,,",
)

JOBSYNC = csv_file(
    "index,createdAt,applied,appliedDate,Company,JobTitle,jobType,workplaceType,Location,"
    "JobSource,Status",
    "1,2026-03-01,Yes,2026-03-02,Proseware,Frontend Developer,Full Time,Remote,N/A,Indeed,Applied",
    '2,2026-03-03,No,N/A,Woodgrove,Platform Engineer,Full Time,Hybrid,"Austin, TX",N/A,Draft',
    "3,2026-03-04,Yes,2026-03-04,Proseware,Frontend Developer,Full Time,Remote,N/A,Indeed,Applied",
)

GENERIC = csv_file(
    "Employer,Job Title,Stage,Job Link,City,Salary,Comments,Date Applied,Contact,Email",
    "Alpine Ski House,Marketing Lead,Interview,alpineski.example/jobs/3,Leeds,£48k,"
    "Met them at a meetup,2026-01-20,Ann Lee,ann@alpineski.example",
    "Coho Winery,Sommelier Analyst,On hold,,,,,,,",
    "Northwind,Backend developer,Applied,,,,,,,",
)


def test_teal_export_previews_then_imports_including_its_json_status(alice_client, alice):
    url, response = preview(alice_client, TEAL)

    assert response.status_code == 200
    assert response.context["format_name"] == "Teal"
    assert counts(response) == (3, 0, 1)
    assert "The company is missing." in response.content.decode()
    assert "<td>€70,000–€85,000 a year</td>" in response.content.decode()
    assert saved(alice) == []

    confirm = alice_client.post(url)

    assert confirm.status_code == 302
    assert confirm["Location"] == reverse("interviews:application_list")
    assert messages_of(confirm) == ["Imported 3 applications."]
    assert saved(alice) == [
        ("Fabrikam", "Site Reliability Engineer", "wishlist", None),
        ("Northwind Traders", "Platform Engineer", "interviewing", date(2026, 2, 3)),
        ("Tailspin Toys", "QA Lead", "offer", None),
    ]
    northwind = Application.objects.get(company="Northwind Traders")
    assert northwind.salary_text == "EUR 70,000\N{EN DASH}85,000 per year"
    assert (
        northwind.salary_min,
        northwind.salary_max,
        northwind.salary_currency,
        northwind.salary_period,
        northwind.excitement,
    ) == (70000, 85000, "EUR", "year", 5)
    assert northwind.location == "Lisbon, Portugal"


def test_simplify_export_imports_with_us_dates_and_reports_a_bad_date(alice_client, alice):
    url, response = preview(alice_client, SIMPLIFY)

    assert response.context["format_name"] == "Simplify"
    assert counts(response) == (3, 0, 1)
    assert "“sometime soon” is not a date we recognise" in response.content.decode()

    alice_client.post(url)

    assert saved(alice) == [
        ("Contoso", "Software Engineer", "applied", date(2026, 2, 10)),
        ("Litware", "Product Designer", "rejected", date(2026, 2, 14)),
        ("Wingtip", "ML Engineer", "wishlist", None),
    ]
    assert Application.objects.get(company="Litware").notes == "Kind recruiter, slow process"


def test_jobsync_export_treats_n_a_as_blank_and_skips_a_repeated_row(alice_client, alice):
    url, response = preview(alice_client, JOBSYNC)

    assert response.context["format_name"] == "JobSync"
    assert counts(response) == (2, 1, 0)
    assert "Repeats an earlier row in this file" in response.content.decode()

    alice_client.post(url)

    assert saved(alice) == [
        ("Proseware", "Frontend Developer", "applied", date(2026, 3, 2)),
        ("Woodgrove", "Platform Engineer", "wishlist", None),
    ]
    woodgrove = Application.objects.get(company="Woodgrove")
    assert (woodgrove.location, woodgrove.source) == ("Austin, TX", "")


def test_generic_spreadsheet_imports_and_skips_an_application_already_saved(alice_client, alice):
    make_application(owner=alice, company="Northwind", role="Backend developer")

    url, response = preview(alice_client, GENERIC)

    assert response.context["format_name"] == "Generic"
    assert counts(response) == (2, 1, 0)
    assert "Already in your applications" in response.content.decode()

    confirm = alice_client.post(url)

    assert messages_of(confirm) == ["Imported 2 applications."]
    alpine = Application.objects.get(company="Alpine Ski House")
    assert (alpine.status, alpine.job_url) == ("interviewing", "https://alpineski.example/jobs/3")
    (ann,) = alpine.contacts.all()
    assert (ann.owner, ann.name, ann.email, ann.company) == (
        alice, "Ann Lee", "ann@alpineski.example", "Alpine Ski House",
    )  # fmt: skip
    coho = Application.objects.get(company="Coho Winery")
    assert (coho.status, coho.notes) == ("applied", "Status in the imported file: On hold")
    assert Application.objects.filter(company="Northwind").count() == 1


def test_rebound_export_imports_into_a_new_account(alice_client, alice):
    data = csv_file(
        ",".join(APPLICATION_COLUMNS),
        "3,Contoso,Analyst,offer,2026-01-05,,Paris,,,,,,,,,,,'=not a formula,,",
    )

    url, response = preview(alice_client, data)

    assert response.context["format_name"] == "Rebound"
    assert counts(response) == (1, 0, 0)
    alice_client.post(url)
    (app,) = Application.objects.owned_by(alice)
    assert (app.company, app.status, app.location, app.notes) == (
        "Contoso", "offer", "Paris", "=not a formula",
    )  # fmt: skip


def test_preview_saves_nothing_and_shows_the_rows(alice_client, alice):
    _url, response = preview(alice_client, GENERIC)

    html = response.content.decode()
    assert "Alpine Ski House" in html
    assert '<span class="badge badge-status badge-status-interviewing">Interviewing</span>' in html
    assert "Import 3 applications" in html
    assert Application.objects.count() == 0


def test_long_preview_shows_the_first_rows_and_says_how_many_there_are(alice_client):
    data = csv_file("Company,Role", *[f"Company {n},Role" for n in range(600)])

    _url, response = preview(alice_client, data)

    html = response.content.decode()
    assert "Showing the first 500 of 600." in html
    assert "Company 499" in html
    assert "Company 500" not in html
    assert "Import 600 applications" in html


def test_reimporting_the_same_file_creates_no_duplicates(alice_client, alice):
    import_file(alice_client, TEAL)
    before = saved(alice)

    url, response = preview(alice_client, TEAL)
    assert counts(response) == (0, 3, 1)
    assert "There is nothing new to add from this file." in response.content.decode()
    confirm = alice_client.post(url)

    assert messages_of(confirm) == [
        "Nothing new to import: every row is already in your applications."
    ]
    assert saved(alice) == before


def test_confirming_twice_imports_once(alice_client, alice):
    url, _response = preview(alice_client, SIMPLIFY)
    alice_client.post(url)

    second = alice_client.post(url)

    assert second["Location"] == IMPORT_URL
    assert "We no longer have that file" in messages_of(second)[-1]
    assert len(saved(alice)) == 3


def test_rows_added_after_the_preview_are_not_duplicated_on_confirm(alice_client, alice):
    url, response = preview(alice_client, GENERIC)
    assert counts(response) == (3, 0, 0)
    make_application(owner=alice, company="Coho Winery", role="Sommelier Analyst")

    confirm = alice_client.post(url)

    assert messages_of(confirm) == ["Imported 2 applications."]
    assert Application.objects.filter(company="Coho Winery").count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_preview_or_confirm_without_an_upload_in_the_session_says_so(alice_client, method):
    url = reverse("interviews:applications_import_preview", args=["no-such-upload"])

    response = getattr(alice_client, method)(url)

    assert response.status_code == 302
    assert response["Location"] == IMPORT_URL
    assert messages_of(response) == [
        "We no longer have that file, or it was already imported. "
        "Nothing was saved — please choose the file again."
    ]
    assert Application.objects.count() == 0


def test_an_older_preview_cannot_confirm_after_a_newer_upload(alice_client, alice):
    old_url, _response = preview(alice_client, SIMPLIFY)
    new_url, _response = preview(alice_client, JOBSYNC)

    assert alice_client.post(old_url)["Location"] == IMPORT_URL
    assert saved(alice) == []
    alice_client.post(new_url)
    assert len(saved(alice)) == 2


def test_stashed_file_that_no_longer_parses_is_dropped(alice_client, alice):
    url, _response = preview(alice_client, GENERIC)
    session = alice_client.session
    session["pending_application_import"]["data"] = "eJwDAAAAAAE="  # zlib of b""
    session.save()

    response = alice_client.post(url)

    assert response["Location"] == IMPORT_URL
    assert Application.objects.count() == 0
    assert "pending_application_import" not in alice_client.session


BAD_FILES = [
    ("empty", b"", "The file is empty."),
    ("only a byte-order mark", b"\xef\xbb\xbf\r\n", "The file is empty."),
    (
        "not UTF-8",
        csv_file("Company,Role", "Société Générale,Analyste", encoding="latin-1"),
        "The file isn&#x27;t UTF-8 text.",
    ),
    ("no header", csv_file("Name,Date", "Alice,2026-01-01"), "find the column headings"),
    (
        "over 2 MB",
        csv_file("Company,Role,Notes", *[f"Co {n},Role,{'x' * 1000}" for n in range(2200)]),
        "The file is larger than 2 MB.",
    ),
    (
        "over 5,000 rows",
        csv_file("Company,Role", *[f"Company {n},Role" for n in range(MAX_ROWS + 1)]),
        "The file has more than 5,000 rows.",
    ),
    ("headings only", csv_file("Company,Role"), "no applications under them"),
    ("broken CSV", csv_file("Company,Role,Notes", "Acme,Dev," + "x" * 200_000), "read as CSV"),
]


@pytest.mark.parametrize(("data", "message"), [case[1:] for case in BAD_FILES], ids=[
    case[0] for case in BAD_FILES
])  # fmt: skip
def test_bad_file_shows_its_message_on_the_upload_form_and_saves_nothing(
    alice_client, data, message
):
    response = upload(alice_client, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'class="invalid-feedback' in response.content.decode()
    assert Application.objects.count() == 0
    assert "pending_application_import" not in alice_client.session


def test_missing_file_is_required(alice_client):
    response = alice_client.post(IMPORT_URL, {})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["This field is required."]


def test_byte_order_mark_and_quoted_commas_and_newlines_import_cleanly(alice_client, alice):
    data = b"\xef\xbb\xbf" + csv_file(
        "Company,Role,Notes", '"Contoso, Ltd.",Analyst,"Line one', 'line two, with a comma"'
    )

    import_file(alice_client, data)

    (app,) = Application.objects.owned_by(alice)
    assert (app.company, app.notes) == ("Contoso, Ltd.", "Line one\r\nline two, with a comma")


def test_upload_page_shows_the_form(alice_client):
    response = alice_client.get(IMPORT_URL)

    assert response.status_code == 200
    assert 'accept=".csv,text/csv"' in response.content.decode()
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_export_then_import_gives_the_same_applications(alice_client, alice):
    make_application(
        owner=alice, company="Contoso, Ltd.", role="Analyst", status="offer",
        applied_on=date(2026, 1, 5), job_url="https://contoso.example/jobs/1?ref=a",
        location="Paris", source="Referral", salary_text="€60k", salary_min=60000,
        salary_max=60000, salary_currency="EUR", salary_period="year",
        deadline=date(2026, 2, 1), excitement=5, notes='Said "we\'ll call",\nthen -5% budget',
    )  # fmt: skip
    contoso = Application.objects.get(company="Contoso, Ltd.")
    contoso.tags.set([Tag.objects.create(owner=alice, name="remote")])
    make_contact(
        owner=alice, applications=[contoso], name="Zoë Martin", email="zoe@contoso.example"
    )
    make_application(owner=alice, company="=Fabrikam", role="Designer", status="wishlist")
    # Words that mean "blank" in other trackers' files are real values in Rebound's own.
    make_application(
        owner=alice, company="Litware", role="N/A", location="None", salary_text="-", notes="null"
    )
    exported = alice_client.get(EXPORT_URL).content
    carol = make_user("carol@example.com")
    other = Client()
    other.force_login(carol)

    import_file(other, exported)

    def values(user):
        return sorted(Application.objects.owned_by(user).values_list(*COMPARED))

    assert values(carol) == values(alice)
    assert len(values(carol)) == 3
    copy = Application.objects.owned_by(carol).get(company="Contoso, Ltd.")
    assert [tag.name for tag in copy.tags.all()] == ["remote"]
    assert [(c.owner, c.name, c.email) for c in copy.contacts.all()] == [
        (carol, "Zoë Martin", "zoe@contoso.example")
    ]


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_applications_export_is_a_dated_csv_of_the_owners_applications(
    alice_client, alice, mallory
):
    make_application(owner=alice, company="Northwind", role="Developer")
    make_application(owner=mallory, company="Secret Corp", role="Spy")

    response = alice_client.get(EXPORT_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="rebound-applications-{today:%Y-%m-%d}.csv"'
    )
    header, *rows = read_csv(response)
    assert tuple(header) == APPLICATION_COLUMNS
    assert [row[1:3] for row in rows] == [["Northwind", "Developer"]]


def test_interviews_export_lists_the_owners_interviews_in_utc(alice_client, alice, mallory):
    make_interview(owner=alice, scheduled_at=datetime(2026, 3, 5, 14, 30, tzinfo=UTC))
    make_interview(owner=mallory, application=make_application(owner=mallory, company="Secret"))

    response = alice_client.get(INTERVIEWS_EXPORT_URL)

    assert response["Content-Disposition"].startswith('attachment; filename="rebound-interviews-')
    header, *rows = read_csv(response)
    assert tuple(header) == INTERVIEW_COLUMNS
    assert [(row[1], row[4]) for row in rows] == [("Northwind", "2026-03-05T14:30:00Z")]


@pytest.mark.parametrize("url", [EXPORT_URL, INTERVIEWS_EXPORT_URL])
def test_exports_cost_the_same_queries_for_one_row_and_fifty(
    alice_client, alice, url, django_assert_max_num_queries, django_assert_num_queries
):
    application = make_application(owner=alice)
    make_interview(application=application)
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        assert alice_client.get(url).status_code == 200
    for number in range(49):
        make_interview(application=make_application(owner=alice, company=f"Company {number}"))

    with django_assert_num_queries(len(one)):
        response = alice_client.get(url)

    assert len(read_csv(response)) == 51


def test_preview_costs_the_same_queries_for_one_row_and_fifty(
    alice_client, alice, django_assert_max_num_queries, django_assert_num_queries
):
    def rows(count):
        return csv_file("Company,Role", *[f"Company {n},Role" for n in range(count)])

    url, _response = preview(alice_client, rows(1))
    with django_assert_max_num_queries(QUERY_BUDGET) as first:
        assert alice_client.get(url).status_code == 200
    # Counted now: the next request clears the connection's query log the count reads from.
    one = len(first)
    url, _response = preview(alice_client, rows(50))
    with django_assert_num_queries(one):
        response = alice_client.get(url)

    assert response.context["new_count"] == 50


def test_confirm_creates_all_rows_in_a_fixed_number_of_queries(
    alice_client, alice, django_assert_max_num_queries
):
    url, _response = preview(
        alice_client, csv_file("Company,Role", *[f"Company {n},Role" for n in range(200)])
    )
    with django_assert_max_num_queries(QUERY_BUDGET):
        alice_client.post(url)

    assert Application.objects.owned_by(alice).count() == 200


def test_another_user_cannot_preview_or_confirm_alices_upload(alice, mallory):
    owner = Client()
    owner.force_login(alice)
    url, _response = preview(owner, GENERIC)
    other = Client()
    other.force_login(mallory)

    shown = other.get(url)
    confirmed = other.post(url)

    assert shown["Location"] == confirmed["Location"] == IMPORT_URL
    assert Application.objects.count() == 0
    assert other.get(shown["Location"]).content.decode().count("Alpine Ski House") == 0


def test_exports_never_include_another_users_rows(mallory_client, alice):
    make_interview(owner=alice, application=make_application(owner=alice, company="Hidden Co"))

    for url in (EXPORT_URL, INTERVIEWS_EXPORT_URL):
        assert b"Hidden Co" not in mallory_client.get(url).content


PREVIEW_URL = reverse("interviews:applications_import_preview", args=["some-key"])


@pytest.mark.parametrize(
    ("url", "method"),
    [
        (EXPORT_URL, "post"),
        (INTERVIEWS_EXPORT_URL, "post"),
        (IMPORT_URL, "put"),
        (IMPORT_URL, "delete"),
        (PREVIEW_URL, "put"),
        (PREVIEW_URL, "delete"),
    ],
)
def test_wrong_method_is_refused(alice_client, url, method):
    assert getattr(alice_client, method)(url).status_code == 405
