from django.urls import path

from . import views

# Mounted by the portal under /j/rs-pravilnik/ with the URL namespace "rs-pravilnik".
app_name = "rs_pravilnik"
urlpatterns = [
    path("", views.plan_list, name="index"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
]
