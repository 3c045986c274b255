"""The project's routes plus a leaking view without a name."""

from django.urls import path

from rebound.urls import urlpatterns as project

from . import leak

urlpatterns = [*project, path("leak/<int:pk>/", leak)]
