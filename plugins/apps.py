from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PluginsConfig(AppConfig):
    name = "plugins"
    verbose_name = _("Plugin services")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import languages  # noqa: F401  (start-up checks of the catalogues)
        from .accounts import signals  # noqa: F401
        from .audit import admin as audit_admin  # noqa: F401  (read-only admin list)
        from .audit import signals as audit_signals

        audit_signals.connect()
