"""Rebound's pages: each capability package brings its own routes."""

from django.urls import include, path

from .account import urls as account
from .api import docs as api_docs
from .dashboard import urls as dashboard
from .letters import urls as letters
from .library import urls as library
from .privacy import urls as privacy
from .reflection import urls as reflection
from .tracking import urls as tracking
from .web import urls as web

app_name = "interviews"

urlpatterns = [
    path("", include(dashboard)),
    path("", include(tracking)),
    path("", include(account)),
    path("", include(reflection)),
    path("", include(letters)),
    path("", include(library)),
    path("", include(privacy)),
    path("", include(web)),
    path("", include(api_docs)),
]
