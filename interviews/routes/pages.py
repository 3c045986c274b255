from django.urls import path

from ..views import pages

urlpatterns = [
    path("dashboard/", pages.dashboard, name="dashboard"),
]
