"""Demo data of the transition routine (fictional people and schools only).

Sandvær kommune (under the demo county) has two lower-secondary schools;
class 10A at Sandvær ungdomsskole is screened with the kinds of examples the
routine gives, and its transition plans stand at different steps. Students go
on to Nordvik videregående skole. Names are in bokmål, as the schools would
write them. Run twice, the same rows (organisations are found by slug).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from plugins import consent
from plugins.models import Group as SchoolGroup
from plugins.models import GuardianRelation, Organisation, Person, RoleAssignment, Student
from plugins.workflow import fire

from . import consents, services
from .conformance import verified_request
from .models import (
    CODE,
    MeasureCompletion,
    PlanStatus,
    RowStatus,
    SchoolData,
    ScreeningRow,
    TransitionPlan,
)


def _org(slug, kind, name, parent, level=""):
    org, _ = Organisation.objects.update_or_create(
        slug=slug,
        defaults={
            "kind": kind,
            "name": name,
            "parent": parent,
            "level": level,
            "jurisdictions": [CODE],
        },
    )
    return org


def _pupil_login(username: str, person: Person):
    """A login for a student who signs their own consent (no usable demo password)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save()
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])
    return user


def _named_person(given, family, username=""):
    """The demo person, found again by the login made for them on an earlier run."""
    if username:
        person = Person.objects.filter(user__username=username).first()
        if person is not None:
            return person
    return Person.objects.get_or_create(given_name=given, family_name=family, user=None)[0]


def _student(given, family, birth, school, group, person=None, username=""):
    if person is None:
        person = _named_person(given, family, username)
    student, _ = Student.objects.update_or_create(
        person=person, defaults={"birth_date": birth, "school": school, "group": group}
    )
    return student


def _guardian(given, family, student):
    username = f"demo-troms-parent-{student.person.given_name.lower()}"
    person = _named_person(given, family, username)
    GuardianRelation.objects.get_or_create(guardian=person, student=student)
    return person


def _sign_pending(plan, spec, user):
    req = consents.current(plan)[spec]
    if req is not None and req.status == req.Status.PENDING:
        consent.sign(req, verified_request(user))


