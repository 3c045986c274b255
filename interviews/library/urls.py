from django.urls import path

from . import views as library

urlpatterns = [
    path("questions/", library.question_list, name="question_list"),
    path("questions/practice/", library.question_practice, name="question_practice"),
    path("questions/<int:pk>/practised/", library.question_practised, name="question_practised"),
    path("actions/", library.action_list, name="action_list"),
    path("actions/<int:pk>/done/", library.action_toggle, name="action_toggle"),
]
