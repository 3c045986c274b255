"""Contacts: the people met along the way, listed, searched, kept with their applications."""

from django.contrib import messages
from django.db.models import Count
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import access
from ..models import Application, Contact, Interview
from ..web.limits import page_of
from .contact_csv import write_contacts
from .contact_forms import (
    ContactForm,
    ContactLinkForm,
    ContactSearchForm,
    ContactUnlinkForm,
    linkable_contacts,
)
from .services import contact_link, contact_save, contact_unlink


@require_GET
def contact_list(request):
    """List the user's contacts a page at a time, searched by name, e-mail or company."""
    form = ContactSearchForm(request.GET)
    query = form.query()
    mine = Contact.objects.owned_by(request.user)
    # Counted before the search joins applications, so a match does not narrow the counts.
    contacts = (
        mine.annotate(
            application_count=Count("applications", distinct=True),
            interview_count=Count("interviews", distinct=True),
        )
        .search(query)
        .order_by(Lower("name"), "pk")
    )
    page = page_of(request, contacts)
    # Only ask whether anything exists when nothing matched: it picks the empty state.
    has_any = bool(page.object_list) or mine.exists()
    return render(
        request,
        "interviews/tracking/contact_list.html",
        {"form": form, "query": query, "page_obj": page, "has_any": has_any},
    )


def _application_to_link(request):
    """Return the user's application that ?application= names, or None (never another's)."""
    pk = access.id_or_none(request.GET.get("application"))
    return Application.objects.owned_by(request.user).filter(pk=pk).first() if pk else None


@require_http_methods(["GET", "POST"])
def contact_create(request):
    """Add a contact, linked from the start to the application it was added from."""
    application = _application_to_link(request)
    initial = {}
    if application is not None:
        initial = {"company": application.company, "applications": [application.pk]}
    form = ContactForm(request.POST or None, owner=request.user, initial=initial)
    if form.is_valid():
        contact = contact_save(form=form, owner=request.user)
        messages.success(request, _("Added %(name)s.") % {"name": contact.name})
        return redirect(application or contact)
    return render(
        request,
        "interviews/tracking/contact_form.html",
        {"form": form, "application": application},
    )


@access.owned(access.get_contact)
@require_GET
def contact_detail(request, contact):
    """Show a contact with the applications and interviews they were part of."""
    applications = (
        Application.objects.owned_by(request.user)
        .filter(contacts=contact)
        .order_by("-updated_at", "-pk")
    )
    interviews = (
        Interview.objects.owned_by(request.user)
        .filter(contacts=contact)
        .order_by("-scheduled_at", "-pk")
    )
    return render(
        request,
        "interviews/tracking/contact_detail.html",
        {
            "contact": contact,
            "applications": list(applications),
            "interviews": list(interviews),
            "now": timezone.now(),
        },
    )


@access.owned(access.get_contact)
@require_http_methods(["GET", "POST"])
def contact_update(request, contact):
    """Edit a contact, including which of the user's applications they belong to."""
    form = ContactForm(request.POST or None, instance=contact, owner=request.user)
    if form.is_valid():
        contact_save(form=form, owner=request.user)
        messages.success(request, _("Saved your changes."))
        return redirect(contact)
    return render(
        request, "interviews/tracking/contact_form.html", {"form": form, "contact": contact}
    )


@access.owned(access.get_contact)
@require_http_methods(["GET", "POST"])
def contact_delete(request, contact):
    """Ask before deleting a contact, then delete it; its applications and interviews stay."""
    if request.method == "POST":
        name = contact.name
        contact.delete()
        messages.success(request, _("Deleted %(name)s.") % {"name": name})
        return redirect("interviews:contact_list")
    return render(
        request,
        "interviews/tracking/contact_delete.html",
        {
            "contact": contact,
            "application_count": contact.applications.count(),
            "interview_count": contact.interviews.count(),
        },
    )


def contacts_panel(application):
    """Return what the application page's Contacts section shows, in two queries."""
    contacts = Contact.objects.owned_by(application.owner).filter(applications=application)
    return {
        "contacts": list(contacts.order_by("name", "pk")),
        "linkable_contacts": list(linkable_contacts(application)),
    }


def _back_to_contacts(application):
    return redirect(application.get_absolute_url() + "#contacts-heading")


@access.owned(access.get_application)
@require_POST
def application_contact_link(request, application):
    """Link one of the user's other contacts to the application."""
    form = ContactLinkForm(request.POST, application=application)
    if form.is_valid():
        contact = form.cleaned_data["contact"]
        contact_link(application=application, contact=contact)
        messages.success(
            request,
            _("Linked %(name)s to %(application)s.")
            % {"name": contact.name, "application": application},
        )
    else:
        messages.error(request, " ".join(form.errors["contact"]))
    return _back_to_contacts(application)


@access.owned(access.get_application)
@require_POST
def application_contact_unlink(request, application):
    """Take a contact off the application; the contact itself stays in the user's contacts."""
    form = ContactUnlinkForm(request.POST, application=application)
    if form.is_valid():
        contact = form.cleaned_data["contact"]
        contact_unlink(application=application, contact=contact)
        messages.success(
            request,
            _("%(name)s is no longer linked to %(application)s. They are still in your contacts.")
            % {"name": contact.name, "application": application},
        )
    else:
        messages.error(request, " ".join(form.errors["contact"]))
    return _back_to_contacts(application)


@require_GET
def contacts_export(request):
    """Download all the user's contacts as CSV, each with the applications they belong to."""
    contacts = (
        Contact.objects.owned_by(request.user)
        .prefetch_related("applications")
        .order_by("name", "pk")
    )
    response = HttpResponse(write_contacts(contacts), content_type="text/csv; charset=utf-8")
    filename = f"rebound-contacts-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
