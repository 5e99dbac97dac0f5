"""Step-up resumes the action: after the fresh code, what was posted is done as posted."""

from urllib.parse import parse_qs, urlparse

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from plugins import consent
from plugins.accounts.stepup import PENDING_KEY, RESUME_PARAM
from plugins.consent.models import ConsentReceipt, ConsentRequest

from .conftest import TEXT
from .test_views import SPEC, answer_url


def _code(user) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def _ask(client, req, data):
    response = client.post(answer_url(req), data)
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.path == "/accounts/verify/"
    return parse_qs(location.query)["next"][0]


def test_a_stale_factor_then_a_code_signs_what_was_posted(family, verified_client):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    client = verified_client(family.g1, fresh=False)
    target = _ask(client, req, {"decision": "sign", "read": "on"})
    assert urlparse(target).path == answer_url(req)
    assert RESUME_PARAM in target
    assert not ConsentReceipt.objects.exists()

    response = client.post("/accounts/verify/", {"token": _code(family.g1), "next": target})
    assert response.status_code == 302 and response["Location"] == target
    response = client.get(target)
    assert response.status_code == 302
    receipt = ConsentReceipt.objects.get()
    assert (receipt.signer, receipt.decision) == (family.g1, "signed")
    req.refresh_from_db()
    assert req.status != ConsentRequest.Status.PENDING
    assert PENDING_KEY not in client.session or not client.session[PENDING_KEY]


def test_the_typed_reason_survives_the_code(family, verified_client):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    client = verified_client(family.g1, fresh=False)
    target = _ask(client, req, {"decision": "refuse", "refuse-reason": "Vi vil snakke først."})
    client.post("/accounts/verify/", {"token": _code(family.g1), "next": target})
    client.get(target)
    receipt = ConsentReceipt.objects.get()
    assert receipt.decision == "refused"
    assert receipt.reason == "Vi vil snakke først."


def test_the_key_is_used_once(family, verified_client):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    client = verified_client(family.g1, fresh=False)
    target = _ask(client, req, {"decision": "sign", "read": "on"})
    client.post("/accounts/verify/", {"token": _code(family.g1), "next": target})
    client.get(target)
    assert ConsentReceipt.objects.count() == 1
    # The same address again is a plain GET of a POST-only page: nothing more happens.
    response = client.get(target)
    assert response.status_code == 405
    assert ConsentReceipt.objects.count() == 1


def test_without_the_fresh_code_the_key_does_nothing(family, verified_client):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    client = verified_client(family.g1, fresh=False)
    target = _ask(client, req, {"decision": "sign", "read": "on"})
    response = client.get(target)
    assert response.status_code == 405
    assert not ConsentReceipt.objects.exists()


def test_another_session_cannot_use_the_key(family, verified_client):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    victim = verified_client(family.g1, fresh=False)
    target = _ask(victim, req, {"decision": "sign", "read": "on"})
    # The other guardian, freshly verified, follows a link carrying the key.
    attacker = verified_client(family.g2)
    response = attacker.get(target)
    assert response.status_code == 405
    assert not ConsentReceipt.objects.exists()
    # An anonymous visitor neither.
    assert Client().get(target).status_code in (302, 405)
    assert not ConsentReceipt.objects.exists()


def test_the_key_is_bound_to_the_address(family, verified_client):
    from tests.dummy_jurisdiction.models import Case

    req = consent.request_consent(family.case, SPEC, content=TEXT)
    second = Case.objects.create(student=family.student, status="shared", summary=TEXT)
    other = consent.request_consent(second, SPEC, content=TEXT + " (2)")
    client = verified_client(family.g1, fresh=False)
    target = _ask(client, req, {"decision": "sign", "read": "on"})
    key = parse_qs(urlparse(target).query)[RESUME_PARAM][0]
    client.post("/accounts/verify/", {"token": _code(family.g1), "next": target})
    response = client.get(f"{answer_url(other)}?{RESUME_PARAM}={key}")
    assert response.status_code == 405
    assert not ConsentReceipt.objects.exists()


def test_an_expired_key_does_nothing(family, verified_client, settings):
    settings.PORTAL_RESUME_SECONDS = -1
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    client = verified_client(family.g1, fresh=False)
    target = _ask(client, req, {"decision": "sign", "read": "on"})
    client.post("/accounts/verify/", {"token": _code(family.g1), "next": target})
    assert client.get(target).status_code == 405
    assert not ConsentReceipt.objects.exists()
