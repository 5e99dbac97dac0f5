"""Raise consent requests, record decisions on them, and answer "is consent given?".

Who may sign is read from the relations the access rules use (``GuardianOf``,
``StudentSelf``) against the jurisdiction's age of majority, each time it is
asked: the day a student comes of age, signing moves from the guardians to
the student without anything being changed in the database.

What is signed is in the signer's language: a plugin passes ``content`` as a
function ``render(language) -> str`` and the service keeps one version per
language the jurisdiction signs in (``Jurisdiction.signing_language_codes``),
each rendered under ``translation.override(language)`` and pinned by its own
SHA-256. A receipt names the language and fingerprint of the version the
person read.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plugins import accounts, audit
from plugins.access.relations import GuardianOf, StudentSelf
from plugins.guards import Guard
from plugins.models import GuardianRelation, Person, Student
from plugins.registry import registry

from .models import ConsentReceipt, ConsentRequest, ConsentVersion, Signers
from .signals import consent_decided

Status = ConsentRequest.Status
Decision = ConsentReceipt.Decision

#: Audit actions for the three decisions.
AUDIT_ACTIONS = {
    Decision.SIGNED: "sign",
    Decision.REFUSED: "refuse-consent",
    Decision.WITHDRAWN: "withdraw-consent",
}

#: The capacities a person signs in, for receipts and pages.
ROLE_LABELS = {
    "guardian": gettext_lazy("guardian"),
    "student": gettext_lazy("the student"),
    "named": gettext_lazy("named signer"),
}

_guardian = GuardianOf()
_student_of_age = StudentSelf(of_age=True)
_family = GuardianOf() | StudentSelf()


class ConsentError(Exception):
    """The decision was not recorded. ``str()`` is a message for the person."""


class SignerNotAllowed(ConsentError):
    """The person is not one of those who may sign this request."""


class StepUpRequired(ConsentError, accounts.StepUpRequired):
    """The person must confirm a second factor again before deciding."""


class NotOpen(ConsentError):
    """The request takes no such decision now (already answered, replaced, not withdrawable)."""


class VersionMismatch(NotOpen):
    """The text the person read is not a version of this request: nothing is recorded."""


# -- the document and its fingerprint ---------------------------------------------------


def _as_bytes(content, media_type: str | None) -> tuple[bytes, str]:
    if isinstance(content, str):
        return content.encode("utf-8"), media_type or "text/plain"
    if isinstance(content, bytes | bytearray | memoryview):
        data = bytes(content)
    else:
        raise TypeError("Consent content must be text or bytes: exactly what the signer is shown.")
    if media_type:
        return data, media_type
    if data.startswith(b"%PDF-"):
        return data, "application/pdf"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data, "application/octet-stream"
    return data, "text/plain"


def fingerprint(content) -> str:
    """SHA-256 (hex) of the document as shown; text is hashed as UTF-8."""
    return hashlib.sha256(_as_bytes(content, None)[0]).hexdigest()


# -- the declaration behind a request ------------------------------------------------------


def spec_for(jurisdiction, spec_code: str):
    for spec in jurisdiction.consents:
        if spec.code == spec_code:
            return spec
    raise LookupError(f"Jurisdiction {jurisdiction.code!r} declares no consent {spec_code!r}.")


def jurisdiction_of(req: ConsentRequest):
    """The request's jurisdiction, or a stand-in with the portal's age of majority."""
    if req.jurisdiction in registry:
        return registry.get(req.jurisdiction)
    return SimpleNamespace(
        code=req.jurisdiction,
        name=req.jurisdiction,
        age_of_majority=settings.PORTAL_DEFAULT_AGE_OF_MAJORITY,
        consents=(),
        signing_language_codes=lambda: tuple(code for code, _n in settings.LANGUAGES),
        official_language_code=lambda: settings.LANGUAGE_CODE,
    )


def spec_of(req: ConsentRequest):
    try:
        return spec_for(jurisdiction_of(req), req.spec_code)
    except LookupError:
        return None


def record_of(req: ConsentRequest):
    """The record the request is about, or None when its plugin or the record is gone."""
    jurisdiction = jurisdiction_of(req)
    try:
        model = jurisdiction.record_model(req.record_type)
    except (AttributeError, KeyError):
        return None
    return model._default_manager.filter(pk=req.record_id).first()


def _key(record) -> tuple:
    jurisdiction, name = registry.for_record(record)
    return jurisdiction, name, str(record.pk)


def _current_qs(record, spec_code: str):
    jurisdiction, name, record_id = _key(record)
    return ConsentRequest.objects.filter(
        jurisdiction=jurisdiction.code,
        record_type=name,
        record_id=record_id,
        spec_code=spec_code,
        is_current=True,
    )


def current_request(record, spec_code: str) -> ConsentRequest | None:
    """The request that counts now for ``spec_code`` on ``record`` (None if never asked)."""
    return _current_qs(record, spec_code).first()


def requests_for(record, spec_code: str | None = None):
    """Every request about ``record``, newest first, replaced ones included."""
    jurisdiction, name, record_id = _key(record)
    qs = ConsentRequest.objects.filter(
        jurisdiction=jurisdiction.code, record_type=name, record_id=record_id
    )
    if spec_code:
        qs = qs.filter(spec_code=spec_code)
    return qs.select_related("student__person").prefetch_related("receipts")


# -- languages and versions -----------------------------------------------------------------


def normalize_language(code: str | None) -> str:
    """A portal language code for ``code`` ("nb-NO" -> "nb", "sr-Cyrl" -> "sr-cyrl"), or ""."""
    if not code:
        return ""
    try:
        return translation.get_supported_language_variant(str(code).lower())
    except LookupError:
        return ""


def signing_languages(jurisdiction) -> tuple[str, ...]:
    return tuple(jurisdiction.signing_language_codes())


def official_language(jurisdiction) -> str:
    return jurisdiction.official_language_code()


def _render_versions(jurisdiction, content, media_type, language) -> dict[str, tuple]:
    """{language: (bytes, media type, sha256)} for ``content`` (a render function or one text)."""
    if callable(content):
        found = {}
        for lang in signing_languages(jurisdiction):
            with translation.override(lang):
                data, media = _as_bytes(content(lang), media_type)
            found[lang] = (data, media, hashlib.sha256(data).hexdigest())
        return found
    lang = normalize_language(language) or official_language(jurisdiction)
    data, media = _as_bytes(content, media_type)
    return {lang: (data, media, hashlib.sha256(data).hexdigest())}


def versions_of(req: ConsentRequest) -> list[ConsentVersion]:
    """The request's document in each language, or its one legacy document as a version."""
    found = list(req.versions.all())
    if found:
        return found
    return [
        ConsentVersion(
            request=req,
            language=req.language or official_language(jurisdiction_of(req)),
            content=req.content,
            media_type=req.media_type,
            content_hash=req.content_hash,
        )
    ]


