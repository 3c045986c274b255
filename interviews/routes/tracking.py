from django.urls import path

from ..views import applications, interviews

urlpatterns = [
    path("applications/", applications.application_list, name="application_list"),
    path("applications/board/", applications.application_board, name="application_board"),
    path("applications/new/", applications.application_create, name="application_create"),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", applications.application_update, name="application_update"),
    path(
        "applications/<int:pk>/delete/",
        applications.application_delete,
        name="application_delete",
    ),
    path("applications/<int:pk>/status/", applications.application_move, name="application_move"),
    path(
        "applications/<int:pk>/interviews/new/",
        interviews.interview_create,
        name="interview_create",
    ),
    path("interviews/<int:pk>/", interviews.interview_detail, name="interview_detail"),
    path("interviews/<int:pk>/edit/", interviews.interview_update, name="interview_update"),
    path("interviews/<int:pk>/delete/", interviews.interview_delete, name="interview_delete"),
]
