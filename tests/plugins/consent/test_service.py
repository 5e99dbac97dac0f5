"""The consent service: asking, who may sign, step-up, versions, refusing and withdrawing."""

import datetime
import hashlib

import pytest
from django.utils import timezone

from plugins import consent
from plugins.audit.models import AuditEvent
from plugins.consent.models import AppendOnlyError, ConsentReceipt, ConsentRequest
from plugins.models import GuardianRelation
from plugins.sdk import builders as b
from tests.dummy_jurisdiction.models import Case

from .conftest import TEXT

pytestmark = pytest.mark.django_db
SPEC = "case-approval"  # the dummy plugin's own: guardian while under age, else the student
Status = ConsentRequest.Status


def ask(case, spec=SPEC, content=TEXT, **kwargs):
    return consent.request_consent(case, spec, content=content, **kwargs)


def receipts(req):
    return list(ConsentReceipt.objects.filter(request=req).order_by("pk"))


def years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# -- asking --------------------------------------------------------------------------------


def test_request_names_version_signers_and_what_it_unlocks(family):
    req = ask(family.case, requested_by=family.coordinator)
    assert req.content_hash == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert req.text == TEXT and req.media_type == "text/plain"
    assert req.signers == "guardian_or_student"
    assert (req.jurisdiction, req.record_type, req.record_id) == (
        "dummy",
        "Case",
        str(family.case.pk),
    )
    assert req.student == family.student and req.status == Status.PENDING and req.is_current
    assert consent.service.spec_of(req).unlocks == "approve"
    assert not consent.is_granted(family.case, SPEC)


def test_asking_again_for_the_same_version_changes_nothing(family):
    first = ask(family.case)
    assert ask(family.case).pk == first.pk
    assert ConsentRequest.objects.count() == 1


def test_unknown_consent_and_missing_named_signer_are_refused(family, specs):
    with pytest.raises(LookupError):
        ask(family.case, spec="no-such-consent")
    with pytest.raises(ValueError, match="named_signer"):
        ask(family.case, spec="named-sign")
    assert ConsentRequest.objects.count() == 0


# -- step-up -----------------------------------------------------------------------------------


def test_signing_without_a_fresh_second_factor_is_refused(family, http):
    req = ask(family.case)
    with pytest.raises(consent.StepUpRequired):
        consent.sign(req, http(family.g1, fresh=False))
    stale_unverified = http(family.g1)
    stale_unverified.user.is_verified = lambda: False  # no second factor in this session at all
    with pytest.raises(consent.StepUpRequired):
        consent.sign(req, stale_unverified)
    req.refresh_from_db()
    assert req.status == Status.PENDING
    assert receipts(req) == []
    assert not consent.is_granted(family.case, SPEC)
    assert not AuditEvent.objects.filter(action="sign").exists()


def test_signing_with_a_fresh_second_factor_leaves_a_receipt(family, http):
    req = ask(family.case)
    before = timezone.now()
    receipt = consent.sign(req, http(family.g1))
    req.refresh_from_db()
    assert req.status == Status.SIGNED and req.decided_at == receipt.at
    assert receipts(req) == [receipt]
    assert receipt.signer == family.g1
    assert receipt.signer_name == family.g1.person.full_name
    assert receipt.signer_role == "guardian"
    assert receipt.decision == "signed" and receipt.reason == ""
    assert receipt.content_hash == req.content_hash
    assert receipt.address == "192.0.2.10"
    assert before <= receipt.at <= timezone.now()
    assert "authenticator app" in receipt.method and " UTC" in receipt.method
    assert consent.is_granted(family.case, SPEC)
    assert consent.is_granted(family.case, SPEC, content=TEXT)
    row = AuditEvent.objects.get(action="sign")
    assert (row.actor, row.role, row.record_id, row.student) == (
        family.g1,
        "guardian",
        str(family.case.pk),
        family.student,
    )


# -- versions ---------------------------------------------------------------------------------


