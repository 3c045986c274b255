"""Salaries: read from what people and trackers write, said back in words."""

import pytest

from interviews.models import Application
from interviews.tracking.salary import (
    AMOUNT_MAX,
    Salary,
    application_salary,
    currency_of,
    format_salary,
    parse_salary,
    period_of,
)


@pytest.mark.parametrize(
    ("minimum", "maximum", "currency", "period", "expected"),
    [
        (55000, 65000, "EUR", "year", "€55,000–€65,000 a year"),
        (40, None, "USD", "hour", "from $40 an hour"),
        (None, 70000, "GBP", "year", "up to £70,000 a year"),
        (3000, 3000, "GBP", "month", "£3,000 a month"),
        (500, 700, "CHF", "week", "500 CHF–700 CHF a week"),
        (250, None, "", "day", "from 250 a day"),
        (1200000, 1500000, "JPY", "", "¥1,200,000–¥1,500,000"),
    ],
)
def test_format_salary_says_the_range_in_words(minimum, maximum, currency, period, expected):
    assert format_salary(minimum, maximum, currency, period) == expected


def test_format_salary_without_an_amount_is_empty():
    assert format_salary(None, None, "EUR", "year") == ""


def test_application_salary_reads_the_four_fields():
    application = Application(
        salary_min=55000, salary_max=65000, salary_currency="EUR", salary_period="year"
    )
    assert application_salary(application) == "€55,000–€65,000 a year"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("55000-65000", Salary(55000, 65000)),
        ("55,000 – 65,000", Salary(55000, 65000)),
        ("55-65k", Salary(55000, 65000)),
        ("£55k–65k a year", Salary(55000, 65000, "GBP", "year")),
        ("£55,000–£65,000", Salary(55000, 65000, "GBP")),
        ("€80k to 90k", Salary(80000, 90000, "EUR")),
        ("$120k", Salary(120000, 120000, "USD")),
        ("from $40 an hour", Salary(40, None, "USD", "hour")),
        ("up to 70,000 EUR", Salary(None, 70000, "EUR")),
        ("USD 90,000 per year", Salary(90000, 90000, "USD", "year")),
        ("£45,000 pa", Salary(45000, 45000, "GBP", "year")),
        ("40/h", Salary(40, 40, "", "hour")),
        ("CA$100k", Salary(100000, 100000, "CAD")),
        ("1.5m", Salary(1500000, 1500000)),
        ("55.50", Salary(56, 56)),
        ("55–60k + bonus", Salary(55000, 60000)),
    ],
)
def test_parse_salary_reads_ranges_symbols_codes_and_periods(text, expected):
    assert parse_salary(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "competitive",
        "-5%",
        "1e1000000",
        "NaN",
        "65k-55k",  # the top below the bottom
        "3 years experience, 50k",
        "10, 20 or 30",
        "9" * 150,
        str(AMOUNT_MAX + 1),
        "5" * 300,
    ],
)
def test_parse_salary_gives_up_on_anything_it_cannot_trust(text):
    assert parse_salary(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("yearly", "year"), ("Annually", "year"), ("per hour", "hour"), ("hourly", "hour"),
     ("monthly", "month"), ("a week", "week"), ("daily", "day"), ("fortnightly", "")],
)  # fmt: skip
def test_period_of_reads_the_words_trackers_use(text, expected):
    assert period_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("usd", "USD"), (" EUR ", "EUR"), ("£", "GBP"), ("€", "EUR"), ("dollars", ""), ("", "")],
)
def test_currency_of_reads_a_code_or_a_symbol(text, expected):
    assert currency_of(text) == expected
