from plugins.sdk import JurisdictionConfig


class DummyJurisdictionConfig(JurisdictionConfig):
    name = "tests.dummy_jurisdiction"
    label = "dummy_jurisdiction"
    jurisdiction = "tests.dummy_jurisdiction.declaration.DummyJurisdiction"
