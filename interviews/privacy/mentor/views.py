"""Mentor links: the owner's list, create, detail and revoke pages, and the public page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from ...access import get_mentor_link, owned, profile_for
from ...models import MentorLink, MentorLinkView
from .forms import PRIVATE_PARTS, SHARED_PARTS, MentorLinkForm
from .page import mentor_page


def parts_shown(link):
    """Return the names of the parts the link shows, the private ones marked."""
    return [
        (MentorLink._meta.get_field(name).verbose_name, name in PRIVATE_PARTS)
        for name in (*SHARED_PARTS, *PRIVATE_PARTS)
        if getattr(link, name)
    ]


def link_url(request, link):
    return request.build_absolute_uri(reverse("interviews:mentor_page", args=[link.token]))


@require_safe
def mentor_link_list(request):
    """List the user's mentor links: who each is for, what it shows, until when, and openings."""
    links = MentorLink.objects.owned_by(request.user).with_openings()
    rows = [(link, parts_shown(link)) for link in links]
    return render(
        request, "interviews/privacy/mentor/link_list.html", {"rows": rows, "now": timezone.now()}
    )


@require_http_methods(["GET", "POST"])
def mentor_link_create(request):
    """Make a new read-only link, then show it on its own page."""
    data = request.POST if request.method == "POST" else None
    form = MentorLinkForm(data, owner=request.user)
    if request.method == "POST" and form.is_valid():
        link = form.save()
        messages.success(
            request,
            _("Your link is ready. Copy it below and send it to %(label)s.")
            % {"label": link.label},
        )
        return redirect("interviews:mentor_link_detail", pk=link.pk)
    return render(
        request,
        "interviews/privacy/mentor/link_form.html",
        {
            "form": form,
            "shared": [form[name] for name in SHARED_PARTS],
            "private": [form[name] for name in PRIVATE_PARTS],
        },
    )


@owned(get_mentor_link)
@require_safe
def mentor_link_detail(request, link):
    """Show one link: its address while it works, what it shows, and every time it was opened."""
    return render(
        request,
        "interviews/privacy/mentor/link_detail.html",
        {
            "link": link,
            "parts": parts_shown(link),
            "url": link_url(request, link) if link.is_live else "",
            "openings": link.views.all(),
        },
    )


@owned(get_mentor_link)
@require_http_methods(["GET", "POST"])
def mentor_link_revoke(request, link):
    """Ask to confirm, then turn the link off straight away."""
    if request.method == "POST":
        if link.revoked_at is None:
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
        messages.success(
            request, _("The link for %(label)s no longer works.") % {"label": link.label}
        )
        return redirect("interviews:mentor_link_detail", pk=link.pk)
    return render(request, "interviews/privacy/mentor/link_revoke.html", {"link": link})


# A mentor has no account: the long random token in the URL is the credential.
@login_not_required
@require_safe
@cache_control(private=True, no_store=True)
def mentor_page_view(request, token):
    """Show a live link's read-only page and record the opening; anything else is the same 404."""
    now = timezone.now()
    link = get_object_or_404(
        MentorLink.objects.live(now).select_related("owner__profile"),
        token=token,
        # A closed account shares nothing, whatever links it left behind.
        owner__is_active=True,
    )
    if request.method == "GET":
        MentorLinkView.objects.create(link=link, viewed_at=now)
    zone = profile_for(link.owner).time_zone
    with timezone.override(zone):
        response = render(
            request,
            "interviews/privacy/mentor/mentor_page.html",
            {"page": mentor_page(link, now), "zone": zone},
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
