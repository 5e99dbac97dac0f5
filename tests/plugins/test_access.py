"""Relations and permission checks (plugins/access), against the dummy plugin's matrix.

Dummy matrix, for reference:
    Case.view         coordinator, teacher; guardian, student when status >= shared
    Case.edit         coordinator
    Case.download     coordinator; teacher when visible_to_teachers
    SubjectNote.view  coordinator, teacher
    SubjectNote.edit  coordinator, own_subject
"""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from plugins.access import can, get_permitted_or_404, permitted, relations, roles_of
from plugins.models import RoleAssignment
from plugins.registry import registry
from plugins.sdk import builders as b
from tests.dummy_jurisdiction.models import Case, CaseStatus, SubjectNote

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def dummy():
    return registry.get("dummy")


def case_for(student, status=CaseStatus.SHARED, **fields) -> Case:
    return Case.objects.create(student=student, status=status, summary="Private summary", **fields)


def fresh(user):
    """The same user loaded anew, with no cached person."""
    return get_user_model().objects.get(pk=user.pk)


def eighteenth_birthday_cutoff() -> datetime.date:
    """Birth date of someone who turns 18 today (computed here, not by the code under test)."""
    today = timezone.localdate()
    if today.month == 2 and today.day == 29:
        return datetime.date(today.year - 18, 2, 28)
    return datetime.date(today.year - 18, today.month, today.day)


def born(student, day: datetime.date):
    student.birth_date = day
    student.save(update_fields=["birth_date"])
    return student


# -- coordinators: role assignments at a school ----------------------------------------


def test_coordinator_at_the_students_school_and_at_another_school(dummy):
    st = b.student()
    case = case_for(st)
    here = b.role_holder("coordinator", st.school)
    elsewhere = b.role_holder("coordinator", b.school())
    assert relations.has_role_at_school("coordinator").test(here, case, dummy)
    assert can(here, "edit", case)
    assert not relations.has_role_at_school("coordinator").test(elsewhere, case, dummy)
    assert not can(elsewhere, "view", case)
    assert roles_of(elsewhere, case) == []


def test_another_role_at_the_same_school_is_not_coordinator(dummy):
    st = b.student()
    case = case_for(st)
    leader = b.role_holder("leader", st.school)
    assert not relations.has_role_at_school("coordinator").test(leader, case, dummy)
    assert not can(leader, "view", case)


def test_role_at_the_school_owner_counts_only_with_include_owners(dummy):
    st = b.student()
    case = case_for(st)
    at_owner = b.role_holder("coordinator", st.school.parent)
    at_other_owner = b.role_holder("coordinator", b.school().parent)
    assert not relations.has_role_at_school("coordinator").test(at_owner, case, dummy)
    assert relations.has_role_at_school("coordinator", include_owners=True).test(
        at_owner, case, dummy
    )
    assert not relations.has_role_at_school("coordinator", include_owners=True).test(
        at_other_owner, case, dummy
    )


@pytest.mark.parametrize(
    "valid_from,valid_to,allowed",
    [
        (None, -1, False),  # ended yesterday
        (None, 0, True),  # last day today
        (None, 30, True),
        (1, None, False),  # starts tomorrow
        (0, None, True),  # starts today
        (-30, -2, False),
    ],
)
def test_role_assignment_validity_dates(dummy, valid_from, valid_to, allowed):
    st = b.student()
    case = case_for(st)
    today = timezone.localdate()
    u = b.user()
    RoleAssignment.objects.create(
        person=u.person,
        role="coordinator",
        organisation=st.school,
        valid_from=None if valid_from is None else today + valid_from * DAY,
        valid_to=None if valid_to is None else today + valid_to * DAY,
    )
    assert relations.has_role_at_school("coordinator").test(u, case, dummy) is allowed
    assert can(u, "view", case) is allowed
    assert permitted(u, "view", Case.objects.all()).exists() is allowed


@pytest.mark.parametrize("scope,allowed", [("", True), ("dummy", True), ("no-iskole", False)])
def test_role_assignment_scoped_to_a_jurisdiction(dummy, scope, allowed):
    st = b.student()
    case = case_for(st)
    u = b.role_holder("coordinator", st.school, jurisdiction=scope)
    assert relations.has_role_at_school("coordinator").test(u, case, dummy) is allowed
    assert can(u, "edit", case) is allowed


