from django.contrib import admin
from django.urls import include, path

from interviews.views import pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz/", pages.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("interviews.urls")),
]
