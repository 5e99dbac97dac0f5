from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "portal.guidance"
    label = "guidance"
    verbose_name = _("Guidance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import caching

        caching.connect_signals()