def version_for(req: ConsentRequest, language: str | None = None) -> ConsentVersion:
    """The version a reader of ``language`` (default: the active language) is shown.

    Their own language when the request has it; else the version in the
    jurisdiction's official language (the request's own document).
    """
    found = versions_of(req)
    wanted = normalize_language(language or translation.get_language())
    by_language = {v.language: v for v in found}
    if wanted in by_language:
        return by_language[wanted]
    fallback = req.language or official_language(jurisdiction_of(req))
    return by_language.get(fallback) or found[0]


def version_by_hash(
    req: ConsentRequest, content_hash: str, language: str | None = None
) -> ConsentVersion | None:
    """The version with fingerprint ``content_hash``; None when the request has none.

    Two languages may give the same text (a catalogue without the strings):
    then the one in ``language`` (default: the active language) is taken.
    """
    found = [v for v in versions_of(req) if v.content_hash == content_hash]
    wanted = normalize_language(language or translation.get_language())
    for version in found:
        if version.language == wanted:
            return version
    return found[0] if found else None


def matches(req: ConsentRequest, content) -> bool:
    """Is ``content`` the document of ``req`` as it reads now?

    A render function must give every version of the request exactly again
    (in each version's language); one text or file must be one of its versions.
    """
    found = versions_of(req)
    if callable(content):
        for version in found:
            with translation.override(version.language):
                data, _media = _as_bytes(content(version.language), None)
            if hashlib.sha256(data).hexdigest() != version.content_hash:
                return False
        return True
    digest = fingerprint(content)
    return any(v.content_hash == digest for v in found)


def _person(who) -> Person | None:
    if who is None or isinstance(who, Person):
        return who
    return getattr(who, "person", None)


# -- asking -----------------------------------------------------------------------------------


