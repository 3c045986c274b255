from django.urls import path

from . import views as library

urlpatterns = [
    path("questions/", library.question_list, name="question_list"),
    path("questions/new/", library.question_create, name="question_create"),
    path("questions/practice/", library.question_practice, name="question_practice"),
    path("questions/<int:pk>/edit/", library.question_update, name="question_update"),
    path("questions/<int:pk>/delete/", library.question_delete, name="question_delete"),
    path("questions/<int:pk>/practised/", library.question_practised, name="question_practised"),
    path("actions/", library.action_list, name="action_list"),
    path("actions/<int:pk>/done/", library.action_toggle, name="action_toggle"),
]
