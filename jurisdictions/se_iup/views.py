"""Pages of the IUP under /j/se-iup/.

Every page is a ``case_view`` (signed in, second factor, never cached).
Plans and goals are loaded with ``fetch`` (404 for what the person may not
see, 403 for what they may see but not do, one audit row either way);
class pages check the class circle or the mentorship and answer 404 to
anyone outside it. Every change is a POST with a CSRF token. Steps, edit
pages and the plan's PDF go through the SDK's page layer (``plugins.sdk.views``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from plugins import audit, consent
from plugins.access import can, fetch, permitted, role_used
from plugins.accounts.decorators import case_view
from plugins.models import Student
from plugins.sdk import views as sdk
from plugins.workflow import TransitionError, allowed_transitions, labelled_history

from . import documents, rules
from .forms import (
    BookingForm,
    CommentForm,
    EvaluationForm,
    GoalForm,
    HomeForm,
    MaterialForm,
    NewPlanForm,
    ProfileForm,
    SelfAssessmentForm,
    SlotForm,
)
from .models import (
    CODE,
    DevelopmentPlan,
    Goal,
    GoalStatus,
    PlanStatus,
    Profile,
    TalkBooking,
    TalkSlot,
    is_term,
    latest_term,
    term_for,
    term_key,
    term_label,
)

PLANS = DevelopmentPlan.objects.select_related("student__person", "student__group", "mentor")
GOALS = Goal.objects.select_related("plan__student__person", "owner")
#: Plan steps fired from their own pages, never from the generic step button.
OWN_PAGE_STEPS = {"book_talk", "archive"}
#: What the plan page asks ``can`` about, for its ``may_<action>`` flags.
PLAN_ACTIONS = (
    "edit self_assess prepare_home book request_agreement evaluate comment download".split()
)


def _url(name: str, *args) -> str:
    return reverse(f"{CODE}:{name}", args=args)


def _page(request, template: str, status: int = 200, **context):
    context = {"jurisdiction": rules.jurisdiction(), **context}
    return render(request, f"se_iup/{template}.html", context, status=status)


# -- relations: the start page, the profile and the class circle --------------------------------


@case_view
def index(request):
    """The start page: the person's schools, classes, children and the plans they see."""
    person = getattr(request.user, "person", None)
    plans = permitted(request.user, "view", PLANS.exclude(status=PlanStatus.ARCHIVED))
    return _page(
        request,
        "index",
        person=person,
        profile=Profile.objects.filter(person=person).first() if person else None,
        plans=plans.order_by(
            "student__group__name", "student__person__family_name", "student__person__given_name"
        )[:200],
        **rules.relations_of(request.user),
    )


@case_view
def profile(request):
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404
    instance = Profile.objects.filter(person=person).first() or Profile(person=person)
    return sdk.edit_record(
        request,
        None,
        ProfileForm(request.POST or None, instance=instance, person=person),
        template="se_iup/profile.html",
        success=_("Your profile is saved."),
        back=_url("profile"),
        context={"jurisdiction": rules.jurisdiction()},
    )


@case_view
def class_circle(request, pk):
    """The class circle: staff, students and guardians; contact details only by choice."""
    group = get_object_or_404(rules.circle_groups(request.user).select_related("school"), pk=pk)
    return _page(request, "class_circle", group=group, **rules.circle_of(group, request.user))


# -- the mentor's class pages ---------------------------------------------------------------------


def _mentored_group(request, pk):
    """A class the user is mentor of, at a school of this plugin; 404 otherwise."""
    return get_object_or_404(
        rules.mentored_groups(request.user).filter(school_id__in=rules.iup_school_ids()), pk=pk
    )