def test_a_changed_document_invalidates_the_earlier_signature(family, http):
    old = ask(family.case)
    old_receipt = consent.sign(old, http(family.g1))
    changed = TEXT + "\nNytt mål: lese 20 minutter hver dag."
    assert not consent.is_granted(family.case, SPEC, content=changed)  # before anyone asks again

    new = ask(family.case, content=changed)
    old.refresh_from_db()
    assert new.pk != old.pk and new.status == Status.PENDING and new.is_current
    assert old.status == Status.SUPERSEDED and not old.is_current and old.superseded_by == new
    assert new.content_hash == hashlib.sha256(changed.encode()).hexdigest() != old.content_hash
    assert not consent.is_granted(family.case, SPEC)
    assert not consent.is_granted(family.case, SPEC, content=TEXT)
    assert [r.pk for r in consent.pending_for(family.g1)] == [new.pk]
    # The old receipt stays as evidence of what was signed, and the old request takes no answers.
    assert receipts(old) == [old_receipt] and old_receipt.content_hash == old.content_hash
    with pytest.raises(consent.NotOpen):
        consent.sign(old, http(family.g2))

    consent.sign(new, http(family.g2))
    assert consent.is_granted(family.case, SPEC, content=changed)


def test_asking_again_after_a_refusal_opens_a_new_request(family, http):
    first = ask(family.case)
    consent.refuse(first, http(family.g1), reason="Vi vil snakke med skolen først.")
    second = ask(family.case)
    first.refresh_from_db()
    assert second.pk != first.pk and second.status == Status.PENDING
    assert first.status == Status.REFUSED and not first.is_current  # the refusal stays on record


# -- refusing and withdrawing -----------------------------------------------------------------------


def test_refusing_is_recorded_with_the_reason(family, http):
    req = ask(family.case)
    receipt = consent.refuse(req, http(family.g1), reason="  Vi er ikke enige i målene.  ")
    req.refresh_from_db()
    assert req.status == Status.REFUSED
    assert receipt.decision == "refused" and receipt.reason == "Vi er ikke enige i målene."
    assert receipt.signer == family.g1 and receipt.content_hash == req.content_hash
    assert not consent.is_granted(family.case, SPEC)
    with pytest.raises(consent.NotOpen):
        consent.sign(req, http(family.g2))  # a refused request takes no signature
    assert AuditEvent.objects.filter(action="refuse-consent", actor=family.g1).count() == 1


def test_refusing_without_a_reason_and_without_a_fresh_factor(family, http):
    req = ask(family.case)
    with pytest.raises(consent.StepUpRequired):
        consent.refuse(req, http(family.g1, fresh=False))
    assert receipts(req) == []
    assert consent.refuse(req, http(family.g1)).reason == ""


def test_withdrawing_is_recorded_and_ends_the_consent(family, http):
    req = ask(family.case)
    signed = consent.sign(req, http(family.g1))
    assert consent.is_granted(family.case, SPEC)
    with pytest.raises(consent.StepUpRequired):
        consent.withdraw(req, http(family.g2, fresh=False))
    withdrawn = consent.withdraw(req, http(family.g2), reason="Vi har ombestemt oss.")
    req.refresh_from_db()
    assert req.status == Status.WITHDRAWN
    assert [r.decision for r in receipts(req)] == ["signed", "withdrawn"]
    assert receipts(req) == [signed, withdrawn]
    assert withdrawn.signer == family.g2 and withdrawn.reason == "Vi har ombestemt oss."
    assert not consent.is_granted(family.case, SPEC)
    assert AuditEvent.objects.filter(action="withdraw-consent", actor=family.g2).count() == 1


def test_withdrawing_needs_a_signature_and_a_withdrawable_consent(family, specs, http):
    req = ask(family.case)
    with pytest.raises(consent.NotOpen):
        consent.withdraw(req, http(family.g1))  # nothing signed yet
    fixed = ask(family.case, spec="any-sign")  # declared withdrawable=False
    consent.sign(fixed, http(family.g1))
    with pytest.raises(consent.NotOpen, match="cannot be withdrawn"):
        consent.withdraw(fixed, http(family.g1))
    fixed.refresh_from_db()
    assert fixed.status == Status.SIGNED and len(receipts(fixed)) == 1 and receipts(req) == []


# -- who may sign ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["other_guardian", "teacher", "coordinator", "child_login"])
def test_only_the_allowed_signers_can_sign(family, http, who):
    req = ask(family.case)
    actor = getattr(family, who)
    assert consent.signer_role(actor, req) == ""
    for decide in (consent.sign, consent.refuse):
        with pytest.raises(consent.SignerNotAllowed):
            decide(req, http(actor))
    req.refresh_from_db()
    assert req.status == Status.PENDING and receipts(req) == []
    assert consent.pending_for(actor) == []
    assert consent.signer_role(family.g1, req) == "guardian"  # the guardians may


