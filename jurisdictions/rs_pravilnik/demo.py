"""Demo cases: a fictional primary school and preschool in the fictional municipality of Javorovac.

Every name is invented and written in Serbian Cyrillic: the institutions, the
classes (3-1, not the Roman III-1, so a Cyrillic page has no Latin letter) and
the subject. Each student's story is played through the real workflow (and
consent service) the first time; loading again finds the case and changes
nothing, and a database loaded with the earlier class names is renamed in place.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
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
from plugins.sdk.testing import verified_request
from plugins.workflow import fire

from . import CODE, effects
from .conformance import decide_consent
from .models import (
    Area,
    CurriculumItem,
    DataSource,
    Decision,
    EarlyLeavingPlan,
    Effect,
    Evaluation,
    Grounds,
    IndividualisationMeasure,
    Iop,
    IopKind,
    MeasureKind,
    MemberFunction,
    Observation,
    PedagogicalProfile,
    Scope,
    SocialWelfareNotice,
    SourceKind,
    SupportCase,
    TeamMember,
    TransitionKind,
    TransitionPlan,
)

#: The school's subject in Serbian: (code, name). The code is its stable key.
MATHS = ("RS-MAT", "Математика")
#: Class names of earlier demos (Roman numerals, Latin letters) -> the names now.
RENAMED_GROUPS = {"III-1": "3-1", "V-2": "5-2", "VII-1": "7-1"}


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


def _parent_user(slug, given, family):
    """A parent who signs in the demo story but has no published login."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username=f"rs-parent-{slug}")
    if created:
        user.set_unusable_password()
        user.save()
    Person.objects.update_or_create(
        user=user, defaults={"given_name": given, "family_name": family}
    )
    return user


def _student(given, family, birth, school, group, parent_user):
    person, _ = Person.objects.get_or_create(given_name=given, family_name=family, user=None)
    student, _ = Student.objects.update_or_create(
        person=person, defaults={"birth_date": birth, "school": school, "group": group}
    )
    GuardianRelation.objects.get_or_create(guardian=parent_user.person, student=student)
    return student


