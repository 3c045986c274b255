"""Rebound's domain: applications, interviews and the road back from a bad one."""

import hashlib
import secrets
import zoneinfo
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .crypto import EncryptedCharField, EncryptedJSONField, EncryptedTextField
from .querysets import (
    BAD_RATING_MAX,
    ApiTokenQuerySet,
    ApplicationQuerySet,
    CaughtOutQuestionQuerySet,
    ContactQuerySet,
    DocumentQuerySet,
    FollowUpLetterQuerySet,
    InterviewQuerySet,
    LessonQuerySet,
    MentorLinkQuerySet,
    PracticeQuerySet,
    ReflectionQuerySet,
    ReminderQuerySet,
    StatusChangeQuerySet,
    StingCheckQuerySet,
    TagQuerySet,
)

DEFAULT_COOL_OFF_HOURS = 48
MIN_COOL_OFF_HOURS = 12
MAX_COOL_OFF_HOURS = 168
DEFAULT_LETTER_REMINDER_DAYS = 7
MIN_LETTER_REMINDER_DAYS = 1
MAX_LETTER_REMINDER_DAYS = 60
MIN_DURATION_MINUTES = 5
MAX_DURATION_MINUTES = 720
# Dates a job search can have: far enough from the ends of the calendar that adding a
# cool-off window or a time zone can never overflow.
EARLIEST_YEAR = 1970
LATEST_YEAR = 2100
EXCITEMENT_MIN = 1
EXCITEMENT_MAX = 5
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_TEXT_MAX = 50000
# A sting check-in's scale, as the wizard's intensity questions.
STING_MIN = 0
STING_MAX = 10
STING_NOTE_MAX = 300
# Leitner boxes for practice: a question answered well moves up one, a shaky one back to 1.
PRACTICE_BOX_MIN = 1
PRACTICE_BOX_MAX = 5
MENTOR_LINK_LABEL_MAX = 100
MENTOR_LINK_MAX_DAYS = 90


def validate_sensible_date(value):
    """Refuse a date or time outside EARLIEST_YEAR–LATEST_YEAR."""
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Choose a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )


@deconstructible
class ChoiceListValidator:
    """Refuse a list stored in a JSONField unless it holds distinct values from choices."""

    def __init__(self, values):
        self.values = tuple(values)

    def __call__(self, value):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValidationError(_("Choose from the list."), code="invalid_choice_list")
        unknown = [item for item in value if item not in self.values]
        if unknown:
            raise ValidationError(
                _("“%(value)s” is not one of the choices."),
                code="unknown_choice",
                params={"value": unknown[0][:100]},
            )
        if len(set(value)) != len(value):
            raise ValidationError(_("Each choice can be picked once."), code="repeated_choice")

    def __eq__(self, other):
        return isinstance(other, ChoiceListValidator) and self.values == other.values


def rated_or_marked_bad(rating, marked_bad):
    """Return True for a rating of 1–2 or an interview the user marked as bad."""
    return bool(marked_bad) or (rating is not None and rating <= BAD_RATING_MAX)


def text_length_constraints(model_name, limits):
    """Return check constraints that enforce TextField lengths in the database too."""
    return [
        models.CheckConstraint(
            condition=LessThanOrEqual(Length(field), limit),
            name=f"{model_name}_{field}_length",
        )
        for field, limit in limits.items()
    ]


