from plugins.sdk import JurisdictionConfig


class RsPravilnikConfig(JurisdictionConfig):
    name = "jurisdictions.rs_pravilnik"
    label = "rs_pravilnik"
    verbose_name = "ИОП"
    jurisdiction = "jurisdictions.rs_pravilnik.declaration.RsPravilnikJurisdiction"
