from django.urls import path

from ..views.placeholder import not_built_yet

urlpatterns = [
    path("letters/", not_built_yet, name="letter_list"),
    path("interviews/<int:pk>/letters/new/", not_built_yet, name="letter_create"),
    path("letters/<int:pk>/", not_built_yet, name="letter_detail"),
    path("letters/<int:pk>/edit/", not_built_yet, name="letter_update"),
    path("letters/<int:pk>/print/", not_built_yet, name="letter_print"),
    path("letters/<int:pk>/download.eml", not_built_yet, name="letter_eml"),
    path("letters/<int:pk>/sent/", not_built_yet, name="letter_mark_sent"),
    path("letters/<int:pk>/response/", not_built_yet, name="letter_response"),
    path("letters/<int:pk>/delete/", not_built_yet, name="letter_delete"),
]
