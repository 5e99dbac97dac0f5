"""Builders a plugin's conformance factory and tests need, so none imports a private name.

    from plugins.sdk import testing

    http = testing.verified_request(guardian)            # a POST with a fresh second factor
    evidence = testing.verified_evidence(guardian)       # the same, as consent evidence
    testing.sign_consent(case, "case-approval", signer=guardian, content=render(case))
    testing.sign_consent(app, "approval", fire=False)    # the signature only, not its step
    testing.refuse_consent(case, "case-approval", reason="Not now.")
    record = testing.in_state(factory, "Plan", "approved")

Everything here writes through the services' public functions, as the pages do.
"""

from __future__ import annotations

from django.test import RequestFactory


def verified_request(user, path: str = "/"):
    """A POST request of ``user`` whose second factor was verified just now (signing, step-up)."""
    from plugins.accounts import mark_second_factor_verified

    user = type(user)._default_manager.get(pk=user.pk)
    user.is_verified = lambda: True
    http = RequestFactory().post(path)
    http.user, http.session = user, {}
    mark_second_factor_verified(http)
    return http


def verified_evidence(user, *, address: str = "127.0.0.1"):
    """``plugins.consent.Evidence`` of ``user`` with a second factor verified just now."""
    import datetime

    from plugins.consent import Evidence

    user = type(user)._default_manager.get(pk=user.pk)
    return Evidence(
        signer=user,
        verified_at=datetime.datetime.now(tz=datetime.UTC),
        method="Signed in with password and second factor; identity confirmed again.",
        address=address,
        fresh=True,
    )


def _student_of(record):
    from plugins.audit import student_id_of
    from plugins.models import Student

    pk = student_id_of(record)
    return Student.objects.get(pk=pk) if pk else None


def _default_signer(record):
    from . import builders

    student = _student_of(record)
    if student is None:
        raise ValueError("Name the signer: this record belongs to no student.")
    return (
        builders.student_login(student) if student.is_of_age(18) else builders.guardian_of(student)
    )


def open_request(record, spec_code: str, *, content="Consent.", requested_by=None):
    """The current open request for ``spec_code`` on ``record``, asked for if there is none."""
    from plugins import consent

    req = consent.current_request(record, spec_code)
    if req is None or req.status != consent.ConsentRequest.Status.PENDING:
        req = consent.request_consent(record, spec_code, content=content, requested_by=requested_by)
    return req


def sign_consent(
    record, spec_code: str, *, signer=None, content="Consent.", fire: bool = True, evidence=None
):
    """Ask for ``spec_code`` on ``record`` and have ``signer`` (default: a guardian, or the
    student of age) sign it. ``fire=False`` records the signature only, without firing the
    step the consent unlocks (``fire_on_sign``), so a test can fire that step itself.
    ``evidence`` (``verified_evidence``, or an HTTP request) replaces the default: a
    verified request of the signer."""
    from plugins import consent

    req = open_request(record, spec_code, content=content)
    http = evidence if evidence is not None else verified_request(signer or _default_signer(record))
    if fire:
        return consent.sign(req, http)
    return consent.decide(req, http, consent.ConsentReceipt.Decision.SIGNED)


def refuse_consent(
    record, spec_code: str, *, signer=None, content="Consent.", reason: str = "", evidence=None
):
    """Ask for ``spec_code`` on ``record`` and have ``signer`` refuse it (``evidence`` as in
    ``sign_consent``)."""
    from plugins import consent

    req = open_request(record, spec_code, content=content)
    if evidence is None:
        evidence = verified_request(signer or _default_signer(record))
    return consent.refuse(req, evidence, reason=reason)


def in_state(factory, record_type: str, state: str, **traits):
    """A record of ``record_type`` in workflow ``state``, made by the plugin's conformance factory."""
    return factory.make_record(record_type, state=state, **traits)
