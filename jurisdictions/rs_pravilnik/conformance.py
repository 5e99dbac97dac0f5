"""Builds records and actors for the core's conformance suite (and for the plugin's tests).

``make_actor`` gives the user exactly the one role asked for, towards exactly
the one record given; every record belongs to a new student. With
``for_transition`` the record is built so that the step's guards hold.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from plugins import consent
from plugins.models import Organisation, Person
from plugins.sdk import ConformanceFactory, testing
from plugins.sdk import builders as b
from plugins.sdk.testing import verified_request

from . import CODE, documents
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

__all__ = ["RsPravilnikFactory", "decide_consent", "verified_request"]


def decide_consent(record, spec_code: str, *, content="Сагласност.", refuse=False, signer=None):
    """Ask for ``spec_code`` on ``record`` and have a parent sign (or refuse) it.

    A consent already signed stays as it is (asking again would start a new request).
    """
    req = consent.current_request(record, spec_code)
    if refuse:
        testing.refuse_consent(
            record, spec_code, signer=signer, content=content, reason="Не желим."
        )
    elif req is None or req.status != consent.ConsentRequest.Status.SIGNED:
        testing.sign_consent(record, spec_code, signer=signer, content=content)
    return consent.current_request(record, spec_code)


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
    # The parent is informed in writing when the proposal is submitted (``effects.inform_parent``).
    informed = timezone.localdate() if status != CaseStatus.OBSERVATION else None
    return SupportCase.objects.create(
        student=student, status=status, grounds=grounds, parent_informed_on=informed
    )


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

    # -- the plugin's pages ------------------------------------------------------------------
    def edit_page(self, record_type, record):
        """The page that edits ``record`` with a post it saves and one its form refuses."""
        page = EDIT_PAGES.get(record_type)
        if page is None:
            return None
        path, valid, invalid = page
        cells = self.jurisdiction.cells(record_type, "edit")
        if not any(cell.when is None or cell.when(record) for cell in cells):
            return None  # nobody edits the record in its state: the page refuses it
        fresh = type(record)._default_manager.get(pk=record.pk)
        version = {"version": fresh.updated_at.isoformat()}
        return f"/j/{CODE}/{path(fresh)}", {**valid, **version}, {**invalid, **version}

    def step_page(self, transition, record):
        """Every step of a case, an IOP, an evaluation or a transition plan has a button."""
        kind = STEP_KINDS.get(type(record).__name__)
        if kind is None:
            return None
        url = f"/j/{CODE}/step/{kind}/{record.pk}/{transition.name}/"
        return url, {"note": "Белешка уз корак."}

    def document_page(self, spec, record):
        """Forms 1 to 8 of an IOP (7 and 8 once written), the information of an informed case."""
        if isinstance(record, SupportCase):
            if spec.code != "information" or not record.parent_informed_on:
                return None
            return f"/j/{CODE}/cases/{record.pk}/information.pdf"
        if spec.code == "form7" and not hasattr(record, "transition_plan"):
            TransitionPlan.objects.create(
                iop=record,
                kind=TransitionKind.LEVEL,
                receiving_institution="Средња школа",
                transfer_date=timezone.localdate() + datetime.timedelta(days=200),
            )
        if spec.code == "form8" and not hasattr(record, "early_leaving_plan"):
            EarlyLeavingPlan.objects.create(iop=record, risk_factors="Изостанци.", measures="Мере.")
        record = Iop.objects.get(pk=record.pk)
        if spec.code not in documents.forms_of(record):
            return None
        return f"/j/{CODE}/iops/{record.pk}/{spec.code}.pdf"


#: The records whose steps are fired from the pages, by the step URL's kind.
STEP_KINDS = {
    "SupportCase": "case",
    "Iop": "iop",
    "Evaluation": "evaluation",
    "TransitionPlan": "transition",
}

TODAY = datetime.date(2026, 9, 1).isoformat()
MEASURE = {
    "area": Area.LEARNING,
    "kind": MeasureKind.METHODS,
    "measure": "Краћа упутства.",
    "starts": TODAY,
}

EVALUATION = {"held_on": TODAY, "effective_measures": "Мере.", "outcomes_reached": "Исходи."}

#: Per record type: the edit page's path, a post it saves and a post its form refuses
#: (the hidden ``version`` is added from the record).
EDIT_PAGES = {
    "SupportCase": (
        lambda r: f"cases/{r.pk}/proposal/",
        {"grounds": "learning", "proposal_reasons": "Разлози.", "proposal_evidence": "Докази."},
        {"grounds": "no-such-grounds", "proposal_reasons": "Разлози."},
    ),
    "PedagogicalProfile": (
        lambda r: f"cases/{r.case_id}/profile/",
        {"learning_needs": "Подршка у читању.", "situation": "Опис."},
        {"learning_needs": "Подршка у читању.", "drafted_with": "x" * 301},
    ),
    "IndividualisationMeasure": (
        lambda r: f"measures/{r.pk}/",
        MEASURE,
        {**MEASURE, "effect": Effect.PARTLY},  # an effect needs the date of its evaluation
    ),
    "Iop": (
        lambda r: f"iops/{r.pk}/form1/",
        {"goal": "Циљ подршке.", "valid_from": TODAY},
        {"goal": "Циљ.", "valid_from": TODAY, "valid_until": "2026-01-01"},  # ends before
    ),
    "CurriculumItem": (
        lambda r: f"curriculum/{r.pk}/",
        {"scope": Scope.SUBJECT, "subjects_text": "Српски језик", "outcomes": "Исходи."},
        {"scope": Scope.SUBJECT, "outcomes": "Исходи."},  # no subject named
    ),
    "TransitionPlan": (
        lambda r: f"iops/{r.iop_id}/transition-plan/",
        {"kind": TransitionKind.LEVEL, "receiving_institution": "Школа", "transfer_date": TODAY},
        {"kind": TransitionKind.LEVEL, "receiving_institution": "", "transfer_date": TODAY},
    ),
    "EarlyLeavingPlan": (
        lambda r: f"iops/{r.iop_id}/early-leaving/",
        {"risk_factors": "Изостанци.", "measures": "Разговор."},
        {"risk_factors": "", "measures": "Разговор."},
    ),
    "Evaluation": (
        lambda r: f"evaluations/{r.pk}/",
        {**EVALUATION, "decision": Decision.CONTINUE},
        {**EVALUATION, "decision": Decision.EXTEND},  # an extension needs its end date
    ),
}


def _student(record):
    obj = record
    for hop in type(record).portal_student_path.split("__"):
        obj = getattr(obj, hop)
    return obj
