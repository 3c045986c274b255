"""Rebound's pages: each capability package brings its own routes."""

from django.urls import include, path

from .dashboard import urls as dashboard
from .letters import urls as letters
from .routes import account, library, privacy, tracking, wizard

app_name = "interviews"

urlpatterns = [
    path("", include(dashboard)),
    *tracking.urlpatterns,
    *account.urlpatterns,
    *wizard.urlpatterns,
    path("", include(letters)),
    *library.urlpatterns,
    *privacy.urlpatterns,
]
