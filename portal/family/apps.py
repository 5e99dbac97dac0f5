from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamilyConfig(AppConfig):
    name = "portal.family"
    label = "family"
    verbose_name = _("Family pages")
    default_auto_field = "django.db.models.BigAutoField"
