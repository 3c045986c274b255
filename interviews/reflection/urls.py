from django.urls import path

from .views import reflect_start_over, wizard_view

urlpatterns = [
    path("interviews/<int:pk>/reflect/", wizard_view, name="reflect"),
    path("interviews/<int:pk>/reflect/<slug:step>/", wizard_view, name="reflect_step"),
    path("interviews/<int:pk>/reflect-start-over/", reflect_start_over, name="reflect_start_over"),
]