class Story:
    """Plays one student's way through the rulebook with the demo staff."""

    def __init__(self, team, director, teacher, y0):
        self.team, self.director, self.teacher, self.y0 = team, director, teacher, y0
        self.r_team = verified_request(team)
        self.r_director = verified_request(director)

    def step(self, record, name, user=None):
        user = user or self.team
        request = self.r_director if user == self.director else verified_request(user)
        fire(record, name, user, request=request, note="")

    def observe(self, case, notes):
        for area, text in notes:
            Observation.objects.create(case=case, area=area, text=text, author=self.teacher.person)
        DataSource.objects.create(
            case=case,
            kind=SourceKind.PARENT,
            summary="Разговор са родитељем: код куће ради домаће задатке уз помоћ, брзо губи пажњу.",
        )
        DataSource.objects.create(
            case=case,
            kind=SourceKind.QUESTIONNAIRE,
            summary="Упитник за одељењског старешину и предметне наставнике.",
        )

    def measures(self, case, evaluated=True, iop=None):
        IndividualisationMeasure.objects.create(
            case=case,
            iop=iop,
            area=Area.LEARNING,
            kind=MeasureKind.METHODS,
            measure="Краћа и јасна упутства, задаци подељени у кораке, више времена за рад.",
            responsible="Одељењски старешина",
            starts=datetime.date(self.y0, 9, 15),
            evaluated_on=datetime.date(self.y0, 11, 30) if evaluated else None,
            effect=Effect.PARTLY if evaluated else "",
            evaluation="Ученик завршава више задатака, али и даље не постиже исходе из математике."
            if evaluated
            else "",
        )
        IndividualisationMeasure.objects.create(
            case=case,
            iop=iop,
            area=Area.SOCIAL,
            kind=MeasureKind.SPACE,
            measure="Место у првој клупи, рад у пару са мирним другом.",
            responsible="Одељењски старешина",
            starts=datetime.date(self.y0, 9, 15),
            evaluated_on=datetime.date(self.y0, 11, 30) if evaluated else None,
            effect=Effect.YES if evaluated else "",
            evaluation="Мање ометања, боља сарадња у пару." if evaluated else "",
        )

    def profile(self, case):
        PedagogicalProfile.objects.create(
            case=case,
            learning_strengths="Добро памти оно што чује, воли цртање.",
            learning_needs="Подршка у читању са разумевањем и у математици.",
            social_strengths="Дружељубив, радо помаже.",
            social_needs="Подршка у поштовању правила игре.",
            independence_strengths="Сам се спрема за час.",
            independence_needs="Подршка у организацији прибора.",
            situation="Ученик напредује уз подршку, али исходе из српског језика и математике "
            "постиже само делимично.",
            drafted_with="Одељењски старешина, родитељ",
        )

    def proposal(self, case):
        case.proposed_by = "Одељењски старешина"
        case.proposal_reasons = "Мере индивидуализације нису довеле до остваривања исхода."
        case.proposal_evidence = "План мера индивидуализације (образац 3) са вредновањем."
        case.save()

    def team_members(self, case, parent_user, preschool=False):
        rows = [
            (
                self.teacher.person,
                MemberFunction.PRESCHOOL_TEACHER if preschool else MemberFunction.CLASS_TEACHER,
            ),
            (self.team.person, MemberFunction.EXPERT_ASSOCIATE),
            (parent_user.person, MemberFunction.PARENT),
        ]
        if preschool:
            rows.append((_named("Весна", "Тодоровић"), MemberFunction.PRESCHOOL_ASSOCIATE))
        else:
            rows.append((_named("Бојан", "Милић"), MemberFunction.SUBJECT_TEACHER))
        for person, function in rows:
            TeamMember.objects.get_or_create(case=case, person=person, function=function)

    def to_team(self, case, parent_user, preschool=False):
        self.profile(case)
        self.measures(case)
        self.proposal(case)
        self.step(case, "propose")
        self.step(case, "accept", self.director)
        decide_consent(case, "iop-consent", signer=parent_user)
        self.team_members(case, parent_user, preschool)
        self.step(case, "appoint", self.director)

    def iop(self, case, kind, previous=None, adopt=True):
        iop = Iop.objects.create(
            case=case,
            kind=kind,
            previous=previous,
            goal="Напредовање у читању и математици у складу са могућностима ученика.",
            language="српски",
        )
        IndividualisationMeasure.objects.create(
            case=case,
            iop=iop,
            area=Area.LEARNING,
            kind=MeasureKind.CONTENT if kind == IopKind.IOP2 else MeasureKind.METHODS,
            measure="Прилагођени текстови, визуелна подршка, рад у малој групи.",
            responsible="Предметни наставник, педагошки асистент",
        )
        if not case.is_preschool:
            CurriculumItem.objects.create(
                iop=iop,
                scope=Scope.SUBJECT,
                subjects_text="Математика",
                outcomes="Сабира и одузима до 100 уз конкретан материјал."
                if kind != IopKind.IOP3
                else "Решава проблемске задатке са математичких такмичења.",
                content="Бројеви до 100, мерење.",
                methods="Рад на конкретном материјалу, краћи задаци.",
                responsible="Учитељица",
            )
        if kind == IopKind.IOP2:
            iop.commission_opinion = "Интерресорна комисија подржава прелазак на ИОП2."
            iop.commission_opinion_on = timezone.localdate() - datetime.timedelta(days=40)
            iop.save()
            text = render_to_string("rs_pravilnik/iop2_consent.txt", {"iop": iop}).strip()
            decide_consent(iop, "iop2-consent", content=text, signer=self.parent_of(case))
        if adopt:
            self.step(iop, "propose")
            self.step(iop, "adopt", self.director)
        return iop

    def parent_of(self, case):
        return GuardianRelation.objects.filter(student=case.student).first().guardian.user

    def backdate(self, iop, adopted_on):
        Iop.objects.filter(pk=iop.pk).update(
            adopted_on=adopted_on, first_adopted_on=adopted_on, valid_from=adopted_on
        )
        iop.refresh_from_db()
        iop.schedule.all().delete()
        effects.schedule(iop)


def _named(given, family):
    return Person.objects.get_or_create(given_name=given, family_name=family, user=None)[0]


