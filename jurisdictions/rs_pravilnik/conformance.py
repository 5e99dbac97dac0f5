"""Builds records and actors for the core's conformance suite (and for the plugin's tests).

``make_actor`` gives the user exactly the one role asked for, towards exactly
the one record given; every record belongs to a new student. With
``for_transition`` the record is built so that the step's guards hold.
"""

from __future__ import annotations

import datetime

from django.test import RequestFactory
from django.utils import timezone

from plugins import consent
from plugins.accounts import mark_second_factor_verified
from plugins.models import Organisation, Person
from plugins.sdk import ConformanceFactory
from plugins.sdk import builders as b

from .models import (
    Area,
    CaseDocument,
    CaseStatus,
    CurriculumItem,
    DataSource,
    Decision,
    EarlyLeavingPlan,
    Effect,
    Evaluation,
    EvaluationStatus,
    IndividualisationMeasure,
    Iop,
    IopKind,
    IopStatus,
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
    TransitionStatus,
)

CODE = "rs-pravilnik"


def verified_request(user):
    """A POST request of ``user`` with a fresh second factor (for signing and step-up)."""
    user = type(user).objects.get(pk=user.pk)
    user.is_verified = lambda: True
    http = RequestFactory().post("/")
    http.user, http.session = user, {}
    mark_second_factor_verified(http)
    return http


def decide_consent(record, spec_code: str, *, content="Сагласност.", refuse=False, signer=None):
    """Ask for ``spec_code`` on ``record`` and have a parent sign (or refuse) it."""
    from plugins.audit import student_id_of
    from plugins.models import Student

    req = consent.current_request(record, spec_code)
    if req is None or req.status not in (
        consent.ConsentRequest.Status.PENDING,
        consent.ConsentRequest.Status.SIGNED,
    ):
        req = consent.request_consent(record, spec_code, content=content)
    if req.status == consent.ConsentRequest.Status.SIGNED and not refuse:
        return req
    if signer is None:
        signer = b.guardian_of(Student.objects.get(pk=student_id_of(record)))
    http = verified_request(signer)
    if refuse:
        consent.refuse(req, http, reason="Не желим.")
    else:
        consent.sign(req, http)
    req.refresh_from_db()
    return req


def fill_profile(case) -> PedagogicalProfile:
    profile, _ = PedagogicalProfile.objects.get_or_create(
        case=case,
        defaults={
            "learning_needs": "Подршка у читању.",
            "situation": "Опис образовне ситуације.",
        },
    )
    return profile


def evaluated_measure(case, iop=None) -> IndividualisationMeasure:
    return IndividualisationMeasure.objects.create(
        case=case,
        iop=iop,
        area=Area.LEARNING,
        kind=MeasureKind.METHODS,
        measure="Краћа упутства, слике уз текст.",
        evaluated_on=timezone.localdate(),
        effect=Effect.PARTLY,
        evaluation="Делимично делотворно.",
    )


def complete_team(case) -> None:
    core = (
        (
            MemberFunction.PRESCHOOL_TEACHER,
            MemberFunction.EXPERT_ASSOCIATE,
            MemberFunction.PRESCHOOL_ASSOCIATE,
            MemberFunction.PARENT,
        )
        if case.is_preschool
        else (
            MemberFunction.CLASS_TEACHER,
            MemberFunction.SUBJECT_TEACHER,
            MemberFunction.EXPERT_ASSOCIATE,
            MemberFunction.PARENT,
        )
    )
    for function in core:
        person = Person.objects.create(given_name="Члан", family_name=f"Тима {function}")
        TeamMember.objects.create(case=case, person=person, function=function)


def make_case(
    status=CaseStatus.OBSERVATION, *, preschool=False, grounds="learning", student=None
) -> SupportCase:
    if student is None:
        kind = Organisation.Kind.PRESCHOOL if preschool else Organisation.Kind.SCHOOL
        student = b.student(
            school_org=b.school(kind=kind, jurisdiction=CODE), age=5 if preschool else 10
        )
    return SupportCase.objects.create(student=student, status=status, grounds=grounds)


def case_ready_for_iop(**kwargs) -> SupportCase:
    """A case whose parent signed form 6 and whose team is appointed, with its groundwork."""
    case = make_case(CaseStatus.TEAM, **kwargs)
    fill_profile(case)
    evaluated_measure(case)
    complete_team(case)
    decide_consent(case, "iop-consent")
    return case


def ready_iop(case, kind=IopKind.IOP1, status=IopStatus.DRAFT, **fields) -> Iop:
    """An IOP with forms 1 to 4 filled in, so that it may be proposed."""
    iop = Iop.objects.create(case=case, kind=kind, status=status, goal="Циљ подршке.", **fields)
    evaluated_measure(case, iop=iop)
    if not case.is_preschool:
        CurriculumItem.objects.create(
            iop=iop, scope=Scope.SUBJECT, subjects_text="Српски језик", outcomes="Исходи."
        )
    if status == IopStatus.ADOPTED:
        iop.adopted_on = iop.first_adopted_on = timezone.localdate()
        iop.save(update_fields=["adopted_on", "first_adopted_on"])
    return iop


