"""Fixtures for the consent tests: a family around one dummy case, and HTTP requests."""

import time
from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from plugins.accounts import VERIFIED_AT_KEY, mark_second_factor_verified
from plugins.registry import registry
from plugins.sdk import ConsentSpec
from plugins.sdk import builders as b
from tests.dummy_jurisdiction.models import Case

TEXT = "Ola får tilrettelegging i matematikk.\nPlanen gjelder skoleåret ut."


@pytest.fixture(autouse=True)
def english(settings):
    """Messages and pages in English, whatever the portal's default language."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def family(db):
    """A child of 12 with two guardians, a shared case, and people who must not sign."""
    st = b.student(age=12)
    other_child = b.student(age=12)
    return SimpleNamespace(
        student=st,
        g1=b.guardian_of(st),
        g2=b.guardian_of(st),
        case=Case.objects.create(student=st, status="shared", summary=TEXT),
        other_guardian=b.guardian_of(other_child),
        teacher=b.teacher_of(st),
        coordinator=b.role_holder("coordinator", st.school),
        child_login=b.student_login(st),
    )


@pytest.fixture
def specs(monkeypatch):
    """Extra consents on the dummy plugin, one per rule of who signs."""
    dummy = registry.get("dummy")
    extra = (
        ConsentSpec("all-sign", "Every guardian signs", record="Case", signers="all_guardians"),
        ConsentSpec(
            "any-sign",
            "One guardian signs",
            record="Case",
            signers="any_guardian",
            withdrawable=False,
        ),
        ConsentSpec("adult-sign", "The student signs", record="Case", signers="student_of_age"),
        ConsentSpec("named-sign", "A named person signs", record="Case", signers="named"),
    )
    monkeypatch.setattr(dummy, "consents", (*type(dummy).consents, *extra))
    return dummy


@pytest.fixture
def http(db):
    """Factory: ``http(user, fresh=True)`` is a POST request from ``user`` past the second factor.

    ``fresh=False``: the second factor was verified at sign-in, but too long ago for signing.
    """

    def make(user, *, fresh: bool = True, address: str = "192.0.2.10"):
        user = type(user).objects.get(pk=user.pk)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
        user.otp_device = device
        user.is_verified = lambda: True
        request = RequestFactory().post("/family/consents/", REMOTE_ADDR=address)
        request.user = user
        request.session = {}
        if fresh:
            mark_second_factor_verified(request)
        else:
            request.session[VERIFIED_AT_KEY] = int(time.time()) - 3600
        return request

    return make
