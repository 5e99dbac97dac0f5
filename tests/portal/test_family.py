"""Family pages: my children, a child's page, the access log, and coming of age."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from plugins.audit.models import AuditEvent
from plugins.models import GuardianRelation
from plugins.sdk import builders as b
from plugins.workflow import TransitionDenied, fire
from tests.dummy_jurisdiction.models import Case

pytestmark = pytest.mark.django_db
SECRET = "SECRET-CASE-TEXT-91c2"


@pytest.fixture(autouse=True)
def english(settings):
    """Assertions read English text; other languages are checked on their own below."""
    settings.LANGUAGE_CODE = "en"


def user(username):
    return get_user_model().objects.get(username=username)


def log_url(student, page=None):
    url = f"/family/children/{student.pk}/access-log/"
    return f"{url}?page={page}" if page else url


def child_url(student):
    return f"/family/children/{student.pk}/"


def grant_url(student, relation):
    return f"/family/children/{student.pk}/guardians/{relation.pk}/access/"


def text(response):
    return response.content.decode()


def log_rows(html):
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)


# -- my children -----------------------------------------------------------------


def test_my_children_lists_each_child_with_school_class_and_shared_plans(demo, verified_client):
    ola, mia, emil = (demo["students"][k] for k in ("ola", "mia", "emil"))
    shared = Case.objects.create(student=ola, status="shared", summary=SECRET)
    draft = Case.objects.create(student=mia, status="draft", summary=SECRET)
    closed = Case.objects.create(student=ola, status="closed", summary=SECRET)
    other = Case.objects.create(student=emil, status="shared", summary=SECRET)

    response = verified_client(user("demo-guardian")).get("/family/")
    assert response.status_code == 200
    html = text(response)
    for expected in ("Ola Solvang", "Mia Solvang", "Elvdal ungdomsskole", "8A"):
        assert expected in html
    assert "Bjørkås barne- og ungdomsskole" in html and "10A" in html
    assert "Emil" not in html
    assert f'href="/j/dummy/cases/{shared.pk}/"' in html
    assert "Shared with family" in html
    for hidden in (draft, closed, other):  # drafts, closed and other families' cases
        assert f"/j/dummy/cases/{hidden.pk}/" not in html
    assert SECRET not in html
    assert log_url(ola) in html and log_url(mia) in html


def test_no_children_says_so(verified_client):
    response = verified_client(b.user()).get("/family/")
    assert response.status_code == 200
    assert "There are no children linked to your account." in text(response)


@pytest.mark.parametrize("path", ["/family/", "child", "log"])
def test_family_pages_are_private_and_never_stored(demo, verified_client, path):
    ola = demo["students"]["ola"]
    url = {"child": child_url(ola), "log": log_url(ola)}.get(path, path)
    response = verified_client(user("demo-guardian")).get(url)
    assert response.status_code == 200
    cache = response["Cache-Control"]
    assert "private" in cache and "no-store" in cache


@pytest.mark.parametrize("language", ["nb", "nn", "sv", "sr-cyrl", "sr-latn", "en"])
def test_family_pages_render_in_every_ui_language(demo, verified_client, language):
    ola = demo["students"]["ola"]
    client = verified_client(user("demo-guardian"))
    for url in ("/family/", child_url(ola), log_url(ola)):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        assert response["Content-Language"] == language
        assert "Ola Solvang" in text(response)


def test_family_pages_need_sign_in(demo):
    ola = demo["students"]["ola"]
    for url in ("/family/", child_url(ola), log_url(ola)):
        response = Client().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


# -- access log ------------------------------------------------------------------


def test_guardian_sees_the_teachers_read_in_the_log(demo, verified_client):
    ola = demo["students"]["ola"]
    case = Case.objects.create(student=ola, status="draft", summary=SECRET)
    teacher = verified_client(user("demo-teacher"))
    assert teacher.get(f"/j/dummy/cases/{case.pk}/").status_code == 200

    response = verified_client(user("demo-guardian")).get(log_url(ola))
    assert response.status_code == 200
    html = text(response)
    row = log_rows(html)[0]  # the newest; the demo itself may have logged earlier steps
    assert "Tobias Aarhus" in row
    assert "Teacher" in row
    assert "Opened" in row and "case" in row
    when = timezone.localtime(AuditEvent.objects.filter(action="view").latest("at", "pk").at)
    assert f'datetime="{when.isoformat()}"' in row  # shown in local time
    assert SECRET not in html
    assert '<th scope="col">' in html and "<caption" in html


def people(rows):
    return [re.search(r"Person (\d\d)", r).group(1) for r in rows]


def test_log_is_newest_first_and_paginated(demo, verified_client):
    ola = demo["students"]["ola"]
    earlier = AuditEvent.objects.filter(student=ola).count()  # what loading the demo logged
    now = timezone.now()
    for i in range(30):  # older events by people of another era
        AuditEvent.objects.create(
            at=now - datetime.timedelta(hours=i + 1),
            actor_name=f"Person {i:02d}",
            role="coordinator",
            action="view",
            jurisdiction="dummy",
            record_type="Case",
            record_id="1",
            student=ola,
        )
    case = Case.objects.create(student=ola, status="draft", summary=SECRET)
    verified_client(user("demo-teacher")).get(f"/j/dummy/cases/{case.pk}/")
    client = verified_client(user("demo-guardian"))

    first = text(client.get(log_url(ola)))
    rows = log_rows(first)
    assert len(rows) == 25
    assert "Tobias Aarhus" in rows[0]  # the newest
    assert people(rows[1 + earlier :]) == [f"{i:02d}" for i in range(24 - earlier)]
    assert "Page 1 of 2" in first
    assert 'href="?page=2"' in first

    second = text(client.get(log_url(ola, 2)))
    rows = log_rows(second)
    assert people(rows) == [f"{i:02d}" for i in range(24 - earlier, 30)]
    assert 'href="?page=1"' in second
    assert "Tobias Aarhus" not in second
    # A page out of range shows the last page instead of failing.
    assert client.get(log_url(ola, 99)).status_code == 200


def test_log_shows_only_this_childs_events(demo, verified_client):
    ola, mia, emil = (demo["students"][k] for k in ("ola", "mia", "emil"))
    emil_case = Case.objects.create(student=emil, status="draft", summary=SECRET)
    mia_case = Case.objects.create(student=mia, status="draft", summary=SECRET)
    verified_client(user("demo-teacher")).get(f"/j/dummy/cases/{emil_case.pk}/")
    b.role_holder("coordinator", mia.school)  # a coordinator at Mia's school opens Mia's case
    coordinator = get_user_model().objects.filter(person__roles__organisation=mia.school).first()
    verified_client(coordinator).get(f"/j/dummy/cases/{mia_case.pk}/")
    client = verified_client(user("demo-guardian"))
    assert log_rows(text(client.get(log_url(mia))))  # Mia's has the coordinator's read
    assert "Tobias Aarhus" not in text(client.get(log_url(mia)))
    assert "Tobias Aarhus" not in text(client.get(log_url(ola)))


OTHERS = ["demo-guardian2", "demo-teacher", "demo-coordinator", "demo-editor"]


@pytest.mark.parametrize("username", OTHERS)
def test_log_and_child_page_answer_404_to_others(demo, verified_client, username):
    ola = demo["students"]["ola"]
    case = Case.objects.create(student=ola, status="shared", summary=SECRET)
    verified_client(user("demo-teacher")).get(f"/j/dummy/cases/{case.pk}/")
    client = verified_client(user(username))
    for url in (log_url(ola), child_url(ola)):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Tobias Aarhus" not in text(response)
        assert SECRET not in text(response)
    assert "Ola Solvang" not in text(client.get("/family/"))


def test_log_never_contains_case_text(demo, verified_client):
    ola = demo["students"]["ola"]
    earlier = AuditEvent.objects.filter(student=ola).count()
    case = Case.objects.create(student=ola, status="shared", summary=SECRET)
    for username in ("demo-teacher", "demo-coordinator", "demo-guardian", "demo-guardian2"):
        verified_client(user(username)).get(f"/j/dummy/cases/{case.pk}/")
    client = verified_client(user("demo-guardian"))
    html = text(client.get(log_url(ola)))
    assert len(log_rows(html)) == earlier + 4  # three reads and one refusal
    assert "Was refused access" in html
    assert SECRET not in html
    assert SECRET not in text(client.get("/family/"))
    assert SECRET not in text(client.get(child_url(ola)))


# -- coming of age ---------------------------------------------------------------


def give_login(person):
    u = get_user_model().objects.create_user(username=f"login-{person.pk}", password="pw-test-2026")
    person.user = u
    person.save(update_fields=["user"])
    return u


@pytest.fixture
def nora_world(demo):
    nora = demo["students"]["nora"]
    randi_relation = GuardianRelation.objects.get(student=nora)
    randi = give_login(randi_relation.guardian)
    case = Case.objects.create(student=nora, status="shared", summary=SECRET)
    return nora, randi_relation, randi, user("demo-student"), case


@pytest.fixture
def builder_world():
    """A fresh student of age (18 and a month) with a login and a guardian."""
    st = b.student(age=18)
    guardian = b.guardian_of(st)
    student_user = b.student_login(st)
    case = Case.objects.create(student=st, status="shared", summary=SECRET)
    return st, GuardianRelation.objects.get(student=st), guardian, student_user, case


@pytest.fixture(params=["demo", "builder"])
def of_age(request):
    return request.getfixturevalue("nora_world" if request.param == "demo" else "builder_world")


def test_guardian_loses_access_when_the_student_comes_of_age(of_age, verified_client):
    student, _relation, guardian, _student_user, case = of_age
    assert student.is_of_age()
    client = verified_client(guardian)
    for url in (child_url(student), log_url(student), f"/j/dummy/cases/{case.pk}/"):
        assert client.get(url).status_code == 404, url
    assert student.name not in text(client.get("/family/"))


def test_student_of_age_sees_their_own_pages(of_age, verified_client):
    student, relation, _guardian, student_user, case = of_age
    client = verified_client(student_user)
    index = text(client.get("/family/"))
    assert f"{student.name} (you)" in index
    assert f'href="/j/dummy/cases/{case.pk}/"' in index
    page = client.get(child_url(student))
    assert page.status_code == 200
    assert "Who else can see my records" in text(page)
    assert relation.guardian.full_name in text(page)
    assert client.get(f"/j/dummy/cases/{case.pk}/").status_code == 200
    log = client.get(log_url(student))
    assert log.status_code == 200
    assert "Who has opened my records" in text(log)
    assert student_user.person.full_name in text(log)  # their own read just now


def test_grant_and_withdraw_by_the_student(of_age, verified_client):
    student, relation, guardian, student_user, case = of_age
    me = verified_client(student_user)
    them = verified_client(guardian)

    response = me.post(grant_url(student, relation), {"access": "grant"})
    assert response.status_code == 302
    relation.refresh_from_db()
    assert relation.access_granted_by_student is True
    event = AuditEvent.objects.get(action="grant")
    assert (event.actor, event.role, event.student) == (student_user, "student", student)
    assert (event.record_type, event.record_id) == ("GuardianRelation", str(relation.pk))

    assert them.get(child_url(student)).status_code == 200
    assert them.get(log_url(student)).status_code == 200
    assert them.get(f"/j/dummy/cases/{case.pk}/").status_code == 200
    assert student.name in text(them.get("/family/"))
    assert "Gave access" in text(them.get(log_url(student)))
    # The guardian cannot manage access themself.
    assert "Who else can see my records" not in text(them.get(child_url(student)))

    response = me.post(grant_url(student, relation), {"access": "withdraw"})
    assert response.status_code == 302
    relation.refresh_from_db()
    assert relation.access_granted_by_student is False
    assert AuditEvent.objects.filter(action="withdraw", actor=student_user).count() == 1
    assert them.get(child_url(student)).status_code == 404
    assert them.get(f"/j/dummy/cases/{case.pk}/").status_code == 404


def test_only_the_student_can_grant(of_age, verified_client):
    student, relation, guardian, _student_user, _case = of_age
    them = verified_client(guardian)
    # Without access the guardian does not even learn the child's page exists.
    assert them.post(grant_url(student, relation), {"access": "grant"}).status_code == 404
    relation.refresh_from_db()
    assert relation.access_granted_by_student is False
    # With access granted, the guardian still cannot change it (403), nor can a stranger (404).
    GuardianRelation.objects.filter(pk=relation.pk).update(access_granted_by_student=True)
    assert them.post(grant_url(student, relation), {"access": "withdraw"}).status_code == 403
    stranger = verified_client(b.user())
    assert stranger.post(grant_url(student, relation), {"access": "withdraw"}).status_code == 404
    relation.refresh_from_db()
    assert relation.access_granted_by_student is True
    assert not AuditEvent.objects.filter(action__in=["grant", "withdraw"]).exists()


def test_grant_is_post_only_and_needs_a_fresh_second_factor(builder_world, verified_client):
    student, relation, _guardian, student_user, _case = builder_world
    assert verified_client(student_user).get(grant_url(student, relation)).status_code == 405
    stale = verified_client(student_user, fresh=False)
    response = stale.post(grant_url(student, relation), {"access": "grant"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/verify/")
    relation.refresh_from_db()
    assert relation.access_granted_by_student is False


def test_student_under_age_cannot_grant_and_guardian_keeps_access(verified_client):
    st = b.student(age=16)
    relation_user = b.guardian_of(st)
    relation = GuardianRelation.objects.get(student=st)
    student_user = b.student_login(st)
    me = verified_client(student_user)
    assert me.post(grant_url(st, relation), {"access": "grant"}).status_code == 403
    assert verified_client(relation_user).get(child_url(st)).status_code == 200
    assert "Who else can see my records" not in text(me.get(child_url(st)))


def years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return datetime.date(day.year - years, 2, 28)


def test_access_changes_on_the_18th_birthday(verified_client):
    st = b.student()
    guardian = b.guardian_of(st)
    today = timezone.localdate()
    client = verified_client(guardian)

    st.birth_date = years_before(today, 18) + datetime.timedelta(days=1)
    st.save()
    assert client.get(child_url(st)).status_code == 200  # 18 tomorrow
    st.birth_date = years_before(today, 18)
    st.save()
    assert client.get(child_url(st)).status_code == 404  # 18 today


def test_student_of_age_signs_instead_of_the_guardian(builder_world):
    from tests.dummy_jurisdiction.conformance import sign_approval

    _student, _relation, guardian, student_user, case = builder_world
    sign_approval(case, student_user)  # the consent the transition needs
    with pytest.raises(TransitionDenied):
        fire(case, "approve", guardian)
    case.refresh_from_db()
    assert case.status == "shared"
    fire(case, "approve", student_user)
    case.refresh_from_db()
    assert case.status == "approved"


def test_guardian_signs_while_the_student_is_under_age():
    from tests.dummy_jurisdiction.conformance import sign_approval

    st = b.student(age=12)
    guardian = b.guardian_of(st)
    case = Case.objects.create(student=st, status="shared", summary="Summary")
    sign_approval(case, guardian)
    fire(case, "approve", guardian)
    case.refresh_from_db()
    assert case.status == "approved"
