from django.urls import path

from .views import keep_view, reflect_start_over, reflection_detail, wizard_view

urlpatterns = [
    path("interviews/<int:pk>/reflect/", wizard_view, name="reflect"),
    path("interviews/<int:pk>/reflect/<slug:step>/", wizard_view, name="reflect_step"),
    path("interviews/<int:pk>/reflect/<slug:step>/keep/", keep_view, name="reflect_keep"),
    path("interviews/<int:pk>/reflection/", reflection_detail, name="reflection_detail"),
    path("interviews/<int:pk>/reflect-start-over/", reflect_start_over, name="reflect_start_over"),
]
