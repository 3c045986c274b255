"""Your data: download it, restore it, log out everywhere, delete the account."""

import tempfile

from django.contrib import messages
from django.contrib.auth import logout
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..models import (
    Application,
    CaughtOutQuestion,
    FollowUpLetter,
    Interview,
    Lesson,
    Reflection,
)
from . import export, restore, services
from .forms import AccountDeleteForm, DataImportForm

# A long list of problems buries the first one; the rest are summed up in one line.
MAX_PROBLEMS_SHOWN = 10


@never_cache
@require_GET
def data_export(request):
    """Download everything the user keeps in Rebound as one zip: export.json and the files."""
    # On disk, not in memory: the attached files can add up to far more than a page.
    out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent.
    export.account_data_archive(owner=request.user, out=out)
    out.seek(0)
    response = FileResponse(out, content_type="application/zip")
    filename = f"rebound-export-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def data_import(request):
    """Restore an export file into the user's account while it is still empty."""
    form = DataImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        payload, files = form.cleaned_data["export_file"]
        try:
            written = restore.account_data_import(owner=request.user, payload=payload, files=files)
        except restore.DataImportError as error:
            _add_problems(form, error.problems)
        else:
            messages.success(request, _restored_message(written))
            return redirect("interviews:dashboard")
    has_data = restore.account_has_data(request.user)
    return render(
        request, "interviews/privacy/data_import.html", {"form": form, "has_data": has_data}
    )


def _restored_message(written):
    applications = written.get(Application, 0)
    interviews = written.get(Interview, 0)
    return _("Your data is back: %(applications)s and %(interviews)s.") % {
        "applications": ngettext("%(count)s application", "%(count)s applications", applications)
        % {"count": applications},
        "interviews": ngettext("%(count)s interview", "%(count)s interviews", interviews)
        % {"count": interviews},
    }


def _add_problems(form, problems):
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        form.add_error("export_file", problem)
    hidden = len(problems) - MAX_PROBLEMS_SHOWN
    if hidden > 0:
        form.add_error(
            "export_file", _("…and %(count)s more problems like these.") % {"count": hidden}
        )


@never_cache
@require_http_methods(["GET", "POST"])
def account_delete(request):
    """Confirm with the password, then delete the account and everything in it."""
    form = AccountDeleteForm(request.POST if request.method == "POST" else None, request=request)
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=request.user)
        logout(request)
        messages.success(
            request,
            _("Your account and everything in it are deleted. Take care, and good luck."),
        )
        return redirect("home")
    return render(
        request,
        "interviews/privacy/account_delete.html",
        {"form": form, "counts": _owned_counts(request.user)},
    )


def _owned_counts(user):
    """Return a line such as "3 applications" for each kind of row the deletion removes."""
    kinds = [
        (Application, "%(count)s application", "%(count)s applications"),
        (Interview, "%(count)s interview", "%(count)s interviews"),
        (Reflection, "%(count)s reflection", "%(count)s reflections"),
        (
            CaughtOutQuestion,
            "%(count)s question that caught you out",
            "%(count)s questions that caught you out",
        ),
        (Lesson, "%(count)s lesson with its action", "%(count)s lessons with their actions"),
        (FollowUpLetter, "%(count)s follow-up letter", "%(count)s follow-up letters"),
    ]
    lines = []
    for model, singular, plural in kinds:
        count = model.objects.owned_by(user).count()
        lines.append(ngettext(singular, plural, count) % {"count": count})
    return lines


@require_POST
def logout_everywhere(request):
    """End the user's sessions on every device, this one included."""
    services.user_sessions_end(user=request.user)
    # The current session's row is gone too: flush it so this browser starts afresh.
    logout(request)
    messages.success(
        request,
        _("You are logged out on every device. Log in again here whenever you are ready."),
    )
    return redirect("account_login")
