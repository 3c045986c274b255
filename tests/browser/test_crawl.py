"""Every page a signed-in user can open passes axe-core, at desktop and phone width.

The pages are not listed by hand: each GET-able private route of the URL walk is filled with
the rows of a well-stocked account that open it (as many as it takes to show every kind of
element the route can show), so a page added later is crawled without editing this file. A
route is left out only when it is not a page: a GET is refused, the answer is a download rather
than HTML, or it only sends the browser on to another page. A route no row of the account can
open fails the test, so the account grows with the app instead of pages slipping through.
"""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from interviews.account.services import api_token_create, api_token_revoke
from interviews.models import (
    ApiToken,
    Application,
    CaughtOutQuestion,
    Contact,
    Document,
    FollowUpLetter,
    Interview,
    MentorLink,
    MentorLinkView,
    Reflection,
    Reminder,
    Tag,
)
from interviews.reflection.steps import FORM_LIST

from ..conftest import (
    PASSWORD,
    logged_in,
    make_document,
    make_letter,
    make_reflection,
    make_user,
)
from ..reflection.walk import answers, walk
from ..tracking import documents_files
from ..urlwalk import CONVERTERS, private_routes
from .conftest import (
    AXE_PATH,
    assert_no_csp_violations,
    check_accessibility,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.browser

EMAIL = "crawl@example.com"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

# Pages allauth serves to a signed-in user, and the public ones before signing in.
ACCOUNT_PAGES = ["account_email", "account_change_password"]
PUBLIC_PAGES = ["account_login", "account_signup", "account_reset_password"]

# The one page only a form post reaches: its key names a file uploaded in this session, so
# the crawl uploads one in the browser and follows it there.
REACHED_BY_UPLOAD = "interviews:applications_import_preview"
IMPORT_CSV = "company,role,status\nHooli,Site reliability engineer,applied\n,Nameless,applied\n"

# Screenshots at phone width of a few pages that show most of the app's parts.
SHOWCASE = {
    "interviews:dashboard",
    "interviews:interview_detail",
    "interviews:reflect_step",
    "interviews:letter_detail",
    "interviews:question_list",
}


def days(n):
    return timezone.now() + timedelta(days=n)


@pytest.fixture
def account(transactional_db):
    """Return a user with something on every page: each status, interviews to come and past,
    a finished reflection after a bad one, another half-way through, letters drafted and sent,
    and questions written down in a reflection and added by hand."""
    user = make_user(EMAIL, display_name="Alex Morgan", time_zone="Europe/London")
    northwind = Application.objects.create(
        owner=user,
        company="Northwind",
        role="Backend developer",
        status=Application.Status.INTERVIEWING,
        job_url="https://northwind.example/jobs/42",
        location="Leeds",
        applied_on=timezone.localdate() - timedelta(days=20),
        salary_min=55000,
        salary_max=65000,
        salary_currency="GBP",
        salary_period=Application.SalaryPeriod.YEAR,
        salary_text="£55–65k plus a bonus",
        deadline=timezone.localdate() + timedelta(days=4),
        excitement=4,
        notes="Referred by a former colleague.\n" + "They care about on-call. " * 60,
    )
    northwind.tags.set(
        [Tag.objects.create(owner=user, name=name) for name in ("remote", "dream company")]
    )
    bad = Interview.objects.create(
        application=northwind,
        kind=Interview.Kind.PANEL,
        scheduled_at=days(-6),
        interviewers="Dan Okafor, Mei Lin",
        location="https://meet.example/northwind-panel",
        rating=Interview.Rating.VERY_BADLY,
        marked_bad=True,
        cool_off_confirmed=True,
        notes="I was short with the receptionist and talked over Dan.",
    )
    reflection = make_reflection(
        interview=bad,
        lessons=2,
        questions=2,
        causes=[
            Reflection.Cause.SHORT_OR_RUDE,
            Reflection.Cause.INTERRUPTED,
            Reflection.Cause.CAUGHT_OUT,
        ],
        to_own="I was short with the receptionist and interrupted Dan twice.",
        thinking_traps=[Reflection.ThinkingTrap.CATASTROPHISING],
        reframe="One hard hour is not the whole of my work.",
    )
    # Priya is on the application and picked as an interviewer; Sam is someone she knows from
    # elsewhere, offered to link; Kim has only a name, on no application yet.
    priya = Contact.objects.create(
        owner=user,
        name="Priya Shah",
        company="Northwind",
        role=Contact.Role.RECRUITER,
        email="priya@northwind.example",
        phone="+44 113 496 0000",
        profile_url="https://example.com/in/priya",
        notes="Warm and quick to reply.\n" + "She likes a short note. " * 60,
    )
    priya.applications.add(northwind)
    bad.contacts.add(priya)
    Contact.objects.create(owner=user, name="Sam Rivera", company="Globex", role="hiring_manager")
    Contact.objects.create(owner=user, name="Kim Ode")
    # The résumé that was sent, as a file, and the job description pasted as text.
    make_document(
        application=northwind,
        kind=Document.Kind.RESUME,
        title="CV for Northwind",
        text="",
        file=ContentFile(documents_files.PDF, name="cv"),
        file_name="Alex Rivera CV.pdf",
        content_type="application/pdf",
        size=len(documents_files.PDF),
        sent=True,
    )
    make_document(application=northwind, title="The posting", text="Build the orders API.")
    done = reflection.lessons.first()
    done.done, done.done_at = True, timezone.now()
    done.save()
    make_letter(interview=bad, kind=FollowUpLetter.Kind.APOLOGY, subject="My apology")
    make_letter(
        interview=bad,
        recipient_name="Priya Shah",
        recipient_email="priya@northwind.example",
        status=FollowUpLetter.Status.SENT,
        response=FollowUpLetter.Response.POSITIVE,
    )
    unanswered = make_letter(
        interview=bad,
        kind=FollowUpLetter.Kind.ANOTHER_CHANCE,
        status=FollowUpLetter.Status.SENT,
        sent_on=timezone.localdate() - timedelta(days=5),
    )
    Reminder.objects.create(
        owner=user,
        kind=Reminder.Kind.LETTER_UNANSWERED,
        letter=unanswered,
        key=f"unanswered-{unanswered.pk}",
        due_at=timezone.now(),
    )
    tomorrow = Interview.objects.create(
        application=northwind,
        kind=Interview.Kind.TECHNICAL,
        scheduled_at=days(1),
        format=Interview.Format.IN_PERSON,
        interviewers="Mei Lin",
    )
    Reminder.objects.create(
        owner=user,
        kind=Reminder.Kind.INTERVIEW_TOMORROW,
        interview=tomorrow,
        key=f"tomorrow-{tomorrow.pk}",
        due_at=timezone.now(),
    )
    CaughtOutQuestion.objects.create(
        owner=user,
        application=northwind,
        question="How would you shard the orders table?",
        better_answer="Start from the access pattern.",
    )
    CaughtOutQuestion.objects.create(owner=user, question="Tell me about a time you failed.")

    globex = Application.objects.create(
        owner=user, company="Globex", role="Site reliability engineer", status="applied"
    )
    halfway = Interview.objects.create(
        application=globex,
        kind=Interview.Kind.BEHAVIOURAL,
        scheduled_at=days(-4),
        rating=Interview.Rating.BADLY,
        cool_off_confirmed=True,
    )
    # A reflection saved at its second step, the way the wizard saves one.
    walk(logged_in(user), halfway, ["feelings", "what_happened"], answers())
    Interview.objects.create(
        application=globex,
        kind=Interview.Kind.PHONE_SCREEN,
        scheduled_at=timezone.now() - timedelta(hours=2),
        rating=Interview.Rating.VERY_BADLY,
    )

    acme = Application.objects.create(
        owner=user, company="Acme", role="Platform engineer", status="rejected"
    )
    Interview.objects.create(
        application=acme,
        kind=Interview.Kind.FINAL,
        scheduled_at=days(-400),
        rating=Interview.Rating.OKAY,
        outcome=Interview.Outcome.REJECTED,
    )
    umbrella = Application.objects.create(
        owner=user, company="Umbrella", role="Data engineer", status="offer"
    )
    Interview.objects.create(
        application=umbrella, kind=Interview.Kind.CASE, scheduled_at=days(12), duration_minutes=90
    )
    for company, status in [("Initech", "wishlist"), ("Hooli", "withdrawn"), ("Pied", "accepted")]:
        Application.objects.create(owner=user, company=company, role="Engineer", status=status)
    # Mentor links working, turned off and expired, one opened and covering two applications.
    coach = MentorLink.objects.create(
        owner=user, label="Sam, my coach", shows_kind_words=True, expires_at=days(14)
    )
    coach.applications.add(globex, umbrella)
    MentorLinkView.objects.create(link=coach)
    MentorLink.objects.create(
        owner=user, label="Old mentor", expires_at=days(7), revoked_at=timezone.now()
    )
    MentorLink.objects.create(owner=user, label="Last year's coach", expires_at=days(-30))
    # API tokens live and used, never expiring, revoked and expired.
    used, _secret = api_token_create(
        user, name="My spreadsheet", scopes=["read", "write"], expires_in=timedelta(days=30)
    )
    ApiToken.objects.filter(pk=used.pk).update(last_used_at=timezone.now())
    api_token_create(user, name="Diary backup", scopes=["reflections"], expires_in=None)
    api_token_revoke(api_token_create(user, name="Old script", scopes=["read"], expires_in=None)[0])
    expired, _secret = api_token_create(
        user, name="Trial", scopes=["read"], expires_in=timedelta(days=7)
    )
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=days(-1))
    return user


