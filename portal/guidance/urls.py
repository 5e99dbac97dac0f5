from django.urls import path

from . import views

app_name = "guidance"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("i18n/page/<int:page_id>/", views.page_in_language, name="page_in_language"),
]