class UserManager(BaseUserManager):
    """Create users identified by their email address."""

    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email):
        """Return the address in the one form accounts store, as sign-up does."""
        from .addresses import Unmailable, account_address

        if not email:
            return ""
        try:
            return account_address(email)
        except Unmailable as refused:
            raise ValidationError(refused.reason, code="unmailable") from None

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A Rebound account, identified by email rather than a username."""

    username = None
    email = models.EmailField(_("email address"), unique=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email


def new_calendar_token():
    """Return a fresh secret for the private calendar feed URL."""
    return secrets.token_urlsafe(32)


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(
        _("your name"),
        max_length=100,
        blank=True,
        help_text=_("Letters are signed with it. Leave it empty to sign them yourself."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    cool_off_hours = models.PositiveSmallIntegerField(
        _("cool-off hours"),
        default=DEFAULT_COOL_OFF_HOURS,
        validators=[MinValueValidator(MIN_COOL_OFF_HOURS), MaxValueValidator(MAX_COOL_OFF_HOURS)],
        help_text=_("How long to give yourself after a bad interview before the next step."),
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    # Reminders are off until the person turns a kind on (Settings → Reminders).
    remind_cool_off = models.BooleanField(_("when a cool-off window ends"), default=False)
    remind_letter = models.BooleanField(_("when a sent letter has had no answer"), default=False)
    letter_reminder_days = models.PositiveSmallIntegerField(
        _("days to wait for an answer"),
        default=DEFAULT_LETTER_REMINDER_DAYS,
        validators=[
            MinValueValidator(MIN_LETTER_REMINDER_DAYS),
            MaxValueValidator(MAX_LETTER_REMINDER_DAYS),
        ],
    )
    remind_interview = models.BooleanField(_("the day before an interview"), default=False)
    remind_sting = models.BooleanField(
        _("three and fourteen days after a bad interview, to ask how big it feels now"),
        default=False,
    )
    # The dashboard asks "How big does it feel now?" when a check-in is due, unless turned off.
    ask_sting_on_dashboard = models.BooleanField(
        _("ask on the dashboard how big a bad interview feels now"), default=True
    )
    remind_by_email = models.BooleanField(_("by e-mail"), default=True)
    remind_in_app = models.BooleanField(_("on the dashboard"), default=True)
    # No reminder e-mail between these times, in the person's own time zone (both or neither).
    quiet_from = models.TimeField(_("quiet from"), null=True, blank=True)
    quiet_until = models.TimeField(_("quiet until"), null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(cool_off_hours__gte=MIN_COOL_OFF_HOURS)
                & Q(cool_off_hours__lte=MAX_COOL_OFF_HOURS),
                name="profile_cool_off_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(letter_reminder_days__gte=MIN_LETTER_REMINDER_DAYS)
                & Q(letter_reminder_days__lte=MAX_LETTER_REMINDER_DAYS),
                name="profile_letter_reminder_days_range",
            ),
            models.CheckConstraint(
                condition=Q(quiet_from__isnull=True, quiet_until__isnull=True)
                | Q(quiet_from__isnull=False, quiet_until__isnull=False),
                name="profile_quiet_hours_paired",
            ),
        ]

    def __str__(self):
        return f"Profile of {self.user}"

    @property
    def tzinfo(self):
        """Return the user's time zone, falling back to UTC for an unknown name."""
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    def regenerate_calendar_token(self):
        """Replace the feed secret so the old link stops working."""
        self.calendar_token = new_calendar_token()
        self.save(update_fields=["calendar_token"])


class Application(models.Model):
    class SalaryPeriod(models.TextChoices):
        YEAR = "year", _("year")
        MONTH = "month", _("month")
        WEEK = "week", _("week")
        DAY = "day", _("day")
        HOUR = "hour", _("hour")

    class Status(models.TextChoices):
        WISHLIST = "wishlist", _("Wishlist")
        APPLIED = "applied", _("Applied")
        INTERVIEWING = "interviewing", _("Interviewing")
        OFFER = "offer", _("Offer")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        GHOSTED = "ghosted", _("Ghosted")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    company = models.CharField(_("company"), max_length=200)
    role = models.CharField(_("role"), max_length=200)
    job_url = models.URLField(_("job URL"), max_length=500, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    source = models.CharField(
        _("source"), max_length=100, blank=True, help_text=_("Where you found the job.")
    )
    salary_text = models.CharField(
        _("salary as written"),
        max_length=200,
        blank=True,
        help_text=_("The salary as the posting words it."),
    )
    salary_min = models.PositiveIntegerField(_("salary from"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("salary up to"), null=True, blank=True)
    salary_currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Z]{3}$", _("Give the three-letter currency code, such as EUR or USD.")
            )
        ],
    )
    salary_period = models.CharField(
        _("per"), max_length=10, choices=SalaryPeriod.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLIED
    )
    applied_on = models.DateField(
        _("applied on"), null=True, blank=True, validators=[validate_sensible_date]
    )
    deadline = models.DateField(
        _("application deadline"), null=True, blank=True, validators=[validate_sensible_date]
    )
    excitement = models.PositiveSmallIntegerField(
        _("excitement"),
        null=True,
        blank=True,
        validators=[MinValueValidator(EXCITEMENT_MIN), MaxValueValidator(EXCITEMENT_MAX)],
        help_text=_("How much you want this job, from 1 to 5."),
    )
    tags = models.ManyToManyField("Tag", blank=True, related_name="applications")
    notes = models.TextField(_("notes"), max_length=10000, blank=True)
    archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_("Archived applications are hidden from the list and the board."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "status"], name="app_owner_status_idx"),
            models.Index(fields=["owner", "-updated_at"], name="app_owner_updated_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=models.F("salary_max")),
                name="application_salary_range",
            ),
            models.CheckConstraint(
                condition=Q(excitement__isnull=True)
                | Q(excitement__gte=EXCITEMENT_MIN, excitement__lte=EXCITEMENT_MAX),
                name="application_excitement_range",
            ),
            *text_length_constraints("application", {"notes": 10000}),
        ]

    def __str__(self):
        return f"{self.role} at {self.company}"

    def get_absolute_url(self):
        return reverse("interviews:application_detail", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        instance = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        # The status as stored, so saving a new one records the move (signals.py).
        instance.saved_status = instance.__dict__.get("status")
        return instance

    def clean(self):
        errors = {}
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_min > self.salary_max
        ):
            errors["salary_max"] = _("The top of the range is below its bottom.")
        has_amount = self.salary_min is not None or self.salary_max is not None
        if self.salary_currency and not has_amount:
            errors["salary_currency"] = _("Give an amount for the currency to go with.")
        if self.salary_period and not has_amount:
            errors["salary_period"] = _("Give an amount for the period to go with.")
        if errors:
            raise ValidationError(errors)

    @property
    def began_on(self):
        """Return the first day of the application: when applied, or when it was added."""
        added = timezone.localdate(self.created_at) if self.created_at else None
        return min(filter(None, (self.applied_on, added)), default=None)


