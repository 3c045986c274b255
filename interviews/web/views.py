"""Public pages: the landing page and the health check."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def home(request):
    """Show the landing page to visitors and send signed-in users to their dashboard."""
    if request.user.is_authenticated:
        return redirect("interviews:dashboard")
    return render(request, "interviews/web/home.html")


@login_not_required
@require_GET
def healthz(request):
    """Answer load balancers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")
