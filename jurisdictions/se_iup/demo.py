"""Demo data of the IUP plugin: a fictional Swedish school with one class and its plans.

Granby kommun (a municipality of its own) runs Granbyskolan. In class 7B
the mentor Karin Lindqvist (``demo-se-mentor``) follows five students whose
current plans stand at different steps of the staircase; Linnea Solvang,
the demo guardian's third (fictional) child, also has an archived plan from
last term and a booked development talk. Every name is invented, and written
in Swedish (the school, the class and the subject "Matematik").
Loading twice changes nothing: each row is found by a stable key.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from plugins.models import Group as SchoolGroup
from plugins.models import (
    GuardianRelation,
    Organisation,
    Person,
    RoleAssignment,
    Student,
    Subject,
    TeachingAssignment,
)

from .models import (
    CODE,
    Comment,
    DevelopmentPlan,
    Goal,
    GoalStatus,
    Mentorship,
    PlanStatus,
    Profile,
    TalkBooking,
    TalkSlot,
    term_for,
)

P = PlanStatus

#: The Swedish school's subject, in Swedish: (code, name). The code is its stable key.
MATHS = ("SE-MA", "Matematik")


def previous_term(term: str) -> str:
    kind, year = term[:2], int(term[2:])
    return f"VT{year}" if kind == "HT" else f"HT{year - 1}"


def _org(slug, kind, name, parent=None, level=""):
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


def _subject(code, name):
    return Subject.objects.update_or_create(code=code, defaults={"name": name})[0]


def _person(given, family):
    return Person.objects.get_or_create(given_name=given, family_name=family, user=None)[0]


def _student(person, born, school, group):
    return Student.objects.update_or_create(
        person=person, defaults={"birth_date": born, "school": school, "group": group}
    )[0]


def _plan(student, term, status, mentor, **fields):
    """The student's plan for ``term``, created once; a later run never moves it.

    When the student already has another current plan (the term changed since
    the demo was first loaded, or someone created the next plan), that plan
    stays as it is: the database allows one current plan per student.
    """
    existing = DevelopmentPlan.objects.filter(student=student, term=term).first()
    if existing is not None:
        return existing
    if status != PlanStatus.ARCHIVED:
        current = (
            DevelopmentPlan.objects.filter(student=student)
            .exclude(status=PlanStatus.ARCHIVED)
            .first()
        )
        if current is not None:
            return current
    return DevelopmentPlan.objects.create(
        student=student, term=term, status=status, mentor=mentor, **fields
    )


def _goal(plan, position, title, criteria, owner, status=GoalStatus.NOT_STARTED):
    return Goal.objects.get_or_create(
        plan=plan,
        title=title,
        defaults={
            "criteria": criteria,
            "owner": owner,
            "due_term": plan.term,
            "status": status,
            "position": position,
        },
    )[0]


def _comment(plan, goal, user, name, role, text):
    Comment.objects.get_or_create(
        plan=plan,
        goal=goal,
        author_name=name,
        author_role=role,
        text=text,
        defaults={"author": user},
    )


def _slots(mentor, group, place, count=4):
    """Times a week ahead at 14:00, 14:30, ... (the same rows when loaded again that day)."""
    day = timezone.localdate() + datetime.timedelta(days=7)
    first = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14, 0)))
    return [
        TalkSlot.objects.get_or_create(
            mentor=mentor,
            starts_at=first + datetime.timedelta(minutes=30 * i),
            defaults={"group": group, "minutes": 30, "place": place},
        )[0]
        for i in range(count)
    ]


def _book(plan, slots, user):
    """Keep the plan's talk booked on a coming time, whatever day the demo is loaded."""
    if plan.status != PlanStatus.TALK_BOOKED:
        return
    booking = TalkBooking.objects.filter(plan=plan).select_related("slot").first()
    if booking is not None and booking.slot.starts_at > timezone.now():
        return
    free = [s for s in slots if not TalkBooking.objects.filter(slot=s).exists()]
    if not free:
        return
    if booking is None:
        TalkBooking.objects.create(plan=plan, slot=free[0], booked_by=user)
    else:
        booking.slot = free[0]
        booking.save(update_fields=["slot"])