@case_view
def class_plans(request, pk):
    group = _mentored_group(request, pk)
    students = list(group.students.select_related("person").order_by("person__family_name"))
    current = DevelopmentPlan.objects.filter(student__in=students).exclude(
        status=PlanStatus.ARCHIVED
    )
    plans = {
        p.student_id: p
        for p in permitted(request.user, "view", current).annotate(
            goal_count=Count("goals", distinct=True),
            done_count=Count("goals", filter=Q(goals__status=GoalStatus.DONE), distinct=True),
        )
    }
    # Every plan's term, archived ones too: the next plan follows the latest of them.
    terms_of: dict[int, list[str]] = {}
    for student_id, term in DevelopmentPlan.objects.filter(student__in=students).values_list(
        "student_id", "term"
    ):
        terms_of.setdefault(student_id, []).append(term)
    rows = []
    for student in students:
        plan = plans.get(student.pk)
        may_create = plan is None or plan.status == PlanStatus.EVALUATED
        latest = latest_term(terms_of.get(student.pk, []))
        rows.append(
            {
                "student": student,
                "plan": plan,
                "may_create": may_create,
                "new_plan_form": NewPlanForm(latest=latest) if may_create else None,
            }
        )
    terms = {t for student_terms in terms_of.values() for t in student_terms if is_term(t)}
    return _page(
        request,
        "class_plans",
        group=group,
        rows=rows,
        terms=[(t, term_label(t)) for t in sorted(terms, key=term_key, reverse=True)],
        current_term=term_for(),
    )


@case_view
@require_POST
def plan_create(request, pk):
    student = get_object_or_404(Student.objects.select_related("group"), pk=pk)
    # Only a mentor of the student's class starts a plan (the relation is the check).
    if student.school_id not in rules.iup_school_ids() or not rules.is_mentor_of(
        request.user, student
    ):
        audit.record(
            request,
            "denied",
            student=student,
            jurisdiction=CODE,
            record_type="DevelopmentPlan",
            outcome="404",
            attempted="create",
        )
        raise Http404
    terms = DevelopmentPlan.objects.filter(student=student).values_list("term", flat=True)
    form = NewPlanForm(request.POST, latest=latest_term(terms))
    back = _url("class-plans", student.group_id)
    if not form.is_valid():
        for error in form.errors.get("term", [_("Choose a term for the new plan.")]):
            messages.error(request, error)
        return redirect(back)
    try:
        plan = rules.create_plan(student, form.cleaned_data["term"], request.user, request=request)
    except (rules.PlanError, TransitionError) as exc:
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(request, _("The plan is created. Add goals and the material for the talk."))
    return redirect(plan.get_absolute_url())


@case_view
def slots(request, pk):
    group = _mentored_group(request, pk)
    form = SlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.offer(request.user.person, group):
            messages.success(request, _("The time is offered to the families of the class."))
        else:
            messages.error(request, _("You already offer a talk at this time."))
        return redirect(_url("slots", group.pk))
    offered = (
        TalkSlot.objects.filter(group=group)
        .select_related("mentor", "booking__plan__student__person")
        .order_by("starts_at")
    )
    return _page(
        request,
        "slots",
        400 if request.method == "POST" else 200,
        group=group,
        form=form,
        offered=offered,
        now=timezone.now(),
    )


@case_view
@require_POST
def slot_delete(request, pk):
    mentored = rules.mentored_groups(request.user)
    slot = get_object_or_404(
        TalkSlot.objects.filter(group__in=mentored, booking__isnull=True), pk=pk
    )
    slot.delete()
    messages.success(request, _("The time is removed."))
    return redirect(_url("slots", slot.group_id))


@case_view
def term_summary(request, pk):
    """The mentor's term summary of the class, as PDF."""
    group = _mentored_group(request, pk)
    term = request.GET.get("term") or term_for()
    if not is_term(term):
        raise Http404
    plans = list(
        permitted(
            request.user,
            "download",
            PLANS.filter(student__group=group, term=term).prefetch_related("goals"),
        ).order_by("student__person__family_name", "student__person__given_name")
    )
    for plan in plans:
        audit.record(
            request, "download", record=plan, role=role_used(request.user, "download", plan)
        )
    return documents.term_summary_response(group, term, plans, request.user.person)


