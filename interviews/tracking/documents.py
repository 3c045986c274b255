"""Documents kept with an application: attach or paste, list, edit, mark sent, download, delete."""

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import access
from ..models import Document
from ..web.limits import page_of
from . import filetypes
from .document_forms import DocumentEditForm, DocumentForm, DocumentSentForm


def _documents_url(document):
    return reverse("interviews:application_detail", args=[document.application_id]) + "#documents"


@access.owned(access.get_application)
@require_GET
def document_list(request, application):
    """List every document of an application, newest first, a page at a time."""
    documents = Document.objects.owned_by(request.user).filter(application=application)
    return render(
        request,
        "interviews/tracking/document_list.html",
        {"application": application, "page": page_of(request, documents)},
    )


@access.owned(access.get_application)
@require_http_methods(["GET", "POST"])
def document_create(request, application):
    """Attach a file to an application, or keep pasted text as a document."""
    form = DocumentForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial={"kind": request.GET.get("kind")}
        if request.GET.get("kind") in Document.Kind.values
        else None,
    )
    if request.method == "POST" and form.is_valid():
        form.instance.application = application
        document = _save_keeping_storage_clean(form)
        messages.success(request, _("Added %(title)s.") % {"title": document.title})
        return redirect(_documents_url(document))
    return render(
        request,
        "interviews/tracking/document_form.html",
        {"form": form, "application": application},
    )


def _save_keeping_storage_clean(form):
    """Save the form's document; if the row cannot be written, remove the file it stored."""
    try:
        with transaction.atomic():
            return form.save()
    except BaseException:
        stored = form.instance.file.name
        if stored:
            form.instance.file.storage.delete(stored)
        raise


@access.owned(access.get_document)
@require_http_methods(["GET", "POST"])
def document_update(request, document):
    """Rename a document, change its kind, or say whether it is the version sent."""
    form = DocumentEditForm(request.POST or None, instance=document)
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved your changes."))
        return redirect(_documents_url(document))
    return render(
        request,
        "interviews/tracking/document_edit.html",
        {"form": form, "document": document, "application": document.application},
    )


@access.owned(access.get_document)
@require_POST
def document_sent(request, document):
    """Mark the document as the version sent, or take the mark off."""
    form = DocumentSentForm(request.POST)
    # An unchecked box sends nothing, so a form that does not parse means "not sent".
    document.sent = form.is_valid() and form.cleaned_data["sent"]
    document.save(update_fields=["sent", "updated_at"])
    if document.sent:
        messages.success(request, _("Marked %(title)s as sent.") % {"title": document.title})
    else:
        messages.success(
            request, _("%(title)s is no longer marked sent.") % {"title": document.title}
        )
    return redirect(_documents_url(document))


@access.owned(access.get_document)
@require_http_methods(["GET", "POST"])
def document_delete(request, document):
    """Ask before deleting a document, then delete it and (once committed) its file."""
    if request.method == "POST":
        title = document.title
        target = _documents_url(document)
        document.delete()
        messages.success(request, _("Deleted %(title)s.") % {"title": title})
        return redirect(target)
    return render(
        request,
        "interviews/tracking/document_delete.html",
        {"document": document, "application": document.application},
    )


@never_cache
@access.owned(access.get_document)
@require_GET
def document_download(request, document):
    """Send the document as an attachment with its stored type; never shown in the page."""
    if document.file:
        try:
            stream = document.file.open("rb")
        except OSError:
            # The row outlived its file (storage lost it): say so rather than fail.
            raise Http404(_("This document's file is missing.")) from None
        response = FileResponse(stream, content_type=document.content_type)
        kind = filetypes.for_content_type(document.content_type) or filetypes.TXT
        name = document.file_name or filetypes.safe_file_name(document.title, kind)
    else:
        response = HttpResponse(document.text, content_type=filetypes.TXT.content_type)
        name = filetypes.safe_file_name(document.title, filetypes.TXT)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
