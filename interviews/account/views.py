"""The settings page, the private calendar link, reminder settings, unsubscribe and dismiss."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from ..access import get_reminder, owned, profile_for
from ..models import Profile
from .forms import ReminderSettingsForm, SettingsForm
from .reminders import SWITCHES, BadToken, ExpiredToken, read_unsubscribe_token


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


@require_http_methods(["GET", "POST"])
def reminder_settings(request):
    """Show and save which reminders the user gets, how, and their quiet hours."""
    profile = profile_for(request.user)
    data = request.POST if request.method == "POST" else None
    form = ReminderSettingsForm(data, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your reminder choices are saved."))
        return redirect("interviews:reminder_settings")
    return render(
        request,
        "interviews/account/reminders.html",
        {"form": form, "zone": profile.time_zone},
    )


@login_not_required
# The signed token in the path is the credential, and RFC 8058 one-click unsubscribe posts
# without a CSRF token (the mail program sends it), so this view alone is exempt.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def reminder_unsubscribe(request, token):
    """Turn off one kind of reminder from the link in its e-mail, without logging in.

    GET asks to confirm; POST (the button, or a mail program's one-click) turns it off.
    """
    try:
        user_id, kind = read_unsubscribe_token(token)
        profile = Profile.objects.get(user_id=user_id, user__is_active=True)
    except ExpiredToken:
        return _unsubscribe_refused(request, expired=True)
    except (BadToken, Profile.DoesNotExist):
        return _unsubscribe_refused(request, expired=False)
    # "when a cool-off window ends": the words of the setting this link turns off.
    context = {"when": Profile._meta.get_field(SWITCHES[kind]).verbose_name, "kind": kind}
    if request.method == "POST":
        setattr(profile, SWITCHES[kind], False)
        profile.save(update_fields=[SWITCHES[kind]])
        # A mail program's one-click post reads only the status; a 200 page answers both.
        return render(request, "interviews/account/unsubscribe_done.html", context)
    return render(request, "interviews/account/unsubscribe.html", context)


def _unsubscribe_refused(request, *, expired):
    return render(
        request, "interviews/account/unsubscribe_bad.html", {"expired": expired}, status=400
    )


@owned(get_reminder)
@require_POST
def reminder_dismiss(request, reminder):
    """Put a reminder away from Today; back to the page it was dismissed on."""
    if reminder.dismissed_at is None:
        reminder.dismissed_at = timezone.now()
        reminder.save(update_fields=["dismissed_at"])
    url = request.POST.get("next") or ""
    if not (
        url.startswith("/")
        and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        url = reverse("interviews:dashboard")
    return redirect(url)