class Interview(models.Model):
    class Kind(models.TextChoices):
        PHONE_SCREEN = "phone_screen", _("Phone screen")
        TECHNICAL = "technical", _("Technical")
        BEHAVIOURAL = "behavioural", _("Behavioural")
        CASE = "case", _("Case")
        PANEL = "panel", _("Panel")
        ON_SITE = "on_site", _("On-site")
        FINAL = "final", _("Final")
        OTHER = "other", _("Other")

    class Format(models.TextChoices):
        VIDEO = "video", _("Video")
        PHONE = "phone", _("Phone")
        IN_PERSON = "in_person", _("In person")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        MOVED_FORWARD = "moved_forward", _("Moved forward")
        REJECTED = "rejected", _("Rejected")
        OFFER = "offer", _("Offer")
        NO_RESPONSE = "no_response", _("No response")

    class Rating(models.IntegerChoices):
        VERY_BADLY = 1, _("Very badly")
        BADLY = 2, _("Badly")
        OKAY = 3, _("Okay")
        WELL = 4, _("Well")
        VERY_WELL = 5, _("Very well")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interviews"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    scheduled_at = models.DateTimeField(_("date and time"), validators=[validate_sensible_date])
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=60,
        validators=[
            MinValueValidator(MIN_DURATION_MINUTES),
            MaxValueValidator(MAX_DURATION_MINUTES),
        ],
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.VIDEO
    )
    interviewers = models.CharField(
        _("interviewers"), max_length=300, blank=True, help_text=_("Names, separated by commas.")
    )
    contacts = models.ManyToManyField(
        "Contact",
        blank=True,
        related_name="interviews",
        verbose_name=_("interviewers from your contacts"),
    )
    location = models.CharField(
        _("where"), max_length=500, blank=True, help_text=_("An address or the video link.")
    )
    # The UID of the calendar invite it was imported from: importing it again updates it.
    ical_uid = models.CharField(max_length=255, blank=True, editable=False)
    rating = models.PositiveSmallIntegerField(
        _("how did it go?"),
        null=True,
        blank=True,
        choices=Rating.choices,
        help_text=_("1 is very badly, 5 is very well."),
    )
    marked_bad = models.BooleanField(
        _("it went badly"),
        default=False,
        help_text=_("Tick this if it went badly, whatever the rating."),
    )
    cool_off_confirmed = models.BooleanField(
        _("I have taken some time"),
        default=False,
        help_text=_("Tick this once you have given yourself time before looking back."),
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    notes = models.TextField(_("notes"), max_length=10000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["-scheduled_at", "-id"]
        indexes = [
            models.Index(fields=["application", "scheduled_at"], name="interview_app_when_idx"),
            models.Index(fields=["scheduled_at"], name="interview_when_idx"),
            models.Index(fields=["ical_uid"], name="interview_ical_uid_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="interview_rating_range",
            ),
            *text_length_constraints("interview", {"notes": 10000}),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} with {self.application.company}"

    def get_absolute_url(self):
        return reverse("interviews:interview_detail", args=[self.pk])

    def clean(self):
        # A rating before the interview would start a cool-off window for nothing.
        if self.scheduled_at and self.scheduled_at > timezone.now():
            errors = {}
            if self.rating is not None:
                errors["rating"] = _("You can say how it went once it has happened.")
            if self.marked_bad:
                errors["marked_bad"] = _("You can mark it once it has happened.")
            if errors:
                raise ValidationError(errors)

    @property
    def went_badly(self):
        """Return True when the rating is 1–2 or the user marked it as bad."""
        return rated_or_marked_bad(self.rating, self.marked_bad)

    @property
    def ends_at(self):
        return self.scheduled_at + timedelta(minutes=self.duration_minutes)

    @property
    def cool_off_until(self):
        """Return when the cool-off window of a bad interview ends, in the owner's time zone."""
        if not self.went_badly:
            return None
        profile = self.application.owner.profile
        return timezone.localtime(
            self.ends_at + timedelta(hours=profile.cool_off_hours), profile.tzinfo
        )

    def is_cooling_off(self, now=None):
        until = self.cool_off_until
        return until is not None and (now or timezone.now()) < until

    @cached_property
    def reflection_or_none(self):
        try:
            return self.reflection
        except Reflection.DoesNotExist:
            return None

    def cool_off_clash(self, bad_interviews):
        """Return the bad interview whose cool-off window this one is booked inside, if any."""
        for bad in bad_interviews:
            if bad.pk == self.pk or bad.scheduled_at >= self.scheduled_at:
                continue
            until = bad.cool_off_until
            if until is not None and self.scheduled_at < until:
                return bad
        return None

    def recovery(self, now=None):
        """Return the recovery progress of a bad interview (None for one that went fine)."""
        if not self.went_badly:
            return None
        if hasattr(self, RECOVERY_FLAGS[0]):
            flags = {name: getattr(self, name) for name in RECOVERY_FLAGS}
        else:
            # Fetched without with_recovery(): ask the database for the stages it judges.
            annotated = Interview.objects.filter(pk=self.pk).with_recovery_flags()
            flags = annotated.values(*RECOVERY_FLAGS).get()
        return Recovery.for_interview(self, flags, now=now)


class RecoveryStage(models.IntegerChoices):
    LOGGED = 1, _("Logged")
    COOLED_OFF = 2, _("Cooled off")
    REFLECTED = 3, _("Reflected")
    FORGIVEN = 4, _("Forgiven")
    FOLLOWED_UP = 5, _("Followed up")
    READY = 6, _("Ready")


@dataclass(frozen=True)
class Recovery:
    """Which of the six recovery stages a bad interview has reached."""

    reached: tuple[bool, ...]

    @classmethod
    def for_interview(cls, interview, flags, now=None):
        """Return the stages reached, given the database's flags for the later ones.

        Cooling off depends on the clock and is judged here; every later stage comes from
        the database's answer to recovery_conditions(), the one statement of those rules.
        """
        cooled = interview.cool_off_confirmed or not interview.is_cooling_off(now)
        return cls((True, cooled, *(bool(flags[name]) for name in RECOVERY_FLAGS)))

    @property
    def stage(self):
        """Return the furthest stage reached without skipping one."""
        stage = RecoveryStage.LOGGED
        for number, reached in enumerate(self.reached, start=1):
            if not reached:
                break
            stage = RecoveryStage(number)
        return stage

    @property
    def progress(self):
        """Return the share of stages reached, from 0 to 1."""
        return sum(self.reached) / len(RecoveryStage)

    @property
    def is_ready(self):
        return self.stage == RecoveryStage.READY

    @property
    def steps(self):
        """Return (label, reached) for each stage, for progress bars."""
        return [
            (stage.label, reached)
            for stage, reached in zip(RecoveryStage, self.reached, strict=True)
        ]


class LetterKind(models.TextChoices):
    THANK_YOU = "thank_you", _("Thank-you")
    ANOTHER_CHANCE = "another_chance", _("Another chance")
    APOLOGY = "apology", _("Apology")


# What choosing each kind of letter is called at the end of a reflection.
FOLLOW_UP_ACTIONS = {
    LetterKind.THANK_YOU: _("Send a thank-you"),
    LetterKind.ANOTHER_CHANCE: _("Ask for another chance"),
    LetterKind.APOLOGY: _("Apologise"),
}


class Reflection(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMPLETE = "complete", _("Complete")

    class Feeling(models.TextChoices):
        UPSET = "upset", _("Upset")
        CONFUSED = "confused", _("Confused")
        FRUSTRATED = "frustrated", _("Frustrated")
        EMBARRASSED = "embarrassed", _("Embarrassed")
        ANXIOUS = "anxious", _("Anxious")
        DISAPPOINTED = "disappointed", _("Disappointed")
        NUMB = "numb", _("Numb")
        RELIEVED = "relieved", _("Relieved")
        CALM = "calm", _("Calm")
        OTHER = "other", _("Other")

    class Cause(models.TextChoices):
        UNDER_PREPARED = "under_prepared", _("I was under-prepared")
        LITTLE_ENTHUSIASM = "little_enthusiasm", _("I didn't show enthusiasm")
        CAUGHT_OUT = "caught_out", _("I was caught out by questions")
        NERVES = "nerves", _("Nerves got the better of me")
        BAD_DAY = "bad_day", _("I was having a bad day")
        UNWELL = "unwell", _("I was feeling unwell")
        TECHNICAL = "technical", _("Technical problems")
        NOT_A_FIT = "not_a_fit", _("The role wasn't a fit")
        SHORT_OR_RUDE = "short_or_rude", _("I was short or rude with someone")
        INTERRUPTED = "interrupted", _("I interrupted people")
        LATE = "late", _("I arrived late")
        MISSED_BASICS = "missed_basics", _("I wasn't prepared for the basics")
        NOT_HONEST = "not_honest", _("I wasn't honest about something")
        OTHER = "other", _("Something else")

    class Outside(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    class ThinkingTrap(models.TextChoices):
        PERSONALISING = "personalising", _("Taking it personally")
        CATASTROPHISING = "catastrophising", _("Catastrophising")
        ALL_OR_NOTHING = "all_or_nothing", _("All-or-nothing thinking")
        MIND_READING = "mind_reading", _("Mind-reading")
        FORTUNE_TELLING = "fortune_telling", _("Fortune-telling")

    # One choice per kind of letter, and "no letter" chosen on purpose.
    FollowUp = models.TextChoices(
        "FollowUp",
        [
            *((kind.name, (kind.value, FOLLOW_UP_ACTIONS[kind])) for kind in LetterKind),
            ("NONE", ("none", _("No letter"))),
        ],
    )

    # The wizard's answers: what a reflection holds besides its status and timestamps.
    ANSWER_FIELDS = (
        "feelings_before",
        "intensity_before",
        "causes",
        "what_happened",
        "outside_circumstances",
        "went_well",
        "kind_words",
        "thinking_traps",
        "reframe",
        "intensity_after",
        "confidence_after",
        "follow_up",
        "to_own",
    )

    # Causes that come from the user's own preparation or conduct: they make an apology fit.
    OWN_CONDUCT_CAUSES = frozenset(
        {
            Cause.UNDER_PREPARED,
            Cause.LITTLE_ENTHUSIASM,
            Cause.CAUGHT_OUT,
            Cause.NERVES,
            Cause.SHORT_OR_RUDE,
            Cause.INTERRUPTED,
            Cause.LATE,
            Cause.MISSED_BASICS,
            Cause.NOT_HONEST,
        }
    )

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="reflection")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    feelings_before = models.JSONField(
        _("how you feel"),
        default=list,
        blank=True,
        validators=[ChoiceListValidator(Feeling.values)],
    )
    intensity_before = models.PositiveSmallIntegerField(
        _("how strongly"), null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    causes = models.JSONField(
        _("what went wrong"),
        default=list,
        blank=True,
        validators=[ChoiceListValidator(Cause.values)],
    )
    # What the person writes about themselves is encrypted at rest (interviews/crypto.py).
    what_happened = EncryptedTextField(_("what happened"), max_length=5000, blank=True)
    outside_circumstances = models.CharField(
        _("outside circumstances to blame"), max_length=10, choices=Outside.choices, blank=True
    )
    went_well = EncryptedTextField(_("what went well"), max_length=5000, blank=True)
    kind_words = EncryptedTextField(_("what you would tell a friend"), max_length=5000, blank=True)
    thinking_traps = models.JSONField(
        _("thinking traps"),
        default=list,
        blank=True,
        validators=[ChoiceListValidator(ThinkingTrap.values)],
    )
    reframe = EncryptedTextField(_("a kinder way to say it"), max_length=5000, blank=True)
    intensity_after = models.PositiveSmallIntegerField(
        _("how you feel now"), null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    confidence_after = models.PositiveSmallIntegerField(
        _("confidence about the next interview"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(10)],
    )
    follow_up = models.CharField(
        _("follow-up"), max_length=20, choices=FollowUp.choices, blank=True
    )
    to_own = EncryptedTextField(_("what you want to own"), max_length=1000, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(intensity_before__isnull=True) | Q(intensity_before__lte=10),
                name="reflection_intensity_before_range",
            ),
            models.CheckConstraint(
                condition=Q(intensity_after__isnull=True) | Q(intensity_after__lte=10),
                name="reflection_intensity_after_range",
            ),
            models.CheckConstraint(
                condition=Q(confidence_after__isnull=True) | Q(confidence_after__lte=10),
                name="reflection_confidence_after_range",
            ),
            models.CheckConstraint(
                condition=Q(status="complete", completed_at__isnull=False)
                | Q(status="draft", completed_at__isnull=True),
                name="reflection_completed_at_with_status",
                violation_error_message=_(
                    "A complete reflection needs the time it was completed, and a draft has none."
                ),
            ),
            # The text fields are encrypted: the database sees tokens, so their lengths are
            # held by the fields' own validators instead of text_length_constraints.
        ]

    def __str__(self):
        return f"Reflection on {self.interview}"

    @property
    def is_complete(self):
        return self.status == self.Status.COMPLETE

    @property
    def blames_outside(self):
        return self.outside_circumstances in {self.Outside.YES, self.Outside.PARTLY}

    @property
    def described_something_else(self):
        """Return whether "Something else" was ticked and put into words."""
        return self.Cause.OTHER in (self.causes or []) and bool((self.what_happened or "").strip())

    @property
    def points_to_own_conduct(self):
        """Return whether the answers name something the user did: an apology may be owed."""
        ticked = self.OWN_CONDUCT_CAUSES.intersection(self.causes or [])
        return bool(ticked) or self.described_something_else


class CaughtOutQuestion(models.Model):
    """A question to practise: one that caught the user out in a reflection, or one they added.

    A question written down in a reflection hangs off it (and goes with it); one added in
    the question bank has no reflection and may name the application it is for. Never both,
    so a question's company is read from one place.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questions"
    )
    reflection = models.ForeignKey(
        Reflection, on_delete=models.CASCADE, null=True, blank=True, related_name="questions"
    )
    # Deleting an application is about the job: a question written by hand and its better
    # answer are practice that outlives it, so the question stays in the bank, untied.
    application = models.ForeignKey(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="added_questions",
        verbose_name=_("application"),
    )
    question = models.TextField(_("question"), max_length=1000)
    what_i_said = models.TextField(_("what I said"), max_length=5000, blank=True)
    better_answer = models.TextField(_("a better answer"), max_length=5000, blank=True)
    times_practised = models.PositiveIntegerField(default=0)
    last_practised_at = models.DateTimeField(null=True, blank=True)
    # Leitner scheduling: the box the question is in and the day it is next due (None: now).
    box = models.PositiveSmallIntegerField(
        default=PRACTICE_BOX_MIN,
        validators=[MinValueValidator(PRACTICE_BOX_MIN), MaxValueValidator(PRACTICE_BOX_MAX)],
    )
    due_on = models.DateField(null=True, blank=True)

    objects = CaughtOutQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["times_practised", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reflection__isnull=True) | Q(application__isnull=True),
                name="question_from_reflection_or_application",
                violation_error_message=_(
                    "A question from a reflection belongs to that interview's application."
                ),
            ),
            *text_length_constraints(
                "question", {"question": 1000, "what_i_said": 5000, "better_answer": 5000}
            ),
            models.CheckConstraint(
                condition=Q(box__gte=PRACTICE_BOX_MIN) & Q(box__lte=PRACTICE_BOX_MAX),
                name="question_box_range",
            ),
        ]

    def __str__(self):
        return self.question[:80]

    @property
    def interview(self):
        """Return the interview the question caught the user out in, or None if added by hand."""
        return self.reflection.interview if self.reflection_id else None

    @property
    def for_application(self):
        """Return the application the question is about, whichever way it came in, or None."""
        return self.reflection.interview.application if self.reflection_id else self.application


class Lesson(models.Model):
    class Category(models.TextChoices):
        PREPARATION = "preparation", _("Preparation")
        PRESENTATION = "presentation", _("Presentation")
        KNOWLEDGE = "knowledge", _("Knowledge")
        MINDSET = "mindset", _("Mindset")
        LOGISTICS = "logistics", _("Logistics")

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="lessons")
    text = models.TextField(_("lesson"), max_length=2000)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    action = models.TextField(_("action for next time"), max_length=2000)
    done = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ["done", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done=True, done_at__isnull=False) | Q(done=False, done_at__isnull=True),
                name="lesson_done_at_with_done",
                violation_error_message=_(
                    "A done action needs the time it was done, and an open one has none."
                ),
            ),
            *text_length_constraints("lesson", {"text": 2000, "action": 2000}),
        ]

    def __str__(self):
        return self.text[:80]


class FollowUpLetter(models.Model):
    Kind = LetterKind

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")

    class Response(models.TextChoices):
        AWAITING = "awaiting", _("Awaiting")
        POSITIVE = "positive", _("Positive")
        NEGATIVE = "negative", _("Negative")
        NONE = "none", _("No response")

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    recipient_name = models.CharField(_("recipient name"), max_length=200, blank=True)
    recipient_email = models.EmailField(_("recipient email"), max_length=254, blank=True)
    # Encrypted at rest (interviews/crypto.py): a subject can say as much as the body.
    subject = EncryptedCharField(_("subject"), max_length=200, blank=True)
    body = EncryptedTextField(_("body"), max_length=10000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    sent_on = models.DateField(
        _("sent on"), null=True, blank=True, validators=[validate_sensible_date]
    )
    response = models.CharField(
        _("response"), max_length=10, choices=Response.choices, default=Response.AWAITING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FollowUpLetterQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["interview", "status"], name="letter_interview_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="sent", sent_on__isnull=False)
                | Q(status="draft", sent_on__isnull=True),
                name="letter_sent_on_with_status",
                violation_error_message=_(
                    "A sent letter needs the day it was sent, and a draft has none."
                ),
            ),
            # Subject and body are encrypted: their validators hold the lengths.
        ]

    def __str__(self):
        return f"{self.get_kind_display()} letter to {self.interview.application.company}"

    def get_absolute_url(self):
        return reverse("interviews:letter_detail", args=[self.pk])


class WizardDraft(models.Model):
    """The reflection wizard's answers so far, kept in the database so nothing is lost."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wizard_drafts"
    )
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="wizard_drafts")
    current_step = models.CharField(max_length=50, blank=True)
    # Every answer so far, encrypted at rest as one token (interviews/crypto.py).
    data = EncryptedJSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "interview"], name="wizard_draft_once"),
        ]

    def __str__(self):
        return f"Wizard draft for {self.interview_id}"


