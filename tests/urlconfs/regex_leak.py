"""The project's routes plus a leaking view written with re_path."""

from django.urls import re_path

from rebound.urls import urlpatterns as project

from . import leak

urlpatterns = [*project, re_path(r"^leak/(?P<pk>[0-9]+)/$", leak, name="leak")]
