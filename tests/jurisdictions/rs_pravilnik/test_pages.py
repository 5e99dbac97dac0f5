# ruff: noqa: S101 (pytest tests assert)
"""The plugin's pages: who sees what, the steps as POSTs, escaping, and reminders."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jurisdictions.rs_pravilnik import conformance as f
from jurisdictions.rs_pravilnik.models import (
    CaseStatus,
    EvaluationDate,
    IopStatus,
    Observation,
    SupportCase,
)
from jurisdictions.rs_pravilnik.reminders import send_due_reminders
from plugins.audit.models import AuditEvent
from plugins.models import Person
from plugins.notifications import Notice
from plugins.registry import registry
from plugins.sdk import builders as b

pytestmark = pytest.mark.django_db


def test_pages_need_a_login(client, world):
    case = SupportCase.objects.create(student=world.student)
    for url in ("/j/rs-pravilnik/", f"/j/rs-pravilnik/cases/{case.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_team_starts_a_case_and_writes_the_groundwork(world, verified_client):
    client = verified_client(world.team)
    response = client.get("/j/rs-pravilnik/")
    assert response.status_code == 200
    assert world.student in response.context["start_form"].fields["student"].queryset
    response = client.post(
        "/j/rs-pravilnik/cases/new/", {"student": world.student.pk, "grounds": "learning"}
    )
    case = SupportCase.objects.get(student=world.student)
    assert response["Location"] == f"/j/rs-pravilnik/cases/{case.pk}/"
    base = f"/j/rs-pravilnik/cases/{case.pk}"
    response = client.post(
        f"{base}/observations/new/",
        {"area": "learning", "observed_on": "2026-10-01", "text": "<script>alert(1)</script>"},
    )
    assert response.status_code == 302
    page = client.get(f"{base}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    # A bad measure is refused with a message and nothing saved.
    response = client.post(
        f"{base}/measures/new/",
        {
            "area": "learning",
            "kind": "methods",
            "measure": "Кратка упутства",
            "starts": "2026-10-01",
            "effect": "yes",
        },
    )
    assert response.status_code == 400 and not case.measures.exists()
    assert "Give the date of the evaluation." in response.content.decode()
    client.post(
        f"{base}/measures/new/",
        {
            "area": "learning",
            "kind": "methods",
            "measure": "Кратка упутства",
            "starts": "2026-10-01",
            "evaluated_on": "2026-11-15",
            "effect": "partly",
            "evaluation": "Делимично.",
        },
    )

    def version(path):  # the hidden version of the edit form, as the browser sends it
        return client.get(path).context["form"]["version"].value() or ""

    profile = {"situation": "Опис.", "learning_needs": "Читање."}
    client.post(f"{base}/profile/", {**profile, "version": version(f"{base}/profile/")})
    client.post(
        f"{base}/proposal/",
        {
            "grounds": "learning",
            "proposal_reasons": "Разлози.",
            "proposal_evidence": "Докази.",
            "version": version(f"{base}/proposal/"),
        },
    )
    response = client.post(f"/j/rs-pravilnik/step/case/{case.pk}/propose/")
    case.refresh_from_db()
    assert case.status == CaseStatus.PROPOSED
    # The parent gets a notice and now sees the case, but not the observation notes.
    assert Notice.objects.filter(recipient=world.parent, kind="consent-requested").exists()
    parent = verified_client(world.parent)
    page = parent.get(f"{base}/")
    assert page.status_code == 200
    assert list(page.context["observations"]) == []
    assert parent.get(f"{base}/information.pdf?script=latn").status_code == 200


def test_steps_are_post_only_and_respect_roles(world, verified_client):
    case = SupportCase.objects.create(student=world.student, status=CaseStatus.PROPOSED)
    team = verified_client(world.team)
    assert team.get(f"/j/rs-pravilnik/step/case/{case.pk}/accept/").status_code == 405
    response = team.post(f"/j/rs-pravilnik/step/case/{case.pk}/accept/")
    assert response.status_code == 403  # only the director accepts: refused and audited
    case.refresh_from_db()
    assert case.status == CaseStatus.PROPOSED
    assert AuditEvent.objects.filter(
        action="denied", record_type="SupportCase", record_id=str(case.pk), attempted="accept"
    ).exists()
    director = verified_client(world.director, fresh=False)
    response = director.post(f"/j/rs-pravilnik/step/case/{case.pk}/accept/")
    assert "/accounts/verify/" in response["Location"]  # step-up first
    case.refresh_from_db()
    assert case.status == CaseStatus.PROPOSED
    director = verified_client(world.director)
    director.post(f"/j/rs-pravilnik/step/case/{case.pk}/accept/")
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED


def test_another_schools_and_another_familys_records_answer_404(world, verified_client):
    own = SupportCase.objects.create(student=world.student, status=CaseStatus.TEAM)
    other_case = f.case_ready_for_iop()
    other_iop = f.ready_iop(other_case)
    note = Observation.objects.create(case=other_case, area="learning", text="Тајна белешка")
    team = verified_client(world.team)
    assert team.get(f"/j/rs-pravilnik/cases/{own.pk}/").status_code == 200
    for url in (
        f"/j/rs-pravilnik/cases/{other_case.pk}/",
        f"/j/rs-pravilnik/cases/{other_case.pk}/portfolio/",
        f"/j/rs-pravilnik/iops/{other_iop.pk}/",
        f"/j/rs-pravilnik/iops/{other_iop.pk}/bundle.pdf",
        f"/j/rs-pravilnik/cases/{other_case.pk}/observations/new/",
    ):
        assert team.get(url).status_code == 404, url
    assert team.post(f"/j/rs-pravilnik/step/iop/{other_iop.pk}/propose/").status_code == 404
    parent = verified_client(world.parent)
    assert parent.get(f"/j/rs-pravilnik/iops/{other_iop.pk}/").status_code == 404
    assert "Тајна белешка" not in parent.get("/j/rs-pravilnik/").content.decode()
    assert note.pk


def test_parent_sees_the_iop_and_a_teacher_only_once_adopted(world, verified_client):
    case = f.case_ready_for_iop(student=world.student)
    iop = f.ready_iop(case)
    teacher = b.teacher_of(world.student)
    assert verified_client(world.parent).get(f"/j/rs-pravilnik/iops/{iop.pk}/").status_code == 200
    assert verified_client(teacher).get(f"/j/rs-pravilnik/iops/{iop.pk}/").status_code == 404
    iop.status = IopStatus.ADOPTED
    iop.save()
    assert verified_client(teacher).get(f"/j/rs-pravilnik/iops/{iop.pk}/").status_code == 200
    plans = registry.get("rs-pravilnik").family_plans(world.student, world.parent)
    assert [p["url"] for p in plans] == [f"/j/rs-pravilnik/iops/{iop.pk}/"]


def test_team_member_is_added_with_the_composition_rules(world, verified_client):
    case = SupportCase.objects.create(student=world.student, status=CaseStatus.ACCEPTED)
    client = verified_client(world.team)
    url = f"/j/rs-pravilnik/cases/{case.pk}/members/new/"
    response = client.post(
        url, {"function": "outside_expert", "given_name": "Др Мира", "family_name": "Лекић"}
    )
    assert response.status_code == 400 and not case.members.exists()
    response = client.post(
        url, {"function": "preschool_teacher", "given_name": "А", "family_name": "Б"}
    )
    assert response.status_code == 400 and not case.members.exists()  # not a school function
    client.post(
        url,
        {
            "function": "outside_expert",
            "given_name": "Мира",
            "family_name": "Лекић",
            "proposed_by_parent": "on",
        },
    )
    member = case.members.get()
    assert member.person.full_name == "Мира Лекић" and member.proposed_by_parent
    assert client.get(f"/j/rs-pravilnik/members/{member.pk}/delete/").status_code == 405
    client.post(f"/j/rs-pravilnik/members/{member.pk}/delete/")
    assert not case.members.exists()
    assert Person.objects.filter(family_name="Лекић").exists()


def test_medical_finding_upload_accepts_only_pdf(world, verified_client, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    case = SupportCase.objects.create(student=world.student)
    client = verified_client(world.team)
    url = f"/j/rs-pravilnik/cases/{case.pk}/upload/"
    bad = SimpleUploadedFile("nalaz.pdf", b"not a pdf", content_type="application/pdf")
    client.post(url, {"title": "Налаз", "file": bad})
    from plugins.documents import documents_of

    assert not documents_of("rs-pravilnik", "CaseDocument").exists()
    from plugins.documents import render_pdf

    pdf = render_pdf("documents/print_base.html", {}, title="Налаз")
    good = SimpleUploadedFile("nalaz.pdf", pdf, content_type="application/pdf")
    client.post(url, {"title": "Медицински налаз", "file": good})
    doc = documents_of("rs-pravilnik", "CaseDocument").get()
    assert doc.attached_to == f"SupportCase:{case.pk}"
    # The parent does not download medical findings kept by the team.
    parent = verified_client(world.parent)
    assert parent.get(doc.get_absolute_url()).status_code == 404


def test_portfolio_lists_the_iop_history(world, verified_client):
    case = f.case_ready_for_iop(student=world.student)
    iop1 = f.ready_iop(case, status=IopStatus.SUPERSEDED)
    iop2 = f.ready_iop(case, kind="iop2", previous=iop1)
    response = verified_client(world.team).get(f"/j/rs-pravilnik/cases/{case.pk}/portfolio/")
    assert [e["iop"] for e in response.context["entries"]] == [iop1, iop2]
    page = verified_client(world.team).get(f"/j/rs-pravilnik/iops/{iop2.pk}/")
    assert page.context["history_chain"] == [iop1]


def test_the_ui_switches_between_cyrillic_and_latin(world, verified_client):
    client = verified_client(world.team)
    SupportCase.objects.create(student=world.student)
    client.cookies.load({"django_language": "sr-cyrl"})
    cyr = client.get("/j/rs-pravilnik/").content.decode()
    client.cookies.load({"django_language": "sr-latn"})
    lat = client.get("/j/rs-pravilnik/").content.decode()
    assert "Ученици са предметом подршке" in cyr and "Učenici" not in cyr
    assert "Učenici sa predmetom podrške" in lat and "Ученици" not in lat


def test_reminders_go_once_to_the_team_not_to_the_parent(world):
    case = f.case_ready_for_iop(student=world.student)
    iop = f.ready_iop(case, status=IopStatus.ADOPTED)
    member = b.user()
    case.members.create(person=member.person, function="subject_teacher")
    case.members.create(person=world.parent.person, function="parent")
    today = timezone.localdate()
    EvaluationDate.objects.create(
        iop=iop, due_on=today + datetime.timedelta(days=5), kind="quarter"
    )
    EvaluationDate.objects.create(
        iop=iop, due_on=today + datetime.timedelta(days=60), kind="quarter"
    )
    assert send_due_reminders(today) == 1
    assert send_due_reminders(today) == 0
    notified = set(Notice.objects.filter(kind="deadline").values_list("recipient_id", flat=True))
    assert notified == {world.team.pk, member.pk}
    assert Notice.objects.filter(kind="deadline").first().url == f"/j/rs-pravilnik/iops/{iop.pk}/"