class StatusChange(models.Model):
    """One move of an application between statuses: the application's history."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )
    # Empty for the first entry: the status the application was added with.
    from_status = models.CharField(
        _("from"), max_length=20, choices=Application.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=Application.Status.choices)
    changed_at = models.DateTimeField(_("when"), validators=[validate_sensible_date])
    note = models.TextField(_("note"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [
            models.Index(fields=["application", "changed_at"], name="status_change_app_when_idx"),
        ]
        constraints = text_length_constraints("status_change", {"note": 1000})

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status}"

    @classmethod
    def first_entries(cls, applications):
        """Return unsaved first entries for applications created without save() (bulk)."""
        return [
            cls(
                application=application,
                to_status=application.status,
                changed_at=application.created_at or timezone.now(),
            )
            for application in applications
        ]

    def clean(self):
        """Refuse a change dated in the future or before the application began."""
        if self.changed_at is None:
            return
        if self.changed_at > timezone.now():
            raise ValidationError(
                {"changed_at": _("This date is in the future. Give the day it happened.")},
                code="future",
            )
        began = self.application.began_on if self.application_id else None
        if began is not None and timezone.localdate(self.changed_at) < began:
            raise ValidationError(
                {
                    "changed_at": _(
                        "This is before the application began (%(began)s). Give a later date,"
                        " or change when you applied first."
                    )
                    % {"began": date_format(began, "j M Y")}
                },
                code="before_application",
            )


class Reminder(models.Model):
    """A reminder the worker delivered: shown under Today until dismissed, sent at most once."""

    class Kind(models.TextChoices):
        COOL_OFF_ENDED = "cool_off_ended", _("Cool-off ended")
        LETTER_UNANSWERED = "letter_unanswered", _("Letter unanswered")
        INTERVIEW_TOMORROW = "interview_tomorrow", _("Interview tomorrow")
        STING_CHECK = "sting_check", _("How big does it feel now?")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    letter = models.ForeignKey(
        "FollowUpLetter", on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    # What the reminder is about and the moment it was for: a second run finds it taken.
    key = models.CharField(max_length=200, unique=True)
    due_at = models.DateTimeField()
    emailed_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-due_at", "-pk"]
        indexes = [
            models.Index(
                fields=["owner", "dismissed_at", "-due_at"], name="reminder_owner_open_idx"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.owner_id}"


# The stages after cooling off, in order, as with_recovery_flags() names them.
RECOVERY_FLAGS = ("reached_reflected", "reached_forgiven", "reached_followed_up", "reached_ready")


def recovery_conditions():
    """Return the condition an interview meets to reach each stage after cooling off.

    Keyed by RECOVERY_FLAGS. A stage is judged on a complete reflection: its causes and
    lessons (Reflected), its after-rating (Forgiven), a sent letter or "no letter" chosen on
    purpose (Followed up), and every action of its lessons done (Ready).
    """
    lessons = Lesson.objects.filter(reflection=OuterRef("reflection"))
    sent = FollowUpLetter.objects.filter(
        interview=OuterRef("pk"), status=FollowUpLetter.Status.SENT
    )
    complete = Q(reflection__status=Reflection.Status.COMPLETE)
    return dict(
        zip(
            RECOVERY_FLAGS,
            (
                complete & ~Q(reflection__causes=[]) & Exists(lessons),
                complete & Q(reflection__intensity_after__isnull=False),
                Exists(sent) | (complete & Q(reflection__follow_up=Reflection.FollowUp.NONE)),
                complete & Exists(lessons) & ~Exists(lessons.filter(done=False)),
            ),
            strict=True,
        )
    )


class Tag(models.Model):
    """A label the user puts on applications, to filter the list by."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tags"
    )
    name = models.CharField(_("tag"), max_length=40)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="tag_name_once"),
        ]

    def __str__(self):
        return self.name


