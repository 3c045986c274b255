"""Fill an account with realistic, deterministic demo data."""

import math
import random
from datetime import UTC, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from interviews.dashboard import cache as dashboard_cache
from interviews.models import (
    Application,
    CaughtOutQuestion,
    Contact,
    FollowUpLetter,
    Interview,
    Lesson,
    Reflection,
    Tag,
    User,
)

COMPANIES = [
    "Northwind Labs",
    "Bluebird Health",
    "Cedar & Stone",
    "Orbital Freight",
    "Maple Analytics",
    "Quayside Bank",
    "Lumen Learning",
    "Harbour Energy",
    "Pinecrest Games",
    "Tidewater Retail",
    "Copperleaf Insurance",
    "Foxglove Media",
    "Granite Cloud",
    "Juniper Robotics",
    "Kestrel Travel",
]
ROLES = [
    "Backend developer",
    "Product designer",
    "Data analyst",
    "Customer success lead",
    "Frontend engineer",
    "Project manager",
    "QA engineer",
    "Marketing specialist",
]
INTERVIEWERS = ["Sam Rivera", "Priya Natarajan", "Jonas Berg", "Amara Okafor", "Lena Fischer"]
QUESTIONS = [
    (
        "Tell me about a time you disagreed with a teammate.",
        "I said it never happens.",
        "Describe a real disagreement, how I listened, and what we decided together.",
    ),
    (
        "How would you design a URL shortener?",
        "I jumped straight into the database schema.",
        "Clarify requirements first, then sketch the API, storage and scaling in that order.",
    ),
    (
        "Why do you want to work here?",
        "Something generic about growth.",
        "Name the product I use, the team's recent launch and how my experience fits it.",
    ),
    (
        "What is your biggest weakness?",
        "I gave a cliché answer.",
        "Pick a real weakness, show what I do about it, and give a recent example.",
    ),
]
LESSONS = [
    (
        "I did not research the company enough.",
        Lesson.Category.PREPARATION,
        "Read the last three product announcements and note two questions to ask.",
    ),
    (
        "I rambled on the first answer.",
        Lesson.Category.PRESENTATION,
        "Practise three answers aloud with a two-minute timer.",
    ),
    (
        "My SQL was rusty.",
        Lesson.Category.KNOWLEDGE,
        "Do five window-function exercises before the next technical round.",
    ),
    (
        "I assumed one slip meant it was over.",
        Lesson.Category.MINDSET,
        "Write down one thing that went well after each answer in the next mock interview.",
    ),
    (
        "I joined the call late because of the link.",
        Lesson.Category.LOGISTICS,
        "Test the video link and arrive ten minutes early.",
    ),
]
FOLLOW_UPS = [
    Reflection.FollowUp.APOLOGY,
    Reflection.FollowUp.THANK_YOU,
    Reflection.FollowUp.ANOTHER_CHANCE,
    Reflection.FollowUp.NONE,
]
# (as written, from, up to, currency, per): some postings give a range, some one end, some words.
SALARIES = [
    ("", None, None, "", ""),
    ("£55,000–£65,000", 55000, 65000, "GBP", "year"),
    ("€70k", 70000, 70000, "EUR", "year"),
    ("$120,000 per year", 120000, 120000, "USD", "year"),
    ("From $45 an hour", 45, None, "USD", "hour"),
    ("Competitive", None, None, "", ""),
]
TAGS = ["remote", "dream company", "referral", "python", "design"]
STATUSES = [
    Application.Status.APPLIED,
    Application.Status.INTERVIEWING,
    Application.Status.INTERVIEWING,
    Application.Status.REJECTED,
    Application.Status.OFFER,
    Application.Status.WISHLIST,
    Application.Status.WITHDRAWN,
]