def load(world: dict) -> None:
    year = world["school_year"]
    y0 = year.starts.year
    county = world["county"]
    account = world["account"]

    municipality = _org(
        "sandvaer", Organisation.Kind.MUNICIPALITY, "Sandvær kommune (demo)", county
    )
    sandvaer = _org(
        "sandvaer-lower-secondary",
        Organisation.Kind.SCHOOL,
        "Sandvær ungdomsskole",
        municipality,
        "lower_secondary",
    )
    kvitnes = _org(
        "kvitnes-school",
        Organisation.Kind.SCHOOL,
        "Kvitnes ungdomsskole",
        municipality,
        "lower_secondary",
    )
    upper = world["schools"][2]  # Nordvik videregående skole
    if CODE not in (upper.jurisdictions or []):
        upper.jurisdictions = [*(upper.jurisdictions or []), CODE]
        upper.save(update_fields=["jurisdictions"])

    # Staff.
    rektor_user, rektor = account("demo-troms-rektor", "Solveig", "Kaldvik")
    counsellor_user, counsellor = account("demo-troms-counsellor", "Petter", "Langnes")
    _, owner = account("demo-troms-owner", "Gunnhild", "Forsnes")
    _, upper_contact = account("demo-troms-upper", "Åsmund", "Trælvik")
    kvitnes_rektor = Person.objects.get_or_create(
        given_name="Tove", family_name="Skarsbø", user=None
    )[0]
    for person, role, org in (
        (rektor, "rektor", sandvaer),
        (counsellor, "counsellor", sandvaer),
        (kvitnes_rektor, "rektor", kvitnes),
        (owner, "school_owner", municipality),
        (upper_contact, "upper_staff", upper),
    ):
        RoleAssignment.objects.get_or_create(
            person=person, role=role, organisation=org, jurisdiction=CODE
        )

    # Classes.
    def group(school, name):
        return SchoolGroup.objects.update_or_create(
            school=school, school_year=year, name=name, defaults={"grade": 10}
        )[0]

    s10a, k10a = group(sandvaer, "10A"), group(kvitnes, "10A")
    birth = datetime.date(y0 - 15, 4, 20)

    # The demo family: a guardian and a student who can both sign in.
    guardian_user, guardian = account("demo-troms-guardian", "Randi", "Meby")
    student_user, lars_person = account("demo-troms-student", "Lars", "Meby")

    henrik = _student("Henrik", "Solli", birth, sandvaer, s10a)
    ingrid = _student("Ingrid", "Vollan", birth, sandvaer, s10a)
    jonas = _student("Jonas", "Rypdal", birth, sandvaer, s10a, username="demo-troms-pupil-jonas")
    karoline = _student("Karoline", "Aune", birth, sandvaer, s10a)
    lars = _student("Lars", "Meby", birth, sandvaer, s10a, person=lars_person)
    maja = _student("Maja", "Lien", birth, sandvaer, s10a, username="demo-troms-pupil-maja")
    nils = _student("Nils", "Berg", birth, sandvaer, s10a, username="demo-troms-pupil-nils")
    GuardianRelation.objects.get_or_create(guardian=guardian, student=lars)
    for st, given in ((jonas, "Eva"), (maja, "Rolf"), (nils, "Hilde"), (henrik, "Arnt")):
        _guardian(given, st.person.family_name, st)
    for st in (jonas, maja, nils):
        _pupil_login(f"demo-troms-pupil-{st.person.given_name.lower()}", st.person)
    for given, family in (("Oda", "Kvernmo"), ("Peder", "Skog")):
        _student(given, family, birth, kvitnes, k10a)

    # School figures where the school has them.
    for st, absence, average, lowest in (
        (henrik, "3.5", "3.8", "3"),
        (karoline, "2.0", "4.2", "3"),
        (maja, "15.0", "3.4", "2"),
        (ingrid, "11.0", "2.4", "1"),
    ):
        SchoolData.objects.update_or_create(
            student=st,
            school_year=year,
            defaults={
                "absence_percent": Decimal(absence),
                "grade_average": Decimal(average),
                "lowest_grade": lowest,
            },
        )

    # The screening of Sandvær 10A.
    examples = {
        henrik: {
            "earlier_measures": True,
            "national_test_level1": True,
            "assessment": "Follows the ordinary transition.",
        },
        ingrid: {
            "national_test_level1": True,
            "earlier_special_education": True,
            "special_intake": True,
            "assessment": "Special intake already started (other application deadline).",
        },
        jonas: {
            "earlier_measures": True,
            "activity_plan": True,
            "large_deviation": "Weak relations to classmates. Very shy.",
            "assessment": "Transition follow-up is started.",
            "follow_up": "Measure 3: consent",
        },
        karoline: {
            "earlier_measures": True,
            "activity_plan": True,
            "assessment": "Follows the ordinary transition.",
        },
        lars: {
            "national_test_level1": True,
            "expressed_need": "His mother is unsure about the move and asks for close follow-up.",
            "assessment": "Follow-up offered because of the guardian's concern.",
            "follow_up": "Measure 3: consent",
        },
        maja: {
            "large_deviation": "Absence of 15 %.",
            "assessment": "Absence so high that follow-up is started with the guardians.",
            "follow_up": "Measure 3: consent",
        },
        nils: {
            "earlier_measures": True,
            "activity_plan": True,
            "earlier_special_education": True,
            "assessment": "Three risk factors hold.",
            "follow_up": "Measure 3: consent",
        },
    }
    rektor_request = verified_request(rektor_user)
    rows = {}
    for st, fields in examples.items():
        row, _ = ScreeningRow.objects.get_or_create(
            student=st, school_year=year, defaults={"group": s10a, **fields}
        )
        if row.status == RowStatus.OPEN:
            fire(row, "confirm", rektor_user, request=rektor_request)
            row.refresh_from_db()
        rows[st] = row
    for st in Student.objects.filter(group=k10a):  # Kvitnes: screening started, not decided
        ScreeningRow.objects.get_or_create(student=st, school_year=year, defaults={"group": k10a})

    # Transition plans at different steps.
    plans = {}
    for st in (jonas, lars, maja, nils):
        plan = TransitionPlan.objects.filter(screening=rows[st]).first()
        plans[st] = plan or services.create_plan(rows[st], upper, counsellor_user)

    # Jonas: consent given, plan running, contact made.
    # Maja: consent given, application sent, handed over to upper secondary.
    for st, done in (
        (jonas, ("screened", "contact", "meeting")),
        (maja, ("screened", "contact", "meeting", "visit-agreed", "visit", "application")),
    ):
        plan = plans[st]
        family_user = _family_login(st)
        _sign_pending(plan, consents.GUARDIAN, family_user)
        _sign_pending(plan, consents.STUDENT, st.person.user)
        plan.refresh_from_db()
        if plan.status == PlanStatus.AWAITING_CONSENT:
            fire(plan, "start", counsellor_user)
            plan.refresh_from_db()
        for step in plan.steps.filter(code__in=done, done_at__isnull=True):
            services.set_step_done(plan, step, counsellor_user)
        if st is maja and plan.status == PlanStatus.ACTIVE:
            fire(plan, "hand_over", counsellor_user)

    # Nils: the guardian said no; the refusal stopped the plan.
    nils_plan = plans[nils]
    req = consents.current(nils_plan)[consents.GUARDIAN]
    if req is not None and req.status == req.Status.PENDING:
        consent.refuse(req, verified_request(_family_login(nils)), reason="We follow up ourselves.")
    # Lars: waiting for consent from demo-troms-guardian and demo-troms-student.

    # The measures calendar: what was done so far.
    for org, code in (
        (sandvaer, "unit-inform-staff"),
        (sandvaer, "unit-screen"),
        (municipality, "owner-aug"),
        (county, "region-dialogue-1"),
    ):
        MeasureCompletion.objects.get_or_create(
            organisation=org,
            school_year=year,
            measure=code,
            defaults={"done_at": _measure_day(year, code)},
        )


def _family_login(student):
    """The login of the student's first demo guardian (made without a usable password)."""
    relation = GuardianRelation.objects.filter(student=student).select_related("guardian").first()
    person = relation.guardian
    if person.user_id:
        return person.user
    User = get_user_model()
    username = f"demo-troms-parent-{student.person.given_name.lower()}"
    user, created = User.objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save()
    person.user = user
    person.save(update_fields=["user"])
    return user


def _measure_day(year, code):
    from django.utils import timezone

    from .measures import BY_CODE

    due = BY_CODE[code].due_in(year)
    return timezone.make_aware(datetime.datetime.combine(due, datetime.time(12)))