def load(world: dict) -> None:
    year = world["school_year"]
    y0 = year.starts.year
    account = world["account"]

    granby = _org("granby-kommun", Organisation.Kind.MUNICIPALITY, "Granby kommun")
    school = _org("granbyskolan", Organisation.Kind.SCHOOL, "Granbyskolan", granby, "grundskola")
    group = SchoolGroup.objects.update_or_create(
        school=school, school_year=year, name="7B", defaults={"grade": 7}
    )[0]

    mentor_user, mentor = account("demo-se-mentor", "Karin", "Lindqvist")
    Mentorship.objects.get_or_create(mentor=mentor, group=group)
    mentor.phone = "08-555 010 20"
    mentor.save(update_fields=["phone"])
    Profile.objects.update_or_create(
        person=mentor,
        defaults={
            "about": "Mentor för 7B och lärare i svenska.",
            "show_contact": True,
        },
    )
    _, principal = account("demo-se-principal", "Maria", "Westin")
    RoleAssignment.objects.get_or_create(
        person=principal, role="principal", organisation=school, jurisdiction=""
    )
    teacher_user, teacher = account("demo-se-teacher", "Johan", "Berg")
    maths = _subject(*MATHS)
    # An earlier demo had the teacher teach the shared Norwegian subject "MAT": moved over.
    same = {"teacher": teacher, "school_year": year, "group": group}
    if not TeachingAssignment.objects.filter(subject=maths, **same).exists():
        TeachingAssignment.objects.filter(subject__code="MAT", **same).update(subject=maths)
    TeachingAssignment.objects.get_or_create(
        teacher=teacher, subject=maths, school_year=year, group=group
    )
    Profile.objects.update_or_create(
        person=teacher, defaults={"about": "Lärare i matematik.", "show_contact": False}
    )

    # Linnea Solvang: a fictional child of the demo guardian, at this Swedish school.
    guardian = world["accounts"]["guardian"]
    linnea = _student(_person("Linnea", "Solvang"), datetime.date(y0 - 13, 4, 18), school, group)
    GuardianRelation.objects.get_or_create(guardian=guardian, student=linnea)
    # Oskar Nyberg signs in himself (demo-se-student); his mother shows her contact details.
    student_user, oskar_person = account("demo-se-student", "Oskar", "Nyberg")
    oskar = _student(oskar_person, datetime.date(y0 - 13, 9, 2), school, group)
    annika = _person("Annika", "Nyberg")
    annika.phone = "070-555 01 23"
    annika.save(update_fields=["phone"])
    GuardianRelation.objects.get_or_create(guardian=annika, student=oskar)
    Profile.objects.update_or_create(
        person=annika, defaults={"about": "Mamma till Oskar.", "show_contact": True}
    )
    maja = _student(_person("Maja", "Ek"), datetime.date(y0 - 13, 1, 30), school, group)
    GuardianRelation.objects.get_or_create(guardian=_person("Per", "Ek"), student=maja)
    hugo = _student(_person("Hugo", "Sandberg"), datetime.date(y0 - 13, 6, 11), school, group)
    GuardianRelation.objects.get_or_create(guardian=_person("Sara", "Sandberg"), student=hugo)
    alva = _student(_person("Alva", "Holm"), datetime.date(y0 - 12, 11, 5), school, group)

    term = term_for()
    last = previous_term(term)
    guardian_user = guardian.user

    # Linnea: last term's plan, evaluated and archived; this term's talk is booked.
    old = _plan(
        linnea,
        last,
        P.ARCHIVED,
        mentor,
        material="Omdömen i alla ämnen från förra terminen.",
        self_now="Jag tycker att jag har blivit bättre på att läsa.",
        self_reached="Målet i engelska.",
        agreement="Linnea läser 20 minuter varje dag och övar glosor två gånger i veckan.",
        evaluation="Läsmålet är nått. Glosorna behöver vi fortsätta med.",
        archived_at=timezone.now() - datetime.timedelta(days=120),
    )
    _goal(
        old, 1, "Läsa 20 minuter varje dag", "Läslogg varje vecka", linnea.person, GoalStatus.DONE
    )
    _goal(
        old,
        2,
        "Öva engelska glosor",
        "Klarar veckans glosförhör",
        linnea.person,
        GoalStatus.IN_PROGRESS,
    )
    current = _plan(
        linnea,
        term,
        P.TALK_BOOKED,
        mentor,
        material="Omdömen i svenska, matematik och engelska. Frågor inför samtalet på baksidan.",
        self_now="Jag läser mer nu men tycker att matten är svår.",
        self_reached="Läsmålet.",
        home_notes="Vi vill prata om hur vi kan hjälpa till med matteläxorna hemma.",
    )
    maths_goal = _goal(
        current,
        1,
        "Förstå bråk och procent",
        "Löser uppgifterna i kapitel 4 på egen hand",
        teacher,
    )
    _goal(current, 2, "Fortsätta öva engelska glosor", "Klarar veckans glosförhör", linnea.person)
    _comment(
        current,
        maths_goal,
        teacher_user,
        "Johan Berg",
        "teacher",
        "Linnea kan gärna använda övningarna på lärplattformen.",
    )
    _comment(
        current,
        None,
        guardian_user,
        guardian.full_name,
        "guardian",
        "Vi har läst planen tillsammans hemma.",
    )
    slots = _slots(mentor, group, "Sal 12")
    _book(current, slots, guardian_user)

    # Oskar: his self-assessment is open.
    oskar_plan = _plan(
        oskar,
        term,
        P.SELF_ASSESSMENT,
        mentor,
        material="Omdömen i alla ämnen. Fundera på vad du är nöjd med och vad du vill utveckla.",
    )
    _goal(
        oskar_plan, 1, "Lämna in läxor i tid", "Alla läxor inlämnade under en månad", oskar_person
    )
    _goal(
        oskar_plan,
        2,
        "Delta mer i diskussioner på SO",
        "Säger något på varje lektion",
        oskar_person,
    )

    # Maja: the plan is agreed and being followed up.
    maja_plan = _plan(
        maja,
        term,
        P.FOLLOW_UP,
        mentor,
        material="Omdömen i alla ämnen.",
        self_now="Det går bra i de flesta ämnen.",
        self_reached="Målet i idrott.",
        agreement="Maja tränar på muntliga redovisningar och får stöd av mentor inför varje redovisning.",
    )
    _goal(
        maja_plan,
        1,
        "Hålla en muntlig redovisning",
        "Redovisar inför klassen",
        maja.person,
        GoalStatus.DONE,
    )
    _goal(
        maja_plan,
        2,
        "Skriva längre texter i svenska",
        "En text på en sida",
        mentor,
        GoalStatus.IN_PROGRESS,
    )

    # Hugo: the school is still preparing (not yet shown to the family).
    hugo_plan = _plan(hugo, term, P.PREPARING, mentor)
    _goal(hugo_plan, 1, "Läsa högt för en kamrat", "Läser en sida utan att stanna", hugo.person)

    # Alva: the plan is evaluated, so the mentor may create the next one.
    alva_plan = _plan(
        alva,
        term,
        P.EVALUATED,
        mentor,
        agreement="Alva fortsätter med extra matematik.",
        evaluation="Målen är nådda.",
    )
    _goal(
        alva_plan, 1, "Klara kapitel 5 i matematik", "Diagnos godkänd", alva.person, GoalStatus.DONE
    )
