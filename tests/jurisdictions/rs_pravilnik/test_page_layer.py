# ruff: noqa: S101 (pytest tests assert)
"""The pages answer as every plugin's do: a refused form is a 400, a save leaves one audit
row with the role used, a download ends in one ".pdf", a step that needs a fresh second
factor is done after the code with what was posted."""

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from jurisdictions.rs_pravilnik import conformance as f
from jurisdictions.rs_pravilnik.models import CaseStatus, IndividualisationMeasure, SupportCase
from plugins.accounts import VERIFIED_AT_KEY
from plugins.audit.models import AuditEvent
from plugins.models import TransitionLog
from plugins.sdk import builders as b
from tests.conftest import posted_form

pytestmark = pytest.mark.django_db


def _rows(record):
    return AuditEvent.objects.filter(
        record_type=type(record).__name__, record_id=str(record.pk)
    ).order_by("pk")


def _measure(world):
    case = SupportCase.objects.create(student=world.student, status=CaseStatus.OBSERVATION)
    return f.evaluated_measure(case)


def test_a_refused_edit_is_a_400_and_saves_nothing(world, verified_client):
    measure = _measure(world)
    client = verified_client(world.team)
    url = f"/j/rs-pravilnik/measures/{measure.pk}/"
    page = client.get(url)
    data = posted_form(page, measure="Друго", evaluated_on="")  # an effect without its date
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Give the date of the evaluation." in response.content.decode()
    assert "error-summary" in response.content.decode()
    measure.refresh_from_db()
    assert measure.measure != "Друго"


@pytest.mark.parametrize("role", ["team", "teacher"])
def test_one_save_writes_one_audit_row_with_the_role_used(world, verified_client, role):
    measure = _measure(world)
    user = world.team if role == "team" else b.teacher_of(world.student)
    client = verified_client(user)
    url = f"/j/rs-pravilnik/measures/{measure.pk}/"
    page = client.get(url)
    before = _rows(measure).count()
    response = client.post(url, posted_form(page, measure="Краћа упутства и слике."))
    assert response.status_code == 302
    new = list(_rows(measure)[before:])
    assert [(e.action, e.role) for e in new] == [("edit", role)]
    assert IndividualisationMeasure.objects.get(pk=measure.pk).measure.startswith("Краћа")


def test_a_new_record_is_audited_once_with_the_role_used(world, verified_client):
    case = SupportCase.objects.create(student=world.student, status=CaseStatus.OBSERVATION)
    teacher = b.teacher_of(world.student)
    response = verified_client(teacher).post(
        f"/j/rs-pravilnik/cases/{case.pk}/observations/new/",
        {"area": "learning", "observed_on": "2026-10-01", "text": "Чита споро."},
    )
    assert response.status_code == 302
    note = case.observations.get()
    assert [(e.action, e.role) for e in _rows(note)] == [("create", "teacher")]


def test_the_information_downloads_with_one_pdf_in_its_name(world, verified_client):
    case = f.make_case(CaseStatus.PROPOSED, student=world.student)
    response = verified_client(world.team).get(
        f"/j/rs-pravilnik/cases/{case.pk}/information.pdf?script=latn"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    name = (
        re.search(r"filename\*=utf-8''([^;]+)", disposition)
        or re.search(r'filename="([^"]+)"', disposition)
    ).group(1)
    assert name.startswith("obavestenje-") and name.count(".pdf") == 1 and name.endswith(".pdf")


def test_a_step_needing_a_fresh_code_is_done_after_it_with_the_posted_note(world, verified_client):
    case = SupportCase.objects.create(student=world.student, status=CaseStatus.PROPOSED)
    director = verified_client(world.director, fresh=False)
    url = f"/j/rs-pravilnik/step/case/{case.pk}/accept/"
    asked = director.post(url, {"note": "Прихваћено на састанку."})
    target = urlsplit(asked["Location"])
    assert asked.status_code == 302 and target.path.endswith("/verify/")
    case.refresh_from_db()
    assert case.status == CaseStatus.PROPOSED  # not before the code

    session = director.session
    session[VERIFIED_AT_KEY] = int(time.time())
    session.save()
    done = director.get(parse_qs(target.query)["next"][0])
    assert done.status_code == 302 and done["Location"] == f"/j/rs-pravilnik/cases/{case.pk}/"
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    log = TransitionLog.objects.get(record_id=str(case.pk), transition="accept")
    assert log.note == "Прихваћено на састанку."
