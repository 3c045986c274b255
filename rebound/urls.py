from django.contrib import admin
from django.urls import include, path

from interviews.web import views as web

urlpatterns = [
    path("", web.home, name="home"),
    path("healthz/", web.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("interviews.urls")),
]
