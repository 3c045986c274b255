from django.shortcuts import render
from django.views.decorators.http import require_GET

from .build import build_dashboard


@require_GET
def dashboard(request):
    """Show how far each bad interview has come and what to do before the next one."""
    return render(
        request, "interviews/dashboard/dashboard.html", {"dashboard": build_dashboard(request.user)}
    )
