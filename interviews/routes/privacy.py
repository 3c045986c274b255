from django.urls import path

from ..views.placeholder import not_built_yet

urlpatterns = [
    path("settings/export.json", not_built_yet, name="data_export"),
    path("settings/import/", not_built_yet, name="data_import"),
    path("settings/delete-account/", not_built_yet, name="account_delete"),
    path("settings/log-out-everywhere/", not_built_yet, name="logout_everywhere"),
]
