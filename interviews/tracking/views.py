"""Applications and their interviews: the list, the board, each page and its form."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import access
from ..models import Application, Interview
from ..web import dates
from ..web.limits import page_of
from .application_forms import ApplicationFilterForm, ApplicationForm, ApplicationMoveForm
from .board import board_context, with_next_interview
from .contacts import contacts_panel
from .forms import InterviewForm
from .interview_page import interview_page
from .services import interview_book
from .times import read_wall_time


@require_GET
def application_list(request):
    """List the user's applications with search, filters, sorting and pages."""
    form = ApplicationFilterForm(request.GET, owner=request.user)
    mine = Application.objects.owned_by(request.user)
    applications = form.apply(with_next_interview(mine)).prefetch_related("tags")
    page = page_of(request, applications)
    # Only ask whether anything exists when nothing matched: it picks the empty state.
    has_any = bool(page.object_list) or mine.exists()
    return render(
        request,
        "interviews/tracking/application_list.html",
        {
            "form": form,
            "page_obj": page,
            "has_any": has_any,
            "statuses": Application.Status.choices,
        },
    )


# The last move, kept in the session for the board to offer to undo it once.
BOARD_UNDO = "board_undo"


@require_GET
def application_board(request):
    """Show every application in a column for its status, and offer to undo the last move."""
    show_archived = bool(request.GET.get("archived"))
    undo = request.session.pop(BOARD_UNDO, None)
    context = board_context(request, show_archived=show_archived, undo=undo)
    return render(request, "interviews/tracking/application_board.html", context)


@access.owned(access.get_application)
@require_POST
def application_move(request, application):
    """Move an application to another status and go back to the board, ready to undo it."""
    form = ApplicationMoveForm(request.POST)
    request.session.pop(BOARD_UNDO, None)  # Only the latest move can be undone.
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses on the board."))
    elif form.cleaned_data["status"] == application.status:
        messages.info(
            request,
            _("%(application)s is already in %(status)s.")
            % {"application": application, "status": application.get_status_display()},
        )
    else:
        previous = application.status
        application.status = form.cleaned_data["status"]
        application.save(update_fields=["status", "updated_at"])
        facts = {"application": application, "status": application.get_status_display()}
        if form.cleaned_data["undo"]:
            messages.success(request, _("Moved %(application)s back to %(status)s.") % facts)
        else:
            request.session[BOARD_UNDO] = {
                "application": application.pk,
                "status": application.status,
                "previous": previous,
                "text": _("Moved %(application)s to %(status)s.") % facts,
                "company": application.company,
            }
    return redirect(reverse("interviews:application_board") + f"#application-{application.pk}")


@access.owned(access.get_application)
@require_GET
def application_detail(request, application):
    """Show an application's facts, its interview timeline and its letters."""
    interviews = list(
        Interview.objects.owned_by(request.user)
        .filter(application=application)
        .with_recovery()
        .order_by("scheduled_at", "id")
    )
    now = timezone.now()
    past = [interview for interview in interviews if interview.scheduled_at < now]
    upcoming = [interview for interview in interviews if interview.scheduled_at >= now]
    letters = sorted(
        (letter for interview in interviews for letter in interview.letters.all()),
        key=lambda letter: letter.updated_at,
        reverse=True,
    )
    return render(
        request,
        "interviews/tracking/application_detail.html",
        {
            "application": application,
            "past": past,
            "upcoming": upcoming,
            "letters": letters,
            "now": now,
            **contacts_panel(application),
        },
    )


@require_http_methods(["GET", "POST"])
def application_create(request):
    """Add an application, then show its page."""
    form = ApplicationForm(
        request.POST or None,
        owner=request.user,
        initial={"status": _initial_status(request), "applied_on": timezone.localdate()},
    )
    if form.is_valid():
        application = form.save()
        messages.success(request, _("Added %(application)s.") % {"application": application})
        return redirect(application)
    return render(request, "interviews/tracking/application_form.html", {"form": form})


def _initial_status(request):
    """Return the status a board column asked for, or the usual starting one."""
    status = request.GET.get("status")
    return status if status in Application.Status.values else Application.Status.APPLIED


@access.owned(access.get_application)
@require_http_methods(["GET", "POST"])
def application_update(request, application):
    """Edit an application's details."""
    form = ApplicationForm(request.POST or None, owner=request.user, instance=application)
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved your changes."))
        return redirect(application)
    return render(
        request,
        "interviews/tracking/application_form.html",
        {"form": form, "application": application},
    )


@access.owned(access.get_application)
@require_http_methods(["GET", "POST"])
def application_delete(request, application):
    """Ask before deleting an application with its interviews, then delete it."""
    if request.method == "POST":
        name = str(application)
        application.delete()
        messages.success(request, _("Deleted %(application)s.") % {"application": name})
        return redirect("interviews:application_list")
    interview_count = (
        Interview.objects.owned_by(request.user).filter(application=application).count()
    )
    return render(
        request,
        "interviews/tracking/application_delete.html",
        {"application": application, "interview_count": interview_count},
    )


def _when(value):
    """Return a moment on the user's clock, with its zone when the clocks show that time twice."""
    local = timezone.localtime(value)
    text = dates.day_time(local)
    if read_wall_time(local.replace(tzinfo=None), local.tzinfo).is_fold:
        text = f"{text} {local.tzname()}"
    return text


def _cool_off_clash(user, interview):
    """Return the bad interview whose cool-off window this one is booked inside, if any."""
    return interview.cool_off_clash(Interview.objects.owned_by(user).went_badly())


def _tell_about_cool_off(request, interview, *, was_bad):
    """Add kind messages about cool-off windows that this save starts or runs into."""
    now = timezone.now()
    if interview.went_badly and not was_bad:
        if interview.is_cooling_off(now):
            text = _(
                "Thank you for being honest about how it went. Give yourself some time: "
                "your cool-off runs until %(until)s. The next steps are below, whenever "
                "you are ready."
            )
        else:
            text = _(
                "Thank you for being honest about how it went. Its cool-off time has already "
                "passed (it ended on %(until)s), so the next steps are below, whenever you "
                "are ready."
            )
        messages.info(request, text % {"until": _when(interview.cool_off_until)})
    clash = _cool_off_clash(request.user, interview)
    # A window that has already closed no longer needs a heads-up.
    if clash is not None and clash.is_cooling_off(now):
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


@access.owned(access.get_application)
@require_http_methods(["GET", "POST"])
def interview_create(request, application):
    """Add an interview to an application."""
    form = InterviewForm(request.POST or None, instance=Interview(application=application))
    if form.is_valid():
        interview = form.save(commit=False)
        moved = interview_book(interview=interview, contacts=form.cleaned_data.get("contacts", ()))
        if moved:
            text = _("Added the interview on %(when)s and moved the application to Interviewing.")
        else:
            text = _("Added the interview on %(when)s.")
        messages.success(request, text % {"when": _when(interview.scheduled_at)})
        _tell_about_cool_off(request, interview, was_bad=False)
        return redirect(interview)
    return render(
        request,
        "interviews/tracking/interview_form.html",
        {"form": form, "application": application},
    )


@access.owned(access.get_interview_with_recovery)
@require_GET
def interview_detail(request, interview):
    """Show an interview, where its road back stands and what came of it."""
    return render(
        request,
        "interviews/tracking/interview_detail.html",
        interview_page(request.user, interview, timezone.now()),
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
        "interviews/tracking/interview_form.html",
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
        "interviews/tracking/interview_delete.html",
        {"interview": interview, "application": application},
    )
