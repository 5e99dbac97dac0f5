"""What the pages do, kept out of the views: start a screening, make a plan, mark steps."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plugins import audit

from . import consents
from .models import (
    Outcome,
    Phase,
    PlanStatus,
    PlanStep,
    RowStatus,
    ScreeningRow,
    TransitionPlan,
    date_in_year,
)


class StepError(Exception):
    """A plan step cannot be changed now; ``str()`` tells the user why."""


@dataclass(frozen=True)
class StepTemplate:
    code: str
    month: int | None
    day: int | None
    title: str
    responsible: str
    contributor: str
    phase: str = Phase.BEFORE


#: Mal individuell plan for overgangen: the steps every plan starts with. Until the
#: application is sent the lower-secondary school is responsible and the
#: upper-secondary school contributes; after the handover the roles swap.
PLAN_TEMPLATE = (
    StepTemplate(
        "screened",
        9,
        1,
        gettext_lazy("Screened; consent from student and guardian obtained"),
        gettext_lazy("Contact teacher"),
        "",
    ),
    StepTemplate(
        "contact",
        10,
        1,
        gettext_lazy("Contact made with the upper-secondary school"),
        gettext_lazy("Counsellor"),
        gettext_lazy("Contact person"),
    ),
    StepTemplate(
        "meeting",
        11,
        1,
        gettext_lazy(
            "Meeting with guardians and student: agree on visits and meetings with the "
            "upper-secondary school, and on what information is handed over"
        ),
        gettext_lazy("Counsellor"),
        gettext_lazy("Contact person"),
    ),
    StepTemplate(
        "visit-agreed",
        12,
        15,
        gettext_lazy("Visit or trial day at the upper-secondary school agreed"),
        gettext_lazy("Counsellor"),
        gettext_lazy("Contact person"),
    ),
    StepTemplate(
        "visit",
        None,
        None,
        gettext_lazy("Visit or trial day carried out"),
        gettext_lazy("Counsellor"),
        gettext_lazy("Contact person"),
    ),
    StepTemplate(
        "application",
        3,
        1,
        gettext_lazy("Application deadline: application sent"),
        gettext_lazy("Counsellor"),
        "",
    ),
    StepTemplate(
        "form-handover",
        3,
        15,
        gettext_lazy("Screening form handed over to the upper-secondary school"),
        gettext_lazy("Counsellor"),
        "",
    ),
    StepTemplate(
        "invitation",
        5,
        1,
        gettext_lazy("Invitation to visit the upper-secondary school"),
        gettext_lazy("Contact person / head of department"),
        gettext_lazy("Contact teacher / counsellor"),
        Phase.AFTER,
    ),
)

#: Steps that involve the upper-secondary school: never before consent.
CONTACT_STEPS = ("contact", "meeting", "visit-agreed", "visit", "form-handover", "invitation")
#: The step the portal does itself: the screening reaches the receiving school on 15 March
#: or at the handover (``ScreeningHandover``), so nobody ticks it by hand.
FORM_HANDOVER_STEP = "form-handover"


# -- screening ----------------------------------------------------------------------------
@transaction.atomic
def start_screening(group, school_year) -> int:
    """One row per student of the class; returns how many rows were added."""
    added = 0
    for student in group.students.all():
        _row, created = ScreeningRow.objects.get_or_create(
            student=student, school_year=school_year, defaults={"group": group}
        )
        added += int(created)
    return added


# -- plans ---------------------------------------------------------------------------------
@transaction.atomic
def create_plan(row: ScreeningRow, upper_school, user=None) -> TransitionPlan:
    """Make the transition plan from the template and ask for both consents."""
    if row.status != RowStatus.DECIDED or row.decision != Outcome.TRANSITION:
        raise StepError(_("Only a student the rektor decided on for follow-up gets a plan."))
    if TransitionPlan.objects.filter(screening=row).exists():
        raise StepError(_("This student already has a transition plan."))
    plan = TransitionPlan.objects.create(
        screening=row,
        student=row.student,
        school_year=row.school_year,
        lower_school=row.student.school,
        upper_school=upper_school,
    )
    PlanStep.objects.bulk_create(
        [
            PlanStep(
                plan=plan,
                code=t.code,
                order=i,
                phase=t.phase,
                due=date_in_year(row.school_year, t.month, t.day) if t.month else None,
                title=str(t.title),
                responsible=str(t.responsible),
                contributor=str(t.contributor),
            )
            for i, t in enumerate(PLAN_TEMPLATE, start=1)
        ]
    )
    consents.ask(plan, requested_by=user)
    audit.record(None, "create", record=plan, actor=user)
    return plan


def check_step_change(plan: TransitionPlan, step: PlanStep) -> None:
    """Raise StepError when the step cannot be marked done or undone now."""
    if plan.status == PlanStatus.STOPPED or consents.is_refused(plan):
        raise StepError(_("The plan is stopped: consent was refused or withdrawn."))
    if not consents.is_given(plan):
        raise StepError(
            _("No step can be done before both the student and a guardian have consented.")
        )
    if plan.status not in (PlanStatus.ACTIVE, PlanStatus.HANDED_OVER):
        raise StepError(_("Start the plan before marking its steps."))
    if step.phase == Phase.AFTER and plan.status != PlanStatus.HANDED_OVER:
        raise StepError(_("This step belongs to the upper-secondary school, after the handover."))
    if step.code == FORM_HANDOVER_STEP:
        raise StepError(
            _(
                "The portal hands the screening over to the upper-secondary school on "
                "15 March, or at the handover if that comes first."
            )
        )


@transaction.atomic
def set_step_done(plan: TransitionPlan, step: PlanStep, user, done: bool = True) -> PlanStep:
    plan = TransitionPlan.objects.select_for_update().get(pk=plan.pk)
    step = PlanStep.objects.select_for_update().get(pk=step.pk, plan=plan)
    check_step_change(plan, step)
    if done:
        step.done_at = step.done_at or timezone.now()
        step.done_by = step.done_by or (user if user.is_authenticated else None)
    else:
        if step.code == "application" and plan.status == PlanStatus.HANDED_OVER:
            raise StepError(_("The plan is already handed over; the application stays sent."))
        step.done_at, step.done_by = None, None
    step.save(update_fields=["done_at", "done_by"])
    return step


def _handover_step_state(plan, given: bool, today) -> dict:
    """What the plan page says of the form-handover step: the portal does it, not a tick."""
    reached = given and plan.screening_handed_over(today)
    day = plan.handover_date
    if reached and plan.handed_over_at is not None:
        day = min(day, timezone.localtime(plan.handed_over_at).date())
    return {"reached": reached, "day": day}


def step_rows(user, plan: TransitionPlan, given: bool, today) -> list[dict]:
    """The plan's steps as the plan page lists them, with what ``user`` may change."""
    from plugins.access import can

    rows = []
    for step in plan.steps.all():
        may_edit = can(user, "edit", step)
        blocked = ""
        if may_edit:
            try:
                check_step_change(plan, step)
            except StepError as exc:
                blocked = str(exc)
        item = {"step": step, "overdue": step.is_overdue(today), "may_edit": may_edit}
        item["blocked"] = blocked
        if step.code == FORM_HANDOVER_STEP:
            item["handover"] = _handover_step_state(plan, given, today)
            item["overdue"] = False
        rows.append(item)
    return rows
