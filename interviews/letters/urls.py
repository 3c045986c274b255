from django.urls import path

from . import views as letters

urlpatterns = [
    path("letters/", letters.letter_list, name="letter_list"),
    path("letters/new/", letters.letter_new, name="letter_new"),
    path("interviews/<int:pk>/letters/new/", letters.letter_create, name="letter_create"),
    path("letters/<int:pk>/", letters.letter_detail, name="letter_detail"),
    path("letters/<int:pk>/edit/", letters.letter_update, name="letter_update"),
    path("letters/<int:pk>/tone/", letters.letter_tone, name="letter_tone"),
    path("letters/<int:pk>/print/", letters.letter_print, name="letter_print"),
    path("letters/<int:pk>/download.eml", letters.letter_eml, name="letter_eml"),
    path("letters/<int:pk>/sent/", letters.letter_mark_sent, name="letter_mark_sent"),
    path("letters/<int:pk>/response/", letters.letter_response, name="letter_response"),
    path("letters/<int:pk>/delete/", letters.letter_delete, name="letter_delete"),
]
