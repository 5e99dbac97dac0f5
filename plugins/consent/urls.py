"""Consent pages, mounted at /family/consents/ (namespace "consent")."""

from django.urls import path

from . import views

app_name = "consent"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/document/", views.document, name="document"),
    path("receipts/<int:pk>/", views.receipt_pdf, name="receipt"),
]
