"""Generated access test over the whole demo world.

Every demo account asks for every dummy case (draft and shared, for every
demo student), every child's family page and access log, and a few guessed
ids. What each account should get is worked out here from the demo data
alone (guardian relations and age, teaching assignments, coordinator roles
at the school) without calling ``plugins.access``, so the two can disagree.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from plugins.audit.models import AuditEvent
from plugins.models import GuardianRelation, RoleAssignment, Student, TeachingAssignment
from tests.dummy_jurisdiction.models import Case

pytestmark = pytest.mark.django_db

USERS = [
    "demo-guardian",
    "demo-guardian2",
    "demo-student",
    "demo-teacher",
    "demo-coordinator",
    "demo-leader",
    "demo-editor",
    "demo-county",
]
STATUSES = ["draft", "shared"]
#: Statuses a family may see in the dummy plugin ("shared" and later).
FAMILY_STATUSES = {"shared", "approved", "closed"}
AGE_OF_MAJORITY = 18


def age(birth, today):
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def expected_access(person):
    """(family student ids, staff student ids) for ``person``, read from the data itself."""
    today = timezone.localdate()
    students = {s.pk: s for s in Student.objects.all()}
    family = set()
    for rel in GuardianRelation.objects.filter(guardian=person):
        s = students[rel.student_id]
        if age(s.birth_date, today) < AGE_OF_MAJORITY or rel.access_granted_by_student:
            family.add(s.pk)
    family |= {s.pk for s in students.values() if s.person_id == person.pk}

    staff = set()
    for ta in TeachingAssignment.objects.filter(teacher=person):
        staff |= {s.pk for s in ta.students.all()}
        if ta.group_id:
            staff |= {s.pk for s in students.values() if s.group_id == ta.group_id}
    for ra in RoleAssignment.objects.filter(person=person, role="coordinator"):
        if ra.jurisdiction not in ("", "dummy"):
            continue
        if (ra.valid_from and ra.valid_from > today) or (ra.valid_to and ra.valid_to < today):
            continue
        staff |= {s.pk for s in students.values() if s.school_id == ra.organisation_id}
    return family, staff


@pytest.fixture
def world(demo):
    cases = [
        Case.objects.create(student=s, status=status, summary=f"CASE-TEXT-{s.pk}-{status}")
        for s in Student.objects.order_by("pk")
        for status in STATUSES
    ]
    return {s.pk: s for s in Student.objects.select_related("person")}, cases


def person_of(username):
    return get_user_model().objects.select_related("person").get(username=username).person


def test_expected_table_tells_the_demo_story(world):
    """The independent computation agrees with the demo's own description."""
    students, _ = world
    name = {s.pk: s.person.given_name for s in students.values()}

    def names(ids):
        return sorted(name[i] for i in ids)

    table = {u: expected_access(person_of(u)) for u in USERS}
    # Linnea is the Swedish plugin's demo child of the same guardian.
    assert names(table["demo-guardian"][0]) == ["Linnea", "Mia", "Ola"]
    assert names(table["demo-guardian2"][0]) == ["Emil"]
    assert names(table["demo-student"][0]) == ["Nora"]
    assert names(table["demo-teacher"][1]) == ["Emil", "Lea", "Ola"]
    # Henrik and Ida left the school; their closed cases are kept and still reachable.
    assert names(table["demo-coordinator"][1]) == [
        "Amir",
        "Emil",
        "Henrik",
        "Ida",
        "Jakob",
        "Lea",
        "Ola",
        "Sofie",
    ]
    for u in ("demo-leader", "demo-editor", "demo-county"):
        assert table[u] == (set(), set())
    for u in ("demo-guardian", "demo-guardian2", "demo-student"):
        assert table[u][1] == set()
    for u in ("demo-teacher", "demo-coordinator"):
        assert table[u][0] == set()


@pytest.mark.parametrize("username", USERS)
def test_access_matrix(world, verified_client, username):
    students, cases = world
    person = person_of(username)
    family, staff = expected_access(person)
    client = verified_client(person.user)
    problems = []
    start = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def check(url, want, label, secret=None):
        response = client.get(url)
        body = response.content.decode()
        if response.status_code != want:
            problems.append(f"{url} [{label}]: expected {want}, got {response.status_code}")
        if secret and want == 404 and secret in body:
            problems.append(f"{url} [{label}]: refused, yet the case text is in the answer")
        if secret and want == 200 and secret not in body:
            problems.append(f"{url} [{label}]: allowed, yet the case text is missing")

    visible = set()
    for case in cases:
        allowed = case.student_id in staff or (
            case.student_id in family and case.status in FAMILY_STATUSES
        )
        if allowed:
            visible.add(case.pk)
        label = f"{students[case.student_id].name}, {case.status}"
        check(f"/j/dummy/cases/{case.pk}/", 200 if allowed else 404, label, case.summary)
    top_case = max(c.pk for c in cases)
    for guess in range(top_case + 1, top_case + 4):
        check(f"/j/dummy/cases/{guess}/", 404, "guessed case id")

    for pk, student in students.items():
        want = 200 if pk in family else 404
        check(f"/family/children/{pk}/", want, f"{student.name}: child page")
        check(f"/family/children/{pk}/access-log/", want, f"{student.name}: access log")
    top_student = max(students)
    for guess in range(top_student + 1, top_student + 4):
        check(f"/family/children/{guess}/access-log/", 404, "guessed child id")
        check(f"/family/children/{guess}/", 404, "guessed child id")

    listed = client.get("/j/dummy/").content.decode()
    listed_ids = {int(x) for x in listed.split(",") if x}
    if listed_ids != visible:
        problems.append(f"/j/dummy/ lists {sorted(listed_ids)}, expected {sorted(visible)}")

    index = client.get("/family/").content.decode()
    linked = {int(x) for x in re.findall(r"/family/children/(\d+)/access-log/", index)}
    if linked != family:
        problems.append(f"/family/ links children {sorted(linked)}, expected {sorted(family)}")

    # Every case request left exactly one audit row: a read, or a refusal.
    case_rows = AuditEvent.objects.filter(pk__gt=start, path__startswith="/j/dummy/cases/")
    if case_rows.count() != len(cases) + 3:
        problems.append(f"{case_rows.count()} audit rows for {len(cases) + 3} case requests")
    if case_rows.filter(action="view").count() != len(visible):
        problems.append("audited reads do not match the visible cases")

    assert not problems, f"{username}:\n" + "\n".join(problems)
