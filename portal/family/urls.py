from django.urls import path

from . import views

app_name = "family"
urlpatterns = [
    path("", views.index, name="index"),
    path("children/<int:pk>/", views.child, name="child"),
    path("children/<int:pk>/access-log/", views.access_log, name="access_log"),
    path(
        "children/<int:pk>/guardians/<int:relation_pk>/access/",
        views.guardian_access,
        name="guardian_access",
    ),
]
