"""The sting check-in: one question, a few days after a bad interview, answered with one tap."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import access
from . import sting
from .checkin import open_day_for, sting_record
from .forms import StingCheckForm


@access.owned(access.get_interview)
@require_http_methods(["GET", "POST"])
def sting_check(request, interview):
    """Ask how big the interview feels now, while one of its check-ins is open.

    The server picks the open day, so an old page cannot answer a check-in that closed or
    has not begun; a second answer the same day replaces the first.
    """
    tz, now = request.user.profile.tzinfo, timezone.now()
    day = open_day_for(interview, now, tz)
    answered = interview.sting_checks.filter(day=day).first() if day else None
    form = StingCheckForm(
        request.POST if request.method == "POST" else None,
        initial={"note": answered.note if answered else ""},
    )
    status = 200
    if request.method == "POST":
        if day is None:
            status = 400
            form.is_valid()
            form.add_error(None, _("This check-in has closed, so nothing was saved."))
        elif form.is_valid():
            sting_record(
                interview=interview,
                day=day,
                intensity=form.cleaned_data["intensity"],
                note=form.cleaned_data["note"],
            )
            messages.success(
                request,
                _("Noted: %(number)s of 10. Thank you for checking in with yourself.")
                % {"number": form.cleaned_data["intensity"]},
            )
            if form.cleaned_data["back"] == "dashboard":
                return redirect("interviews:dashboard")
            return redirect("interviews:interview_detail", pk=interview.pk)
        else:
            status = 400
    return render(
        request,
        "interviews/reflection/sting_check.html",
        {
            "interview": interview,
            "application": interview.application,
            "day": day,
            "days_since": sting.days_since(interview.scheduled_at, tz, now),
            "answered": answered,
            "form": form,
        },
        status=status,
    )