@transaction.atomic
def request_consent(
    record,
    spec_code: str,
    *,
    content,
    requested_by=None,
    named_signer=None,
    media_type: str | None = None,
    language: str | None = None,
) -> ConsentRequest:
    """Ask for consent ``spec_code`` on exactly ``content`` (what the signer is shown).

    ``content`` is a function ``render(language) -> str`` (or bytes): it is
    called once per language the jurisdiction signs in, under
    ``translation.override(language)``, and each text is kept as a version
    with its own fingerprint. Text or bytes instead are one version, in
    ``language`` (default: the jurisdiction's official language).

    Idempotent while nothing changed: the same versions for a request that is
    pending or signed returns that request. Changed content (or asking again
    after a refusal or withdrawal) replaces the current request with a new,
    pending one; a signature on the old version no longer counts.
    ``named_signer`` (a Person or a user) is needed when the spec's signers
    are ``named``.
    """
    jurisdiction, name, record_id = _key(record)
    spec = spec_for(jurisdiction, spec_code)
    if spec.record != name:
        raise ValueError(f"Consent {spec_code!r} is declared for {spec.record}, not {name}.")
    if spec.signers not in Signers.values:
        raise ValueError(
            f"Consent {spec_code!r} names unknown signers {spec.signers!r}; "
            f"use one of {', '.join(Signers.values)}."
        )
    person = _person(named_signer)
    if spec.signers == Signers.NAMED and person is None:
        raise ValueError(f"Consent {spec_code!r} is signed by a named person: pass named_signer.")
    if spec.signers != Signers.NAMED:
        person = None
    rendered = _render_versions(jurisdiction, content, media_type, language)
    primary = official_language(jurisdiction)
    if primary not in rendered:
        primary = next(iter(rendered))
    data, media, digest = rendered[primary]
    student_pk = audit.student_id_of(record)
    if student_pk is None:
        raise ValueError(f"{name} {record_id} has no student.")

    current = _current_qs(record, spec_code).select_for_update().first()
    if (
        current is not None
        and {v.language: v.content_hash for v in versions_of(current)}
        == {lang: found[2] for lang, found in rendered.items()}
        and current.status in (Status.PENDING, Status.SIGNED)
        and current.named_signer_id == (person.pk if person else None)
    ):
        return current
    if current is not None:
        current.is_current = False
        if current.status in (Status.PENDING, Status.SIGNED):
            current.status = Status.SUPERSEDED
        current.save(update_fields=["is_current", "status"])
    new = ConsentRequest.objects.create(
        jurisdiction=jurisdiction.code,
        spec_code=spec_code,
        record_type=name,
        record_id=record_id,
        student_id=student_pk,
        signers=spec.signers,
        named_signer=person,
        content=data,
        media_type=media,
        content_hash=digest,
        language=primary,
        requested_by=requested_by if getattr(requested_by, "is_authenticated", False) else None,
    )
    for lang, (version_data, version_media, version_hash) in rendered.items():
        ConsentVersion.objects.create(
            request=new,
            language=lang,
            content=version_data,
            media_type=version_media,
            content_hash=version_hash,
        )
    if current is not None:
        current.superseded_by = new
        current.save(update_fields=["superseded_by"])
    audit.record(None, "create", record=record, actor=requested_by)
    return new


def is_granted(record, spec_code: str, content=None) -> bool:
    """Is consent ``spec_code`` on ``record`` signed, for the current version?

    Give ``content`` (the document as it is now: the render function given to
    ``request_consent``, or one text) to make sure the signature is for exactly
    this version: a document changed after signing answers False even before
    the plugin has asked again.
    """
    if getattr(record, "pk", None) is None:
        return False
    try:
        req = current_request(record, spec_code)
    except LookupError:
        return False
    if req is None or req.status != Status.SIGNED:
        return False
    return content is None or matches(req, content)


def consent_guard(spec_code: str, content=None, *, label: str = "", message=None):
    """A workflow ``Guard`` that holds once consent ``spec_code`` is signed.

    ``content`` is a function of the record returning the document as it is
    now (a render function of the language, or one text), so a changed
    document fails the guard until it is signed again.
    """

    def test(record) -> bool:
        return is_granted(record, spec_code, content(record) if content else None)

    return Guard(
        label or f"consent {spec_code} signed",
        test,
        message or gettext_lazy("This needs the family's consent first."),
    )


# -- who may sign -----------------------------------------------------------------------------


