"""Time the dashboard, question bank and actions pages for an account with 1,000 interviews.

Run from the project folder:

    .venv/bin/python bench/pages.py [--interviews 1000] [--requests 50]

It builds a throwaway SQLite database in a temporary folder (never db.sqlite3),
seeds one user with `seed_demo`, then requests each page through Django's test
client and prints the median and 95th-percentile server time and the number of
SQL queries per request.
"""

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    ("dashboard", "interviews:dashboard", ""),
    ("question bank", "interviews:question_list", ""),
    ("practice", "interviews:question_practice", ""),
    ("actions", "interviews:action_list", ""),
    ("actions, 1 application", "interviews:action_list", "?application={application}"),
]
EMAIL = "bench@example.com"
WARM_UP = 3


def setup_django(folder):
    """Point Django at a fresh SQLite file in folder and create the tables."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    # One JSON log line per request would drown the report; the timings leave logging out.
    logging.disable(logging.INFO)


def seed(interviews):
    from django.core.management import call_command

    from interviews.models import Application, Interview, User

    started = time.perf_counter()
    call_command(
        "seed_demo", email=EMAIL, password="bench-password-0123", interviews=interviews, verbosity=0
    )
    user = User.objects.get(email=EMAIL)
    print(
        f"Seeded {Interview.objects.owned_by(user).count()} interviews across "
        f"{Application.objects.owned_by(user).count()} applications "
        f"in {time.perf_counter() - started:.1f} s."
    )
    return user


def measure(client, url, requests):
    """Return (median ms, p95 ms, queries per request, bytes) for GET url."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    # Read the count now: the next request clears the connection's query log.
    query_count = len(queries.captured_queries)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(timings, n=20, method="inclusive")[18]
    return statistics.median(timings), p95, query_count, len(response.content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rebound-bench-") as folder:
        setup_django(Path(folder))
        from django.test import Client
        from django.urls import reverse

        from interviews.models import Application

        user = seed(args.interviews)
        application = Application.objects.owned_by(user).order_by("pk").first()
        client = Client()
        client.force_login(user)
        print(f"\n{args.requests} requests per page after {WARM_UP} to warm up (server time):\n")
        print(f"{'page':<26}{'median':>10}{'p95':>10}{'queries':>9}{'KiB':>8}")
        for name, url_name, query in PAGES:
            url = reverse(url_name) + query.format(application=application.pk)
            median, p95, queries, size = measure(client, url, args.requests)
            print(f"{name:<26}{median:>8.1f}ms{p95:>8.1f}ms{queries:>9}{size / 1024:>8.0f}")


if __name__ == "__main__":
    main()
