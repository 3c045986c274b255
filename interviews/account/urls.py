from django.urls import path

from . import views

urlpatterns = [
    path("settings/", views.settings_page, name="settings"),
    path("settings/calendar/new-link/", views.calendar_regenerate, name="calendar_regenerate"),
]
