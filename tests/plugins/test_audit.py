"""The audit trail: one row per read, refusal and sign-in; rows never change or go away."""

import pytest
from django.contrib.auth import get_user_model
from django.http import Http404
from django.test import Client, RequestFactory

from content.demo import DEMO_PASSWORD
from plugins import audit
from plugins.access import fetch
from plugins.audit.admin import AuditEventAdmin
from plugins.audit.models import AppendOnlyError, AuditEvent
from plugins.sdk import builders as b
from tests.dummy_jurisdiction.models import Case

pytestmark = pytest.mark.django_db
SECRET = "SECRET-DIAGNOSIS-7f3a"


def user(username):
    return get_user_model().objects.get(username=username)


def new_rows(since_pk):
    return list(AuditEvent.objects.filter(pk__gt=since_pk).order_by("pk"))


def last_pk():
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def assert_no_secret(rows):
    for row in rows:
        for field in row._meta.concrete_fields:
            assert SECRET not in str(getattr(row, field.attname)), field.name


# -- reads and refusals ----------------------------------------------------------


def test_each_read_writes_exactly_one_row_with_the_role(demo, verified_client):
    emil = demo["students"]["emil"]
    case = Case.objects.create(student=emil, status="draft", summary=SECRET)
    teacher = user("demo-teacher")
    client = verified_client(teacher)
    start = last_pk()

    response = client.get(f"/j/dummy/cases/{case.pk}/", REMOTE_ADDR="10.20.30.40")
    assert response.status_code == 200
    assert SECRET in response.content.decode()  # the teacher does see the content
    rows = new_rows(start)
    assert len(rows) == 1
    row = rows[0]
    assert row.action == "view"
    assert row.role == "teacher"
    assert row.outcome == "ok"
    assert row.actor == teacher
    assert row.actor_name == "Tobias Aarhus"
    assert (row.jurisdiction, row.record_type, row.record_id) == ("dummy", "Case", str(case.pk))
    assert row.student == emil
    assert row.address == "10.20.30.40"
    assert row.path == f"/j/dummy/cases/{case.pk}/"
    assert row.at.utcoffset().total_seconds() == 0  # stored in UTC
    assert_no_secret(rows)

    client.get(f"/j/dummy/cases/{case.pk}/")
    assert len(new_rows(start)) == 2  # one more per read, not per session


def test_role_is_the_one_that_grants_the_read(demo, verified_client):
    ola, nora = demo["students"]["ola"], demo["students"]["nora"]
    own = Case.objects.create(student=ola, status="shared", summary=SECRET)
    adult = Case.objects.create(student=nora, status="shared", summary=SECRET)
    start = last_pk()
    for username, case in (
        ("demo-guardian", own),
        ("demo-coordinator", own),
        ("demo-student", adult),
    ):
        assert verified_client(user(username)).get(f"/j/dummy/cases/{case.pk}/").status_code == 200
    reads = [(r.actor.username, r.role) for r in new_rows(start) if r.action == "view"]
    assert reads == [
        ("demo-guardian", "guardian"),
        ("demo-coordinator", "coordinator"),
        ("demo-student", "student"),
    ]


