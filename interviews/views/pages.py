from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from ..dashboard import build_dashboard


@login_not_required
@require_GET
def home(request):
    """Show the landing page to visitors and send signed-in users to their dashboard."""
    if request.user.is_authenticated:
        return redirect("interviews:dashboard")
    return render(request, "interviews/home.html")


@login_not_required
@require_GET
def healthz(request):
    """Answer load balancers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def dashboard(request):
    """Show how far each bad interview has come and what to do before the next one."""
    return render(
        request, "interviews/dashboard.html", {"dashboard": build_dashboard(request.user)}
    )
