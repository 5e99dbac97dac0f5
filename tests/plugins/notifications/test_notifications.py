"""Notices: who gets them, the unread badge, reading, e-mail choices, urgent mail, digests."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext_lazy

from plugins import notifications
from plugins.notifications.models import DigestLog, Notice, NotificationPreference
from plugins.sdk import builders as b
from plugins.workflow import fire

pytestmark = pytest.mark.django_db

SECRET = "SECRET-diagnosis-7f3a: dyslexia and anxiety"


def badge(html: str):
    """(visible count, accessible text) of the header's notices link, or None."""
    match = re.search(
        r'<a class="notices-link" href="/notifications/">Notices '
        r'<span aria-hidden="true">\((\d+)\)</span><span class="visually-hidden">([^<]*)</span></a>',
        html,
    )
    return (int(match.group(1)), match.group(2)) if match else None


# --- raising notices --------------------------------------------------------


def test_notify_creates_notices_only_for_the_recipients(person):
    alice, bob, carol = person(), person(), person()
    inactive = person()
    inactive.is_active = False
    inactive.save()

    created = notifications.notify(
        [alice, bob, alice.person, inactive], "goal-changed", "A goal changed", "/j/dummy/cases/1/"
    )

    assert sorted(n.recipient_id for n in created) == sorted([alice.pk, bob.pk])
    assert Notice.objects.count() == 2
    assert not Notice.objects.filter(recipient__in=[carol, inactive]).exists()
    notice = Notice.objects.get(recipient=alice)
    assert (notice.kind, notice.title, notice.url) == (
        "goal-changed",
        "A goal changed",
        "/j/dummy/cases/1/",
    )
    assert notice.read_at is None and notice.emailed_at is None and not notice.urgent


@pytest.mark.parametrize(
    "url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""]
)
def test_notify_only_links_inside_the_portal(person, url):
    with pytest.raises(ValueError):
        notifications.notify([person()], "workflow", "Something happened", url)
    assert not Notice.objects.exists()


def test_titles_are_stored_in_the_source_language_and_shown_in_the_readers(person):
    from django.utils import translation

    user = person()
    with translation.override("sv"):  # the sender's language does not matter
        notifications.notify([user], "workflow", gettext_lazy("Password"), "/")
    notice = Notice.objects.get()
    assert notice.title == "Password"
    with translation.override("nb"):
        assert notice.display_title == "Passord"
    with translation.override("en"):
        assert notice.display_title == "Password"


# --- badge, list, reading ---------------------------------------------------


def test_unread_count_and_header_badge(person, verified_client, client):
    user, other = person(), person()
    notifications.notify([user], "workflow", "First", "/")
    notifications.notify([user, other], "workflow", "Second", "/")
    assert notifications.unread_count(user) == 2
    assert notifications.unread_count(other) == 1

    c = verified_client(user)
    page = c.get("/").content.decode()
    assert badge(page) == (2, "(2 unread)")

    Notice.objects.filter(recipient=user).update(read_at=timezone.now())
    assert notifications.unread_count(user) == 0
    assert badge(c.get("/").content.decode()) == (0, "(0 unread)")
    # Nobody signed in: no badge at all.
    assert "notices-link" not in client.get("/").content.decode()


def test_badge_is_not_shown_before_the_second_factor(person, client):
    user = person()
    notifications.notify([user], "workflow", "First", "/")
    client.force_login(user)  # password only
    assert "notices-link" not in client.get("/").content.decode()


