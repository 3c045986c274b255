from django.urls import path

from ..views.placeholder import not_built_yet

urlpatterns = [
    path("settings/", not_built_yet, name="settings"),
    path("settings/calendar/new-link/", not_built_yet, name="calendar_regenerate"),
    path("calendar/<str:token>.ics", not_built_yet, name="calendar_feed"),
    path("applications/export.csv", not_built_yet, name="applications_export"),
    path("applications/interviews-export.csv", not_built_yet, name="interviews_export"),
    path("applications/import/", not_built_yet, name="applications_import"),
]