def _is_minor(req: ConsentRequest, jurisdiction) -> bool:
    return not req.student.is_of_age(jurisdiction.age_of_majority)


def signer_role(user, req: ConsentRequest) -> str:
    """In which capacity ``user`` may decide on ``req`` now: guardian, student, named, or ""."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ""
    person = getattr(user, "person", None)
    if person is None:
        return ""
    if req.signers == Signers.NAMED:
        return "named" if req.named_signer_id == person.pk else ""
    jurisdiction = jurisdiction_of(req)
    student = req.student
    if req.signers in (Signers.ANY_GUARDIAN, Signers.ALL_GUARDIANS, Signers.GUARDIAN_OR_STUDENT):
        # A guardian signs only while the student is under age, even with access granted.
        if _is_minor(req, jurisdiction) and _guardian.test(user, student, jurisdiction):
            return "guardian"
    if req.signers in (Signers.STUDENT_OF_AGE, Signers.GUARDIAN_OR_STUDENT):
        if _student_of_age.test(user, student, jurisdiction):
            return "student"
    return ""


def required_guardians(req: ConsentRequest) -> set[int]:
    """User ids of every guardian who must sign an ``all_guardians`` request.

    Every guardian with a login while the student is under age; nobody once
    the student is of age (then an ``all_guardians`` request cannot be signed).
    """
    if not _is_minor(req, jurisdiction_of(req)):
        return set()
    return set(
        GuardianRelation.objects.filter(
            student_id=req.student_id,
            guardian__user__isnull=False,
            guardian__user__is_active=True,
        ).values_list("guardian__user_id", flat=True)
    )


def signed_by(req: ConsentRequest) -> set[int]:
    return set(
        req.receipts.filter(decision=Decision.SIGNED).values_list("signer_id", flat=True)
    ) - {None}


def has_signed(user, req: ConsentRequest) -> bool:
    return req.receipts.filter(signer_id=user.pk, decision=Decision.SIGNED).exists()


def may_view(user, req: ConsentRequest) -> bool:
    """Signers, anyone who decided on it, and the child's family (the student, guardians with access)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if signer_role(user, req):
        return True
    if req.receipts.filter(signer_id=user.pk).exists():
        return True
    return _family.test(user, req.student, jurisdiction_of(req))


def may_download_receipt(user, receipt: ConsentReceipt) -> tuple[bool, str]:
    """(allowed, role): the family side as for ``may_view``; staff through the matrix.

    Staff need the plugin's ``download`` permission on the record the consent is about.
    """
    from plugins.access import can, role_used

    req = receipt.request
    if may_view(user, req):
        if receipt.signer_id == user.pk:
            return True, receipt.signer_role
        return True, signer_role(user, req) or family_role(user, req)
    record = record_of(req)
    if record is not None and can(user, "download", record):
        return True, role_used(user, "download", record)
    return False, ""


def family_role(user, req) -> str:
    person = getattr(user, "person", None)
    if person is not None and req.student.person_id == person.pk:
        return "student"
    return "guardian"


def may_withdraw(user, req: ConsentRequest) -> bool:
    spec = spec_of(req)
    if spec is None or not spec.withdrawable or not req.is_current or not signer_role(user, req):
        return False
    if req.status == Status.SIGNED:
        return True
    return (
        req.status == Status.PENDING
        and req.signers == Signers.ALL_GUARDIANS
        and has_signed(user, req)
    )


def may_sign(user, req: ConsentRequest) -> bool:
    """May ``user`` sign or refuse ``req`` now?"""
    if not req.is_current or req.status != Status.PENDING or not signer_role(user, req):
        return False
    return not (req.signers == Signers.ALL_GUARDIANS and has_signed(user, req))


# -- what the family sees ----------------------------------------------------------------------


def _candidates(user):
    person = getattr(user, "person", None)
    if person is None or not user.is_active:
        return ConsentRequest.objects.none()
    students = Student.objects.filter(Q(person=person) | Q(guardianships__guardian=person))
    return (
        ConsentRequest.objects.filter(
            Q(student__in=students) | Q(named_signer=person) | Q(receipts__signer=user)
        )
        .distinct()
        .select_related("student__person", "named_signer")
    )


def pending_for(user) -> list[ConsentRequest]:
    """Requests waiting for ``user``'s answer, oldest first."""
    if not getattr(user, "is_authenticated", False):
        return []
    qs = (
        _candidates(user)
        .filter(is_current=True, status=Status.PENDING)
        .order_by("created_at", "pk")
    )
    return [req for req in qs if may_sign(user, req)]


