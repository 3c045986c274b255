"""Time the CSV import's parser on the worst files an upload can be: python bench/csv_parse.py."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from interviews.tracking.csv_import import MAX_ROWS, parse_applications  # noqa: E402
from interviews.web.limits import MAX_UPLOAD_BYTES  # noqa: E402

TEAL = (
    "company_name,role,min_salary,max_salary,salary_currency,salary_pay_period,applied_at,"
    "status,statusName"
)


def fill(row):
    """Return a Teal file of as many copies of row as the row and size limits allow."""
    lines, size = [TEAL], len(TEAL) + 2
    while len(lines) <= MAX_ROWS and size + len(row) + 2 <= MAX_UPLOAD_BYTES:
        lines.append(row)
        size += len(row) + 2
    return "\r\n".join(lines).encode()


CASES = {
    "exponent salaries": fill("Acme,Dev,1e1000000,1e3000000,USD,yearly,2024-03-01,,"),
    "long digit salaries": fill("Acme,Dev," + "9" * 190 + ",1,USD,yearly,,,"),
    "extreme dates": fill("Acme,Dev,1,2,USD,yearly,9999-12-31T23:00:00-05:00,,"),
    "one deep status": fill(
        'Acme,Dev,,,,,,"{' + '""a"":[' * 1 + "[" * 60_000 + "]" * 60_000 + ']}",'
    ),
    "plain rows": fill("Acme,Backend developer,90000,110000,USD,yearly,2024-03-01,2,Applied"),
}

for name, data in CASES.items():
    start = time.perf_counter()
    parsed = parse_applications(data)
    elapsed = time.perf_counter() - start
    print(
        f"{name:22} {len(data) / 1024:7.0f} KB  {len(parsed.rows) + len(parsed.errors):5} rows"
        f"  {elapsed * 1000:7.0f} ms"
    )
