from django.urls import path

from . import (
    agenda,
    capture_views,
    contacts,
    csv_views,
    documents,
    feed,
    history,
    invite_views,
    views,
)

urlpatterns = [
    path("applications/", views.application_list, name="application_list"),
    path("applications/board/", views.application_board, name="application_board"),
    path("applications/new/", views.application_create, name="application_create"),
    path(
        "applications/capture/",
        capture_views.application_capture,
        name="application_capture",
    ),
    path(
        "applications/capture/paste/",
        capture_views.application_capture_paste,
        name="application_capture_paste",
    ),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", views.application_update, name="application_update"),
    path(
        "applications/<int:pk>/delete/",
        views.application_delete,
        name="application_delete",
    ),
    path("applications/<int:pk>/status/", views.application_move, name="application_move"),
    path(
        "applications/<int:pk>/history/",
        history.application_history,
        name="application_history",
    ),
    path(
        "applications/<int:pk>/archive/",
        history.application_archive_toggle,
        name="application_archive",
    ),
    path(
        "applications/bulk-status/",
        history.applications_bulk_status,
        name="applications_bulk_status",
    ),
    path(
        "applications/<int:pk>/interviews/new/",
        views.interview_create,
        name="interview_create",
    ),
    path("contacts/", contacts.contact_list, name="contact_list"),
    path("contacts/new/", contacts.contact_create, name="contact_create"),
    path("contacts/export.csv", contacts.contacts_export, name="contacts_export"),
    path("contacts/<int:pk>/", contacts.contact_detail, name="contact_detail"),
    path("contacts/<int:pk>/edit/", contacts.contact_update, name="contact_update"),
    path("contacts/<int:pk>/delete/", contacts.contact_delete, name="contact_delete"),
    path(
        "applications/<int:pk>/contacts/link/",
        contacts.application_contact_link,
        name="application_contact_link",
    ),
    path(
        "applications/<int:pk>/contacts/unlink/",
        contacts.application_contact_unlink,
        name="application_contact_unlink",
    ),
    path("interviews/", agenda.interview_list, name="interview_list"),
    path("interviews/<int:pk>/", views.interview_detail, name="interview_detail"),
    path("interviews/<int:pk>/edit/", views.interview_update, name="interview_update"),
    path("interviews/<int:pk>/delete/", views.interview_delete, name="interview_delete"),
    path("interviews/import/", invite_views.invites_import_upload, name="invites_import"),
    # As for the CSV import, the key names invites kept in the user's own session.
    path(
        "interviews/import/<str:key>/",
        invite_views.invites_import_preview,
        name="invites_import_preview",
    ),
    path("calendar/<str:token>.ics", feed.calendar_feed, name="calendar_feed"),
    path("applications/export.csv", csv_views.applications_export, name="applications_export"),
    path(
        "applications/interviews-export.csv",
        csv_views.interviews_export,
        name="interviews_export",
    ),
    path(
        "applications/history-export.csv",
        csv_views.history_export,
        name="history_export",
    ),
    path("applications/import/", csv_views.applications_import_upload, name="applications_import"),
    # The key names an upload kept in the user's own session, never a database row.
    path(
        "applications/import/<str:key>/",
        csv_views.applications_import_preview,
        name="applications_import_preview",
    ),
    path(
        "applications/<int:pk>/documents/",
        documents.document_list,
        name="document_list",
    ),
    path(
        "applications/<int:pk>/documents/new/",
        documents.document_create,
        name="document_create",
    ),
    path("documents/<int:pk>/edit/", documents.document_update, name="document_update"),
    path("documents/<int:pk>/sent/", documents.document_sent, name="document_sent"),
    path("documents/<int:pk>/delete/", documents.document_delete, name="document_delete"),
    path("documents/<int:pk>/download/", documents.document_download, name="document_download"),
]
