"""The IUP as PDF, and the mentor's term summary of the class."""

import io

import pytest
from pypdf import PdfReader

from jurisdictions.se_iup.models import GoalStatus, PlanStatus
from plugins.audit.models import AuditEvent

from .conftest import make_goal, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path


def text_of(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_guardian_downloads_the_plan_as_pdf(world, verified_client):
    plan = make_plan(
        world.ada, PlanStatus.FOLLOW_UP, mentor=world.mentor, agreement="Läsa varje dag"
    )
    make_goal(plan, title="Läsa en kapitelbok", criteria="Berättar om boken")
    response = verified_client(world.ada_mum).get(f"/j/se-iup/plans/{plan.pk}/iup.pdf")
    assert response.status_code == 200
    text = text_of(response)
    assert "Individual development plan" in text and world.ada.name in text
    assert "Läsa en kapitelbok" in text and "Läsa varje dag" in text
    assert AuditEvent.objects.filter(action="download", record_id=str(plan.pk)).exists()


def test_another_familys_pdf_answers_404(world, verified_client):
    plan = make_plan(world.bo, PlanStatus.FOLLOW_UP, mentor=world.mentor)
    assert (
        verified_client(world.ada_mum).get(f"/j/se-iup/plans/{plan.pk}/iup.pdf").status_code == 404
    )


def test_the_family_gets_no_pdf_while_the_school_prepares(world, verified_client):
    plan = make_plan(world.ada, PlanStatus.PREPARING, mentor=world.mentor)
    assert (
        verified_client(world.ada_mum).get(f"/j/se-iup/plans/{plan.pk}/iup.pdf").status_code == 404
    )
    assert (
        verified_client(world.mentor).get(f"/j/se-iup/plans/{plan.pk}/iup.pdf").status_code == 200
    )


def test_mentor_downloads_the_term_summary_of_the_class(world, verified_client):
    ada_plan = make_plan(world.ada, PlanStatus.FOLLOW_UP, mentor=world.mentor)
    make_goal(ada_plan, status=GoalStatus.DONE)
    make_goal(ada_plan, title="Two", status=GoalStatus.IN_PROGRESS)
    make_plan(world.bo, PlanStatus.HOME, mentor=world.mentor)
    make_plan(world.cleo, PlanStatus.HOME, mentor=world.other_mentor)  # another class
    response = verified_client(world.mentor).get(
        f"/j/se-iup/classes/{world.group.pk}/summary.pdf?term={ada_plan.term}"
    )
    assert response.status_code == 200
    text = text_of(response)
    assert "Term summary" in text
    assert world.ada.name in text and world.bo.name in text and world.cleo.name not in text
    assert "Goals followed up" in text and "Prepared at home" in text


@pytest.mark.parametrize("who", ["teacher", "ada_mum", "other_mentor", "ada_user"])
def test_term_summary_is_for_the_classs_mentor_only(world, verified_client, who):
    response = verified_client(getattr(world, who)).get(
        f"/j/se-iup/classes/{world.group.pk}/summary.pdf"
    )
    assert response.status_code == 404


def test_term_summary_refuses_a_made_up_term(world, verified_client):
    response = verified_client(world.mentor).get(
        f"/j/se-iup/classes/{world.group.pk}/summary.pdf?term=../../x"
    )
    assert response.status_code == 404


def test_mentor_class_page_lists_the_students_and_their_step(world, verified_client):
    plan = make_plan(world.ada, PlanStatus.EVALUATED, mentor=world.mentor)
    response = verified_client(world.mentor).get(f"/j/se-iup/classes/{world.group.pk}/plans/")
    assert response.status_code == 200
    rows = {r["student"]: r for r in response.context["rows"]}
    assert rows[world.ada]["plan"] == plan and rows[world.ada]["may_create"]
    assert rows[world.bo]["plan"] is None
    assert (
        verified_client(world.teacher).get(f"/j/se-iup/classes/{world.group.pk}/plans/").status_code
        == 404
    )
