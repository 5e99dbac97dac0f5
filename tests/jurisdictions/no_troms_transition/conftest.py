"""Fixtures for the transition plugin: a municipality with a lower-secondary school,
a class to screen, a receiving upper-secondary school and the people around them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from jurisdictions.no_troms_transition import services
from jurisdictions.no_troms_transition.conformance import verified_request
from jurisdictions.no_troms_transition.models import (
    Outcome,
    RowStatus,
    SchoolData,
    ScreeningRow,
)
from plugins import consent
from plugins.models import Group, Organisation, RoleAssignment
from plugins.sdk import builders as b

CODE = "no-troms-transition"


@dataclass
class Area:
    county: Organisation
    municipality: Organisation
    school: Organisation
    upper: Organisation
    group: Group
    students: list = field(default_factory=list)
    rektor: object = None
    counsellor: object = None
    upper_staff: object = None
    owner: object = None
    county_officer: object = None
    guardians: dict = field(default_factory=dict)

    def add_student(self, given: str, family: str, *, with_login: bool = True):
        st = b.student(school_org=self.school, age=15, with_user=with_login)
        st.group = self.group
        st.save(update_fields=["group"])
        st.person.given_name, st.person.family_name = given, family
        st.person.save()
        self.students.append(st)
        self.guardians[st.pk] = b.guardian_of(st)
        return st


def make_area(suffix: str = "a") -> Area:
    county = Organisation.objects.create(
        kind=Organisation.Kind.COUNTY, name=f"Test County {suffix}", slug=f"tc-{suffix}"
    )
    municipality = Organisation.objects.create(
        kind=Organisation.Kind.MUNICIPALITY,
        name=f"Test Municipality {suffix}",
        slug=f"tm-{suffix}",
        parent=county,
        jurisdictions=[CODE],
    )
    school = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL,
        name=f"Fjordbakken Lower Secondary {suffix}",
        slug=f"tls-{suffix}",
        parent=municipality,
        level="lower_secondary",
        jurisdictions=[CODE],
    )
    upper = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL,
        name=f"Havlys Upper Secondary {suffix}",
        slug=f"tus-{suffix}",
        parent=county,
        level="upper_secondary",
        jurisdictions=[CODE],
    )
    group = Group.objects.create(school=school, school_year=b.school_year(), name="10B", grade=10)
    area = Area(county, municipality, school, upper, group)
    area.rektor = b.role_holder("rektor", school)
    area.counsellor = b.role_holder("counsellor", school)
    area.upper_staff = b.role_holder("upper_staff", upper)
    area.owner = b.role_holder("school_owner", municipality)
    area.county_officer = b.role_holder("case_officer", county)
    return area


@pytest.fixture
def area(db):
    return make_area("a")


@pytest.fixture
def other_area(db):
    return make_area("b")


def screened_row(area: Area, student=None, **fields) -> ScreeningRow:
    student = student or area.add_student("Tiril", "Strandvik")
    return ScreeningRow.objects.create(
        student=student, school_year=area.group.school_year, group=area.group, **fields
    )


def school_data(row: ScreeningRow, **fields) -> SchoolData:
    values = {k: (Decimal(str(v)) if k != "lowest_grade" else v) for k, v in fields.items()}
    return SchoolData.objects.create(student=row.student, school_year=row.school_year, **values)


def plan_for(area: Area, student=None):
    """A decided transition student with a plan (consents asked, not answered)."""
    row = screened_row(
        area,
        student,
        status=RowStatus.DECIDED,
        decision=Outcome.TRANSITION,
        expressed_need="The mother asks for close follow-up.",
    )
    return services.create_plan(row, area.upper, area.rektor)


def answer_consents(area: Area, plan, *, guardian="sign", student="sign"):
    from jurisdictions.no_troms_transition import consents

    asked = consents.current(plan)
    guardian_user = area.guardians[plan.student_id]
    student_user = plan.student.person.user
    for req, user, how in (
        (asked[consents.GUARDIAN], guardian_user, guardian),
        (asked[consents.STUDENT], student_user, student),
    ):
        if how == "sign":
            consent.sign(req, verified_request(user))
        elif how == "refuse":
            consent.refuse(req, verified_request(user), reason="Not now")
    plan.refresh_from_db()
    return plan


def give_role(user, role, org):
    RoleAssignment.objects.create(person=user.person, role=role, organisation=org)
    return user
