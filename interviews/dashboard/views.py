from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .cache import dashboard_context
from .recovering import recovering_page


@require_GET
def dashboard(request):
    """Show how far each bad interview has come and what to do before the next one."""
    return render(request, "interviews/dashboard/dashboard.html", dashboard_context(request.user))


@require_GET
def recovering_list(request):
    """List every hard interview still on its way back, a page at a time."""
    page = recovering_page(request.user, timezone.now(), request.GET.get("page"))
    return render(request, "interviews/dashboard/recovering_list.html", {"page": page})
