"""Time every signed-in page against the floor: the cheapest signed-in page there can be.

Run from the project folder:

    .venv/bin/python bench/pages.py [--interviews 10 1000 5000] [--requests 50]

It builds a throwaway SQLite database in a temporary folder (never db.sqlite3), seeds one
user with `seed_demo` for each size in turn, then requests each page through Django's test
client and prints, per page, the median and 95th-percentile server time, the median as a
multiple of the floor's, the SQL queries per request and the page size. The floor is a view
defined here, served through a urlconf of its own that adds it to the site's routes: it reads
the session, the user and the profile and renders the base template around one line, and
nothing else, so no production route exists for benchmarking.
"""

import argparse
import functools
import io
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EMAIL = "bench@example.com"
WARM_UP = 3
FLOOR = "floor"
# (name, URL name, its arguments from the picked rows, query string); an API list has no
# URL name and gives its path instead of a query string.
PAGES = [
    (FLOOR, "bench_floor", (), ""),
    ("dashboard", "interviews:dashboard", (), ""),
    ("recovering, all", "interviews:recovering_list", (), ""),
    ("board", "interviews:application_board", (), ""),
    ("application list", "interviews:application_list", (), ""),
    ("application page", "interviews:application_detail", ("application",), ""),
    ("history", "interviews:application_history", ("application",), ""),
    ("documents", "interviews:document_list", ("application",), ""),
    ("agenda", "interviews:interview_list", (), ""),
    ("interview page", "interviews:interview_detail", ("interview",), ""),
    ("reflection", "interviews:reflection_detail", ("interview",), ""),
    ("contacts", "interviews:contact_list", (), ""),
    ("contact page", "interviews:contact_detail", ("contact",), ""),
    ("question bank", "interviews:question_list", (), ""),
    ("practice", "interviews:question_practice", (), ""),
    ("actions", "interviews:action_list", (), ""),
    ("actions, 1 application", "interviews:action_list", (), "?application={application}"),
    ("letters", "interviews:letter_list", (), ""),
    ("letter page", "interviews:letter_detail", ("letter",), ""),
    ("settings", "interviews:settings", (), ""),
    ("reminder settings", "interviews:reminder_settings", (), ""),
    ("API tokens", "interviews:api_token_list", (), ""),
    ("API applications", None, (), "/api/v1/applications"),
    ("API interviews", None, (), "/api/v1/interviews"),
]
FLOOR_PAGE = '{% extends "base.html" %}{% block content %}<p>Floor.</p>{% endblock %}'
# The site's routes with the floor in front of them, filled in once Django is set up.
urlpatterns = []
handler404 = "interviews.api.urls.not_found"  # as the site's own urlconf answers


def floor(request):
    """Render the base template around one line for the signed-in user, and nothing else.

    The middleware has read the session, the user and the profile (for the time zone).
    """
    from django.http import HttpResponse

    return HttpResponse(floor_template().render({}, request))


@functools.cache
def floor_template():
    from django.template import engines

    return engines["django"].from_string(FLOOR_PAGE)


def setup_django(folder):
    """Point Django at a fresh SQLite file in folder and create the tables."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    # Every API page is requested more often a minute than a token may.
    os.environ["DJANGO_API_REQUESTS_PER_MINUTE"] = str(10**9)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.urls import include, path

    urlpatterns[:] = [
        path("bench/floor/", floor, name="bench_floor"),
        path("", include("rebound.urls")),
    ]
    settings.ROOT_URLCONF = __name__

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    # One JSON log line per request would drown the report; the timings leave logging out.
    logging.disable(logging.INFO)


def seed(interviews):
    """Fill the bench user's account with `interviews` interviews and return the user."""
    from django.core.management import call_command

    from interviews.models import Application, Interview, StatusChange, User

    started = time.perf_counter()
    call_command(
        "seed_demo",
        email=EMAIL,
        password="bench-password-0123",
        interviews=interviews,
        stdout=io.StringIO(),
    )
    user = User.objects.get(email=EMAIL)
    applications = list(Application.objects.owned_by(user))
    # seed_demo makes its rows in bulk, which leaves the history empty: give each its first entry.
    StatusChange.objects.bulk_create(StatusChange.first_entries(applications))
    print(
        f"Seeded {Interview.objects.owned_by(user).count()} interviews across "
        f"{len(applications)} applications in {time.perf_counter() - started:.1f} s."
    )
    return user