class Contact(models.Model):
    """A person at a company: linked to the applications and interviews they were part of."""

    class Role(models.TextChoices):
        RECRUITER = "recruiter", _("Recruiter")
        HIRING_MANAGER = "hiring_manager", _("Hiring manager")
        INTERVIEWER = "interviewer", _("Interviewer")
        REFERRER = "referrer", _("Referrer")
        OTHER = "other", _("Other")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    company = models.CharField(_("company"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OTHER)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    profile_url = models.URLField(_("profile URL"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    applications = models.ManyToManyField(Application, blank=True, related_name="contacts")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["owner", "name"], name="contact_owner_name_idx")]
        constraints = text_length_constraints("contact", {"notes": 5000})

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("interviews:contact_detail", args=[self.pk])


def document_storage():
    """Return the storage documents live in (settings.STORAGES["documents"])."""
    return storages["documents"]


def document_file_name(instance, filename):
    """Name a stored document by chance alone: nothing in its path can be guessed."""
    return secrets.token_urlsafe(24)


class Document(models.Model):
    """A file or pasted text kept with an application: a résumé, a letter, the job description."""

    class Kind(models.TextChoices):
        RESUME = "resume", _("Résumé")
        COVER_LETTER = "cover_letter", _("Cover letter")
        JOB_DESCRIPTION = "job_description", _("Job description")
        OTHER = "other", _("Other")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=document_file_name,
        storage=document_storage,
        max_length=300,
        blank=True,
    )
    # The uploaded file's name, made safe, for the download; never part of the stored path.
    file_name = models.CharField(max_length=255, blank=True, editable=False)
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    text = models.TextField(_("text"), max_length=DOCUMENT_TEXT_MAX, blank=True)
    sent = models.BooleanField(
        _("this is the version I sent"),
        default=False,
        help_text=_("Tick it on the version the company received."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(text=""), name="document_file_or_text"
            ),
            *text_length_constraints("document", {"text": DOCUMENT_TEXT_MAX}),
        ]

    def __str__(self):
        return self.title


