"""Capture a job posting: the bookmarklet's landing page and the paste on the add form.

Both only fill in the add form for the user to check; saving goes through application_create.
Nothing here fetches the posting: the browser sends what the page says, or the user pastes it.
"""

from django import forms
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ..models import Application
from . import capture
from .application_forms import ApplicationForm

FORM_TEMPLATE = "interviews/tracking/application_form.html"


class PostingPasteForm(forms.Form):
    """A job posting pasted as its page's HTML, its JSON-LD or plain text."""

    # No max_length: a browser would cut a long paste short without a word; clean says why.
    posting = forms.CharField(
        label=gettext_lazy("The posting"),
        widget=forms.Textarea,
        error_messages={
            "required": gettext_lazy("Paste a job posting first: its page, or just its text.")
        },
    )

    def clean_posting(self):
        text = self.cleaned_data["posting"]
        try:
            self.posting = capture.posting_from_paste(text)
        except capture.CaptureError as error:
            raise forms.ValidationError(str(error), code="too_big") from None
        if self.posting.is_empty:
            raise forms.ValidationError(
                _(
                    "Rebound found no job in that. Paste more of the posting, or fill in "
                    "the form yourself."
                ),
                code="nothing_found",
            )
        return text


@require_GET
def application_capture(request):
    """Show the add form filled in from what the bookmarklet read on a posting's page."""
    url, title, ld = (request.GET.get(name, "") for name in ("url", "title", "ld"))
    if not (url or title or ld):
        return redirect("interviews:application_create")
    too_big = False
    try:
        posting = capture.posting_from_page(ld=ld, title=title, url=url)
    except capture.CaptureError:
        too_big = True
        posting = capture.posting_from_page(title=title, url=url)
    earlier = (
        None if request.GET.get("anyway") else _already_added(request.user, posting.job_url, url)
    )
    if earlier is not None:
        query = request.GET.copy()
        query["anyway"] = "1"
        return render(
            request,
            "interviews/tracking/application_capture_duplicate.html",
            {
                "application": earlier,
                "posting": posting,
                "anyway_url": f"{request.path}?{query.urlencode()}",
            },
        )
    # A job picked up while browsing is one to apply for: it starts on the wishlist.
    initial = {"status": Application.Status.WISHLIST}
    return _prefilled(request, posting, initial=initial, capture_too_big=too_big)


@require_POST
def application_capture_paste(request):
    """Fill in the add form from a pasted posting, keeping the paste if it cannot be read."""
    paste = PostingPasteForm(request.POST)
    initial = {"status": Application.Status.APPLIED, "applied_on": timezone.localdate()}
    if not paste.is_valid():
        form = ApplicationForm(owner=request.user, initial=initial)
        context = {"form": form, "form_action": reverse("interviews:application_create")}
        return render(request, FORM_TEMPLATE, {**context, "paste_form": paste})
    posting = paste.posting
    earlier = _already_added(request.user, posting.job_url)
    return _prefilled(request, posting, initial=initial, capture_duplicate=earlier)


def _prefilled(request, posting, *, initial, **extra):
    form = ApplicationForm(owner=request.user, initial={**initial, **posting.initial()})
    return render(
        request,
        FORM_TEMPLATE,
        {
            "form": form,
            "form_action": reverse("interviews:application_create"),
            "captured": posting,
            **extra,
        },
    )


def _already_added(user, *urls):
    """Return the user's first application for the posting at any of urls, or None."""
    wanted = {normal for url in urls if (normal := capture.normalise_job_url(url))}
    hosts = {capture.host_of(url) for url in urls} - {""}
    if not wanted:
        return None
    # The host narrows the rows in SQL; the normalised address decides in Python.
    same_host = Q()
    for host in hosts:
        same_host |= Q(job_url__icontains=host)
    matches = Application.objects.owned_by(user).exclude(job_url="").filter(same_host)
    for application in matches.order_by("created_at", "pk"):
        if capture.normalise_job_url(application.job_url) in wanted:
            return application
    return None
