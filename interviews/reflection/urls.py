from django.urls import path

from .offline_views import reflect_offline
from .sting_views import sting_check
from .views import keep_view, reflect_start_over, reflection_detail, wizard_view

urlpatterns = [
    path("interviews/<int:pk>/reflect/", wizard_view, name="reflect"),
    # Before the step route: "offline" would otherwise be read as the name of a step.
    path("interviews/<int:pk>/reflect/offline/", reflect_offline, name="reflect_offline"),
    path("interviews/<int:pk>/reflect/<slug:step>/", wizard_view, name="reflect_step"),
    path("interviews/<int:pk>/reflect/<slug:step>/keep/", keep_view, name="reflect_keep"),
    path("interviews/<int:pk>/reflection/", reflection_detail, name="reflection_detail"),
    path("interviews/<int:pk>/sting/", sting_check, name="sting_check"),
    path("interviews/<int:pk>/reflect-start-over/", reflect_start_over, name="reflect_start_over"),
]
