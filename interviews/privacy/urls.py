from django.urls import include, path

from . import views as privacy
from .mentor import urls as mentor

urlpatterns = [
    path("settings/export.zip", privacy.data_export, name="data_export"),
    path("settings/import/", privacy.data_import, name="data_import"),
    path("settings/delete-account/", privacy.account_delete, name="account_delete"),
    path("settings/log-out-everywhere/", privacy.logout_everywhere, name="logout_everywhere"),
    path("", include(mentor)),
]
