from django.utils.translation import gettext_lazy as _

from plugins.sdk import JurisdictionConfig


class SeIupConfig(JurisdictionConfig):
    name = "jurisdictions.se_iup"
    label = "se_iup"
    verbose_name = _("Individual development plan (IUP)")
    jurisdiction = "jurisdictions.se_iup.declaration.SeIupJurisdiction"

    def ready(self):
        super().ready()
        from plugins import notifications

        notifications.register_kind("iup-comment", _("A comment on an individual development plan"))