def requests_of(user) -> list[ConsentRequest]:
    """Every request ``user`` may answer or has answered, newest first."""
    if not getattr(user, "is_authenticated", False):
        return []
    qs = _candidates(user).order_by("-created_at", "-pk")
    return [
        req
        for req in qs
        if signer_role(user, req) or req.receipts.filter(signer_id=user.pk).exists()
    ]


# -- deciding ---------------------------------------------------------------------------------


def _verified_at(http_request) -> datetime.datetime | None:
    from plugins.accounts import VERIFIED_AT_KEY

    stamp = http_request.session.get(VERIFIED_AT_KEY)
    if stamp is None:
        return None
    return datetime.datetime.fromtimestamp(int(stamp), tz=datetime.UTC)


DEVICE_WORDS = {
    "TOTPDevice": "a code from an authenticator app (TOTP)",
    "StaticDevice": "a backup code",
    "WebAuthnCredential": "a passkey",
}


def describe_method(http_request) -> str:
    """How the person proved who they were, in words kept on the receipt (English, as evidence)."""
    device = getattr(http_request.user, "otp_device", None)
    what = (
        DEVICE_WORDS.get(type(device).__name__, "a second factor") if device else "a second factor"
    )
    at = _verified_at(http_request)
    when = f" at {at:%Y-%m-%d %H:%M:%S} UTC" if at else ""
    return f"Signed in with password and second factor; identity confirmed again with {what}{when}."


@dataclass(frozen=True)
class Evidence:
    """Who answers a consent request and how they proved it: what a receipt keeps.

    ``signer`` is the user; ``verified_at`` when their second factor was last
    verified (None: never in this session); ``method`` the words kept on the
    receipt; ``address`` the client's address (through trusted proxies);
    ``fresh`` whether the second factor is fresh enough to answer now.
    ``request`` is the HTTP request it was read from, if any (the step a
    signature unlocks is fired with it, and the audit row names its path).

    Pages build it with ``Evidence.of(request)``; code without a request
    (imports, tests) builds it directly.
    """

    signer: object
    verified_at: datetime.datetime | None = None
    method: str = ""
    address: str | None = None
    fresh: bool = False
    request: object = None

    @classmethod
    def of(cls, http_request) -> Evidence:
        """The evidence an HTTP request carries (its user, session and address)."""
        from plugins.accounts import has_fresh_second_factor

        return cls(
            signer=http_request.user,
            verified_at=_verified_at(http_request),
            method=describe_method(http_request),
            address=audit.client_address(http_request),
            fresh=has_fresh_second_factor(http_request),
            request=http_request,
        )


def as_evidence(evidence_or_request) -> Evidence:
    """``Evidence`` as given, or read from an HTTP request (``Evidence.of``)."""
    if isinstance(evidence_or_request, Evidence):
        return evidence_or_request
    return Evidence.of(evidence_or_request)


def _new_status(req: ConsentRequest, decision: str) -> str:
    if decision == Decision.REFUSED:
        return Status.REFUSED
    if decision == Decision.WITHDRAWN:
        return Status.WITHDRAWN
    if req.signers == Signers.ALL_GUARDIANS:
        required = required_guardians(req)
        if not required or not required <= signed_by(req):
            return Status.PENDING
    return Status.SIGNED


