from django.urls import path

from . import views

app_name = "retention"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("<int:pk>/close/", views.close_case, name="close"),
    path("<int:pk>/reopen/", views.reopen_case, name="reopen"),
    path("<int:pk>/delete/", views.delete_case, name="delete"),
]