def row_ids(user):
    """Return the primary key of every row the user owns, of every model that has owners."""
    ids = set()
    for model in apps.get_app_config("interviews").get_models():
        if hasattr(model.objects, "owned_by"):
            ids |= set(model.objects.owned_by(user).values_list("pk", flat=True))
    return sorted(ids)


def fillings(route, ids):
    """Return every way to fill the route: each id of the account, each step of the wizard."""
    options = [{}]
    for key, converter in route.converters.items():
        if key in route.ids:
            values = ids
        elif key == "step":
            values = [step for step, _form in FORM_LIST]
        else:
            values = [CONVERTERS[type(converter)][1]]
        options = [{**option, key: value} for option in options for value in values]
    return options


class _Kinds(HTMLParser):
    """Collect the kinds of element a page is made of: tag, classes, role, type and which
    attributes it has (not their values, which differ from row to row)."""

    def __init__(self):
        super().__init__()
        self.kinds = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        shown = tuple(values.get(name) for name in ("class", "role", "type"))
        self.kinds.add((tag, *shown, tuple(sorted(values))))


def element_kinds(html):
    parser = _Kinds()
    parser.feed(html)
    return parser.kinds


def distinct(candidates):
    """Keep, of one route's pages, those that show an element no other kept page shows:
    every kind of element the route can show is checked, without checking alike pages twice."""
    kept, seen = [], set()
    for url, kinds in sorted(candidates, key=lambda item: -len(item[1])):
        if kinds - seen:
            kept.append(url)
            seen |= kinds
    return kept


