"""The settings page and the private calendar link."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..access import profile_for
from .forms import SettingsForm


@require_http_methods(["GET", "POST"])
def settings_page(request):
    """Show and save the user's time zone and cool-off window."""
    profile = profile_for(request.user)
    data = request.POST if request.method == "POST" else None
    form = SettingsForm(data, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your settings are saved."))
        return redirect("interviews:settings")
    feed_url = request.build_absolute_uri(
        reverse("interviews:calendar_feed", args=[profile.calendar_token])
    )
    return render(request, "interviews/account/settings.html", {"form": form, "feed_url": feed_url})


@require_POST
def calendar_regenerate(request):
    """Give the user a new calendar link; the old one stops working."""
    profile_for(request.user).regenerate_calendar_token()
    messages.success(
        request,
        _(
            "Your calendar link is new. Add it to your calendar app again; "
            "the old link no longer works."
        ),
    )
    return redirect(reverse("interviews:settings") + "#calendar")
