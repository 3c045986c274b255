"""Interviews: book one, say how it went, and see the road back after a bad one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import access
from ..forms import InterviewForm
from ..models import Interview
from ..services.tracking import interview_book

WHEN = "D j M, H:i"


def _when(value):
    return date_format(timezone.localtime(value), WHEN)


def _cool_off_clash(user, interview):
    """Return the bad interview whose cool-off window this one is booked inside, if any."""
    return interview.cool_off_clash(Interview.objects.owned_by(user).went_badly())


def _tell_about_cool_off(request, interview, *, was_bad):
    """Add kind messages about cool-off windows that this save starts or runs into."""
    if interview.went_badly and not was_bad:
        messages.info(
            request,
            _(
                "Thank you for being honest about how it went. Give yourself some time: "
                "your cool-off runs until %(until)s. The next steps are below, whenever "
                "you are ready."
            )
            % {"until": _when(interview.cool_off_until)},
        )
    clash = _cool_off_clash(request.user, interview)
    if clash is not None:
        messages.warning(
            request,
            _(
                "A gentle heads-up: this interview falls inside your cool-off time after "
                "the %(kind)s interview at %(company)s, which runs until %(until)s. That is okay "
                "if it suits you; leave yourself some room to rest and prepare."
            )
            % {
                "kind": clash.get_kind_display().lower(),
                "company": clash.application.company,
                "until": _when(clash.cool_off_until),
            },
        )


def _interview_with_recovery(user, pk):
    """Return the user's interview with what its recovery stage reads, or a 404."""
    return get_object_or_404(Interview.objects.owned_by(user).with_recovery(), pk=pk)


@access.owned(access.get_application)
@require_http_methods(["GET", "POST"])
def interview_create(request, application):
    """Add an interview to an application."""
    form = InterviewForm(request.POST or None, instance=Interview(application=application))
    if form.is_valid():
        interview = form.save(commit=False)
        moved = interview_book(interview=interview)
        if moved:
            text = _("Added the interview on %(when)s and moved the application to Interviewing.")
        else:
            text = _("Added the interview on %(when)s.")
        messages.success(request, text % {"when": _when(interview.scheduled_at)})
        _tell_about_cool_off(request, interview, was_bad=False)
        return redirect(interview)
    return render(
        request, "interviews/interview_form.html", {"form": form, "application": application}
    )


@access.owned(_interview_with_recovery)
@require_GET
def interview_detail(request, interview):
    """Show an interview, and after a bad one its cool-off window and next steps."""
    now = timezone.now()
    is_upcoming = interview.scheduled_at >= now
    return render(
        request,
        "interviews/interview_detail.html",
        {
            "interview": interview,
            "application": interview.application,
            "recovery": interview.recovery(now),
            "cooling_off": interview.is_cooling_off(now),
            "is_upcoming": is_upcoming,
            "clash": _cool_off_clash(request.user, interview) if is_upcoming else None,
        },
    )


@access.owned(access.get_interview)
@require_http_methods(["GET", "POST"])
def interview_update(request, interview):
    """Edit an interview, including how it went once it has happened."""
    was_bad = interview.went_badly
    form = InterviewForm(request.POST or None, instance=interview)
    if form.is_valid():
        interview = form.save()
        messages.success(request, _("Saved your changes."))
        _tell_about_cool_off(request, interview, was_bad=was_bad)
        return redirect(interview)
    return render(
        request,
        "interviews/interview_form.html",
        {"form": form, "application": interview.application, "interview": interview},
    )


@access.owned(access.get_interview)
@require_http_methods(["GET", "POST"])
def interview_delete(request, interview):
    """Ask before deleting an interview, then delete it."""
    application = interview.application
    if request.method == "POST":
        interview.delete()
        messages.success(request, _("Deleted the interview."))
        return redirect(application)
    return render(
        request,
        "interviews/interview_delete.html",
        {"interview": interview, "application": application},
    )