class Command(BaseCommand):
    help = "Create (or reuse) a user with a verified email and fill the account with demo data."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--password", required=True)
        parser.add_argument("--interviews", type=int, default=12)

    def handle(self, *args, email, password, interviews, **options):
        try:
            validate_email(email)
        except Exception as error:
            raise CommandError(f"Not a valid email address: {email}") from error
        if interviews < 0:
            raise CommandError("--interviews must be 0 or more.")
        with transaction.atomic():
            user = self.ensure_user(email, password)
            Application.objects.owned_by(user).delete()
            if interviews:
                self.fill(user, interviews)
            # The rows above are bulk-created, which sends no save signals.
            dashboard_cache.changed(user.pk)
        self.stdout.write(
            self.style.SUCCESS(f"Demo account {email} ready with {interviews} interviews.")
        )

    def application(self, user, rng, anchor, n):
        """Return the n-th demo application, unsaved."""
        status = STATUSES[n % len(STATUSES)]
        text, low, high, currency, period = rng.choice(SALARIES)
        # Only a job not yet applied for still has a deadline ahead of it.
        deadline = None
        if status == Application.Status.WISHLIST:
            deadline = (anchor + timedelta(days=rng.randint(2, 21))).date()
        return Application(
            owner=user,
            company=COMPANIES[n % len(COMPANIES)] + ("" if n < len(COMPANIES) else f" {n}"),
            role=ROLES[n % len(ROLES)],
            status=status,
            location=rng.choice(["Remote", "London", "Berlin", "Toronto", "Hybrid — Leeds"]),
            source=rng.choice(["LinkedIn", "Referral", "Company site", "Job board"]),
            salary_text=text,
            salary_min=low,
            salary_max=high,
            salary_currency=currency,
            salary_period=period,
            deadline=deadline,
            excitement=rng.choice([None, 2, 3, 4, 5]),
            applied_on=None if deadline else (anchor - timedelta(days=30 + n)).date(),
            notes="Demo application.",
        )

    def ensure_user(self, email, password):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=password)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user

    def fill(self, user, count):
        rng = random.Random(f"{user.email}:{count}")
        # Anchor on today's midnight so two runs on the same day give the same rows.
        anchor = datetime.combine(timezone.now().date(), time(0), tzinfo=UTC)
        app_count = max(min(count, 6), math.ceil(count / 5))
        applications = Application.objects.bulk_create(
            self.application(user, rng, anchor, n) for n in range(app_count)
        )
        tags = [Tag.objects.get_or_create(owner=user, name=name)[0] for name in TAGS]
        Application.tags.through.objects.bulk_create(
            Application.tags.through(application=application, tag=tag)
            for application in applications
            for tag in rng.sample(tags, rng.randint(0, 2))
        )
        contacts = Contact.objects.bulk_create(
            Contact(
                owner=user,
                name=rng.choice(INTERVIEWERS),
                company=application.company,
                role=Contact.Role.RECRUITER,
            )
            for application in applications
        )
        Contact.applications.through.objects.bulk_create(
            Contact.applications.through(contact=contact, application=application)
            for contact, application in zip(contacts, applications, strict=True)
        )
        interviews = []
        for n in range(count):
            application = applications[n % app_count]
            upcoming = n % 6 == 5
            offset = timedelta(days=rng.randint(1, 20), hours=rng.randint(9, 16))
            scheduled = anchor + offset if upcoming else anchor - offset - timedelta(days=n // 10)
            rating = None if upcoming else (1, 2, 4, 2, 3, 5)[n % 6]
            interviews.append(
                Interview(
                    application=application,
                    kind=rng.choice(Interview.Kind.values),
                    scheduled_at=scheduled,
                    duration_minutes=rng.choice([30, 45, 60, 90]),
                    format=rng.choice(Interview.Format.values),
                    interviewers=", ".join(rng.sample(INTERVIEWERS, rng.randint(1, 2))),
                    rating=rating,
                    outcome=Interview.Outcome.PENDING
                    if upcoming
                    else rng.choice(Interview.Outcome.values),
                    notes="Demo interview.",
                )
            )
        interviews = Interview.objects.bulk_create(interviews)
        self.reflect(rng, anchor, [i for i in interviews if i.went_badly])

    def reflect(self, rng, anchor, bad_interviews):
        reflections, questions, lessons, letters = [], [], [], []
        for n, interview in enumerate(bad_interviews):
            if n % 5 == 4:
                continue  # some bad interviews are still waiting for a reflection
            complete = n % 5 != 1
            causes = rng.sample(Reflection.Cause.values[:8], 2)
            reflection = Reflection(
                interview=interview,
                status=Reflection.Status.COMPLETE if complete else Reflection.Status.DRAFT,
                feelings_before=rng.sample(Reflection.Feeling.values[:7], 2),
                intensity_before=rng.randint(5, 10),
                causes=causes,
                what_happened="The second half went badly and I lost my thread.",
                outside_circumstances=rng.choice(Reflection.Outside.values),
                went_well="I stayed polite and asked good questions at the end."
                if complete
                else "",
                kind_words="You prepared hard and one hour does not cancel that."
                if complete
                else "",
                intensity_after=rng.randint(1, 6) if complete else None,
                confidence_after=rng.randint(4, 9) if complete else None,
                follow_up=FOLLOW_UPS[n % len(FOLLOW_UPS)] if complete else "",
                completed_at=interview.scheduled_at + timedelta(days=2) if complete else None,
            )
            reflections.append(reflection)
        reflections = Reflection.objects.bulk_create(reflections)
        for n, reflection in enumerate(reflections):
            if not reflection.is_complete:
                continue
            for text, category, action in rng.sample(LESSONS, 2):
                done = rng.random() < 0.4
                lessons.append(
                    Lesson(
                        reflection=reflection,
                        text=text,
                        category=category,
                        action=action,
                        done=done,
                        done_at=anchor - timedelta(days=1) if done else None,
                    )
                )
            if Reflection.Cause.CAUGHT_OUT in reflection.causes or n % 2 == 0:
                question, said, better = rng.choice(QUESTIONS)
                questions.append(
                    CaughtOutQuestion(
                        owner_id=reflection.interview.application.owner_id,
                        reflection=reflection,
                        question=question,
                        what_i_said=said,
                        better_answer=better,
                        times_practised=rng.randint(0, 3),
                    )
                )
            kind = {
                Reflection.FollowUp.THANK_YOU: FollowUpLetter.Kind.THANK_YOU,
                Reflection.FollowUp.APOLOGY: FollowUpLetter.Kind.APOLOGY,
                Reflection.FollowUp.ANOTHER_CHANCE: FollowUpLetter.Kind.ANOTHER_CHANCE,
            }.get(reflection.follow_up)
            if kind:
                sent = n % 3 != 0
                application = reflection.interview.application
                contact = application.contacts.first()
                letters.append(
                    FollowUpLetter(
                        interview=reflection.interview,
                        kind=kind,
                        recipient_name=contact.name,
                        subject=f"Following up on the {application.role} interview",
                        body=(
                            f"Dear {contact.name},\n\nThank you for your time "
                            f"discussing the {application.role} role at {application.company}."
                            "\n\nBest regards,\nDemo"
                        ),
                        status=FollowUpLetter.Status.SENT if sent else FollowUpLetter.Status.DRAFT,
                        sent_on=(anchor - timedelta(days=n % 9 + 1)).date() if sent else None,
                        response=rng.choice(FollowUpLetter.Response.values)
                        if sent
                        else FollowUpLetter.Response.AWAITING,
                    )
                )
        Lesson.objects.bulk_create(lessons)
        CaughtOutQuestion.objects.bulk_create(questions)
        FollowUpLetter.objects.bulk_create(letters)
