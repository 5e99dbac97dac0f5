"""The Serbian rulebook on the IOP (Правилник о ИОП, 2018) as data.

Roles: the school's inclusive-education team (``team``, who runs the case),
the ``director`` (accepts the proposal, appoints the support team), the
pedagogical ``collegium`` (adopts the IOP and the decisions after an
evaluation), the student's ``support_team`` (appointed members), teachers
of the student, the parent (``guardian``) and the student.

The parent is a member of the support team and drafts the IOP with it
(art. 8), so guardians see an IOP from its first draft; the case itself
they see from the moment they are informed of the proposal in writing.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plugins.notifications import guardians_of, notify_effect
from plugins.sdk import (
    Condition,
    ConsentSpec,
    Deadline,
    DocumentSpec,
    Guard,
    Jurisdiction,
    MenuItem,
    Role,
    Transition,
    Workflow,
    allow,
    relations,
    state_in,
)

from . import CODE, effects, rules
from .models import CaseStatus, EvaluationStatus, IopStatus, TransitionStatus
from .relations import support_team_member

INFORMED = (
    CaseStatus.PROPOSED,
    CaseStatus.ACCEPTED,
    CaseStatus.REFUSED,
    CaseStatus.TEAM,
    CaseStatus.CLOSED,
)


def parent_state_in(path: str, *states: str) -> Condition:
    """True while the record's parent (``path``: "case" or "iop") is in one of ``states``."""
    wanted = tuple(str(s) for s in states)

    def test(record):
        obj = record
        for hop in path.split("__"):
            obj = getattr(obj, hop)
        return str(obj.status) in wanted

    return Condition(
        label=f"{path}.status in ({', '.join(wanted)})",
        test=test,
        q=lambda: Q(**{f"{path}__status__in": wanted}),
    )


case_informed = state_in(*INFORMED)
via_case_informed = parent_state_in("case", *INFORMED)
iop_adopted = state_in(IopStatus.ADOPTED)
iop_draft = state_in(IopStatus.DRAFT)
via_iop_adopted = parent_state_in("iop", IopStatus.ADOPTED)
via_iop_draft = parent_state_in("iop", IopStatus.DRAFT)

STAFF = ("team", "director", "collegium", "support_team")


def _guard(label, problems):
    """A workflow guard built on one of ``rules``' problem lists."""

    def message_of():
        return _("The step is not possible yet: see the checklist on the page.")

    return Guard(label, lambda record: not problems(record), message_of())


def _case_url(case):
    return reverse(f"{CODE}:case", args=[case.pk])


def _iop_url(iop):
    return reverse(f"{CODE}:iop", args=[iop.pk])


def _decision_is(decision):
    return lambda iop: rules.latest_decision(iop) == decision


