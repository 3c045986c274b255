"""First loads stay light: at most 8 requests and 100 KB over the wire, on the pages that grow.

Each page is opened in a fresh browser context (nothing cached) with only the session cookie
of a member whose account seed_demo filled. Bytes are what the server would send: the body as
gzip compresses it for text (whitenoise serves static files pre-compressed, and HTML goes
through GZipMiddleware), images as they are, plus each response's headers.
"""

import gzip

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from interviews.models import Application, Interview, User

pytestmark = pytest.mark.browser

EMAIL = "weight@example.com"
MOST_REQUESTS = 8
MOST_BYTES = 100 * 1024
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg")
PAGES = [
    ("interviews:dashboard", None),
    ("interviews:application_list", None),
    ("interviews:application_board", None),
    ("interviews:interview_list", None),
    ("interviews:application_detail", Application),
    ("interviews:interview_detail", Interview),
    ("interviews:letter_list", None),
    ("interviews:question_list", None),
    ("interviews:action_list", None),
    ("interviews:settings", None),
    ("interviews:api_docs", None),
]


@pytest.fixture
def member(transactional_db):
    call_command("seed_demo", email=EMAIL, password="a-long-demo-password", interviews=120)


def wire_size(response):
    body = response.body()
    kind = response.headers.get("content-type", "")
    if kind.startswith(COMPRESSED):
        body = gzip.compress(body)
    headers = sum(len(name) + len(value) + 4 for name, value in response.headers.items())
    return len(body) + headers


def first_load(browser, live_server, cookies, url):
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies(cookies)
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    try:
        assert page.goto(url, wait_until="networkidle").status == 200
        # The page itself came compressed, as it would to any browser.
        assert responses[0].headers.get("content-encoding") == "gzip", url
        return len(responses), sum(wire_size(response) for response in responses)
    finally:
        context.close()


def test_every_heavy_page_loads_in_few_requests_and_few_bytes(browser, live_server, member):
    client = Client()
    client.force_login(User.objects.get(email=EMAIL))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookies = [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    measured = {}
    for name, model in PAGES:
        args = [model.objects.order_by("pk").first().pk] if model else []
        measured[name] = first_load(browser, live_server, cookies, reverse(name, args=args))
    print(
        *(f"{name}: {count} requests, {size} bytes" for name, (count, size) in measured.items()),
        sep="\n",
    )
    heavy = {
        name: figures
        for name, figures in measured.items()
        if figures[0] > MOST_REQUESTS or figures[1] > MOST_BYTES
    }
    assert not heavy, heavy