# -- one plan ---------------------------------------------------------------------------------------


def _plan_page(request, plan, *, status=200, comment_form=None, goal_comment_forms=None):
    user = request.user
    goal_comment_forms = goal_comment_forms or {}
    goals = [
        {
            "goal": goal,
            "steps": allowed_transitions(user, goal),
            "may_edit": can(user, "edit", goal),
            "may_comment": can(user, "comment", goal),
            "comment_form": goal_comment_forms.get(goal.pk)
            or CommentForm(prefix=f"goal-{goal.pk}"),
        }
        for goal in plan.goals.select_related("owner").prefetch_related("comments")
    ]
    confirmations = []
    if plan.status in (PlanStatus.TALK_HELD, PlanStatus.AGREED) or consent.current_request(
        plan, rules.SPEC_MENTOR
    ):
        for row in rules.confirmations(plan):
            row["mine"] = row["request"] is not None and consent.may_sign(user, row["request"])
            confirmations.append(row)
    earlier = permitted(
        user, "view", DevelopmentPlan.objects.filter(student=plan.student).exclude(pk=plan.pk)
    ).order_by("-created_at")
    may = {f"may_{action}": can(user, action, plan) for action in PLAN_ACTIONS}
    return _page(
        request,
        "plan_detail",
        status,
        plan=plan,
        staircase=plan.staircase,
        goals=goals,
        plan_comments=plan.comments.filter(goal__isnull=True),
        comment_form=comment_form or CommentForm(),
        steps=[t for t in allowed_transitions(user, plan) if t.name not in OWN_PAGE_STEPS],
        booking=TalkBooking.objects.filter(plan=plan).select_related("slot__mentor").first(),
        confirmations=confirmations,
        agreement_ok=rules.agreement_confirmed(plan) if confirmations else False,
        history=labelled_history(plan),
        earlier=earlier,
        **may,
    )


@case_view
def plan_detail(request, pk):
    return _plan_page(request, fetch(request, "view", PLANS, pk=pk))


def _section_page(action, form_class, success):
    """The page where ``action`` writes one section of the plan (``form_class``, drafts kept)."""

    @case_view
    def page(request, pk):
        plan = fetch(request, action, PLANS, pk=pk)
        return sdk.edit_record(
            request,
            plan,
            form_class(request.POST or None, instance=plan),
            template="se_iup/plan_form.html",
            success=success,
            back=plan.get_absolute_url(),
            context={"jurisdiction": rules.jurisdiction(), "plan": plan},
            action=action,
            autosave=form_class._meta.fields,
        )

    return page


plan_edit = _section_page(
    "edit", MaterialForm, gettext_lazy("The material and the agreement are saved.")
)
self_assessment = _section_page(
    "self_assess", SelfAssessmentForm, gettext_lazy("Your self-assessment is saved.")
)
home_preparation = _section_page(
    "prepare_home", HomeForm, gettext_lazy("Your preparation is saved.")
)
evaluation = _section_page("evaluate", EvaluationForm, gettext_lazy("The evaluation is saved."))


@case_view
@require_POST
def plan_step(request, pk):
    plan = fetch(request, "view", PLANS, pk=pk)
    name = request.POST.get("step", "")
    if name in OWN_PAGE_STEPS:
        raise PermissionDenied
    return sdk.fire_step(request, plan, name, back=plan.get_absolute_url())


@case_view
@require_POST
def ask_confirmation(request, pk):
    plan = fetch(request, "request_agreement", PLANS, pk=pk)
    if not plan.agreement.strip():
        messages.error(request, _("Write what you agreed before asking for confirmation."))
    elif rules.ask_for_confirmation(plan, request.user):
        messages.success(request, _("Student, mentor and guardians are asked to confirm the plan."))
    else:
        messages.info(request, _("Everyone was already asked to confirm this version."))
    return redirect(plan.get_absolute_url() + "#agreement")


