"""Read paths for user data: every one starts from owned_by(user)."""

import operator
from datetime import timedelta
from functools import reduce

from django.db import models
from django.db.models import Case, Exists, ExpressionWrapper, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

BAD_RATING_MAX = 2


class ApplicationQuerySet(models.QuerySet):
    def owned_by(self, user):
        """Return the applications that belong to user."""
        return self.filter(owner=user)

    def with_recovering(self, now=None):
        """Annotate `is_recovering`: whether a bad interview of the application is not yet Ready."""
        from .models import Interview  # models.py imports this module

        unready = Interview.objects.filter(application=OuterRef("pk")).went_badly().not_ready(now)
        return self.annotate(is_recovering=Exists(unready))


class InterviewQuerySet(models.QuerySet):
    def owned_by(self, user):
        """Return the interviews of user's applications, with what their pages show."""
        return self.filter(application__owner=user).select_related("application__owner__profile")

    def went_badly(self):
        """Return the interviews rated 1–2 or marked as having gone badly."""
        return self.filter(Q(marked_bad=True) | Q(rating__lte=BAD_RATING_MAX))

    def upcoming(self, now=None):
        return self.filter(scheduled_at__gte=now or timezone.now()).order_by("scheduled_at")

    def past(self, now=None):
        return self.filter(scheduled_at__lt=now or timezone.now())

    def with_recovery_flags(self):
        """Annotate each interview with the recovery stages the database judges."""
        from .models import recovery_conditions  # models.py imports this module

        return self.annotate(
            **{
                name: ExpressionWrapper(condition, output_field=models.BooleanField())
                for name, condition in recovery_conditions().items()
            }
        )

    def not_ready(self, now=None):
        """Return the interviews whose recovery(now) is not Ready, judged in one query.

        Ready is every stage reached: the cool-off taken (confirmed, or over at the end of the
        interview plus the owner's cool-off hours, an instant in any time zone) and each
        condition of recovery_conditions(). One the database cannot answer (NULL) is not
        reached, as bool() reads it in Python.
        """
        from .models import recovery_conditions  # models.py imports this module

        window = F("duration_minutes") + F("application__owner__profile__cool_off_hours") * 60
        cooled_off_at = F("scheduled_at") + ExpressionWrapper(
            Value(timedelta(minutes=1)) * window, output_field=models.DurationField()
        )
        cooled = Q(cool_off_confirmed=True) | Q(
            models.lookups.LessThanOrEqual(cooled_off_at, now or timezone.now())
        )
        ready = reduce(operator.and_, recovery_conditions().values(), cooled)
        return self.filter(
            Case(
                When(ready, then=Value(False)),
                default=Value(True),
                output_field=models.BooleanField(),
            )
        )

    def with_recovery(self):
        """Add the recovery stages and what the next step reads, in a fixed number of queries."""
        return (
            self.with_recovery_flags()
            .select_related("reflection")
            .prefetch_related("reflection__lessons", "letters")
        )


class ReflectionQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(interview__application__owner=user).select_related(
            "interview__application"
        )


class CaughtOutQuestionQuerySet(models.QuerySet):
    def owned_by(self, user):
        """Return user's questions, from reflections or added by hand, with where they came from."""
        return self.filter(owner=user).select_related(
            "reflection__interview__application", "application"
        )

    def due_by(self, day):
        """Return the questions due by day: leitner.is_due in SQL (no due day means now)."""
        return self.filter(Q(due_on__isnull=True) | Q(due_on__lte=day))

    def with_company(self):
        """Annotate `company`: the interview's company, or the one a hand-added question names."""
        return self.annotate(
            company=Coalesce("reflection__interview__application__company", "application__company")
        )


class LessonQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(reflection__interview__application__owner=user).select_related(
            "reflection__interview__application"
        )


class FollowUpLetterQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(interview__application__owner=user).select_related(
            "interview__application"
        )


class StatusChangeQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(application__owner=user).select_related("application")


class ReminderQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def open(self):
        """Return the reminders not yet dismissed, for the dashboard's Today section."""
        return self.filter(dismissed_at__isnull=True)


class TagQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)


class ContactQuerySet(models.QuerySet):
    def owned_by(self, user):
        """Return user's contacts."""
        return self.filter(owner=user)

    def search(self, text):
        """Return the contacts whose name, e-mail, company or applications' company mention text."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text)
            | Q(company__icontains=text)
            | Q(email__icontains=text)
            | Q(applications__company__icontains=text)
        ).distinct()


class DocumentQuerySet(models.QuerySet):
    def owned_by(self, user):
        """Return the documents of user's applications."""
        return self.filter(application__owner=user).select_related("application")


class StingCheckQuerySet(models.QuerySet):
    def owned_by(self, user):
        """Return the sting check-ins of user's interviews."""
        return self.filter(interview__application__owner=user).select_related(
            "interview__application"
        )


class PracticeQuerySet(models.QuerySet):
    def owned_by(self, user):
        """Return user's practice log."""
        return self.filter(question__owner=user)


class MentorLinkQuerySet(models.QuerySet):
    def owned_by(self, user):
        """Return user's mentor links, revoked and expired ones included."""
        return self.filter(owner=user)

    def with_openings(self):
        """Count each link's openings and note the last, with the applications it covers."""
        return self.annotate(
            openings=models.Count("views"), last_opened=models.Max("views__viewed_at")
        ).prefetch_related("applications")

    def live(self, now=None):
        """Return the links that still open: not revoked and not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class ApiTokenQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def usable(self, now=None):
        """Return the tokens that still open the API: not revoked and not yet expired."""
        unexpired = Q(expires_at__isnull=True) | Q(expires_at__gt=now or timezone.now())
        return self.filter(unexpired, revoked_at__isnull=True)
