from django.urls import path

from . import views

app_name = "dummy_jurisdiction"
urlpatterns = [
    path("", views.case_list, name="index"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case-edit"),
    path("cases/<int:pk>/upload/", views.case_upload, name="case-upload"),
    path("cases/<int:pk>/pdf/", views.case_pdf, name="case-pdf"),
    path("cases/<int:pk>/steps/<slug:name>/", views.case_step, name="case-step"),
]