def test_list_shows_own_notices_and_opening_one_marks_it_read(person, verified_client):
    user, other = person(), person()
    mine = notifications.notify([user], "workflow", "Mine to read", "/j/dummy/")[0]
    theirs = notifications.notify([other], "workflow", "Not for you", "/")[0]
    c = verified_client(user)

    page = c.get("/notifications/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Mine to read" in html and "Not for you" not in html
    assert "You have 1 unread notice." in html
    assert "no-store" in page["Cache-Control"]

    response = c.get(f"/notifications/{mine.pk}/")
    assert response.status_code == 302 and response["Location"] == "/j/dummy/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert notifications.unread_count(user) == 0

    # Someone else's notice: 404, and it stays unread.
    assert c.get(f"/notifications/{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_notice_pages_need_sign_in(client, person):
    notice = notifications.notify([person()], "workflow", "x", "/")[0]
    for url in ("/notifications/", f"/notifications/{notice.pk}/", "/notifications/settings/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_read(person, verified_client):
    user, other = person(), person()
    notifications.notify([user, other], "workflow", "One", "/")
    notifications.notify([user], "deadline", "Two", "/")
    c = verified_client(user)
    assert c.get("/notifications/read-all/").status_code == 405  # POST only

    response = c.post("/notifications/read-all/")

    assert response.status_code == 302
    assert notifications.unread_count(user) == 0
    assert notifications.unread_count(other) == 1


# --- e-mail choices -------------------------------------------------------------


def test_preferences_per_kind_are_saved_and_respected_by_the_digest(person, verified_client):
    user = person()
    c = verified_client(user)
    page = c.get("/notifications/settings/").content.decode()
    # Every kind starts with e-mail on.
    assert re.search(r'<input type="checkbox" name="kind_workflow"[^>]*checked', page)
    assert re.search(r'<input type="checkbox" name="kind_goal-changed"[^>]*checked', page)

    response = c.post(
        "/notifications/settings/", {"kind_goal-changed": "on", "kind_deadline": "on"}
    )
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=user, kind="workflow").email is False
    assert NotificationPreference.objects.get(user=user, kind="goal-changed").email is True
    assert not re.search(
        r'<input type="checkbox" name="kind_workflow"[^>]*checked',
        c.get("/notifications/settings/").content.decode(),
    )

    notifications.notify([user], "workflow", "Moved on", "/a/")
    notifications.notify([user], "goal-changed", "Goal changed", "/b/")
    assert notifications.send_digests() == 1
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Goal changed" in body and "/b/" in body
    assert "Moved on" not in body and "/a/" not in body
    # The notice the person did not want by e-mail is still in the portal.
    assert notifications.unread_count(user) == 2


def test_nothing_is_emailed_when_every_kind_is_off(person):
    user = person()
    NotificationPreference.objects.create(user=user, kind="deadline", email=False)
    notifications.notify([user], "deadline", "Due soon", "/", urgent=True)
    notifications.notify([user], "deadline", "Due later", "/")
    assert notifications.send_digests() == 0
    assert mail.outbox == []
    assert not DigestLog.objects.exists()


# --- urgent and digest ----------------------------------------------------------


def test_urgent_notice_is_emailed_at_once_after_commit(person, django_capture_on_commit_callbacks):
    user, other = person(), person()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notifications.notify(
            [user], "deadline", "The deadline is tomorrow", "/j/dummy/", urgent=True
        )
        notifications.notify([other], "deadline", "Not urgent", "/j/dummy/")
        assert mail.outbox == []  # nothing before the transaction commits
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.person.email]
    assert "The deadline is tomorrow" in message.body
    assert "http://127.0.0.1:8000/j/dummy/" in message.body
    assert Notice.objects.get(recipient=user).emailed_at is not None
    # The urgent e-mail does not use up the day's digest; the other person's
    # notice waits for it.
    assert Notice.objects.get(recipient=other).emailed_at is None
    assert notifications.send_digests() == 1
    assert mail.outbox[1].to == [other.person.email]


def test_urgent_notice_respects_the_choice_per_kind(person, django_capture_on_commit_callbacks):
    user = person()
    NotificationPreference.objects.create(user=user, kind="deadline", email=False)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([user], "deadline", "The deadline is tomorrow", "/", urgent=True)
    assert mail.outbox == []
    assert notifications.unread_count(user) == 1


def test_at_most_one_digest_per_person_per_day(person):
    user, other = person(), person()
    notifications.notify([user], "workflow", "First thing", "/one/")
    notifications.notify([user, other], "goal-changed", "Second thing", "/two/")

    out = io.StringIO()
    call_command("send_digests", stdout=out)
    call_command("send_digests", stdout=out)
    assert out.getvalue().splitlines() == ["2 digest(s) sent.", "0 digest(s) sent."]

    assert sorted(m.to[0] for m in mail.outbox) == sorted([user.person.email, other.person.email])
    digest = next(m for m in mail.outbox if m.to == [user.person.email])
    assert "First thing" in digest.body and "Second thing" in digest.body
    assert "2 new notices" in digest.subject
    assert DigestLog.objects.filter(user=user, date=timezone.localdate()).count() == 1

    # Later the same day: it waits for tomorrow.
    notifications.notify([user], "workflow", "Third thing", "/three/")
    assert notifications.send_digests() == 0
    assert len(mail.outbox) == 2
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert notifications.send_digests(today=tomorrow) == 1
    assert "Third thing" in mail.outbox[2].body and "First thing" not in mail.outbox[2].body


def test_notices_read_in_the_portal_are_not_emailed(person):
    user = person()
    notifications.notify([user], "workflow", "Already seen", "/")
    notifications.mark_all_read(user)
    assert notifications.send_digests() == 0
    assert mail.outbox == []


def test_digest_task_sends_the_digest(person):
    from plugins.notifications.tasks import send_digests_task

    user = person()
    notifications.notify([user], "workflow", "Through the task", "/")
    result = send_digests_task.enqueue()
    assert result.return_value == 1
    assert [m.to for m in mail.outbox] == [[user.person.email]]


def test_email_is_in_the_recipients_language(person, settings):
    settings.LANGUAGE_CODE = "nb"
    english, default = person(language="en"), person(language="")
    notifications.notify([english, default], "workflow", "Something", "/")
    notifications.send_digests()
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address[english.person.email].body.startswith("Hello,")
    assert by_address[default.person.email].body.startswith("Hei,")


# --- workflow effect and privacy ---------------------------------------------------


def test_share_notifies_the_guardians_without_case_content(
    shared_case, django_capture_on_commit_callbacks
):
    case, guardian, coordinator = shared_case
    case.summary = SECRET
    case.save()
    stranger = b.user()

    fire(case, "share", coordinator)

    notice = Notice.objects.get()
    assert notice.recipient == guardian  # not the coordinator who shared, not a stranger
    assert not Notice.objects.filter(recipient__in=[coordinator, stranger]).exists()
    assert notice.url == f"/j/dummy/cases/{case.pk}/"
    assert notice.jurisdiction == "dummy" and notice.kind == "workflow"
    assert "SECRET" not in notice.title

    assert notifications.send_digests() == 1
    (message,) = mail.outbox
    assert message.to == [guardian.person.email]
    assert "A case was shared with you" in message.body
    assert f"http://127.0.0.1:8000/j/dummy/cases/{case.pk}/" in message.body
    for part in (message.subject, message.body):
        assert "SECRET" not in part and "dyslexia" not in part
        assert case.student.person.family_name not in part  # not even the child's name


def test_urgent_workflow_notice_has_no_case_content(
    shared_case, django_capture_on_commit_callbacks
):
    case, guardian, coordinator = shared_case
    case.summary, case.status = SECRET, "shared"  # the family may open it
    case.save()
    effect = notifications.notify_effect(
        "workflow",
        "A case needs you",
        recipients=notifications.family_of,
        url=lambda c: f"/j/dummy/cases/{c.pk}/",
        urgent=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        effect(record=case, transition=None, user=coordinator, log=None)
    (message,) = mail.outbox
    assert message.to == [guardian.person.email]
    assert "A case needs you" in message.body
    assert f"http://127.0.0.1:8000/j/dummy/cases/{case.pk}/" in message.body
    assert "SECRET" not in message.body and "dyslexia" not in message.subject + message.body


def test_effect_leaves_out_people_who_cannot_open_the_record(db):
    from tests.dummy_jurisdiction.models import Case

    adult = b.student(age=19)
    guardian = b.guardian_of(adult)  # the student is of age and did not grant access
    student_user = b.student_login(adult)
    coordinator = b.role_holder("coordinator", adult.school)
    case = Case.objects.create(student=adult, summary="")

    fire(case, "share", coordinator)
    assert not Notice.objects.filter(recipient=guardian).exists()

    effect = notifications.notify_effect(
        "workflow", "Shared", recipients=notifications.family_of, url="/j/dummy/"
    )
    effect(record=case, transition=None, user=coordinator, log=None)
    assert list(Notice.objects.values_list("recipient_id", flat=True)) == [student_user.pk]


def test_a_failing_step_leaves_no_notice(shared_case):
    """The effect runs in the step's transaction: a later failing effect rolls the notice back."""
    from plugins.registry import registry

    case, guardian, coordinator = shared_case
    share = registry.get("dummy").workflow_for("Case").transition("share")

    def boom(**kwargs):
        raise RuntimeError("effect failed")

    original = share.effects
    object.__setattr__(share, "effects", (*original, boom))
    try:
        with pytest.raises(RuntimeError):
            fire(case, "share", coordinator)
    finally:
        object.__setattr__(share, "effects", original)
    assert not Notice.objects.exists()
    case.refresh_from_db()
    assert case.status == "draft"
