from django.urls import path

from . import views

# Mounted by the portal under /j/no-iskole/ with the URL namespace "no-iskole".
app_name = "no_iskole"
urlpatterns = [
    path("", views.plan_list, name="index"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
]
