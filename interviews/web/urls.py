"""Routes at the root of the site that make Rebound installable."""

from django.urls import path

from . import pwa

urlpatterns = [
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("offline/", pwa.offline, name="offline"),
]
