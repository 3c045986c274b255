"""The dashboard's charts: the recovery trend and the patterns across interviews."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext

from ..models import Lesson, Reflection
from . import charts

TREND_POINTS = 24


@dataclass(frozen=True)
class Progress:
    trend: charts.Chart | None
    reflections: int
    shown: int
    average_before: float | None
    average_after: float | None


@dataclass(frozen=True)
class Patterns:
    causes: charts.Chart | None
    categories: charts.Chart | None
    reflections: int
    lessons: int


def _average(values):
    values = [value for value in values if value is not None]
    return round(sum(values) / len(values), 1) if values else None


def reflection_summary(user):
    """Return every reflection's status, causes and feelings: one small row each."""
    return list(
        Reflection.objects.owned_by(user).values_list(
            "status", "causes", "intensity_before", "intensity_after"
        )
    )


def progress(user, tz, summary):
    """Return the before/after trend of the latest reflections and the averages of all."""
    complete = [row for row in summary if row[0] == Reflection.Status.COMPLETE]
    latest = (
        Reflection.objects.owned_by(user)
        .filter(status=Reflection.Status.COMPLETE, completed_at__isnull=False)
        .order_by("-completed_at", "-pk")
        .values_list(
            "interview__application__company",
            "completed_at",
            "intensity_before",
            "intensity_after",
            "confidence_after",
        )[:TREND_POINTS]
    )
    points = [
        charts.TrendPoint(
            label=company,
            when=timezone.localtime(completed_at, tz).date(),
            before=before,
            after=after,
            confidence=confidence,
        )
        for company, completed_at, before, after, confidence in latest
    ]
    return Progress(
        trend=charts.before_after_chart(points),
        reflections=len(complete),
        shown=len(points),
        average_before=_average(row[2] for row in complete),
        average_after=_average(row[3] for row in complete),
    )


def patterns(user, summary):
    """Return how often each cause and each lesson theme comes up across interviews."""
    known = set(Reflection.Cause.values)
    cause_counts = Counter()
    for _, causes, _, _ in summary:
        # A cause named twice in one reflection still counts once for that interview.
        cause_counts.update(known.intersection(causes or ()))
    causes_chart = charts.bar_chart(
        gettext("What went wrong"),
        gettext("How many reflections named each cause."),
        [(Reflection.Cause(value).label, count) for value, count in cause_counts.items()],
        chart_id="chart-causes",
        label_heading=gettext("Cause"),
        value_heading=gettext("Reflections"),
    )
    category_rows = (
        Lesson.objects.owned_by(user).values("category").annotate(count=Count("pk")).order_by()
    )
    category_counts = {
        row["category"]: row["count"]
        for row in category_rows
        if row["category"] in Lesson.Category.values
    }
    categories_chart = charts.bar_chart(
        gettext("Lesson themes"),
        gettext("How many lessons fall under each theme."),
        [(Lesson.Category(value).label, count) for value, count in category_counts.items()],
        chart_id="chart-lesson-themes",
        label_heading=gettext("Theme"),
        value_heading=gettext("Lessons"),
    )
    return Patterns(
        causes=causes_chart,
        categories=categories_chart,
        reflections=len(summary),
        lessons=sum(category_counts.values()),
    )
