"""Records of the Serbian rulebook on the individual education plan (ИОП, 2018).

One ``SupportCase`` per student holds the work before an IOP (observation,
sources, pedagogical profile, individualisation measures), the proposal to the
director, the parent's consent (form 6) and the support team. Each ``Iop``
(IOP1, IOP2 or IOP3) hangs off the case with its forms 4, 5, 7 and 8; an IOP2
points at the IOP1 that went before it, so the history stays visible.
"""

from .cases import (
    CaseDocument,
    DataSource,
    IndividualisationMeasure,
    Observation,
    PedagogicalProfile,
    SocialWelfareNotice,
    SupportCase,
    TeamMember,
)
from .choices import (
    DECISIONS_NEEDING_CONSENT,
    Area,
    CaseStatus,
    Decision,
    Effect,
    EvaluationStatus,
    Grounds,
    IopKind,
    IopStatus,
    MeasureKind,
    MemberFunction,
    Scope,
    SourceKind,
    TransitionKind,
    TransitionStatus,
)
from .iop import CurriculumItem, Evaluation, EvaluationDate, Iop
from .transition import EarlyLeavingPlan, TransitionPlan

__all__ = [
    "DECISIONS_NEEDING_CONSENT",
    "Area",
    "CaseDocument",
    "CaseStatus",
    "CurriculumItem",
    "DataSource",
    "Decision",
    "EarlyLeavingPlan",
    "Effect",
    "Evaluation",
    "EvaluationDate",
    "EvaluationStatus",
    "Grounds",
    "IndividualisationMeasure",
    "Iop",
    "IopKind",
    "IopStatus",
    "MeasureKind",
    "MemberFunction",
    "Observation",
    "PedagogicalProfile",
    "Scope",
    "SocialWelfareNotice",
    "SourceKind",
    "SupportCase",
    "TeamMember",
    "TransitionKind",
    "TransitionPlan",
    "TransitionStatus",
]
