from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "plugins.documents"
    label = "documents"
    verbose_name = _("Documents and PDF")
    default_auto_field = "django.db.models.BigAutoField"
