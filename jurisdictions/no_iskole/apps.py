from plugins.sdk import JurisdictionConfig


class NoIskoleConfig(JurisdictionConfig):
    name = "jurisdictions.no_iskole"
    label = "no_iskole"
    verbose_name = "IOP"
    jurisdiction = "jurisdictions.no_iskole.declaration.NoIskoleJurisdiction"
