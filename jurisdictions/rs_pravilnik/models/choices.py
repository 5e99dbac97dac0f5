"""The choices of the IOP records: states, kinds, areas and decisions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    OBSERVATION = "observation", _("Observation and individualisation measures")
    PROPOSED = "proposed", _("Proposal submitted to the director")
    ACCEPTED = "accepted", _("Proposal accepted, waiting for consent")
    REFUSED = "refused", _("Parent refused consent")
    TEAM = "team", _("Support team appointed")
    CLOSED = "closed", _("Closed")


class Grounds(models.TextChoices):
    LEARNING = "learning", _("Learning difficulties")
    DISABILITY = "disability", _("Developmental disability or impairment")
    DEPRIVED = "deprived", _("Socially deprived environment")
    OTHER = "other", _("Other grounds for support")
    GIFTED = "gifted", _("Exceptional abilities (gifted student)")


class Area(models.TextChoices):
    LEARNING = "learning", _("Learning skills")
    SOCIAL = "social", _("Social and communication skills")
    INDEPENDENCE = "independence", _("Independence and self-care")


class SourceKind(models.TextChoices):
    PARENT = "parent", _("Parent")
    EXPERT = "expert", _("Expert outside the institution")
    PEERS = "peers", _("Peers")
    CHILD = "child", _("The child or student")
    TEST = "test", _("Test")
    INTERVIEW = "interview", _("Interview or conversation")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    OBSERVATION = "observation", _("Systematic observation")


class MeasureKind(models.TextChoices):
    SPACE = "space", _("Adapting the space and conditions")
    METHODS = "methods", _("Adapting methods, materials and instruction")
    CONTENT = "content", _("Changing content and outcomes")


class Effect(models.TextChoices):
    YES = "yes", _("Effective")
    PARTLY = "partly", _("Partly effective")
    NO = "no", _("Not effective")


class MemberFunction(models.TextChoices):
    PRESCHOOL_TEACHER = "preschool_teacher", _("Preschool teacher")
    PRESCHOOL_ASSOCIATE = "preschool_associate", _("Associate in the preschool")
    CLASS_TEACHER = "class_teacher", _("Class teacher or form teacher")
    SUBJECT_TEACHER = "subject_teacher", _("Subject teacher")
    EXPERT_ASSOCIATE = "expert_associate", _("Expert associate (psychologist, pedagogue)")
    PARENT = "parent", _("Parent")
    ASSISTANT = "assistant", _("Pedagogical assistant")
    COMPANION = "companion", _("Personal companion")
    OUTSIDE_EXPERT = "outside_expert", _("Expert outside the institution, proposed by the parent")


class IopKind(models.TextChoices):
    IOP1 = "iop1", _("IOP1: adapted programme")
    IOP2 = "iop2", _("IOP2: modified programme and outcomes")
    IOP3 = "iop3", _("IOP3: extended and enriched programme (gifted)")


class IopStatus(models.TextChoices):
    DRAFT = "draft", _("Being drafted by the support team")
    PROPOSED = "proposed", _("Proposed to the pedagogical collegium")
    ADOPTED = "adopted", _("Adopted and applied")
    ENDED = "ended", _("Ended: back to individualisation measures")
    SUPERSEDED = "superseded", _("Replaced by a new IOP")


class Scope(models.TextChoices):
    AREA = "area", _("An area within a subject")
    SUBJECT = "subject", _("One subject")
    GROUP = "group", _("A group of subjects")
    ALL = "all", _("All subjects")
    EXTRA = "extra", _("Extracurricular activities")


class TransitionKind(models.TextChoices):
    ENROLMENT = "enrolment", _("Entering the institution")
    LEVEL = "level", _("Moving to the next level of education")
    INSTITUTION = "institution", _("Moving to another institution")
    REGULAR = "regular", _("Moving to a regular group or class")
    COMPLETION = "completion", _("Completing education, preparing for independent life")


class TransitionStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    ACTIVE = "active", _("Carried out (parent consented in writing)")
    COMPLETED = "completed", _("Completed")


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Being written by the support team")
    PROPOSED = "proposed", _("Decision proposed to the pedagogical collegium")
    DECIDED = "decided", _("Decided")


class Decision(models.TextChoices):
    CONTINUE = "continue", _("Continue applying the IOP")
    EXTEND = "extend", _("Extend the IOP")
    REVISE = "revise", _("Revise the IOP")
    NEW = "new", _("Write a new IOP")
    END = "end", _("End the IOP and return to individualisation measures")


#: Decisions the parent consents to (rulebook, arts. 8 and 14): every change of the plan.
DECISIONS_NEEDING_CONSENT = (Decision.EXTEND, Decision.REVISE, Decision.NEW, Decision.END)
