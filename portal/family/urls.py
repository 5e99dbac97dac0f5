from django.urls import path

from . import views

app_name = "family"
urlpatterns = [
    path("", views.index, name="index"),
    path("children/<int:pk>/", views.child, name="child"),
    path("children/<int:pk>/access-log/", views.access_log, name="access_log"),
    path("children/<int:pk>/data/", views.data_export, name="data_export"),
    path("children/<int:pk>/data.json", views.data_export_json, name="data_export_json"),
    path("children/<int:pk>/data.pdf", views.data_export_pdf, name="data_export_pdf"),
    path(
        "children/<int:pk>/guardians/<int:relation_pk>/access/",
        views.guardian_access,
        name="guardian_access",
    ),
]
