from django.urls import path

from ..views.placeholder import not_built_yet

urlpatterns = [
    path("interviews/<int:pk>/reflect/", not_built_yet, name="reflect"),
    path("interviews/<int:pk>/reflect/<str:step>/", not_built_yet, name="reflect_step"),
    path("interviews/<int:pk>/reflect-start-over/", not_built_yet, name="reflect_start_over"),
]
