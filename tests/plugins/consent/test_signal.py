"""``consent_decided``: sent once per decision, with the receipt, inside the decision's transaction."""

import pytest

from plugins import consent
from plugins.consent.models import ConsentReceipt, ConsentRequest
from plugins.consent.signals import consent_decided

from .conftest import TEXT

pytestmark = pytest.mark.django_db
SPEC = "case-approval"


@pytest.fixture
def heard():
    calls = []

    def listen(sender, **kwargs):
        calls.append((sender, kwargs))

    consent_decided.connect(listen, dispatch_uid="test-heard")
    yield calls
    consent_decided.disconnect(dispatch_uid="test-heard")


def test_each_decision_is_sent_once_with_its_receipt(family, http, heard):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    assert heard == []  # asking decides nothing

    receipt = consent.sign(req, http(family.g1))
    [(sender, sent)] = heard
    assert sender is ConsentRequest
    assert sent["decision"] == "signed" and sent["receipt"] == receipt
    assert sent["consent_request"].pk == req.pk
    assert sent["consent_request"].status == ConsentRequest.Status.SIGNED

    withdrawal = consent.withdraw(req, http(family.g1), reason="We changed our minds")
    assert len(heard) == 2
    assert heard[1][1]["decision"] == "withdrawn" and heard[1][1]["receipt"] == withdrawal
    assert heard[1][1]["consent_request"].status == ConsentRequest.Status.WITHDRAWN


def test_a_refused_step_up_sends_nothing(family, http, heard):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    with pytest.raises(consent.StepUpRequired):
        consent.refuse(req, http(family.g1, fresh=False), reason="No")
    assert heard == [] and not ConsentReceipt.objects.exists()


def test_a_receiver_that_fails_undoes_the_decision(family, http):
    req = consent.request_consent(family.case, SPEC, content=TEXT)

    def fail(sender, **kwargs):
        raise RuntimeError("the plugin's record could not follow")

    consent_decided.connect(fail, dispatch_uid="test-fail")
    try:
        with pytest.raises(RuntimeError):
            consent.sign(req, http(family.g1))
    finally:
        consent_decided.disconnect(dispatch_uid="test-fail")
    req.refresh_from_db()
    assert req.status == ConsentRequest.Status.PENDING
    assert not ConsentReceipt.objects.exists()
