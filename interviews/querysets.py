"""Read paths for user data: every one starts from owned_by(user)."""

from django.db import models


class ApplicationQuerySet(models.QuerySet):
    def owned_by(self, user):
        """Return the applications that belong to user."""
        return self.filter(owner=user)


class InterviewQuerySet(models.QuerySet):
    def owned_by(self, user):
        """Return the interviews of user's applications, with what their pages show."""
        return self.filter(application__owner=user).select_related("application__owner__profile")

    def with_recovery(self):
        """Prefetch what the recovery stage reads, so a list costs a fixed number of queries."""
        return self.select_related("reflection").prefetch_related("reflection__lessons", "letters")


class ReflectionQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(interview__application__owner=user).select_related(
            "interview__application"
        )


class CaughtOutQuestionQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(reflection__interview__application__owner=user).select_related(
            "reflection__interview__application"
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
