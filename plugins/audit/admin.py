"""The audit trail in Django's admin: a read-only list, no add, change or delete."""

from __future__ import annotations

from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = (
        "at",
        "actor_name",
        "role",
        "action",
        "attempted",
        "outcome",
        "jurisdiction",
        "record_type",
        "record_id",
        "student",
        "address",
    )
    list_filter = ("action", "outcome", "jurisdiction", "record_type")
    search_fields = ("actor_name", "record_id", "address")
    date_hierarchy = "at"
    list_select_related = ("student__person",)
    list_per_page = 50
    actions = None

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
