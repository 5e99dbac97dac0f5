from django.urls import path

from . import views

# Mounted by the portal under /j/no-troms-transition/ with the URL namespace "no-troms-transition".
app_name = "no_troms_transition"
urlpatterns = [
    path("", views.plan_list, name="index"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
]
