"""Application facts in words: {{ application|salary }}, {{ date|deadline_note }}, …"""

from django import template
from django.utils import timezone

from ..tracking import facts
from ..tracking.salary import application_salary

register = template.Library()


@register.filter
def salary(application):
    """Return the application's structured salary in words, or ""."""
    return application_salary(application)


@register.filter
def excitement(value):
    """Return an excitement as "4/5 · Very keen", or ""."""
    return facts.excitement_text(value)


@register.filter
def deadline_note(deadline):
    """Return how far off a deadline is from today on the user's clock."""
    return facts.deadline_note(deadline, timezone.localdate())