@case_view
def book(request, pk):
    """A guardian (or the mentor) chooses one of the free times for this child's talk."""
    plan = fetch(request, "book", PLANS, pk=pk)
    form = BookingForm(request.POST or None, slots=rules.free_slots(plan))
    status, error = 200, ""
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                booking = rules.book_slot(
                    plan, form.cleaned_data["slot"].pk, request.user, request=request
                )
            except rules.SlotTaken as exc:
                status, error = 409, str(exc)
            except (rules.BookingError, TransitionError) as exc:
                error = str(exc)
            else:
                when = timezone.localtime(booking.slot.starts_at)
                messages.success(
                    request, _("The talk is booked: %(when)s.") % {"when": f"{when:%Y-%m-%d %H:%M}"}
                )
                return redirect(plan.get_absolute_url())
    if error:
        form = BookingForm(slots=rules.free_slots(plan))  # the times still free now
    has_slots = rules.free_slots(plan).exists()
    return _page(request, "book", status, plan=plan, form=form, error=error, has_slots=has_slots)


def _comment(request, target, plan, form, back, **forms):
    """Save the comment of ``form`` on ``target`` (plan or goal), or show the plan with it (400)."""
    if not form.is_valid():
        return _plan_page(request, plan, status=400, **forms)
    comment = rules.add_comment(request, target, form.cleaned_data["text"])
    messages.success(request, _("Your comment is saved."))
    return redirect(back or plan.get_absolute_url() + f"#comment-{comment.pk}")


@case_view
@require_POST
def plan_comment(request, pk):
    plan = fetch(request, "comment", PLANS, pk=pk)
    form = CommentForm(request.POST)
    return _comment(request, plan, plan, form, "", comment_form=form)


@case_view
def plan_pdf(request, pk):
    plan = fetch(request, "download", PLANS, pk=pk)
    return sdk.document_response(
        request,
        plan,
        "iup",
        documents.plan_context(plan),
        filename=documents.plan_filename(plan),
    )


# -- goals ------------------------------------------------------------------------------------------


def _goal_form(request, plan, goal=None):
    """The goal page: a new goal of ``plan`` or a change of ``goal``; one audit row per save."""
    created = []

    def save(form):
        created.append(form.save())
        if goal is None:
            role = role_used(request.user, "edit", plan)
            audit.record(request, "create", record=created[0], role=role)

    response = sdk.edit_record(
        request,
        goal or plan,
        GoalForm(request.POST or None, instance=goal, plan=plan),
        template="se_iup/goal_form.html",
        success=_("The goal is saved.") if goal else _("The goal is added."),
        back=(goal or plan).get_absolute_url(),
        context={"jurisdiction": rules.jurisdiction(), "plan": plan, "goal": goal},
        save=save,
    )
    if created:
        response["Location"] = created[0].get_absolute_url()
    return response


@case_view
def goal_new(request, pk):
    return _goal_form(request, fetch(request, "edit", PLANS, pk=pk))


@case_view
def goal_edit(request, pk):
    goal = fetch(request, "edit", GOALS, pk=pk)
    return _goal_form(request, goal.plan, goal)


@case_view
@require_POST
def goal_delete(request, pk):
    goal = fetch(request, "edit", GOALS, pk=pk)
    goal.delete()
    messages.success(request, _("The goal is removed."))
    return redirect(_url("plan", goal.plan_id))


@case_view
@require_POST
def goal_status(request, pk):
    """Change a goal's status through the goal workflow (student and mentor only)."""
    goal = fetch(request, "view", GOALS, pk=pk)
    return sdk.fire_step(request, goal, request.POST.get("step", ""), back=goal.get_absolute_url())


@case_view
@require_POST
def goal_comment(request, pk):
    goal = fetch(request, "comment", GOALS, pk=pk)
    form = CommentForm(request.POST, prefix=f"goal-{goal.pk}")
    back = goal.get_absolute_url()
    return _comment(request, goal, goal.plan, form, back, goal_comment_forms={goal.pk: form})