def load(world: dict) -> None:
    year = world["school_year"]
    y0 = year.starts.year
    account = world["account"]
    muni = _org("javorovac", Organisation.Kind.MUNICIPALITY, "Општина Јаворовац (демо)")
    school = _org(
        "os-javorov-list",
        Organisation.Kind.SCHOOL,
        "ОШ „Јаворов лист“ Јаворовац",
        muni,
        "primary",
    )
    preschool = _org(
        "pu-suncica", Organisation.Kind.PRESCHOOL, "ПУ „Сунчица“ Јаворовац", muni, "preschool"
    )
    team, team_p = account("demo-rs-team", "Јелена", "Марковић")
    director, director_p = account("demo-rs-director", "Драган", "Илић")
    teacher, teacher_p = account("demo-rs-teacher", "Марија", "Павловић")
    parent, parent_p = account("demo-rs-parent", "Зоран", "Петровић")
    for person, role, org in (
        (team_p, "inclusive_team", school),
        (team_p, "inclusive_team", preschool),
        (director_p, "director", school),
        (director_p, "collegium", school),
        (director_p, "director", preschool),
        (director_p, "collegium", preschool),
    ):
        RoleAssignment.objects.get_or_create(
            person=person, role=role, organisation=org, jurisdiction=CODE
        )

    def group(org, name, grade):
        return SchoolGroup.objects.update_or_create(
            school=org, school_year=year, name=name, defaults={"grade": grade}
        )[0]

    for old, new in RENAMED_GROUPS.items():
        classes = SchoolGroup.objects.filter(school=school, school_year=year)
        if not classes.filter(name=new).exists():
            classes.filter(name=old).update(name=new)
    g3, g5, g7, gp = (
        group(school, "3-1", 3),
        group(school, "5-2", 5),
        group(school, "7-1", 7),
        group(preschool, "Лептирићи", None),
    )
    code, name = MATHS
    math = Subject.objects.update_or_create(code=code, defaults={"name": name})[0]
    # An earlier demo used the shared Norwegian subject "MAT" here: moved over.
    same = {"teacher": teacher_p, "school_year": year, "group": g3}
    if not TeachingAssignment.objects.filter(subject=math, **same).exists():
        TeachingAssignment.objects.filter(subject__code="MAT", **same).update(subject=math)
    TeachingAssignment.objects.get_or_create(
        teacher=teacher_p, subject=math, school_year=year, group=g3
    )

    def child(given, family, age, org, grp, parent_user):
        return _student(given, family, datetime.date(y0 - age, 4, 12), org, grp, parent_user)

    story = Story(team, director, teacher, y0)
    notes = [
        (Area.LEARNING, "Тешко прати упутства у више корака; чита споро."),
        (Area.SOCIAL, "Радо се игра са другом децом, понекад не чека ред."),
        (Area.INDEPENDENCE, "Сам облачи јакну, треба му подсетник за прибор."),
    ]

    def new_case(student, grounds=Grounds.LEARNING):
        case, created = SupportCase.objects.get_or_create(
            student=student, defaults={"grounds": grounds}
        )
        if created:
            story.observe(case, notes)
        return case, created

    # 1. Observation: notes and measures not yet evaluated.
    lazar = child(
        "Лазар", "Јовановић", 9, school, g3, _parent_user("jovanovic", "Снежана", "Јовановић")
    )
    case, created = new_case(lazar)
    if created:
        story.measures(case, evaluated=False)

    # 2. Proposal submitted: the demo parent is asked to consent on form 6.
    milica = child("Милица", "Петровић", 8, school, g3, parent)
    case, created = new_case(milica)
    if created:
        story.profile(case)
        story.measures(case)
        story.proposal(case)
        story.step(case, "propose")

    # 3. Accepted, consent signed, members proposed: the director can appoint the team.
    p_stefan = _parent_user("nikolic", "Ивана", "Николић")
    stefan = child("Стефан", "Николић", 10, school, g5, p_stefan)
    case, created = new_case(stefan)
    if created:
        story.profile(case)
        story.measures(case)
        story.proposal(case)
        story.step(case, "propose")
        story.step(case, "accept", director)
        decide_consent(case, "iop-consent", signer=p_stefan)
        story.team_members(case, p_stefan)

    # 4. The parent refused; the notice to social welfare is recorded.
    p_jovana = _parent_user("stojanovic", "Горан", "Стојановић")
    jovana = child("Јована", "Стојановић", 12, school, g7, p_jovana)
    case, created = new_case(jovana)
    if created:
        story.profile(case)
        story.measures(case)
        story.proposal(case)
        story.step(case, "propose")
        decide_consent(case, "iop-consent", signer=p_jovana, refuse=True)
        story.step(case, "record_refusal")
        SocialWelfareNotice.objects.create(
            case=case,
            institution="Центар за социјални рад Јаворовац",
            reference="01-112/26",
            why_unjustified="Родитељ није навео разлог и не долази на позиве школе.",
            recorded_by=team_p,
        )

    # 5. Team appointed, IOP1 being drafted.
    p_nikola = _parent_user("djordjevic", "Милан", "Ђорђевић")
    nikola = child("Никола", "Ђорђевић", 11, school, g5, p_nikola)
    case, created = new_case(nikola)
    if created:
        story.to_team(case, p_nikola)
        story.iop(case, IopKind.IOP1, adopt=False)

    # 6. IOP1 adopted, with a transition plan waiting for consent and form 8.
    p_ana = _parent_user("simic", "Јасмина", "Симић")
    ana = child("Ана", "Симић", 13, school, g7, p_ana)
    case, created = new_case(ana)
    if created:
        story.to_team(case, p_ana)
        iop = story.iop(case, IopKind.IOP1)
        story.backdate(iop, timezone.localdate() - datetime.timedelta(days=80))
        TransitionPlan.objects.create(
            iop=iop,
            kind=TransitionKind.LEVEL,
            receiving_institution="Средња стручна школа Јаворовац",
            transfer_date=datetime.date(y0 + 1, 9, 1),
            activities="Посета новој школи, састанак тимова, пренос педагошког профила.",
        )
        EarlyLeavingPlan.objects.create(
            iop=iop,
            risk_factors="Чести изостанци у другом полугодишту.",
            measures="Недељни разговор са одељењским старешином, вршњачка подршка.",
            responsible="Одељењски старешина",
        )

    # 7. IOP2 after an IOP1 that was applied and evaluated: the demo parent's son.
    marko = child("Марко", "Петровић", 12, school, g5, parent)
    case, created = new_case(marko, Grounds.DISABILITY)
    if created:
        story.to_team(case, parent)
        iop1 = story.iop(case, IopKind.IOP1)
        story.backdate(iop1, timezone.localdate() - datetime.timedelta(days=400))
        for months, decision in ((3, Decision.CONTINUE), (12, Decision.NEW)):
            ev = Evaluation.objects.create(
                iop=iop1,
                held_on=timezone.localdate() - datetime.timedelta(days=400 - 30 * months),
                effective_measures="Визуелна подршка и рад у малој групи.",
                outcomes_reached="Исходи из српског језика делимично; из математике нису достигнути.",
                decision=decision,
            )
            story.step(ev, "propose")
            if ev.needs_consent:
                decide_consent(ev, "evaluation-decision", signer=parent)  # asked on "propose"
            story.step(ev, "decide", director)
        iop2 = story.iop(case, IopKind.IOP2, previous=iop1)
        plan = TransitionPlan.objects.create(
            iop=iop2,
            kind=TransitionKind.INSTITUTION,
            receiving_institution="ОШ „Бреза“ Јаворовац",
            transfer_date=timezone.localdate() + datetime.timedelta(days=60),
            activities="Састанак тимова две школе, посета, пренос документације уз сагласност.",
        )
        text = render_to_string("rs_pravilnik/transition_consent.txt", {"plan": plan}).strip()
        decide_consent(plan, "transition-consent", content=text, signer=parent)
        story.step(plan, "start")

    # 8. IOP3 for a gifted student.
    p_teodora = _parent_user("lazic", "Драгана", "Лазић")
    teodora = child("Теодора", "Лазић", 10, school, g5, p_teodora)
    case, created = new_case(teodora, Grounds.GIFTED)
    if created:
        story.to_team(case, p_teodora)
        story.iop(case, IopKind.IOP3)

    # 9. A preschool child with an IOP1 (no form 4).
    p_dunja = _parent_user("vasic", "Марина", "Васић")
    dunja = child("Дуња", "Васић", 5, preschool, gp, p_dunja)
    case, created = new_case(dunja)
    if created:
        story.to_team(case, p_dunja, preschool=True)
        story.iop(case, IopKind.IOP1)
