"""Mounted at /files/ (``/documents/`` belongs to Wagtail's documents)."""

from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("<uuid:uuid>/download/", views.download, name="download"),
    path("bundles/<uuid:uuid>/", views.bundle_progress, name="bundle"),
    path("bundles/<uuid:uuid>/status/", views.bundle_status, name="bundle-status"),
    path("bundles/<uuid:uuid>/download/", views.bundle_download, name="bundle-download"),
    path("bundles/<uuid:uuid>/retry/", views.bundle_retry, name="bundle-retry"),
]