class RsPravilnikJurisdiction(Jurisdiction):
    code = CODE
    name = _("Individual education plan (Serbia)")
    version = "1.0.0"
    languages = ("sr-cyrl", "sr-latn", "en")
    age_of_majority = 18
    description = _(
        "The IOP under the 2018 rulebook: observation, individualisation measures, "
        "proposal, parental consent, support team, IOP1, IOP2 and IOP3 with forms 1 to 8, "
        "evaluation and portfolio."
    )
    confidentiality = "Поверљиво – подаци о ученику (чл. 15 Правилника о ИОП)"
    urls = "jurisdictions.rs_pravilnik.urls"
    conformance = "jurisdictions.rs_pravilnik.conformance.RsPravilnikFactory"
    demo = "jurisdictions.rs_pravilnik.demo.load"

    #: Close a case when the student leaves; delete it after the retention period.
    retention_roles = ("team", "director")

    roles = (
        Role(
            "team",
            _("Inclusive-education team"),
            relations.has_role_at_school("inclusive_team"),
            description=_(
                "Member of the school's inclusive-education team (psychologist, pedagogue)."
            ),
        ),
        Role("director", _("Director"), relations.has_role_at_school("director")),
        Role("collegium", _("Pedagogical collegium"), relations.has_role_at_school("collegium")),
        Role("support_team", _("Support team member"), support_team_member),
        Role("teacher", _("Teacher"), relations.teaches_student),
        Role("guardian", _("Parent"), relations.guardian_of_student),
        Role("student", _("Student"), relations.student_self),
    )

    matrix = (
        # The case: observation, proposal, consent, support team.
        allow("SupportCase", "view", *STAFF, "teacher"),
        allow("SupportCase", "view", "guardian", when=case_informed),
        allow(
            "SupportCase",
            "edit",
            "team",
            when=state_in(CaseStatus.OBSERVATION, CaseStatus.REFUSED),
        ),
        allow("SupportCase", "comment", "team", "teacher", "support_team"),
        allow(
            "SupportCase",
            "manage",
            "team",
            "director",
            when=state_in(CaseStatus.ACCEPTED, CaseStatus.TEAM),
        ),
        allow("SupportCase", "create", "team", when=state_in(CaseStatus.TEAM)),
        allow("SupportCase", "download", "team", "director", "collegium"),
        allow("SupportCase", "download", "guardian", when=case_informed),
        allow("Observation", "view", "team", "director", "support_team", "teacher"),
        allow("Observation", "edit", "team"),
        allow("DataSource", "view", "team", "director", "support_team"),
        allow("DataSource", "edit", "team"),
        allow("PedagogicalProfile", "view", *STAFF, "teacher"),
        allow("PedagogicalProfile", "view", "guardian", when=via_case_informed),
        allow("PedagogicalProfile", "edit", "team", "support_team"),
        allow("IndividualisationMeasure", "view", *STAFF, "teacher"),
        allow("IndividualisationMeasure", "view", "guardian", when=via_case_informed),
        allow("IndividualisationMeasure", "edit", "team", "support_team", "teacher"),
        allow("TeamMember", "view", "team", "director", "support_team"),
        allow("TeamMember", "view", "guardian", when=via_case_informed),
        allow("TeamMember", "delete", "team", "director"),
        allow("SocialWelfareNotice", "view", "team", "director"),
        allow("CaseDocument", "view", "team", "director", "support_team"),
        allow("CaseDocument", "download", "team", "director", "support_team"),
        allow("CaseDocument", "delete", "team"),
        # The IOP and its forms.
        allow("Iop", "view", *STAFF, "guardian"),
        allow("Iop", "view", "teacher", "student", when=iop_adopted),
        allow("Iop", "edit", "team", "support_team", when=iop_draft),
        allow("Iop", "create", "team", "support_team", when=iop_adopted),
        allow("Iop", "download", *STAFF, "guardian"),
        allow("Iop", "download", "teacher", when=iop_adopted),
        allow("CurriculumItem", "view", *STAFF, "guardian"),
        allow("CurriculumItem", "view", "teacher", when=via_iop_adopted),
        allow("CurriculumItem", "edit", "team", "support_team", when=via_iop_draft),
        allow("TransitionPlan", "view", "team", "director", "support_team", "guardian"),
        allow(
            "TransitionPlan",
            "edit",
            "team",
            "support_team",
            when=state_in(TransitionStatus.DRAFT),
        ),
        allow("EarlyLeavingPlan", "view", "team", "director", "support_team", "guardian"),
        allow("EarlyLeavingPlan", "edit", "team", "support_team"),
        allow("Evaluation", "view", *STAFF),
        allow(
            "Evaluation",
            "view",
            "guardian",
            when=state_in(EvaluationStatus.PROPOSED, EvaluationStatus.DECIDED),
        ),
        allow("Evaluation", "edit", "team", "support_team", when=state_in(EvaluationStatus.DRAFT)),
    )

    workflows = (
        Workflow(
            record="SupportCase",
            states=CaseStatus,
            initial=CaseStatus.OBSERVATION,
            transitions=(
                Transition(
                    "propose",
                    CaseStatus.OBSERVATION,
                    CaseStatus.PROPOSED,
                    roles=("team",),
                    label=_("Submit the proposal to the director and inform the parent"),
                    guards=(_guard("proposal complete", rules.proposal_problems),),
                    effects=(
                        effects.inform_parent,
                        notify_effect(
                            "consent-requested",
                            _("The school asks for your consent to an individual education plan"),
                            recipients=guardians_of,
                            url=_case_url,
                            urgent=True,
                        ),
                    ),
                ),
                Transition(
                    "return_proposal",
                    CaseStatus.PROPOSED,
                    CaseStatus.OBSERVATION,
                    roles=("director",),
                    label=_("Return the proposal to the team"),
                ),
                Transition(
                    "accept",
                    CaseStatus.PROPOSED,
                    CaseStatus.ACCEPTED,
                    roles=("director",),
                    label=_("Accept the proposal"),
                    step_up=True,
                    effects=(effects.stamp("accepted_on"),),
                ),
                Transition(
                    "appoint",
                    CaseStatus.ACCEPTED,
                    CaseStatus.TEAM,
                    roles=("director",),
                    label=_("Appoint the support team"),
                    step_up=True,
                    consent="iop-consent",
                    guards=(
                        Guard(
                            "form 6 signed",
                            rules.form6_signed,
                            _("The team is appointed only after the parent's written consent."),
                        ),
                        _guard("team composition", rules.composition_problems),
                    ),
                    effects=(effects.stamp("team_appointed_on"),),
                ),
                Transition(
                    "record_refusal",
                    (CaseStatus.PROPOSED, CaseStatus.ACCEPTED),
                    CaseStatus.REFUSED,
                    roles=("team",),
                    label=_("Record the parent's refusal"),
                    guards=(
                        Guard(
                            "form 6 refused",
                            rules.form6_refused,
                            _("The parent has not refused consent."),
                        ),
                    ),
                ),
                Transition(
                    "ask_again",
                    CaseStatus.REFUSED,
                    CaseStatus.PROPOSED,
                    roles=("team",),
                    label=_("Ask the parent for consent again"),
                    effects=(effects.inform_parent,),
                ),
                Transition(
                    "return_to_measures",
                    CaseStatus.TEAM,
                    CaseStatus.OBSERVATION,
                    roles=("collegium",),
                    label=_("End the IOP support and return to individualisation measures"),
                    guards=(
                        Guard(
                            "no IOP in force",
                            lambda case: (
                                not case.iops.filter(
                                    status__in=(
                                        IopStatus.DRAFT,
                                        IopStatus.PROPOSED,
                                        IopStatus.ADOPTED,
                                    )
                                ).exists()
                            ),
                            _("An IOP of this student is still being drafted or applied."),
                        ),
                    ),
                ),
                Transition(
                    "close",
                    (CaseStatus.OBSERVATION, CaseStatus.REFUSED, CaseStatus.TEAM),
                    CaseStatus.CLOSED,
                    roles=("director",),
                    label=_("Close the case"),
                    step_up=True,
                ),
            ),
        ),
        Workflow(
            record="Iop",
            states=IopStatus,
            initial=IopStatus.DRAFT,
            transitions=(
                Transition(
                    "propose",
                    IopStatus.DRAFT,
                    IopStatus.PROPOSED,
                    roles=("team",),
                    label=_("Propose the IOP to the pedagogical collegium"),
                    guards=(_guard("IOP ready to propose", rules.propose_problems),),
                ),
                Transition(
                    "return",
                    IopStatus.PROPOSED,
                    IopStatus.DRAFT,
                    roles=("collegium",),
                    label=_("Return the IOP to the team"),
                ),
                Transition(
                    "adopt",
                    IopStatus.PROPOSED,
                    IopStatus.ADOPTED,
                    roles=("collegium",),
                    label=_("Adopt the IOP"),
                    step_up=True,
                    effects=(
                        effects.adopt,
                        notify_effect(
                            "workflow",
                            _("An individual education plan was adopted"),
                            recipients=guardians_of,
                            url=_iop_url,
                        ),
                    ),
                ),
                Transition(
                    "revise",
                    IopStatus.ADOPTED,
                    IopStatus.DRAFT,
                    roles=("collegium",),
                    label=_("Reopen the IOP for revision"),
                    guards=(
                        Guard(
                            "decided: revise",
                            _decision_is("revise"),
                            _("Only after an evaluation decided to revise the IOP."),
                        ),
                    ),
                ),
                Transition(
                    "end",
                    IopStatus.ADOPTED,
                    IopStatus.ENDED,
                    roles=("collegium",),
                    label=_("End the IOP"),
                    guards=(
                        Guard(
                            "decided: end",
                            _decision_is("end"),
                            _("Only after an evaluation decided to end the IOP."),
                        ),
                    ),
                ),
                Transition(
                    "supersede",
                    IopStatus.ADOPTED,
                    IopStatus.SUPERSEDED,
                    roles=("collegium",),
                    label=_("Replace by a new IOP"),
                    guards=(
                        Guard(
                            "decided: new IOP",
                            _decision_is("new"),
                            _("Only after an evaluation decided to write a new IOP."),
                        ),
                    ),
                ),
            ),
        ),
        Workflow(
            record="Evaluation",
            states=EvaluationStatus,
            initial=EvaluationStatus.DRAFT,
            transitions=(
                Transition(
                    "propose",
                    EvaluationStatus.DRAFT,
                    EvaluationStatus.PROPOSED,
                    roles=("team", "support_team"),
                    label=_("Propose the decision to the pedagogical collegium"),
                    guards=(_guard("evaluation complete", rules.evaluation_problems),),
                    effects=(effects.ask_decision_consent,),
                ),
                Transition(
                    "return",
                    EvaluationStatus.PROPOSED,
                    EvaluationStatus.DRAFT,
                    roles=("collegium",),
                    label=_("Return the evaluation to the team"),
                ),
                Transition(
                    "decide",
                    EvaluationStatus.PROPOSED,
                    EvaluationStatus.DECIDED,
                    roles=("collegium",),
                    label=_("Take the decision"),
                    step_up=True,
                    guards=(
                        Guard(
                            "IOP adopted",
                            lambda ev: ev.iop.status == IopStatus.ADOPTED,
                            _("Only an adopted IOP is evaluated."),
                        ),
                        Guard(
                            "parental consent where required",
                            effects.decision_consent_given,
                            _("This decision needs the parent's consent first."),
                        ),
                    ),
                    effects=(effects.apply_decision,),
                ),
            ),
        ),
        Workflow(
            record="TransitionPlan",
            states=TransitionStatus,
            initial=TransitionStatus.DRAFT,
            transitions=(
                Transition(
                    "start",
                    TransitionStatus.DRAFT,
                    TransitionStatus.ACTIVE,
                    roles=("team", "support_team"),
                    label=_("Carry out the transition plan"),
                    consent="transition-consent",
                ),
                Transition(
                    "complete",
                    TransitionStatus.ACTIVE,
                    TransitionStatus.COMPLETED,
                    roles=("team", "support_team"),
                    label=_("Mark the transition plan completed"),
                ),
            ),
        ),
    )

    consents = (
        ConsentSpec(
            "iop-consent",
            _("Form 6: parental consent to drafting the IOP"),
            record="SupportCase",
            unlocks="appoint",
        ),
        ConsentSpec(
            "iop2-consent",
            _("Parental consent to moving to IOP2"),
            record="Iop",
            unlocks="propose",
        ),
        ConsentSpec(
            "transition-consent",
            _("Form 7: written consent to the transition plan"),
            record="TransitionPlan",
            unlocks="start",
        ),
        ConsentSpec(
            "evaluation-decision",
            _("Parental consent to the decision after an evaluation"),
            record="Evaluation",
            unlocks="decide",
        ),
    )

    documents = (
        DocumentSpec("form1", _("Form 1: personal data and support team"), "Iop", "rs_pravilnik/pdf/form1.html"),
        DocumentSpec("form2", _("Form 2: pedagogical profile"), "Iop", "rs_pravilnik/pdf/form2.html"),
        DocumentSpec("form3", _("Form 3: individualisation measures"), "Iop", "rs_pravilnik/pdf/form3.html"),
        DocumentSpec("form4", _("Form 4: personalised curriculum"), "Iop", "rs_pravilnik/pdf/form4.html"),
        DocumentSpec("form5", _("Form 5: monitoring and evaluation"), "Iop", "rs_pravilnik/pdf/form5.html"),
        DocumentSpec("form6", _("Form 6: parental consent"), "Iop", "rs_pravilnik/pdf/form6.html"),
        DocumentSpec("form7", _("Form 7: transition plan"), "Iop", "rs_pravilnik/pdf/form7.html"),
        DocumentSpec("form8", _("Form 8: early-leaving prevention plan"), "Iop", "rs_pravilnik/pdf/form8.html"),
        DocumentSpec(
            "information",
            _("Written information to the parent"),
            "SupportCase",
            "rs_pravilnik/pdf/information.html",
        ),
    )  # fmt: skip

    deadlines = (
        Deadline(
            "term1-evaluation",
            _("Evaluate every IOP past its first year (first term)"),
            month=9,
            day=1,
            responsible="team",
            purpose=_("Art. 13: evaluation at the start of each term."),
        ),
        Deadline(
            "term2-evaluation",
            _("Evaluate every IOP past its first year (second term)"),
            month=1,
            day=15,
            responsible="team",
            purpose=_("Art. 13: evaluation at the start of each term."),
        ),
    )
    menu = (MenuItem(_("IOP"), f"{CODE}:index"),)

    def family_plans(self, student, user) -> list[dict]:
        from plugins.access import permitted

        from .models import Iop

        active = (IopStatus.DRAFT, IopStatus.PROPOSED, IopStatus.ADOPTED)
        iops = permitted(user, "view", Iop.objects.filter(case__student=student, status__in=active))
        return [
            {
                "title": iop.get_kind_display(),
                "url": reverse(f"{CODE}:iop", args=[iop.pk]),
                "status": iop.get_status_display(),
            }
            for iop in iops.order_by("pk")
        ]
