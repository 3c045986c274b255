"""Limits that belong to no model field: how long a list page is, how big an upload can be."""

from django.core.paginator import Paginator

PAGE_SIZE = 25
MAX_UPLOAD_MB = 2
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024


def page_of(request, items):
    """Return the page of items the request's ?page= asks for (the last for too large)."""
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