def _decide(
    req: ConsentRequest,
    evidence: Evidence,
    decision: str,
    reason: str = "",
    version: str | None = None,
    language: str | None = None,
) -> ConsentReceipt:
    user = evidence.signer
    with transaction.atomic():
        locked = (
            ConsentRequest.objects.select_for_update()
            .select_related("student__person")
            .get(pk=req.pk)
        )
        role = signer_role(user, locked)
        if not role:
            raise SignerNotAllowed(_("You cannot answer this consent request."))
        if not locked.is_current:
            raise NotOpen(_("This request was replaced by a newer version of the document."))
        if decision == Decision.WITHDRAWN:
            if not may_withdraw(user, locked):
                raise NotOpen(
                    _("This consent cannot be withdrawn here. Please contact the school.")
                )
        elif not may_sign(user, locked):
            raise NotOpen(_("This request has already been answered."))
        if version:
            shown = version_by_hash(locked, version, language)
            if shown is None:
                raise VersionMismatch(
                    _(
                        "The text you read is not the one to answer any more. "
                        "Read it again before you answer."
                    )
                )
        else:
            shown = version_for(locked)
        if not evidence.fresh:
            raise StepUpRequired(_("Confirm it is you with a code before you answer."))
        receipt = ConsentReceipt.objects.create(
            request=locked,
            signer=user,
            signer_name=audit.display_name(user),
            signer_role=role,
            decision=decision,
            reason=(reason or "").strip()[:2000] if decision != Decision.SIGNED else "",
            content_hash=shown.content_hash,
            language=shown.language,
            method=evidence.method,
            address=evidence.address,
        )
        status = _new_status(locked, decision)
        if status != locked.status:
            locked.status = status
            locked.decided_at = receipt.at if status != Status.PENDING else None
            locked.save(update_fields=["status", "decided_at"])
        consent_decided.send(
            sender=ConsentRequest, consent_request=locked, receipt=receipt, decision=decision
        )
        record = record_of(locked)
        if record is not None:
            audit.record(
                evidence.request,
                AUDIT_ACTIONS[decision],
                record=record,
                role=role,
                actor=user,
                address=evidence.address,
            )
        else:
            audit.record(
                evidence.request,
                AUDIT_ACTIONS[decision],
                actor=user,
                address=evidence.address,
                student=locked.student,
                role=role,
                jurisdiction=locked.jurisdiction,
                record_type=locked.record_type,
                record_id=locked.record_id,
            )
    req.status, req.decided_at = locked.status, locked.decided_at
    return receipt


def decide(
    req: ConsentRequest,
    evidence,
    decision: str,
    *,
    reason: str = "",
    version: str | None = None,
    language: str | None = None,
) -> ConsentReceipt:
    """Record one answer (``ConsentReceipt.Decision``) and nothing else.

    ``evidence`` is an ``Evidence`` (or an HTTP request, read with ``Evidence.of``).

    Unlike ``sign``, a signature never fires the step the consent unlocks, even
    when the spec says ``fire_on_sign``: for code (and conformance tests) that
    fires that step itself. Needs a fresh second factor like every answer.
    """
    return _decide(req, as_evidence(evidence), decision, reason, version, language)


def sign(
    req: ConsentRequest, evidence, *, version: str | None = None, language: str | None = None
) -> ConsentReceipt:
    """Sign ``req`` as the evidence's signer. Needs a fresh second factor (step-up).

    ``evidence`` is an ``Evidence`` (or an HTTP request, read with ``Evidence.of``).

    ``version`` is the fingerprint of the version the person read (the page
    sends it); a fingerprint that is not one of the request's versions records
    nothing (``VersionMismatch``); ``language`` is the language it was shown
    in. Without them, the version in the active language is signed.

    When the spec says ``fire_on_sign``, the transition it unlocks is fired
    as the signer in the same transaction: the signature and the step it
    allows land together or not at all.
    """
    evidence = as_evidence(evidence)
    spec = spec_of(req)
    if not (spec is not None and spec.fire_on_sign and spec.unlocks):
        return _decide(
            req, as_evidence(evidence), Decision.SIGNED, version=version, language=language
        )
    from plugins.workflow import TransitionError, fire

    try:
        with transaction.atomic():
            receipt = _decide(req, evidence, Decision.SIGNED, version=version, language=language)
            record = record_of(req)
            if req.status == Status.SIGNED and record is not None:
                fire(record, spec.unlocks, evidence.signer, request=evidence.request)
    except TransitionError as exc:
        # Nothing is kept: the signature would unlock a step that cannot happen now.
        req.refresh_from_db()
        raise NotOpen(str(exc)) from exc
    return receipt


def refuse(
    req: ConsentRequest,
    evidence,
    *,
    reason: str = "",
    version: str | None = None,
    language: str | None = None,
) -> ConsentReceipt:
    """Refuse ``req``, with an optional reason. Needs a fresh second factor."""
    return _decide(req, as_evidence(evidence), Decision.REFUSED, reason, version, language)


def withdraw(
    req: ConsentRequest,
    evidence,
    *,
    reason: str = "",
    version: str | None = None,
    language: str | None = None,
) -> ConsentReceipt:
    """Withdraw a given consent, where the plugin allows it. Needs a fresh second factor."""
    return _decide(req, as_evidence(evidence), Decision.WITHDRAWN, reason, version, language)