def test_denied_read_writes_one_denied_row_and_no_content(demo, verified_client):
    ola = demo["students"]["ola"]
    case = Case.objects.create(student=ola, status="shared", summary=SECRET)
    intruder = user("demo-guardian2")
    client = verified_client(intruder)
    start = last_pk()

    response = client.get(f"/j/dummy/cases/{case.pk}/", REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    rows = new_rows(start)
    assert len(rows) == 1
    row = rows[0]
    assert (row.action, row.outcome, row.attempted) == ("denied", "404", "view")
    assert row.actor == intruder
    assert row.role == ""
    assert (row.record_type, row.record_id, row.student) == ("Case", str(case.pk), ola)
    assert row.address == "192.0.2.7"
    assert_no_secret(rows)


def test_guessed_id_writes_one_denied_row(demo, verified_client):
    client = verified_client(user("demo-guardian"))
    start = last_pk()
    missing = (Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    assert client.get(f"/j/dummy/cases/{missing}/").status_code == 404
    rows = new_rows(start)
    assert [(r.action, r.outcome, r.record_type, r.record_id, r.student_id) for r in rows] == [
        ("denied", "404", "Case", str(missing), None)
    ]


def test_draft_case_is_denied_to_its_guardian_with_the_role_recorded(demo, verified_client):
    case = Case.objects.create(student=demo["students"]["ola"], status="draft", summary=SECRET)
    client = verified_client(user("demo-guardian"))
    start = last_pk()
    response = client.get(f"/j/dummy/cases/{case.pk}/")
    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    [row] = new_rows(start)
    assert (row.action, row.role, row.outcome) == ("denied", "guardian", "404")


def test_fetch_forbidden_action_writes_a_403_row_and_reraises():
    st = b.student()
    case = Case.objects.create(student=st, status="draft", summary=SECRET)
    teacher = b.teacher_of(st)
    request = RequestFactory().get("/x/", REMOTE_ADDR="203.0.113.9")
    request.user = teacher
    start = last_pk()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        fetch(request, "edit", Case.objects.all(), pk=case.pk)  # teachers may view, not edit
    [row] = new_rows(start)
    assert (row.action, row.attempted, row.outcome) == ("denied", "edit", "403")
    assert row.role == "teacher"

    with pytest.raises(Http404):
        fetch(request, "view", Case.objects.all(), pk="not-a-number")
    assert [r.action for r in new_rows(start)] == ["denied", "denied"]

    assert fetch(request, "view", Case.objects.all(), pk=case.pk) == case
    rows = new_rows(start)
    assert (rows[-1].action, rows[-1].role, rows[-1].address) == ("view", "teacher", "203.0.113.9")
    assert len(rows) == 3


def test_anonymous_read_is_sent_to_sign_in_without_touching_the_record(demo):
    case = Case.objects.create(student=demo["students"]["ola"], status="shared", summary=SECRET)
    response = Client().get(f"/j/dummy/cases/{case.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert SECRET not in response.content.decode()


# -- sign-in and sign-out --------------------------------------------------------


def test_sign_in_success_failure_and_sign_out_are_recorded(demo):
    guardian = user("demo-guardian")
    client = Client()
    start = last_pk()

    assert client.login(username="demo-guardian", password=DEMO_PASSWORD)
    assert not client.login(username="demo-guardian", password="wrong-password-123")
    assert not client.login(username="nobody-here", password="whatever-it-is")
    client.logout()

    rows = new_rows(start)
    summary = [(r.action, r.actor_id, r.actor_name, r.outcome) for r in rows]
    assert summary == [
        ("sign-in", guardian.pk, "Kari Solvang", "ok"),
        ("sign-in-failed", None, "demo-guardian", "failed"),
        ("sign-in-failed", None, "nobody-here", "failed"),
        ("sign-out", guardian.pk, "Kari Solvang", "ok"),
    ]
    for row in rows:
        values = " ".join(str(getattr(row, f.attname)) for f in row._meta.concrete_fields)
        assert "wrong-password-123" not in values
        assert DEMO_PASSWORD not in values
        assert row.student_id is None and row.record_id == ""


def test_address_is_taken_from_remote_addr_and_bad_values_are_dropped():
    request = RequestFactory().get("/", REMOTE_ADDR="2001:db8::1")
    assert audit.record(request, "sign-in-failed", username="x").address == "2001:db8::1"
    request = RequestFactory().get("/", REMOTE_ADDR="not-an-address")
    assert audit.record(request, "sign-in-failed", username="x").address is None


def test_unknown_action_names_are_refused():
    with pytest.raises(ValueError):
        audit.record(None, "DROP TABLE")


# -- append-only -----------------------------------------------------------------


@pytest.fixture
def event():
    st = b.student()
    return audit.record(None, "view", record=st, role="coordinator", actor=b.user())


def test_existing_row_cannot_be_saved_again(event):
    event.role = "someone-else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.save(update_fields=["role"])
    event.refresh_from_db()
    assert event.role == "coordinator"


def test_row_cannot_be_deleted(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_queryset_update_and_delete_are_refused(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(role="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(outcome="x")
    event.role = "x"
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_update([event], ["role"])
    event.refresh_from_db()
    assert (event.role, event.outcome) == ("coordinator", "ok")


def test_rows_outlive_the_user_and_keep_the_name(event):
    actor = event.actor
    name = event.actor_name
    actor.delete()
    event.refresh_from_db()
    assert event.actor_id is None
    assert event.actor_name == name


def test_for_student_is_newest_first():
    st = b.student()
    first = audit.record(None, "view", record=st)
    second = audit.record(None, "edit", record=st)
    audit.record(None, "view", record=b.student())  # someone else
    assert list(audit.for_student(st)) == [second, first]


# -- admin -----------------------------------------------------------------------


def test_admin_is_read_only(event, verified_client):
    from django.contrib.admin.sites import site

    admin = site._registry[AuditEvent]
    assert isinstance(admin, AuditEventAdmin)
    request = RequestFactory().get("/")
    request.user = get_user_model().objects.create_superuser("root", "root@example.org", "pw-1234")
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request, event)
    assert not admin.has_delete_permission(request, event)

    client = verified_client(request.user)
    base = "/django-admin/plugins/auditevent/"
    listing = client.get(base)
    assert listing.status_code == 200
    assert event.actor_name in listing.content.decode()
    assert client.get(f"{base}add/").status_code == 403
    assert client.get(f"{base}{event.pk}/delete/").status_code == 403
    detail = client.get(f"{base}{event.pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()  # a view page, no form to save
    client.post(f"{base}{event.pk}/change/", {"role": "changed"})
    client.post(base, {"action": "delete_selected", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.role == "coordinator"
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_no_add_change_or_delete_permission_exists():
    from django.contrib.auth.models import Permission

    perms = Permission.objects.filter(content_type__model="auditevent")
    codenames = set(perms.values_list("codename", flat=True))
    assert codenames == {"view_auditevent"}
