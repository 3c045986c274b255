"""Rebound's pages, one route module per area."""

from .routes import account, letters, library, pages, privacy, tracking, wizard

app_name = "interviews"

urlpatterns = [
    *pages.urlpatterns,
    *tracking.urlpatterns,
    *account.urlpatterns,
    *wizard.urlpatterns,
    *letters.urlpatterns,
    *library.urlpatterns,
    *privacy.urlpatterns,
]
