from plugins.sdk import JurisdictionConfig


class SeIupConfig(JurisdictionConfig):
    name = "jurisdictions.se_iup"
    label = "se_iup"
    verbose_name = "IUP"
    jurisdiction = "jurisdictions.se_iup.declaration.SeIupJurisdiction"
