from django.utils.translation import gettext_lazy as _

from plugins.sdk import JurisdictionConfig


class NoTromsTransitionConfig(JurisdictionConfig):
    name = "jurisdictions.no_troms_transition"
    label = "no_troms_transition"
    verbose_name = _("Transition follow-up")
    jurisdiction = "jurisdictions.no_troms_transition.declaration.NoTromsTransitionJurisdiction"

    def ready(self):
        super().ready()
        from . import signals  # noqa: F401  (connects the consent receivers)