def decided_evaluation(iop, decision=Decision.CONTINUE) -> Evaluation:
    return Evaluation.objects.create(
        iop=iop,
        status=EvaluationStatus.DECIDED,
        effective_measures="Мере су делотворне.",
        outcomes_reached="Исходи делимично.",
        decision=decision,
        decided_on=timezone.localdate(),
    )


INFORMED = [{"case_status": CaseStatus.OBSERVATION}, {"case_status": CaseStatus.TEAM}]


class RsPravilnikFactory(ConformanceFactory):
    #: Records whose access follows their parent's state: one sample on each side.
    variants = {
        "PedagogicalProfile": INFORMED,
        "IndividualisationMeasure": INFORMED,
        "TeamMember": INFORMED,
        "CurriculumItem": [{"iop_status": IopStatus.DRAFT}, {"iop_status": IopStatus.ADOPTED}],
    }

    def make_record(self, record_type, state=None, for_transition=None, **traits):
        if record_type == "SupportCase":
            return self._case(state or CaseStatus.OBSERVATION, for_transition)
        if record_type == "Iop":
            return self._iop(state or IopStatus.DRAFT, for_transition)
        if record_type == "Evaluation":
            iop = ready_iop(case_ready_for_iop(), status=IopStatus.ADOPTED)
            return Evaluation.objects.create(
                iop=iop,
                status=state or EvaluationStatus.DRAFT,
                effective_measures="Мере.",
                outcomes_reached="Исходи.",
                decision=Decision.CONTINUE,
            )
        if record_type == "TransitionPlan":
            iop = ready_iop(case_ready_for_iop(), status=IopStatus.ADOPTED)
            plan = TransitionPlan.objects.create(
                iop=iop,
                status=state or TransitionStatus.DRAFT,
                kind=TransitionKind.LEVEL,
                receiving_institution="Средња школа",
                transfer_date=timezone.localdate() + datetime.timedelta(days=200),
            )
            if for_transition == "start":
                decide_consent(plan, "transition-consent")
            return plan
        case = make_case(traits.get("case_status", CaseStatus.OBSERVATION))
        if record_type == "Observation":
            return Observation.objects.create(case=case, area=Area.SOCIAL, text="Белешка.")
        if record_type == "DataSource":
            return DataSource.objects.create(case=case, kind=SourceKind.PARENT, summary="Подаци.")
        if record_type == "PedagogicalProfile":
            return fill_profile(case)
        if record_type == "IndividualisationMeasure":
            return evaluated_measure(case)
        if record_type == "TeamMember":
            person = Person.objects.create(given_name="Члан", family_name="Тима")
            return TeamMember.objects.create(
                case=case, person=person, function=MemberFunction.PARENT
            )
        if record_type == "SocialWelfareNotice":
            return SocialWelfareNotice.objects.create(
                case=case, institution="Центар за социјални рад", why_unjustified="Без разлога."
            )
        if record_type == "CaseDocument":
            return CaseDocument.objects.create(
                student=case.student,
                owner=CODE,
                record_type="CaseDocument",
                title="Медицински налаз",
                file="documents/conformance-has-no-file.pdf",
                sha256="0" * 64,
                attached_to=f"SupportCase:{case.pk}",
            )
        iop = ready_iop(case_ready_for_iop(), status=traits.get("iop_status", IopStatus.DRAFT))
        if record_type == "CurriculumItem":
            return iop.curriculum.first()
        if record_type == "EarlyLeavingPlan":
            return EarlyLeavingPlan.objects.create(
                iop=iop, risk_factors="Изостанци.", measures="Праћење."
            )
        raise KeyError(record_type)

    def _case(self, state, for_transition):
        if for_transition in ("propose",):
            case = make_case(state)
            case.proposal_reasons, case.proposal_evidence = "Разлози.", "Докази."
            case.save()
            fill_profile(case)
            evaluated_measure(case)
            return case
        if for_transition == "appoint":
            case = make_case(state)
            complete_team(case)
            decide_consent(case, "iop-consent")
            return case
        if for_transition == "record_refusal":
            case = make_case(state)
            decide_consent(case, "iop-consent", refuse=True)
            return case
        return make_case(state)

    def _iop(self, state, for_transition):
        case = case_ready_for_iop()
        iop = ready_iop(case, status=state)
        decision = {"revise": Decision.REVISE, "end": Decision.END, "supersede": Decision.NEW}
        if for_transition in decision:
            decided_evaluation(iop, decision[for_transition])
        return iop

    def make_actor(self, role, record):
        st = record.student if isinstance(record, SupportCase | CaseDocument) else _student(record)
        if role in ("team", "director", "collegium"):
            code = "inclusive_team" if role == "team" else role
            return b.role_holder(code, st.school, jurisdiction=CODE)
        if role == "support_team":
            user = b.user()
            case = SupportCase.objects.filter(student=st).first() or make_case(student=st)
            TeamMember.objects.create(
                case=case, person=user.person, function=MemberFunction.SUBJECT_TEACHER
            )
            return user
        if role == "teacher":
            return b.teacher_of(st)
        if role == "guardian":
            return b.guardian_of(st)
        if role == "student":
            return b.student_login(st)
        raise KeyError(role)


def _student(record):
    obj = record
    for hop in type(record).portal_student_path.split("__"):
        obj = getattr(obj, hop)
    return obj
