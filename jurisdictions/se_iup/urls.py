from django.urls import path

from . import views

# Mounted by the portal under /j/se-iup/ with the URL namespace "se-iup".
app_name = "se_iup"
urlpatterns = [
    path("", views.plan_list, name="index"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
]
