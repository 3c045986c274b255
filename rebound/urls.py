from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from interviews.api import urls as api
from interviews.web import views as web

# The admin's own log-in form has no rate limit: send it through the site's log-in instead.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", web.home, name="home"),
    path("healthz/", web.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api.urlpatterns, "api-v1"))),
    path("", include("interviews.urls")),
]

handler404 = api.not_found