def picked_rows(user):
    """Return the pk of one row of each kind the pages with an id open."""
    from interviews.models import Application, Contact, FollowUpLetter, Interview, Reflection

    complete = Reflection.Status.COMPLETE
    reflected = Interview.objects.owned_by(user).filter(reflection__status=complete)
    application = Application.objects.owned_by(user).order_by("pk").first()
    return {
        "application": application.pk,
        "interview": reflected.order_by("-scheduled_at").first().pk,
        "contact": Contact.objects.owned_by(user).order_by("pk").first().pk,
        "letter": FollowUpLetter.objects.owned_by(user).order_by("pk").first().pk,
    }


def api_token(user):
    """Return a fresh read token for user's API pages."""
    from interviews.models import ApiToken

    token = ApiToken(owner=user, name="bench", scopes=[ApiToken.Scope.READ])
    secret = token.issue()
    token.save()
    return secret


def first_look(client, url, headers):
    """Warm url up and return (queries per request, bytes) for GET url."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    # Read the count now: the next request clears the connection's query log.
    return len(queries.captured_queries), len(response.content)


def run_size(interviews, requests):
    """Seed one size and return {page name: (median, p95, queries, bytes)}.

    The pages take turns, one request each per round, so a burst of load on the machine
    falls on every page alike and the ratios to the floor hold.
    """
    from django.test import Client
    from django.urls import reverse

    user = seed(interviews)
    rows = picked_rows(user)
    bearer = {"Authorization": f"Bearer {api_token(user)}"}
    client = Client()
    client.force_login(user)
    targets = {}
    for name, url_name, args, query in PAGES:
        if url_name is None:
            targets[name] = (query, bearer)
        else:
            url = reverse(url_name, args=[rows[arg] for arg in args]) + query.format(**rows)
            targets[name] = (url, {})
    looks = {name: first_look(client, url, headers) for name, (url, headers) in targets.items()}
    timings = {name: [] for name in targets}
    for _ in range(requests):
        for name, (url, headers) in targets.items():
            started = time.perf_counter()
            client.get(url, headers=headers)
            timings[name].append((time.perf_counter() - started) * 1000)
    results = {}
    for name, times in timings.items():
        p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
        results[name] = (statistics.median(times), p95, *looks[name])
    return results


def print_table(interviews, results, requests, before=None):
    """Print one size's table; before is (size, results) for the growth column."""
    floor_median = results[FLOOR][0]
    growth = f"× from {before[0]}" if before else ""
    print(
        f"\n{interviews} interviews: {requests} rounds of one request per page after {WARM_UP}"
        " to warm up"
        f" (server time; floor median {floor_median:.1f} ms)\n"
    )
    print(
        f"{'page':<24}{'median':>10}{'p95':>10}{'× floor':>9}{'queries':>9}{'KiB':>7}{growth:>14}"
    )
    for name, (median, p95, queries, size) in results.items():
        line = (
            f"{name:<24}{median:>8.1f}ms{p95:>8.1f}ms{median / floor_median:>8.1f}×"
            f"{queries:>9}{size / 1024:>7.0f}"
        )
        if before:
            line += f"{median / before[1][name][0]:>13.2f}×"
        print(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--interviews",
        type=int,
        nargs="+",
        default=[1000],
        help="one or more sizes, each measured in turn (default 1000)",
    )
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rebound-bench-") as folder:
        setup_django(Path(folder))
        measured = []
        for interviews in args.interviews:
            measured.append((interviews, run_size(interviews, args.requests)))
        for index, (interviews, results) in enumerate(measured):
            before = measured[index - 1] if index else None
            print_table(interviews, results, args.requests, before)


if __name__ == "__main__":
    main()
