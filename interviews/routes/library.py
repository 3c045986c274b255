from django.urls import path

from ..views.placeholder import not_built_yet

urlpatterns = [
    path("questions/", not_built_yet, name="question_list"),
    path("questions/practice/", not_built_yet, name="question_practice"),
    path("questions/<int:pk>/practised/", not_built_yet, name="question_practised"),
    path("actions/", not_built_yet, name="action_list"),
    path("actions/<int:pk>/done/", not_built_yet, name="action_toggle"),
]