def crawl_plan(user):
    """Return (pages, unopened): each page to crawl as (route name, url), and each private
    route that is neither a page nor shown to be something else (a download, a POST-only
    view or a redirect to a page)."""
    client = logged_in(user)
    ids = row_ids(user)
    pages, unopened = [], []
    for route in private_routes():
        if route.name == REACHED_BY_UPLOAD:
            continue
        outcomes, candidates = set(), []
        for values in fillings(route, ids):
            url = route.build(values)
            response = client.get(url)
            kind = response.get("Content-Type", "").split(";")[0]
            if response.status_code == 200 and kind == "text/html":
                candidates.append((url, element_kinds(response.text)))
                outcomes.add("page")
            elif response.status_code == 405 or (response.status_code == 200 and kind):
                outcomes.add("not a page")
            elif response.status_code in {301, 302, 303}:
                outcomes.add("redirect")
            else:
                outcomes.add(response.status_code)
        pages += [(route.name, url) for url in distinct(candidates)]
        if not outcomes & {"page", "not a page", "redirect"}:
            unopened.append((route.name, sorted(map(str, outcomes))))
    pages += [(name, reverse(name)) for name in ACCOUNT_PAGES]
    return pages, unopened


def inspect(page, name, url, width, failures, *, response=None):
    """Open the page (or take the one just opened) and add every problem on it to failures."""
    page.problems.clear()
    if response is None:
        response = page.goto(url)
    label = f"{width} {name} {url}"
    if response is None or response.status != 200:
        failures.append(f"{label}: status {response and response.status}")
    if not page.url.endswith(url):
        failures.append(f"{label}: ended on {page.url}")
    for check in (check_accessibility, assert_no_csp_violations):
        try:
            check(page)
        except AssertionError as error:
            # The helpers' own message, without the page address or pytest's restatement.
            found = str(error).split("\nassert ")[0].removeprefix(page.url).strip()
            failures.append(f"{label}: {found}")
    errors = page.problems + page.evaluate("() => window.__violations.splice(0)")
    if errors:
        failures.append(f"{label}: console or policy errors {errors}")


def new_page(browser, live_server, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = []
    page.on("console", lambda msg: page.problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    page.on("dialog", lambda dialog: (page.problems.append(dialog.message), dialog.dismiss()))
    # axe-core is in every page before it loads, rather than sent over for each one.
    page.add_init_script(path=AXE_PATH)
    page.add_init_script(
        "window.__violations = [];"
        " document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push('policy: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return context, page


def test_every_page_passes_axe_at_desktop_and_phone_width(browser, live_server, account):
    pages, unopened = crawl_plan(account)
    assert not unopened, f"No row of the account opens these routes: give it one. {unopened}"
    names = {name for name, _url in pages}
    # The walk reached the kinds of page the account was built for, in each of their states.
    assert len(pages) > 40, pages
    assert {"interviews:reflect_step", "interviews:question_update"} <= names
    failures = []
    for width, viewport in WIDTHS.items():
        context, page = new_page(browser, live_server, viewport)
        for name in PUBLIC_PAGES:
            inspect(page, name, reverse(name), width, failures)
        log_in(page, EMAIL, PASSWORD)
        shown = set()
        for name, url in pages:
            inspect(page, name, url, width, failures)
            if width == "phone" and name in SHOWCASE and name not in shown:
                shown.add(name)
                screenshot(page, f"crawl-phone-{name.split(':')[1]}")
        # The import preview: upload a file, then check the page the upload leads to.
        page.goto(reverse("interviews:applications_import"))
        page.locator("input[type=file]").set_input_files(
            {"name": "applications.csv", "mimeType": "text/csv", "buffer": IMPORT_CSV.encode()}
        )
        with page.expect_navigation() as navigation:
            page.locator("form:has(input[type=file]) [type=submit]").click()
        preview = page.url.removeprefix(live_server.url)
        assert preview.startswith(reverse("interviews:applications_import")), preview
        inspect(page, REACHED_BY_UPLOAD, preview, width, failures, response=navigation.value)
        context.close()
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures)
