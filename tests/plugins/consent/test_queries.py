"""Public questions about consents, so that plugins never read consent's tables."""

import pytest

from plugins import consent
from plugins.consent.models import ConsentRequest
from plugins.sdk import builders as b
from plugins.sdk import testing
from tests.dummy_jurisdiction.models import Case, SubjectNote

from .conftest import TEXT

pytestmark = pytest.mark.django_db
SPEC = "case-approval"
Status = ConsentRequest.Status


@pytest.fixture
def cases(family, specs):
    """Three cases of one family: one signed, one refused, one never asked."""
    signed = family.case
    refused = Case.objects.create(student=family.student, status="shared", summary="Two")
    untouched = Case.objects.create(student=family.student, status="shared", summary="Three")
    testing.sign_consent(signed, SPEC, signer=family.g1, content=TEXT, fire=False)
    testing.refuse_consent(refused, SPEC, signer=family.g2, content=TEXT, reason="No.")
    consent.request_consent(refused, "any-sign", content=TEXT)
    return signed, refused, untouched


def test_statuses_of_many_records_in_one_query(cases, django_assert_num_queries):
    signed, refused, untouched = cases
    qs = Case.objects.filter(pk__in=[c.pk for c in cases]).order_by("pk")
    records = list(qs)
    with django_assert_num_queries(1):
        answer = consent.statuses(records, (SPEC, "any-sign"))
    assert answer == {
        signed.pk: {SPEC: Status.SIGNED, "any-sign": None},
        refused.pk: {SPEC: Status.REFUSED, "any-sign": Status.PENDING},
        untouched.pk: {SPEC: None, "any-sign": None},
    }


def test_current_requests_give_the_request_that_counts_now(cases, family):
    signed, refused, _untouched = cases
    found = consent.current_requests([signed, refused], SPEC)
    assert found[signed.pk][SPEC].status == Status.SIGNED
    # Asking again after a refusal replaces the request: the new one counts.
    again = consent.request_consent(refused, SPEC, content=TEXT)
    assert consent.current_requests([refused], SPEC)[refused.pk][SPEC].pk == again.pk
    assert consent.status_of(refused, SPEC) == Status.PENDING


def test_status_of_one_record(cases):
    signed, refused, untouched = cases
    assert consent.status_of(signed, SPEC) == Status.SIGNED
    assert consent.status_of(refused, SPEC) == Status.REFUSED
    assert consent.status_of(untouched, SPEC) is None
    assert consent.status_of(Case(student=signed.student), SPEC) is None


def test_status_q_filters_the_record_type_and_models_that_reach_it(cases):
    signed, refused, untouched = cases
    ids = [c.pk for c in cases]
    given = Case.objects.filter(pk__in=ids).filter(consent.status_q(Case, SPEC, [Status.SIGNED]))
    assert list(given) == [signed]
    ended = Case.objects.filter(pk__in=ids).filter(
        consent.status_q(Case, SPEC, [Status.REFUSED, Status.WITHDRAWN])
    )
    assert list(ended) == [refused]
    subject = b.subject()
    note = SubjectNote.objects.create(case=signed, subject=subject)
    SubjectNote.objects.create(case=untouched, subject=subject)
    notes = SubjectNote.objects.filter(consent.status_q(Case, SPEC, Status.SIGNED, path="case"))
    assert list(notes) == [note]


def test_signatures_name_who_signed(cases, family):
    signed, refused, _untouched = cases
    (one,) = consent.signatures(signed, SPEC)
    assert one.user_id == family.g1.pk and one.role == "guardian"
    assert one.name and one.at is not None
    assert consent.signatures(refused, SPEC) == []  # a refusal is no signature
    assert consent.decided_at(signed, SPEC) == one.at
    assert consent.decided_at(Case(student=signed.student), SPEC) is None
