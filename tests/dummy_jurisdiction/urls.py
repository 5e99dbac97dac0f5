from django.urls import path

from . import views

app_name = "dummy_jurisdiction"
urlpatterns = [
    path("", views.case_list, name="index"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
]