# -- teachers ---------------------------------------------------------------------------


def test_teacher_through_the_class_group(dummy):
    st = b.student()
    case = case_for(st)
    teacher = b.teacher_of(st, via_group=True)
    assert relations.teaches_student.test(teacher, case, dummy)
    assert can(teacher, "view", case)
    assert not can(teacher, "edit", case)


def test_teacher_of_named_students(dummy):
    st = b.student()
    classmate = b.student(school_org=st.school)
    case = case_for(st)
    teacher = b.teacher_of(st)  # st only, not the class
    assert relations.teaches_student.test(teacher, case, dummy)
    assert can(teacher, "view", case)
    assert not can(teacher, "view", case_for(classmate))


def test_teacher_of_another_student_is_denied(dummy):
    st = b.student()
    case = case_for(st)
    named = b.teacher_of(b.student(school_org=st.school))
    other_group = b.teacher_of(b.student(school_org=st.school), via_group=True)
    for teacher in (named, other_group):
        assert not relations.teaches_student.test(teacher, case, dummy)
        assert not can(teacher, "view", case)
        assert roles_of(teacher, case) == []


def test_teacher_download_follows_the_condition():
    st = b.student()
    teacher = b.teacher_of(st)
    assert can(teacher, "download", case_for(st, visible_to_teachers=True))
    assert not can(teacher, "download", case_for(st, visible_to_teachers=False))


def test_own_subject_teacher_only_for_the_records_subject(dummy):
    st = b.student()
    maths, art = b.subject(), b.subject()
    note = SubjectNote.objects.create(case=case_for(st), subject=maths)
    maths_teacher = b.teacher_of(st, maths)
    art_teacher = b.teacher_of(st, art)
    maths_elsewhere = b.teacher_of(b.student(), maths)
    own_subject = relations.teaches_subject("subject")
    assert own_subject.test(maths_teacher, note, dummy)
    assert can(maths_teacher, "edit", note)
    assert not own_subject.test(art_teacher, note, dummy)
    assert can(art_teacher, "view", note) and not can(art_teacher, "edit", note)
    assert not own_subject.test(maths_elsewhere, note, dummy)
    # A record without a subject has no "own subject" teacher at all.
    assert not own_subject.test(maths_teacher, note.case, dummy)


# -- guardians and the age of majority ----------------------------------------------------


@pytest.mark.parametrize(
    "offset,of_age",
    [
        (0, True),  # 18 today
        (-1, True),  # 18 since yesterday
        (1, False),  # 18 tomorrow
    ],
)
@pytest.mark.parametrize("granted", [False, True])
def test_guardian_loses_access_when_the_student_comes_of_age(dummy, offset, of_age, granted):
    st = born(b.student(), eighteenth_birthday_cutoff() + offset * DAY)
    assert st.is_of_age(18) is of_age
    case = case_for(st)
    guardian = b.guardian_of(st, granted=granted)
    allowed = granted or not of_age
    assert relations.guardian_of_student.test(guardian, case, dummy) is allowed
    assert can(guardian, "view", case) is allowed
    assert list(permitted(guardian, "view", Case.objects.all())) == ([case] if allowed else [])


def test_guardian_of_another_child_and_condition_on_state():
    st = b.student()
    guardian = b.guardian_of(st)
    assert not can(guardian, "view", case_for(b.student()))
    assert not can(guardian, "view", case_for(st, CaseStatus.DRAFT))  # not shared yet
    assert can(guardian, "view", case_for(st, CaseStatus.APPROVED))
    assert not can(guardian, "edit", case_for(st))


@pytest.mark.parametrize("offset,of_age", [(0, True), (-1, True), (1, False)])
def test_student_of_age(dummy, offset, of_age):
    st = born(b.student(), eighteenth_birthday_cutoff() + offset * DAY)
    case = case_for(st)
    pupil = b.student_login(st)
    assert relations.student_of_age.test(pupil, case, dummy) is of_age
    assert relations.student_self.test(pupil, case, dummy)  # the student, whatever the age
    other_pupil = b.student_login(born(b.student(), eighteenth_birthday_cutoff() - 400 * DAY))
    assert not relations.student_of_age.test(other_pupil, case, dummy)
    assert not relations.student_self.test(other_pupil, case, dummy)