def new_mentor_token():
    """Return a fresh secret for a mentor link's URL."""
    return secrets.token_urlsafe(32)


class StingCheck(models.Model):
    """How big a bad interview feels a few days on: one number and, if wanted, a sentence."""

    class Day(models.IntegerChoices):
        THREE = 3, _("Day 3")
        FOURTEEN = 14, _("Day 14")

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="sting_checks")
    day = models.PositiveSmallIntegerField(choices=Day.choices)
    intensity = models.PositiveSmallIntegerField(
        _("how big it feels now"),
        validators=[MinValueValidator(STING_MIN), MaxValueValidator(STING_MAX)],
    )
    # Encrypted at rest (interviews/crypto.py), like the reflection it follows.
    note = EncryptedCharField(_("a sentence, if you like"), max_length=STING_NOTE_MAX, blank=True)
    answered_at = models.DateTimeField(default=timezone.now)

    objects = StingCheckQuerySet.as_manager()

    class Meta:
        ordering = ["interview", "day"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "day"], name="sting_check_once_a_day"),
            models.CheckConstraint(
                condition=Q(intensity__gte=STING_MIN) & Q(intensity__lte=STING_MAX),
                name="sting_check_intensity_range",
            ),
            models.CheckConstraint(condition=Q(day__in=[3, 14]), name="sting_check_day_choices"),
        ]

    def __str__(self):
        return f"Day {self.day}: {self.intensity}"


