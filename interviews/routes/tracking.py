from django.urls import path

from ..views.placeholder import not_built_yet

urlpatterns = [
    path("applications/", not_built_yet, name="application_list"),
    path("applications/board/", not_built_yet, name="application_board"),
    path("applications/new/", not_built_yet, name="application_create"),
    path("applications/<int:pk>/", not_built_yet, name="application_detail"),
    path("applications/<int:pk>/edit/", not_built_yet, name="application_update"),
    path("applications/<int:pk>/delete/", not_built_yet, name="application_delete"),
    path("applications/<int:pk>/status/", not_built_yet, name="application_move"),
    path("applications/<int:pk>/interviews/new/", not_built_yet, name="interview_create"),
    path("interviews/<int:pk>/", not_built_yet, name="interview_detail"),
    path("interviews/<int:pk>/edit/", not_built_yet, name="interview_update"),
    path("interviews/<int:pk>/delete/", not_built_yet, name="interview_delete"),
]