# -- who is nobody ------------------------------------------------------------------------


def test_inactive_users_are_denied(dummy):
    st = b.student()
    case = case_for(st)
    coordinator = b.role_holder("coordinator", st.school)
    guardian = b.guardian_of(st)
    for u in (coordinator, guardian):
        assert can(u, "view", case)
        u.is_active = False
        u.save(update_fields=["is_active"])
        u = fresh(u)
        assert not can(u, "view", case)
        assert roles_of(u, case) == []
        assert not permitted(u, "view", Case.objects.all()).exists()


class Everyone(relations.Relation):
    """A careless relation that holds for any user at all."""

    label = "anyone"

    def q(self, user, jurisdiction, model):
        return Q(pk__isnull=False)

    def test(self, user, record, jurisdiction):
        return True


def test_inactive_users_are_denied_even_by_a_careless_relation(dummy, monkeypatch):
    monkeypatch.setattr(
        dummy, "roles", tuple(dataclasses.replace(r, relation=Everyone()) for r in dummy.roles)
    )
    case = case_for(b.student())
    anybody = b.user()
    assert can(anybody, "view", case)  # the relation is in force
    assert permitted(anybody, "view", Case.objects.all()).exists()
    anybody.is_active = False
    assert not can(anybody, "view", case)
    assert not permitted(anybody, "view", Case.objects.all()).exists()
    assert not can(AnonymousUser(), "view", case)
    assert not permitted(AnonymousUser(), "view", Case.objects.all()).exists()


def test_anonymous_users_are_denied(dummy):
    case = case_for(b.student())
    anonymous = AnonymousUser()
    assert not can(anonymous, "view", case)
    assert roles_of(anonymous, case) == []
    assert not permitted(anonymous, "view", Case.objects.all()).exists()
    with pytest.raises(Http404):
        get_permitted_or_404(anonymous, "view", Case.objects.all(), pk=case.pk)


def test_superuser_gets_no_shortcut():
    case = case_for(b.student())
    admin = get_user_model().objects.create_superuser("root", password="x-pass-2026")  # no Person
    staff_with_person = b.user()
    staff_with_person.is_superuser = staff_with_person.is_staff = True
    staff_with_person.save()
    for u in (admin, staff_with_person):
        assert not can(u, "view", case)
        assert not permitted(u, "view", Case.objects.all()).exists()


def test_undeclared_action_and_unregistered_model_are_denied():
    st = b.student()
    case = case_for(st)
    coordinator = b.role_holder("coordinator", st.school)
    assert not can(coordinator, "sign", case)  # no "sign" cell for Case
    assert not can(coordinator, "view", st)  # Student is no record type of a plugin
    assert not permitted(coordinator, "sign", Case.objects.all()).exists()


# -- permitted(): list filtering -------------------------------------------------------------


def test_permitted_returns_only_permitted_rows():
    school = b.school()
    mine = [case_for(b.student(school_org=school)) for _ in range(3)]
    others = [case_for(b.student()) for _ in range(2)]
    coordinator = b.role_holder("coordinator", school)
    rows = list(permitted(coordinator, "view", Case.objects.order_by("pk")))
    assert rows == mine
    assert not set(rows) & set(others)
    # Filtering composes with the caller's queryset.
    assert list(permitted(coordinator, "view", Case.objects.filter(pk=mine[1].pk))) == [mine[1]]
    assert list(permitted(coordinator, "view", Case.objects.filter(pk=others[0].pk))) == []


def test_permitted_applies_conditions_per_role():
    st = b.student()
    draft, shared = case_for(st, CaseStatus.DRAFT), case_for(st, CaseStatus.SHARED)
    guardian = b.guardian_of(st)
    teacher = b.teacher_of(st)
    assert list(permitted(guardian, "view", Case.objects.order_by("pk"))) == [shared]
    assert list(permitted(teacher, "view", Case.objects.order_by("pk"))) == [draft, shared]
    visible = case_for(st, visible_to_teachers=True)
    assert list(permitted(teacher, "download", Case.objects.all())) == [visible]