class Practice(models.Model):
    """One time a question was practised, and how the answer went: the evidence of practice."""

    class Result(models.TextChoices):
        WELL = "well", _("I answered it well")
        SHAKY = "shaky", _("Shaky")

    question = models.ForeignKey(
        CaughtOutQuestion, on_delete=models.CASCADE, related_name="practices"
    )
    result = models.CharField(max_length=10, choices=Result.choices)
    practised_at = models.DateTimeField(default=timezone.now)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-practised_at", "-pk"]
        indexes = [models.Index(fields=["question", "-practised_at"], name="practice_question_idx")]

    def __str__(self):
        return f"{self.get_result_display()} at {self.practised_at:%Y-%m-%d}"


class MentorLink(models.Model):
    """A read-only link for a mentor or coach: only the parts ticked, until revoked or expired.

    Feelings, kind words and thinking traps stay hidden unless ticked on purpose.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_links"
    )
    label = models.CharField(
        _("who it is for"),
        max_length=MENTOR_LINK_LABEL_MAX,
        help_text=_("Only you see this, e.g. “Sam, my coach”."),
    )
    token = models.CharField(max_length=64, unique=True, default=new_mentor_token, editable=False)
    # Which applications it covers; none ticked means all of them.
    applications = models.ManyToManyField(
        Application, blank=True, related_name="mentor_links", verbose_name=_("applications")
    )
    shows_readiness = models.BooleanField(_("readiness for coming interviews"), default=True)
    shows_lessons = models.BooleanField(_("lessons and actions"), default=True)
    shows_questions = models.BooleanField(_("questions to practise"), default=True)
    shows_feelings = models.BooleanField(_("feelings and how big it felt"), default=False)
    shows_kind_words = models.BooleanField(_("kind words to yourself"), default=False)
    shows_thinking_traps = models.BooleanField(_("thinking traps and reframes"), default=False)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MentorLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.label

    @property
    def is_live(self):
        """Return whether the link still opens."""
        return self.revoked_at is None and self.expires_at > timezone.now()


class MentorLinkView(models.Model):
    """One opening of a mentor link, so its owner can see when it was looked at."""

    link = models.ForeignKey(MentorLink, on_delete=models.CASCADE, related_name="views")
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-viewed_at", "-pk"]

    def __str__(self):
        return f"{self.link_id} at {self.viewed_at:%Y-%m-%d %H:%M}"


API_TOKEN_PREFIX = "rbd_"
API_TOKEN_NAME_MAX = 100


def api_token_digest(secret):
    """Return the stored form of an API token: its SHA-256, since only a hash is kept."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal access token for the JSON API: shown once, kept only as a hash.

    Each scope opens its own part of the API; reflections are never read without their own.
    """

    class Scope(models.TextChoices):
        READ = "read", _("Read applications, interviews, contacts, letters, questions and actions")
        WRITE = "write", _("Add and change them")
        REFLECTIONS = "reflections", _("Read your reflections (the diary)")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        _("name"),
        max_length=API_TOKEN_NAME_MAX,
        help_text=_("What uses it, e.g. “my spreadsheet”."),
    )
    scopes = models.JSONField(
        _("what it may do"), default=list, validators=[ChoiceListValidator(Scope.values)]
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the token, so its owner can tell which one is which.
    hint = models.CharField(max_length=12, editable=False)
    # Empty for a token its owner chose never to expire: it works until revoked.
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.name

    @property
    def is_live(self):
        """Return whether the token still opens the API."""
        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > timezone.now()
        )

    def issue(self):
        """Give the token a new secret and return it: the only time it can be read."""
        secret = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.digest = api_token_digest(secret)
        self.hint = secret[: len(API_TOKEN_PREFIX) + 4]
        return secret
