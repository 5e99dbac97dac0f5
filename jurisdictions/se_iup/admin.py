"""Mentorships are appointed in the Django admin (/django-admin/) until a page for leaders exists."""

from django.contrib import admin

from .models import Mentorship


@admin.register(Mentorship)
class MentorshipAdmin(admin.ModelAdmin):
    list_display = ("mentor", "group")
    list_select_related = ("mentor", "group__school")
    autocomplete_fields = ()
    raw_id_fields = ("mentor", "group", "assigned_by")
    search_fields = ("mentor__family_name", "mentor__given_name", "group__name")
