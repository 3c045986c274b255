"""Applications: the list, the board, one application's page, and its form."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Min, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import access
from ..forms import ApplicationFilterForm, ApplicationForm, ApplicationMoveForm
from ..models import Application, Interview

PAGE_SIZE = 25


def _with_next_interview(applications):
    """Annotate each application with the start of its next upcoming interview."""
    return applications.annotate(
        next_interview_at=Min(
            "interviews__scheduled_at",
            filter=Q(interviews__scheduled_at__gte=timezone.now()),
        )
    )


@require_GET
def application_list(request):
    """List the user's applications with search, a status filter, sorting and pages."""
    form = ApplicationFilterForm(request.GET)
    mine = Application.objects.owned_by(request.user)
    applications = form.apply(_with_next_interview(mine))
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    # Only ask whether anything exists when nothing matched: it picks the empty state.
    has_any = bool(page.object_list) or mine.exists()
    return render(
        request,
        "interviews/application_list.html",
        {"form": form, "page_obj": page, "has_any": has_any},
    )


@require_GET
def application_board(request):
    """Show every application in a column for its status."""
    applications = _with_next_interview(Application.objects.owned_by(request.user)).order_by(
        "-updated_at", "-id"
    )
    bad = Interview.objects.owned_by(request.user).went_badly().with_recovery()
    now = timezone.now()
    recovering = {
        interview.application_id for interview in bad if not interview.recovery(now).is_ready
    }
    by_status = {status: [] for status in Application.Status.values}
    for application in applications:
        application.is_recovering = application.pk in recovering
        by_status[application.status].append(application)
    columns = [
        {"status": status, "label": label, "applications": by_status[status]}
        for status, label in Application.Status.choices
    ]
    return render(
        request,
        "interviews/application_board.html",
        {
            "columns": columns,
            "total": sum(len(column["applications"]) for column in columns),
            "statuses": Application.Status.choices,
        },
    )


@access.owned(access.get_application)
@require_POST
def application_move(request, application):
    """Move an application to another status and go back to the board."""
    form = ApplicationMoveForm(request.POST)
    if form.is_valid():
        application.status = form.cleaned_data["status"]
        application.save(update_fields=["status", "updated_at"])
        messages.success(
            request,
            _("Moved %(application)s to %(status)s.")
            % {"application": application, "status": application.get_status_display()},
        )
    else:
        messages.error(request, _("Choose one of the statuses on the board."))
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
        "interviews/application_detail.html",
        {
            "application": application,
            "past": past,
            "upcoming": upcoming,
            "letters": letters,
            "now": now,
        },
    )


@require_http_methods(["GET", "POST"])
def application_create(request):
    """Add an application, then show its page."""
    form = ApplicationForm(
        request.POST or None,
        initial={"status": _initial_status(request), "applied_on": timezone.localdate()},
    )
    if form.is_valid():
        form.instance.owner = request.user
        application = form.save()
        messages.success(request, _("Added %(application)s.") % {"application": application})
        return redirect(application)
    return render(request, "interviews/application_form.html", {"form": form})


def _initial_status(request):
    """Return the status a board column asked for, or the usual starting one."""
    status = request.GET.get("status")
    return status if status in Application.Status.values else Application.Status.APPLIED


@access.owned(access.get_application)
@require_http_methods(["GET", "POST"])
def application_update(request, application):
    """Edit an application's details."""
    form = ApplicationForm(request.POST or None, instance=application)
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved your changes."))
        return redirect(application)
    return render(
        request, "interviews/application_form.html", {"form": form, "application": application}
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
        "interviews/application_delete.html",
        {"application": application, "interview_count": interview_count},
    )
