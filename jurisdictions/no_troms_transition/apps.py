from plugins.sdk import JurisdictionConfig


class NoTromsTransitionConfig(JurisdictionConfig):
    name = "jurisdictions.no_troms_transition"
    label = "no_troms_transition"
    verbose_name = "Overgangsplaner"
    jurisdiction = "jurisdictions.no_troms_transition.declaration.NoTromsTransitionJurisdiction"
