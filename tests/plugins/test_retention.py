"""Closing cases of students who left and deleting them after the retention period."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from plugins import retention
from plugins.access import can, permitted
from plugins.audit.models import AuditEvent
from plugins.consent.models import ConsentReceipt, ConsentRequest
from plugins.documents.models import BundleJob, Document
from plugins.documents.storage import private_storage
from plugins.drafts.models import Draft
from plugins.models import GuardianRelation, Person, Student, TransitionLog

User = get_user_model()


def user(username):
    return User.objects.get(username=username)


def student(given, family):
    return Student.objects.select_related("school", "person").get(
        person__given_name=given, person__family_name=family
    )


@pytest.fixture
def cases(demo):
    return {
        "henrik": student("Henrik", "Aune"),  # left seven years ago: due
        "ida": student("Ida", "Rønning"),  # left last year: kept
        "ola": student("Ola", "Solvang"),  # open case
        "mia": student("Mia", "Solvang"),  # another school
    }


# -- the period ---------------------------------------------------------------
def test_the_period_runs_from_the_day_the_student_left(cases, settings):
    settings.PORTAL_CASE_RETENTION_YEARS = 5
    henrik, ida, ola = cases["henrik"], cases["ida"], cases["ola"]
    assert retention.kept_until(ola) is None and not retention.is_due(ola)
    assert retention.kept_until(henrik) == retention.add_years(henrik.left_on, 5)
    assert retention.is_due(henrik)
    assert not retention.is_due(ida)
    # The last day kept is not yet due; the day after is.
    last = retention.kept_until(ida)
    assert not retention.is_due(ida, today=last)
    assert retention.is_due(ida, today=last + datetime.timedelta(days=1))


def test_a_jurisdiction_at_the_school_can_keep_cases_longer(cases, settings, monkeypatch):
    from plugins.registry import registry

    settings.PORTAL_CASE_RETENTION_YEARS = 5
    henrik = cases["henrik"]
    j = registry.get("no-iskole")
    monkeypatch.setattr(type(j), "retention_years", 10)
    assert "no-iskole" in henrik.school.jurisdictions
    assert retention.years_for(henrik) == 10
    assert not retention.is_due(henrik)
    # A jurisdiction not used at the school does not count.
    henrik.school.jurisdictions = []
    assert retention.years_for(henrik) == 5


def test_leap_day_retention_ends_on_28_february():
    assert retention.add_years(datetime.date(2024, 2, 29), 5) == datetime.date(2029, 2, 28)


def test_a_retention_role_must_be_declared(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from plugins.registry import registry

    j = registry.get("no-iskole")
    monkeypatch.setattr(type(j), "retention_roles", ("janitor",))
    with pytest.raises(ImproperlyConfigured, match="retention role 'janitor'"):
        j.validate()


# -- who ----------------------------------------------------------------------
KEEPERS_AT_ELVDAL = {"demo-coordinator", "demo-leader"}
OTHERS = {
    "demo-teacher",
    "demo-guardian",
    "demo-guardian2",
    "demo-student",
    "demo-county",
    "demo-editor",
    "demo-se-principal",
    "demo-se-mentor",
}


@pytest.mark.parametrize("username", sorted(KEEPERS_AT_ELVDAL | OTHERS))
def test_who_may_close_and_delete_which_case(cases, username):
    u = user(username)
    keeper = username in KEEPERS_AT_ELVDAL
    henrik, ida, ola, mia = cases["henrik"], cases["ida"], cases["ola"], cases["mia"]
    # Closing: the keepers of the student's school, for every student there.
    assert can(u, retention.CLOSE, henrik) is keeper
    assert can(u, retention.CLOSE, ola) is keeper
    assert can(u, retention.CLOSE, mia) is False  # Bjørkås: not their school
    # Deleting: the same people, only once the period is over.
    assert can(u, retention.DELETE, henrik) is keeper
    assert can(u, retention.DELETE, ida) is False
    assert can(u, retention.DELETE, ola) is False
    listed = set(permitted(u, retention.DELETE, Student.objects.all()))
    assert listed == ({henrik} if keeper else set())
    closable = set(permitted(u, retention.CLOSE, Student.objects.all()))
    assert (henrik in closable and ola in closable) is keeper
    assert mia not in closable


def test_the_swedish_principal_keeps_the_cases_of_their_school(cases):
    principal = user("demo-se-principal")
    linnea = student("Linnea", "Solvang")
    assert can(principal, retention.CLOSE, linnea)
    assert not can(principal, retention.CLOSE, cases["ola"])
    assert not can(user("demo-se-mentor"), retention.CLOSE, linnea)


def test_an_inactive_keeper_may_do_nothing(cases):
    u = user("demo-coordinator")
    u.is_active = False
    assert not can(u, retention.DELETE, cases["henrik"])
    assert not permitted(u, retention.CLOSE, Student.objects.all()).exists()


def test_the_retention_actions_only_apply_to_students(cases):
    u = user("demo-coordinator")
    doc_like = GuardianRelation.objects.first()
    assert can(u, retention.CLOSE, doc_like) is False
    assert not permitted(u, retention.CLOSE, GuardianRelation.objects.all()).exists()


# -- the pages ----------------------------------------------------------------
def test_the_list_shows_due_and_kept_cases_and_finds_open_ones(cases, verified_client):
    client = verified_client(user("demo-coordinator"))
    page = client.get(reverse("retention:list"))
    assert page.status_code == 200
    assert page["Cache-Control"].count("no-store")
    html = page.content.decode()
    assert "Henrik Aune" in html and "Ida Rønning" in html
    assert html.index("Henrik Aune") < html.index("Ida Rønning")  # due first
    assert reverse("retention:delete", args=[cases["henrik"].pk]) in html
    assert reverse("retention:delete", args=[cases["ida"].pk]) not in html
    found = client.get(reverse("retention:list"), {"q": "solv"}).content.decode()
    assert reverse("retention:close", args=[cases["ola"].pk]) in found
    assert reverse("retention:close", args=[cases["mia"].pk]) not in found  # other school


def test_the_menu_shows_the_page_to_keepers_only(cases, verified_client):
    url = reverse("retention:list")
    assert url in verified_client(user("demo-coordinator")).get("/family/").content.decode()
    assert url not in verified_client(user("demo-guardian")).get("/family/").content.decode()
    assert verified_client(user("demo-guardian")).get(url).status_code == 404


def test_closing_a_case_records_the_day_and_reopening_clears_it(cases, verified_client):
    ola = cases["ola"]
    client = verified_client(user("demo-coordinator"))
    day = timezone.localdate() - datetime.timedelta(days=3)
    response = client.post(reverse("retention:close", args=[ola.pk]), {"left_on": day.isoformat()})
    assert response.status_code == 302
    ola.refresh_from_db()
    assert ola.left_on == day
    assert AuditEvent.objects.filter(action="manage", student=ola).exists()
    client.post(reverse("retention:reopen", args=[ola.pk]))
    ola.refresh_from_db()
    assert ola.left_on is None


@pytest.mark.parametrize(
    "value, message",
    [
        ("2999-01-01", "cannot be in the future"),
        ("1900-01-01", "before their birth"),
        ("not a date", "Enter a valid date"),
        ("", "This field is required"),
    ],
)
def test_closing_with_a_bad_day_says_why_and_saves_nothing(cases, verified_client, value, message):
    ola = cases["ola"]
    client = verified_client(user("demo-coordinator"))
    response = client.post(
        reverse("retention:close", args=[ola.pk]), {"left_on": value}, follow=True
    )
    assert message in response.content.decode()
    ola.refresh_from_db()
    assert ola.left_on is None


def test_closing_a_case_at_another_school_is_refused_and_audited(cases, verified_client):
    mia = cases["mia"]
    client = verified_client(user("demo-coordinator"))
    response = client.post(reverse("retention:close", args=[mia.pk]), {"left_on": "2020-01-01"})
    assert response.status_code == 404
    mia.refresh_from_db()
    assert mia.left_on is None
    assert AuditEvent.objects.filter(
        action="denied", attempted=retention.CLOSE, record_id=str(mia.pk), outcome="404"
    ).exists()


def test_a_case_still_being_kept_cannot_be_deleted(cases, verified_client):
    ida = cases["ida"]
    client = verified_client(user("demo-coordinator"))
    url = reverse("retention:delete", args=[ida.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"confirm": "on"}).status_code == 403
    assert Student.objects.filter(pk=ida.pk).exists()
    assert AuditEvent.objects.filter(action="denied", outcome="403", record_id=str(ida.pk)).exists()


def test_deleting_needs_a_fresh_second_factor(cases, verified_client):
    henrik = cases["henrik"]
    client = verified_client(user("demo-coordinator"), fresh=False)
    response = client.post(reverse("retention:delete", args=[henrik.pk]), {"confirm": "on"})
    assert response.status_code == 302 and "verify" in response["Location"]
    assert Student.objects.filter(pk=henrik.pk).exists()


def test_deleting_needs_the_box_ticked(cases, verified_client):
    henrik = cases["henrik"]
    client = verified_client(user("demo-coordinator"))
    response = client.post(reverse("retention:delete", args=[henrik.pk]), {})
    assert response.status_code == 200
    assert "Tick the box to confirm the deletion." in response.content.decode()
    assert Student.objects.filter(pk=henrik.pk).exists()


def _give_case_content(student, coordinator_user):
    """A document with a file, a signed consent, a workflow note, a draft and a bundle."""
    storage = private_storage()
    name = storage.save(f"test/{student.pk}/file.pdf", _pdf())
    doc = Document.objects.create(
        title="Sakkyndig vurdering",
        owner="no-iskole",
        record_type="CaseDocument",
        student=student,
        file=name,
        sha256="0" * 64,
    )
    bundle_name = storage.save(f"bundles/{student.pk}.pdf", _pdf())
    BundleJob.objects.create(
        title="Bundle",
        requested_by=coordinator_user,
        builder="x.y",
        file=bundle_name,
        student_ids=[student.pk],
        status="done",
    )
    req = ConsentRequest.objects.create(
        jurisdiction="no-iskole",
        spec_code="test",
        record_type="StudentApplication",
        record_id="1",
        student=student,
        signers="any_guardian",
        content=b"I agree",
        content_hash="1" * 64,
    )
    ConsentReceipt.objects.create(
        request=req,
        signer_name="Someone",
        signer_role="guardian",
        decision="signed",
        content_hash="1" * 64,
        method="test",
    )
    TransitionLog.objects.create(
        jurisdiction="no-iskole",
        record_type="StudentApplication",
        record_id="1",
        student=student,
        transition="publish",
        from_state="a",
        to_state="b",
        note="A private note",
    )
    Draft.objects.create(
        user=coordinator_user, key=f"plugins.student.{student.pk}.notes", text="Draft text"
    )
    return doc, name, bundle_name


def _pdf() -> object:
    from django.core.files.base import ContentFile

    return ContentFile(b"%PDF-1.4\n%%EOF\n")


def test_deleting_a_due_case_removes_rows_and_files_and_leaves_one_contentless_entry(
    cases, verified_client, django_capture_on_commit_callbacks
):
    henrik = cases["henrik"]
    coordinator = user("demo-coordinator")
    person_pk, pk = henrik.person_id, henrik.pk
    doc, name, bundle_name = _give_case_content(henrik, coordinator)
    guardian = Person.objects.create(given_name="Gunn", family_name="Aune")
    GuardianRelation.objects.create(guardian=guardian, student=henrik)
    AuditEvent.objects.create(
        action="view", student=henrik, record_type="Student", record_id=str(pk)
    )
    client = verified_client(coordinator)

    preview = client.get(reverse("retention:delete", args=[pk]))
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Henrik Aune" in html and "Consent receipts" in html
    assert Student.objects.filter(pk=pk).exists()  # the preview deleted nothing
    assert private_storage().exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("retention:delete", args=[pk]), {"confirm": "on"})
    assert response.status_code == 302
    assert not Student.objects.filter(pk=pk).exists()
    assert not Person.objects.filter(pk__in=[person_pk, guardian.pk]).exists()
    assert not Document.objects.filter(pk=doc.pk).exists()
    assert not ConsentRequest.objects.filter(student_id=pk).exists()
    assert not ConsentReceipt.objects.filter(signer_name="Someone").exists()
    assert not TransitionLog.objects.filter(note="A private note").exists()
    assert not Draft.objects.filter(text="Draft text").exists()
    assert not BundleJob.objects.filter(file=bundle_name).exists()
    assert not private_storage().exists(name)
    assert not private_storage().exists(bundle_name)
    entry = AuditEvent.objects.get(action="delete", record_type="Case")
    assert entry.record_id == str(pk) and entry.student_id is None
    assert entry.actor == coordinator and entry.role == "coordinator"
    text = " ".join(str(getattr(entry, f.name)) for f in AuditEvent._meta.fields)
    assert "Henrik" not in text and "Aune" not in text
    # Earlier rows stay, without the link to the student.
    assert AuditEvent.objects.filter(action="view", record_id=str(pk), student=None).exists()
    followed = client.get(response["Location"]).content.decode()
    assert "is deleted" in followed


def test_a_failure_during_deletion_leaves_everything_in_place(
    cases, verified_client, monkeypatch, django_capture_on_commit_callbacks
):
    henrik = cases["henrik"]
    coordinator = user("demo-coordinator")
    doc, name, _ = _give_case_content(henrik, coordinator)

    def refuse(person, result):
        raise retention.CaseInUse([person])

    monkeypatch.setattr(retention, "_delete_person_if_unattached", refuse)
    client = verified_client(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("retention:delete", args=[henrik.pk]), {"confirm": "on"}, follow=True
        )
    assert "Nothing was removed" in response.content.decode()
    assert Student.objects.filter(pk=henrik.pk).exists()
    assert Document.objects.filter(pk=doc.pk).exists()
    assert ConsentReceipt.objects.filter(signer_name="Someone").exists()
    assert private_storage().exists(name)
    assert not AuditEvent.objects.filter(action="delete", record_type="Case").exists()


def test_a_person_still_named_elsewhere_is_kept(cases, django_capture_on_commit_callbacks):
    henrik, ola = cases["henrik"], cases["ola"]
    # Henrik's father is also the named signer of a request about another child.
    father = Person.objects.create(given_name="Geir", family_name="Aune")
    GuardianRelation.objects.create(guardian=father, student=henrik)
    ConsentRequest.objects.create(
        jurisdiction="no-iskole",
        spec_code="test",
        record_type="StudentApplication",
        record_id="2",
        student=ola,
        named_signer=father,
        signers="any_guardian",
        content=b"x",
        content_hash="2" * 64,
    )
    result = retention.preview(henrik)
    assert Student.objects.filter(pk=henrik.pk).exists()
    assert result.total > 0
    with django_capture_on_commit_callbacks(execute=True):
        retention.delete_case(_request(user("demo-coordinator")), henrik)
    assert not Student.objects.filter(pk=henrik.pk).exists()
    assert Person.objects.filter(pk=father.pk).exists()


def _request(u):
    from django.test import RequestFactory

    request = RequestFactory().post("/cases/")
    request.user = u
    return request


def _rows_of(student) -> dict:
    """Every row of every model that names a path to a student, for this student."""
    rows = {}
    for model in apps.get_models():
        path = getattr(model, "portal_student_path", None)
        if not path or model._meta.proxy:
            continue
        lookup = "pk" if path == "pk" else f"{path}__pk"
        pks = list(model._base_manager.filter(**{lookup: student.pk}).values_list("pk", flat=True))
        if pks:
            rows[model] = pks
    return rows


def test_every_demo_case_in_every_jurisdiction_can_be_deleted_in_full(
    demo, django_capture_on_commit_callbacks
):
    """Close every demo student long ago and delete each case: nothing of it may remain."""
    long_ago = timezone.localdate() - datetime.timedelta(days=366 * 120)
    Student.objects.update(left_on=long_ago)
    keeper = User.objects.filter(is_superuser=False).first()
    jurisdiction_rows = 0
    for s in list(Student.objects.select_related("school", "person")):
        before = _rows_of(s)
        jurisdiction_rows += sum(
            len(v) for m, v in before.items() if m._meta.app_label not in ("plugins",)
        )
        files = list(Document.objects.filter(student=s).values_list("file", flat=True))
        with django_capture_on_commit_callbacks(execute=True):
            retention.delete_case(_request(keeper), s)
        for model, pks in before.items():
            assert not model._base_manager.filter(pk__in=pks).exists(), (model, s)
        for name in files:
            assert not private_storage().exists(name)
    assert not Student.objects.exists()
    assert not ConsentReceipt.objects.exists()
    assert jurisdiction_rows > 20  # the demos' case records were really there
    assert AuditEvent.objects.filter(action="delete", record_type="Case").count() > 10


def test_the_case_list_queries_do_not_grow_with_closed_cases(cases, verified_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plugins.sdk import builders as b

    client = verified_client(user("demo-coordinator"))
    url = reverse("retention:list")

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = count()
    school = cases["henrik"].school
    for n in range(12):
        s = b.student(school_org=school)
        Student.objects.filter(pk=s.pk).update(left_on=datetime.date(2012 + n % 10, 6, 20))
    many = count()
    assert many <= few, f"{few} queries for 2 closed cases, {many} for 14"
