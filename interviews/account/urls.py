from django.urls import path

from . import tokens, views

urlpatterns = [
    path("settings/", views.settings_page, name="settings"),
    path("settings/calendar/new-link/", views.calendar_regenerate, name="calendar_regenerate"),
    path("settings/reminders/", views.reminder_settings, name="reminder_settings"),
    path("settings/api-tokens/", tokens.api_token_list, name="api_token_list"),
    path("settings/api-tokens/new/", tokens.api_token_create, name="api_token_create"),
    path("settings/api-tokens/<int:pk>/", tokens.api_token_detail, name="api_token_detail"),
    path(
        "settings/api-tokens/<int:pk>/revoke/",
        tokens.api_token_revoke,
        name="api_token_revoke",
    ),
    path(
        "reminders/unsubscribe/<str:token>/",
        views.reminder_unsubscribe,
        name="reminder_unsubscribe",
    ),
    path("reminders/<int:pk>/dismiss/", views.reminder_dismiss, name="reminder_dismiss"),
]
