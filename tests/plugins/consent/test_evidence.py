"""The consent service answers on the signer's evidence, not on an HTTP request."""

import datetime

import pytest

from plugins import consent
from plugins.audit.models import AuditEvent
from plugins.consent.models import ConsentReceipt, ConsentRequest
from plugins.sdk import testing

from .conftest import TEXT

pytestmark = pytest.mark.django_db
SPEC = "case-approval"
Status = ConsentRequest.Status


def ask(case):
    return consent.request_consent(case, SPEC, content=TEXT)


def evidence_of(user, *, fresh=True, address="198.51.100.7"):
    return consent.Evidence(
        signer=user,
        verified_at=datetime.datetime(2026, 5, 4, 10, 0, tzinfo=datetime.UTC),
        method="Confirmed with a code from an authenticator app.",
        address=address,
        fresh=fresh,
    )


def test_evidence_of_a_request_reads_signer_factor_and_address(family, http):
    request = http(family.g1, address="192.0.2.44")
    evidence = consent.Evidence.of(request)
    assert evidence.signer.pk == family.g1.pk
    assert evidence.fresh is True
    assert evidence.address == "192.0.2.44"
    assert evidence.verified_at is not None
    assert abs(datetime.datetime.now(tz=datetime.UTC) - evidence.verified_at).total_seconds() < 60
    assert "authenticator app (TOTP)" in evidence.method
    assert evidence.request is request


def test_evidence_of_a_stale_request_is_not_fresh(family, http):
    assert consent.Evidence.of(http(family.g1, fresh=False)).fresh is False


def test_signing_on_evidence_needs_no_http_request(family):
    req = ask(family.case)
    receipt = consent.sign(req, evidence_of(family.g1))
    assert receipt.signer == family.g1 and receipt.decision == ConsentReceipt.Decision.SIGNED
    assert receipt.method == "Confirmed with a code from an authenticator app."
    assert receipt.address == "198.51.100.7"
    req.refresh_from_db()
    assert req.status == Status.SIGNED
    row = AuditEvent.objects.filter(action="sign").latest("pk")
    assert row.actor == family.g1 and row.address == "198.51.100.7"
    assert row.role == "guardian" and row.record_id == str(family.case.pk)


def test_stale_evidence_records_nothing(family):
    req = ask(family.case)
    with pytest.raises(consent.StepUpRequired):
        consent.sign(req, evidence_of(family.g1, fresh=False))
    assert not ConsentReceipt.objects.filter(request=req).exists()
    assert not AuditEvent.objects.filter(action="sign").exists()


def test_evidence_names_the_signer_who_is_checked(family):
    """The signer in the evidence is who must be allowed: a teacher's evidence signs nothing."""
    req = ask(family.case)
    with pytest.raises(consent.SignerNotAllowed):
        consent.sign(req, evidence_of(family.teacher))
    assert not ConsentReceipt.objects.filter(request=req).exists()


def test_refuse_withdraw_and_decide_take_evidence(family):
    req = ask(family.case)
    refused = consent.refuse(req, evidence_of(family.g1), reason="Not now.")
    assert refused.decision == ConsentReceipt.Decision.REFUSED and refused.reason == "Not now."
    assert AuditEvent.objects.filter(action="refuse-consent", actor=family.g1).exists()
    again = ask(family.case)
    assert again.pk != req.pk
    consent.decide(again, evidence_of(family.g2), ConsentReceipt.Decision.SIGNED)
    again.refresh_from_db()
    assert again.status == Status.SIGNED
    withdrawn = consent.withdraw(again, evidence_of(family.g2, address="203.0.113.9"))
    assert withdrawn.decision == ConsentReceipt.Decision.WITHDRAWN
    assert withdrawn.address == "203.0.113.9"
    row = AuditEvent.objects.filter(action="withdraw-consent").latest("pk")
    assert row.actor == family.g2 and row.address == "203.0.113.9"


def test_an_http_request_is_still_accepted(family, http):
    req = ask(family.case)
    receipt = consent.sign(req, http(family.g1, address="192.0.2.50"))
    assert receipt.address == "192.0.2.50" and "authenticator app" in receipt.method
    row = AuditEvent.objects.filter(action="sign").latest("pk")
    assert row.actor == family.g1 and row.address == "192.0.2.50"
    assert row.path == "/family/consents/"


def test_testing_helpers_pass_evidence(family):
    evidence = testing.verified_evidence(family.g1, address="192.0.2.77")
    assert evidence.fresh and evidence.signer.pk == family.g1.pk
    receipt = testing.sign_consent(family.case, SPEC, content=TEXT, evidence=evidence, fire=False)
    assert receipt.signer == family.g1 and receipt.address == "192.0.2.77"
    refused = testing.refuse_consent(
        family.case,
        SPEC,
        content=TEXT + " v2",
        reason="No.",
        evidence=testing.verified_evidence(family.g2),
    )
    assert refused.signer == family.g2 and refused.decision == ConsentReceipt.Decision.REFUSED