def test_a_student_of_age_signs_and_the_guardian_no_longer_does(http):
    adult = b.student(age=19)
    guardian = b.guardian_of(adult, granted=True)  # still sees the records, but does not sign
    case = Case.objects.create(student=adult, status="shared", summary=TEXT)
    req = ask(case)
    with pytest.raises(consent.SignerNotAllowed):
        consent.sign(req, http(guardian))
    assert consent.pending_for(guardian) == []
    student_user = b.student_login(adult)
    assert [r.pk for r in consent.pending_for(student_user)] == [req.pk]
    receipt = consent.sign(req, http(student_user))
    assert receipt.signer_role == "student"
    assert consent.is_granted(case, SPEC)


def test_coming_of_age_moves_signing_from_guardian_to_student(family):
    req = ask(family.case)
    today = timezone.localdate()
    st = family.student
    st.birth_date = years_before(today, 18) + datetime.timedelta(days=1)  # 18 tomorrow
    st.save()
    req = ConsentRequest.objects.get(pk=req.pk)
    assert consent.signer_role(family.g1, req) == "guardian"
    assert consent.signer_role(family.child_login, req) == ""
    st.birth_date = years_before(today, 18)  # 18 today
    st.save()
    req = ConsentRequest.objects.get(pk=req.pk)
    assert consent.signer_role(family.g1, req) == ""
    assert consent.signer_role(family.child_login, req) == "student"


def test_student_of_age_rule_waits_for_the_birthday(family, specs, http):
    req = ask(family.case, spec="adult-sign")
    with pytest.raises(consent.SignerNotAllowed):
        consent.sign(req, http(family.child_login))  # 12 years old
    with pytest.raises(consent.SignerNotAllowed):
        consent.sign(req, http(family.g1))


def test_all_guardians_must_sign(family, specs, http):
    req = ask(family.case, spec="all-sign")
    consent.sign(req, http(family.g1))
    req.refresh_from_db()
    assert req.status == Status.PENDING
    assert not consent.is_granted(family.case, "all-sign")
    assert consent.pending_for(family.g1) == []  # already signed: nothing waits for them
    assert [r.pk for r in consent.pending_for(family.g2)] == [req.pk]
    with pytest.raises(consent.NotOpen):
        consent.sign(req, http(family.g1))  # once is enough
    consent.sign(req, http(family.g2))
    req.refresh_from_db()
    assert req.status == Status.SIGNED
    assert consent.is_granted(family.case, "all-sign")
    assert sorted(r.signer_id for r in receipts(req)) == sorted([family.g1.pk, family.g2.pk])


def test_all_guardians_counts_a_guardian_added_before_the_last_signature(family, specs, http):
    req = ask(family.case, spec="all-sign")
    third = b.guardian_of(family.student)
    consent.sign(req, http(family.g1))
    consent.sign(req, http(family.g2))
    req.refresh_from_db()
    assert req.status == Status.PENDING and not consent.is_granted(family.case, "all-sign")
    consent.sign(req, http(third))
    assert consent.is_granted(family.case, "all-sign")
    assert GuardianRelation.objects.filter(student=family.student).count() == 3


def test_a_named_signer_signs_and_nobody_else(family, specs, http):
    expert = b.user()
    req = ask(family.case, spec="named-sign", named_signer=expert)
    assert req.named_signer == expert.person
    for actor in (family.g1, family.coordinator):
        with pytest.raises(consent.SignerNotAllowed):
            consent.sign(req, http(actor))
    assert consent.sign(req, http(expert)).signer_role == "named"
    assert consent.is_granted(family.case, "named-sign")


# -- receipts are evidence -----------------------------------------------------------------------


def test_receipts_cannot_be_changed_or_deleted(family, http):
    receipt = consent.sign(ask(family.case), http(family.g1))
    receipt.reason = "changed afterwards"
    with pytest.raises(AppendOnlyError):
        receipt.save()
    with pytest.raises(AppendOnlyError):
        receipt.delete()
    with pytest.raises(AppendOnlyError):
        ConsentReceipt.objects.filter(pk=receipt.pk).update(decision="refused")
    with pytest.raises(AppendOnlyError):
        ConsentReceipt.objects.all().delete()
    fresh = ConsentReceipt.objects.get(pk=receipt.pk)
    assert (fresh.decision, fresh.reason) == ("signed", "")
