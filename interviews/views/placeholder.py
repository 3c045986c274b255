"""A placeholder for routes whose pages are still being built."""

from django.http import HttpResponse


def not_built_yet(request, *args, **kwargs):
    return HttpResponse("This page is being built.", status=501)
