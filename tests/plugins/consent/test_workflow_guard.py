"""The dummy plugin's "approve" step is guarded by consent "case-approval" on the summary."""

import pytest

from plugins import consent
from plugins.workflow import GuardFailed, allowed_transitions, fire
from tests.dummy_jurisdiction.models import Case, CaseStatus

from .conftest import TEXT

pytestmark = pytest.mark.django_db
SPEC = "case-approval"


def names(user, case):
    return [t.name for t in allowed_transitions(user, case)]


def test_approve_is_refused_until_consent_is_given(family, http):
    with pytest.raises(GuardFailed, match="has not signed the approval"):
        fire(family.case, "approve", family.g1)  # never asked
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    with pytest.raises(GuardFailed):
        fire(family.case, "approve", family.g1)  # asked, not signed
    assert names(family.g1, family.case) == []
    family.case.refresh_from_db()
    assert family.case.status == CaseStatus.SHARED

    consent.sign(req, http(family.g2))
    assert names(family.g1, family.case) == ["approve"]
    fire(family.case, "approve", family.g1)
    family.case.refresh_from_db()
    assert family.case.status == CaseStatus.APPROVED


def test_a_refused_consent_keeps_approve_closed(family, http):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    consent.refuse(req, http(family.g1))
    with pytest.raises(GuardFailed):
        fire(family.case, "approve", family.g2)


def test_changing_the_summary_after_signing_closes_approve_again(family, http):
    consent.sign(consent.request_consent(family.case, SPEC, content=TEXT), http(family.g1))
    Case.objects.filter(pk=family.case.pk).update(summary=TEXT + " Endret etter signering.")
    with pytest.raises(GuardFailed):
        fire(family.case, "approve", family.g1)

    family.case.refresh_from_db()
    new = consent.request_consent(family.case, SPEC, content=family.case.summary)
    consent.sign(new, http(family.g1))
    fire(family.case, "approve", family.g1)
    family.case.refresh_from_db()
    assert family.case.status == CaseStatus.APPROVED
