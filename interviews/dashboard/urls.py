from django.urls import path

from . import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/recovering/", views.recovering_list, name="recovering_list"),
]
