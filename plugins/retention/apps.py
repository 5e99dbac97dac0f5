from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "plugins.retention"
    label = "retention"
    verbose_name = _("Case retention")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import declare_to_access

        declare_to_access()
