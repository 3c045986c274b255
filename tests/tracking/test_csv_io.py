"""CSV export and import of applications: formats, limits, row errors and the round trip."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from interviews.models import Application
from interviews.tracking.csv_cells import SALARY_FIELDS, format_contacts, parse_contacts
from interviews.tracking.csv_export import (
    APPLICATION_COLUMNS,
    INTERVIEW_COLUMNS,
    write_applications,
    write_interviews,
)
from interviews.tracking.csv_import import (
    IMPORT_FIELDS,
    MAX_ROWS,
    CsvImportError,
    ParsedRow,
    duplicate_key,
    map_status,
    parse_applications,
    parse_date,
    split_duplicates,
)
from interviews.web.limits import MAX_UPLOAD_BYTES


def csv_bytes(*lines, encoding="utf-8"):
    return "\r\n".join(lines).encode(encoding) + b"\r\n"


def pick(row, *names):
    return tuple(row.fields[name] for name in names)


TEAL_HEADER = (
    "company_name,location,role,url,excitement,source,resume_uuid,availability_status,"
    "min_salary,max_salary,salary_currency,salary_pay_period,added_at,application_deadline,"
    "applied_at,checked_availability_at,created_at,follow_up_at,posted_at,updated_at,"
    "archived_at,id,status,statusName"
)


def test_teal_export_maps_status_name_salary_and_utc_timestamps():
    data = csv_bytes(
        TEAL_HEADER,
        'Acme Corp,"Berlin, Germany",Backend Engineer,https://acme.example/jobs/1,4,LinkedIn,'
        "a1b2,open,90000,110000,USD,yearly,2024-03-01T09:00:00.000Z,,2024-03-05T23:30:00.000Z,,"
        "2024-03-01T09:00:00.000Z,,,2024-03-06T10:00:00.000Z,,11,2,Interviewing",
        "Globex,Remote,Data Analyst,,3,Referral,,,,55.50,GBP,hourly,2024-02-01T09:00:00.000Z,,,"
        ",2024-02-01T09:00:00.000Z,,,,,12,0,Bookmarked",
        'Initech,,QA Lead,,,,,,,,,,,,,,,,,,,13,"{""id"": 5, ""name"": ""Negotiating""}",',
    )

    parsed = parse_applications(data)

    assert parsed.format_name == "Teal"
    assert parsed.errors == []
    acme, globex, initech = parsed.rows
    assert pick(acme, "company", "role", "location", "source", "status", "applied_on") == (
        "Acme Corp", "Backend Engineer", "Berlin, Germany", "LinkedIn", "interviewing",
        date(2024, 3, 5),
    )  # fmt: skip
    assert acme.fields["job_url"] == "https://acme.example/jobs/1"
    assert acme.fields["salary_text"] == "USD 90,000\N{EN DASH}110,000 per year"
    assert pick(globex, "status", "salary_text", "applied_on") == (
        "wishlist", "GBP 55.50 per hour", None,
    )  # fmt: skip
    # statusName is blank here, so the JSON-ish status column supplies the name.
    assert initech.fields["status"] == "offer"
    assert initech.fields["salary_text"] == ""


def test_simplify_export_reads_every_date_style_and_upper_case_statuses():
    data = csv_bytes(
        "Job Title,Company Name,Job URL,Applied Date,Status,Status Date,Archived,"
        "Date Archived,Notes",
        "Software Engineer Intern,Stripe,https://stripe.example/jobs/9,2024-03-05,APPLIED,"
        "2024-03-05,false,,",
        'Product Designer,Figma,,03/05/2024,REJECTED,03/20/2024,true,03/21/2024,"Nice team, '
        'slow process"',
        'Data Scientist,Airbnb,,"Mar 5, 2024",INTERVIEWING,,false,,',
        "ML Engineer,OpenAI,,,SAVED,,false,,",
        "SRE,Netflix,,,WITHDRAWN,,false,,",
        "iOS Developer,Apple,,,OFFER,,false,,",
    )

    parsed = parse_applications(data)

    assert parsed.format_name == "Simplify"
    assert parsed.errors == []
    assert [pick(row, "company", "status", "applied_on") for row in parsed.rows] == [
        ("Stripe", "applied", date(2024, 3, 5)),
        ("Figma", "rejected", date(2024, 3, 5)),
        ("Airbnb", "interviewing", date(2024, 3, 5)),
        ("OpenAI", "wishlist", None),
        ("Netflix", "withdrawn", None),
        ("Apple", "offer", None),
    ]
    assert parsed.rows[1].fields["notes"] == "Nice team, slow process"


def test_jobsync_export_treats_n_a_as_blank():
    data = csv_bytes(
        "index,createdAt,applied,appliedDate,Company,JobTitle,jobType,workplaceType,Location,"
        "JobSource,Status",
        "1,2024-03-01,Yes,2024-03-02,Acme,Frontend Developer,Full Time,Remote,N/A,Indeed,Applied",
        '2,2024-03-03,No,N/A,Globex,Platform Engineer,Full Time,Hybrid,"Austin, TX",N/A,Draft',
        "3,2024-03-04,Yes,2024-03-04,Hooli,SWE,Part Time,Onsite,N/A,Company Site,Interview",
        "4,2024-03-05,Yes,2024-03-05,Initech,Analyst,Contract,Remote,N/A,N/A,Expired",
        "5,2024-03-06,Yes,2024-03-06,Umbrella,Designer,Full Time,Remote,N/A,N/A,Rejected",
    )

    parsed = parse_applications(data)

    assert parsed.format_name == "JobSync"
    assert parsed.errors == []
    assert [
        pick(row, "company", "location", "source", "status", "applied_on") for row in parsed.rows
    ] == [
        ("Acme", "", "Indeed", "applied", date(2024, 3, 2)),
        ("Globex", "Austin, TX", "", "wishlist", None),
        ("Hooli", "", "Company Site", "interviewing", date(2024, 3, 4)),
        ("Initech", "", "", "withdrawn", date(2024, 3, 5)),
        ("Umbrella", "", "", "rejected", date(2024, 3, 6)),
    ]


def test_generic_file_matches_header_spellings_regardless_of_case_and_spacing():
    data = csv_bytes(
        "  EMPLOYER ,Job  Title,Stage,Job Link,City,Salary,Comments,Date Applied,Contact,Email",
        "Acme,Engineer,Interview,acme.example/jobs/1,Leeds,£50k,Met at a meetup,2024-03-05,"
        "Ann Lee,ann@acme.example",
        "Globex,Designer,,not a url,,,,,Bob,bob at globex",
    )

    parsed = parse_applications(data)

    assert parsed.format_name == "Generic"
    assert parsed.errors == []
    acme, globex = parsed.rows
    assert acme.fields == {
        "company": "Acme",
        "role": "Engineer",
        "job_url": "https://acme.example/jobs/1",
        "location": "Leeds",
        "source": "",
        "salary_text": "£50k",
        "salary_min": 50000,
        "salary_max": 50000,
        "salary_currency": "GBP",
        "salary_period": "",
        "status": "interviewing",
        "applied_on": date(2024, 3, 5),
        "deadline": None,
        "excitement": None,
        "notes": "Met at a meetup",
        "tags": [],
        "contacts": [("Ann Lee", "ann@acme.example")],
    }
    # An invalid URL or email is dropped rather than failing the row.
    assert pick(globex, "status", "job_url", "contacts") == ("applied", "", [("Bob", "")])


def test_semicolon_and_tab_delimited_files_are_sniffed():
    semicolon = csv_bytes("Company;Role;Salary", 'Acme;Engineer;"50,000"', "Globex;Analyst;")
    tab = csv_bytes("Company\tRole\tSalary", "Acme\tEngineer\t50,000")

    assert [pick(r, "company", "salary_text") for r in parse_applications(semicolon).rows] == [
        ("Acme", "50,000"),
        ("Globex", ""),
    ]
    assert [pick(r, "company", "salary_text") for r in parse_applications(tab).rows] == [
        ("Acme", "50,000"),
    ]


def test_byte_order_mark_is_ignored():
    data = "\ufeffCompany,Role\r\nAcme,Engineer\r\n".encode()

    parsed = parse_applications(data)

    assert parsed.format_name == "Generic"
    assert pick(parsed.rows[0], "company", "role") == ("Acme", "Engineer")


def test_quoted_commas_and_newlines_stay_inside_their_field():
    data = csv_bytes(
        "Company,Role,Notes",
        '"Acme, Inc.",Engineer,"First line',
        'second, with comma"',
        "Globex,Analyst,",
    )

    parsed = parse_applications(data)

    assert [pick(row, "company", "notes") for row in parsed.rows] == [
        ("Acme, Inc.", "First line\r\nsecond, with comma"),
        ("Globex", ""),
    ]
    assert [row.line for row in parsed.rows] == [2, 4]


def test_non_utf8_file_asks_for_a_utf8_csv():
    data = csv_bytes("Company,Role", "Société Générale,Analyste", encoding="latin-1")

    with pytest.raises(CsvImportError, match="UTF-8"):
        parse_applications(data)


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n  \r\n"])
def test_empty_file_is_rejected(data):
    with pytest.raises(CsvImportError, match="empty"):
        parse_applications(data)


def test_header_only_file_gives_no_rows_and_no_errors():
    parsed = parse_applications(csv_bytes("Company,Role,Status"))

    assert (parsed.format_name, parsed.rows, parsed.errors) == ("Generic", [], [])


def test_unrecognised_header_names_the_columns_needed():
    with pytest.raises(CsvImportError, match="company column") as excinfo:
        parse_applications(csv_bytes("Name,Date,Amount", "Alice,2024-03-05,10"))

    assert "role column" in str(excinfo.value)


def test_file_over_two_megabytes_is_rejected():
    data = csv_bytes("Company,Role,Notes", "Acme,Engineer," + "x" * MAX_UPLOAD_BYTES)

    with pytest.raises(CsvImportError, match="2 MB"):
        parse_applications(data)


def test_field_too_large_for_the_csv_reader_is_a_file_error():
    with pytest.raises(CsvImportError, match="read as CSV"):
        parse_applications(csv_bytes("Company,Role,Notes", "Acme,Engineer," + "x" * 200_000))


def test_file_over_five_thousand_rows_is_rejected():
    lines = ["Company,Role"] + [f"Company {n},Role" for n in range(MAX_ROWS + 1)]

    with pytest.raises(CsvImportError, match="5,000 rows"):
        parse_applications(csv_bytes(*lines))


def test_file_of_exactly_five_thousand_rows_is_accepted():
    lines = ["Company,Role"] + [f"Company {n},Role" for n in range(MAX_ROWS)]

    assert len(parse_applications(csv_bytes(*lines)).rows) == MAX_ROWS


def test_row_problems_become_row_errors_and_other_rows_still_import():
    data = csv_bytes(
        "Company,Role,Applied,Location",
        ",Engineer,2024-03-05,",
        "Globex,Analyst,sometime in March,",
        "Hooli,,,",
        "Initech,Tester,," + "x" * 201,
        "Acme,Engineer,05/03/2024,",
    )

    parsed = parse_applications(data)

    assert [row.fields["company"] for row in parsed.rows] == ["Acme"]
    assert [(error.line, error.message) for error in parsed.errors] == [
        (2, "The company is missing."),
        (3, "“sometime in March” is not a date we recognise; use a date like 2024-03-05."),
        (4, "The role is missing."),
        (5, "The location is too long: 201 characters, the limit is 200."),
    ]


def test_unknown_status_imports_as_applied_and_keeps_the_original_in_notes():
    data = csv_bytes("Company,Role,Status,Notes", "Acme,Engineer,On hold,Call back in May")

    (row,) = parse_applications(data).rows

    assert row.fields["status"] == "applied"
    assert row.fields["notes"] == "Call back in May\n\nStatus in the imported file: On hold"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bookmarked", "wishlist"),
        ("Applying", "wishlist"),
        ("SAVED", "wishlist"),
        ("draft", "wishlist"),
        ("applied", "applied"),
        ("APPLIED", "applied"),
        ("interview", "interviewing"),
        ("ONLINE_ASSESSMENT", "interviewing"),
        ("negotiating", "offer"),
        ("OFFER", "offer"),
        ("accepted", "accepted"),
        ("rejected", "rejected"),
        ("Not Selected", "rejected"),
        ("No Response 🔕", "ghosted"),
        ("ghosted", "ghosted"),
        ("declined", "withdrawn"),
        ("I Withdrew", "withdrawn"),
        ("archived", "withdrawn"),
        ("expired", "withdrawn"),
        ("on hold", None),
    ],
)
def test_status_mapping(text, expected):
    assert map_status(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05", date(2024, 3, 5)),
        ("2024-03-05T23:30:00.000Z", date(2024, 3, 5)),
        ("2024-03-05T01:00:00+02:00", date(2024, 3, 4)),
        ("03/05/2024", date(2024, 3, 5)),
        ("25/03/2024", date(2024, 3, 25)),
        ("05.03.2024", date(2024, 3, 5)),
        ("Mar 5, 2024", date(2024, 3, 5)),
        ("5 March 2024", date(2024, 3, 5)),
        ("N/A", None),
        ("", None),
    ],
)
def test_date_formats(text, expected):
    assert parse_date(text) == expected


def test_duplicate_key_ignores_case_and_spacing():
    assert duplicate_key("  Acme   Corp ", "ENGINEER", None) == duplicate_key(
        "acme corp", "engineer", ""
    )
    assert duplicate_key("Acme", "Engineer", "https://a.example/1") != duplicate_key(
        "Acme", "Engineer", "https://a.example/2"
    )


def test_split_duplicates_skips_existing_and_repeated_rows():
    def row(line, company, role, job_url=""):
        return ParsedRow(line, {"company": company, "role": role, "job_url": job_url})

    rows = [row(2, "Acme", "Engineer"), row(3, "Globex", "Analyst"), row(4, "globex ", "analyst")]
    existing = {duplicate_key("ACME", "engineer", "")}

    new_rows, duplicate_rows = split_duplicates(rows, existing)

    assert [r.line for r in new_rows] == [3]
    assert [r.line for r in duplicate_rows] == [2, 4]


def application(**overrides):
    values = {
        "id": 7,
        "company": "Acme, Inc.",
        "role": "Senior Engineer",
        "status": "interviewing",
        "applied_on": date(2024, 3, 5),
        "job_url": "https://acme.example/jobs/1?ref=x",
        "location": "Berlin",
        "source": "LinkedIn",
        "salary_text": "€80k to 90k",
        "salary_min": 80000,
        "salary_max": 90000,
        "salary_currency": "EUR",
        "salary_period": "year",
        "deadline": date(2024, 4, 1),
        "excitement": 4,
        "tags": [SimpleNamespace(name="remote"), SimpleNamespace(name="dream; job")],
        "contacts": [
            SimpleNamespace(name="Ann Lee", email="ann@acme.example"),
            SimpleNamespace(name='Bo "the boss" <Chen>; CTO', email=""),
        ],
        "notes": 'Said "we\'ll be in touch",\nthen nothing.\n=SUM(A1) is not a formula',
        "created_at": datetime(2024, 3, 1, 9, 0, tzinfo=UTC),
        "updated_at": datetime(2024, 3, 6, 9, 0, tzinfo=UTC),
    }
    return SimpleNamespace(**{**values, **overrides})


def test_export_then_import_gives_the_same_applications():
    originals = [
        application(),
        application(
            id=8, company="=HYPERLINK(\"x\")", role="Analyst", status="withdrawn",
            applied_on=None, job_url="", location="", source="", salary_text="-5%",
            salary_min=None, salary_max=40, salary_currency="USD", salary_period="hour",
            deadline=None, excitement=None, tags=[], contacts=[], notes="'quoted",
        ),
        application(id=9, company="Globex", role="Designer", status="wishlist", notes=""),
    ]  # fmt: skip

    parsed = parse_applications(write_applications(originals).encode())

    assert parsed.format_name == "Rebound"
    assert parsed.errors == []
    assert [{name: row.fields[name] for name in IMPORT_FIELDS} for row in parsed.rows] == [
        {name: getattr(app, name) for name in IMPORT_FIELDS} for app in originals
    ]
    # A semicolon cannot be in a tag (it separates them), so that one comes back as two.
    tags = ["remote", "dream", "job"]
    assert [row.fields["tags"] for row in parsed.rows] == [tags, [], tags]
    assert parsed.rows[0].fields["contacts"] == [
        ("Ann Lee", "ann@acme.example"),
        ('Bo "the boss" <Chen>; CTO', ""),
    ]


def test_export_accepts_unsaved_model_instances():
    app = Application(company="Acme", role="Engineer", status=Application.Status.OFFER)

    (row,) = parse_applications(write_applications([app]).encode()).rows

    assert write_applications([app]).splitlines()[1].startswith(",Acme,Engineer,offer,,")
    assert pick(row, "company", "role", "status", "applied_on") == (
        "Acme", "Engineer", "offer", None,
    )  # fmt: skip


def test_export_neutralises_spreadsheet_formulas():
    text = write_applications([application(company="=cmd|' /C calc'!A0")])

    assert text.splitlines()[0] == ",".join(APPLICATION_COLUMNS)
    assert text.splitlines()[1].startswith("7,'=cmd|' /C calc'!A0,Senior Engineer,")


def test_interview_export_writes_utc_times_and_the_application():
    app = application()
    interview = SimpleNamespace(
        application_id=7,
        application=app,
        kind="technical",
        scheduled_at=datetime.fromisoformat("2024-03-05T15:30:00+01:00"),
        duration_minutes=45,
        format="video",
        interviewers="Ann Lee, Bo Chen",
        rating=2,
        went_badly=True,
        outcome="pending",
        notes="",
    )

    lines = write_interviews([interview]).splitlines()

    assert lines == [
        ",".join(INTERVIEW_COLUMNS),
        '7,"Acme, Inc.",Senior Engineer,technical,2024-03-05T14:30:00Z,45,video,'
        '"Ann Lee, Bo Chen",2,yes,pending,',
    ]


# Hostile cells: each gets a row error or is kept as typed, quickly and without a 500.


def teal_row(**cells):
    """Return a Teal file with one row whose named cells are set."""
    names = TEAL_HEADER.split(",")
    values = {"company_name": "Acme", "role": "Engineer", **cells}
    row = [values.get(name, "") for name in names]
    return csv_bytes(TEAL_HEADER, ",".join(f'"{cell}"' for cell in row))


@pytest.mark.parametrize("amount", ["1e1000000", "1e3000000", "1e5000", "-inf", "NaN", "9" * 150])
def test_a_huge_or_exotic_salary_is_kept_as_typed_not_converted(amount):
    (row,) = parse_applications(teal_row(min_salary=amount)).rows
    assert row.fields["salary_text"] == amount


def test_a_salary_of_thousands_of_digits_is_a_row_error():
    parsed = parse_applications(teal_row(min_salary="9" * 5000))
    assert parsed.rows == []
    assert "too long" in parsed.errors[0].message


def test_a_plain_salary_still_gets_thousands_commas():
    parsed = parse_applications(teal_row(min_salary="90000", max_salary="110000.50"))
    assert parsed.rows[0].fields["salary_text"] == "90,000–110,000.50"


@pytest.mark.parametrize(
    "applied",
    ["0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-05:00", "1900-05-01", "2200-01-01"],
)
def test_a_date_at_the_ends_of_the_calendar_is_a_row_error(applied):
    parsed = parse_applications(csv_bytes("Company,Role,Applied on", f"Acme,Engineer,{applied}"))
    assert parsed.rows == []
    (error,) = parsed.errors
    assert "between 1970 and 2100" in error.message or "not a date" in error.message


def test_a_deeply_nested_teal_status_is_ignored():
    status = '{"a": ' + "[" * 50_000 + "]" * 50_000 + "}"
    parsed = parse_applications(teal_row(status=status.replace('"', '""')))
    assert parsed.rows[0].fields["status"] == "applied"


# Structured fields: salary, deadline, excitement, tags and contacts.


def test_teal_salary_columns_fill_the_structured_salary_and_keep_the_text():
    parsed = parse_applications(
        teal_row(min_salary="90000", max_salary="110000", salary_currency="USD",
                 salary_pay_period="yearly", excitement="4",
                 application_deadline="2024-04-30T00:00:00.000Z")
    )  # fmt: skip

    (row,) = parsed.rows
    assert pick(row, *SALARY_FIELDS, "salary_text") == (
        90000, 110000, "USD", "year", "USD 90,000–110,000 per year",
    )  # fmt: skip
    assert pick(row, "excitement", "deadline") == (4, date(2024, 4, 30))


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"min_salary": "55000-65000"}, (55000, 65000, "", "")),
        ({"min_salary": "$120k"}, (120000, None, "USD", "")),
        ({"min_salary": "€50k", "max_salary": "€60k", "salary_pay_period": "annually"},
         (50000, 60000, "EUR", "year")),
        ({"max_salary": "55.50", "salary_currency": "GBP", "salary_pay_period": "hourly"},
         (None, 56, "GBP", "hour")),
        ({"min_salary": "40 per hour"}, (40, None, "", "hour")),
        ({"min_salary": "90000", "max_salary": "80000"}, (None, None, "", "")),
        ({"salary_currency": "USD", "salary_pay_period": "yearly"}, (None, None, "", "")),
        ({"min_salary": "1e1000000"}, (None, None, "", "")),
    ],
)  # fmt: skip
def test_teal_salary_cells_are_read_however_they_are_written(cells, expected):
    (row,) = parse_applications(teal_row(**cells)).rows
    assert pick(row, *SALARY_FIELDS) == expected


@pytest.mark.parametrize(("excitement", "expected"), [("5", 5), ("0", None), ("9", None),
                                                      ("very", None), ("", None)])  # fmt: skip
def test_teal_excitement_outside_one_to_five_is_left_empty(excitement, expected):
    (row,) = parse_applications(teal_row(excitement=excitement)).rows
    assert row.fields["excitement"] == expected


def test_a_deadline_that_is_not_a_date_is_a_row_error():
    parsed = parse_applications(csv_bytes("Company,Role,Deadline", "Acme,Engineer,soonish"))
    assert parsed.rows == []
    assert parsed.errors[0].message.startswith("“soonish” is not a date")


def test_a_generic_salary_is_kept_as_written_and_read_when_it_is_clear():
    data = csv_bytes("Company,Role,Salary", "Acme,Engineer,£50k–60k a year", "Globex,Analyst,DOE")

    acme, globex = parse_applications(data).rows

    assert pick(acme, "salary_text", *SALARY_FIELDS) == (
        "£50k–60k a year", 50000, 60000, "GBP", "year",
    )  # fmt: skip
    assert pick(globex, "salary_text", *SALARY_FIELDS) == ("DOE", None, None, "", "")


def test_generic_tags_column_splits_on_commas_or_semicolons_once_each():
    data = csv_bytes("Company,Role,Tags", 'Acme,Engineer,"remote, Python; remote ,python"')
    (row,) = parse_applications(data).rows
    assert row.fields["tags"] == ["remote", "Python"]


def test_too_many_or_too_long_tags_are_a_row_error():
    many = ",".join(f"tag{n}" for n in range(11))
    data = csv_bytes("Company,Role,Tags", f'Acme,Engineer,"{many}"', f"Globex,Analyst,{'x' * 41}")

    parsed = parse_applications(data)

    assert parsed.rows == []
    assert "at most 10 tags" in parsed.errors[0].message
    assert "too long for a tag" in parsed.errors[1].message


def test_an_older_rebound_export_keeps_its_single_contact_and_reads_the_salary_text():
    header = ("id,company,role,status,applied_on,job_url,location,source,salary_text,"
              "contact_name,contact_email,notes,created_at,updated_at")  # fmt: skip
    data = csv_bytes(
        header,
        "3,Acme,Engineer,applied,,,,,€55k–65k,Ann Lee,ann@acme.example,,2024-03-01,",
        "4,Globex,Analyst,applied,,,,,,,bo@globex.example,,2024-03-01,",
    )

    parsed = parse_applications(data)

    assert parsed.format_name == "Rebound"
    acme, globex = parsed.rows
    assert acme.fields["contacts"] == [("Ann Lee", "ann@acme.example")]
    assert pick(acme, *SALARY_FIELDS) == (55000, 65000, "EUR", "")
    # An address alone still makes a contact; it is its own name until the user renames it.
    assert globex.fields["contacts"] == [("bo@globex.example", "bo@globex.example")]


def test_rebound_structured_salary_that_does_not_add_up_is_left_empty():
    header = ",".join(APPLICATION_COLUMNS)
    cells = "1,Acme,Engineer,applied,,,,,55k,90000,80000,EUR,year,,,,,,,"
    odd = "2,Globex,Analyst,applied,,,,,,abc,,eur,fortnightly,,,,,,,"

    acme, globex = parse_applications(csv_bytes(header, cells, odd)).rows

    assert pick(acme, *SALARY_FIELDS) == (None, None, "", "")
    assert pick(globex, *SALARY_FIELDS) == (None, None, "", "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ann Lee <ann@acme.example>; Bo Chen", [("Ann Lee", "ann@acme.example"), ("Bo Chen", "")]),
        ('"Lee; Ann" <ann@acme.example>', [("Lee; Ann", "ann@acme.example")]),
        ("<ann@acme.example>", [("ann@acme.example", "ann@acme.example")]),
        ("Ann <not an address>", [("Ann", "")]),
        ("  ;  ; ", []),
        ('"unclosed <x@y.example>', [('"unclosed <x@y.example>', "")]),
    ],
)
def test_parse_contacts_reads_names_and_addresses(text, expected):
    assert parse_contacts(text) == expected


def test_format_contacts_quotes_names_that_hold_separators_and_round_trips():
    contacts = [("Ann Lee", "ann@acme.example"), ('Bo "B" <C>; D\\E', ""), ("Cy", "")]
    text = format_contacts(contacts)
    assert text.startswith("Ann Lee <ann@acme.example>; ")
    assert parse_contacts(text) == contacts
