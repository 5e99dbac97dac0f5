from django.urls import path

from . import views

app_name = "drafts"
urlpatterns = [
    path("save/", views.save, name="save"),
    path("draft/", views.draft, name="draft"),
    path("discard/", views.discard, name="discard"),
    path("ping/", views.ping, name="ping"),
]
