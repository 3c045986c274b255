from django.urls import path

from ..views import account, feed, imports

urlpatterns = [
    path("settings/", account.settings_page, name="settings"),
    path("settings/calendar/new-link/", account.calendar_regenerate, name="calendar_regenerate"),
    path("calendar/<str:token>.ics", feed.calendar_feed, name="calendar_feed"),
    path("applications/export.csv", imports.applications_export, name="applications_export"),
    path("applications/interviews-export.csv", imports.interviews_export, name="interviews_export"),
    path("applications/import/", imports.applications_import_upload, name="applications_import"),
    # The key names an upload kept in the user's own session, never a database row.
    path(
        "applications/import/<str:key>/",
        imports.applications_import_preview,
        name="applications_import_preview",
    ),
]