@pytest.mark.parametrize("n", [1, 20])
def test_permitted_uses_a_constant_number_of_queries(django_assert_num_queries, n):
    school = b.school()
    cases = [case_for(b.student(school_org=school)) for _ in range(n)]
    for _ in range(3):
        case_for(b.student())  # noise at other schools
    holder = b.role_holder("coordinator", school)
    b.guardian_of(cases[0].student)  # and a second relation to another user, for realism
    user = fresh(holder)
    # One query for the user's person, one for the filtered list, however many rows.
    with django_assert_num_queries(2):
        rows = list(permitted(user, "view", Case.objects.all()))
    assert len(rows) == n


# -- get_permitted_or_404 ------------------------------------------------------------------------


def test_get_permitted_or_404_answers_404_for_invisible_records():
    st = b.student()
    case = case_for(st, CaseStatus.DRAFT)
    stranger = b.teacher_of(b.student())
    guardian = b.guardian_of(st)  # the case is a draft: not visible to the family yet
    for u in (stranger, guardian):
        for action in ("view", "edit"):
            with pytest.raises(Http404):
                get_permitted_or_404(u, action, Case.objects.all(), pk=case.pk)


def test_get_permitted_or_404_answers_403_for_visible_but_not_allowed():
    st = b.student()
    case = case_for(st)
    teacher = b.teacher_of(st)
    guardian = b.guardian_of(st)
    assert get_permitted_or_404(teacher, "view", Case.objects.all(), pk=case.pk) == case
    for u in (teacher, guardian):
        with pytest.raises(PermissionDenied):
            get_permitted_or_404(u, "edit", Case.objects.all(), pk=case.pk)
    coordinator = b.role_holder("coordinator", st.school)
    assert get_permitted_or_404(coordinator, "edit", Case.objects.all(), pk=case.pk) == case


@pytest.mark.parametrize("pk", [10**9, "abc", None])
def test_get_permitted_or_404_for_missing_or_malformed_ids(pk):
    st = b.student()
    case_for(st)
    coordinator = b.role_holder("coordinator", st.school)
    with pytest.raises(Http404):
        get_permitted_or_404(coordinator, "view", Case.objects.all(), pk=pk)


# -- the dummy plugin's pages ----------------------------------------------------------------------


def test_detail_page_answers_404_for_a_guessed_id_of_another_childs_case(verified_client):
    child, other_child = b.student(), b.student()
    own = case_for(child)
    Case.objects.filter(pk=own.pk).update(summary="own summary")
    other = case_for(other_child)
    Case.objects.filter(pk=other.pk).update(summary="the other child's secret")
    client = verified_client(b.guardian_of(child))

    response = client.get(f"/j/dummy/cases/{own.pk}/")
    assert response.status_code == 200
    assert response.content.decode().startswith(f"case {own.pk}")

    for guess in (other.pk, other.pk + 1000):
        response = client.get(f"/j/dummy/cases/{guess}/")
        assert response.status_code == 404
        assert b"secret" not in response.content


def test_list_page_shows_only_permitted_cases(verified_client):
    school = b.school()
    child = b.student(school_org=school)
    shared, approved = case_for(child), case_for(child, CaseStatus.APPROVED)
    case_for(child, CaseStatus.DRAFT)  # not for the family yet
    classmate_case = case_for(b.student(school_org=school))
    elsewhere = case_for(b.student())

    response = verified_client(b.guardian_of(child)).get("/j/dummy/")
    assert response.status_code == 200
    assert response.content.decode() == f"{shared.pk},{approved.pk}"

    response = verified_client(b.role_holder("coordinator", school)).get("/j/dummy/")
    listed = {int(pk) for pk in response.content.decode().split(",")}
    assert classmate_case.pk in listed and shared.pk in listed
    assert elsewhere.pk not in listed
    assert len(listed) == 4


def test_last_years_teaching_gives_no_access():
    import datetime

    from plugins.access.relations import teaches_student
    from plugins.models import SchoolYear, TeachingAssignment
    from plugins.registry import registry

    st = b.student()
    teacher = b.teacher_of(st)
    j = registry.get("dummy")
    assert teaches_student.test(teacher, st, j)
    old = SchoolYear.objects.create(
        name="2001/02", starts=datetime.date(2001, 8, 1), ends=datetime.date(2002, 7, 31)
    )
    TeachingAssignment.objects.filter(teacher=teacher.person).update(school_year=old)
    assert not teaches_student.test(teacher, st, j)
