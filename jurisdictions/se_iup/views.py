"""Pages of the IUP under /j/se-iup/.

Every page is a ``case_view`` (signed in, second factor, never cached).
Plans and goals are loaded with ``fetch`` (404 for what the person may not
see, 403 for what they may see but not do, one audit row either way);
class pages check the class circle or the mentorship and answer 404 to
anyone outside it. Every change is a POST with a CSRF token.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plugins import audit, consent, drafts
from plugins.access import can, family_students, fetch, permitted
from plugins.access.relations import GuardianOf
from plugins.accounts.decorators import case_view
from plugins.accounts.stepup import ask_for_fresh_factor
from plugins.documents import pdf_response, render_pdf
from plugins.models import (
    Group,
    GuardianRelation,
    Organisation,
    Person,
    RoleAssignment,
    Student,
    TeachingAssignment,
)
from plugins.workflow import (
    StepUpRequired,
    TransitionDenied,
    TransitionError,
    allowed_transitions,
    fire,
    labelled_history,
)

from . import services
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

CODE = services.CODE
PLANS = DevelopmentPlan.objects.select_related("student__person", "student__group", "mentor")
GOALS = Goal.objects.select_related("plan__student__person", "owner")
#: Plan steps fired from their own pages, never from the generic step button.
OWN_PAGE_STEPS = {"book_talk", "archive"}


def _j():
    return services.jurisdiction()


def _ctx(**extra):
    return {"jurisdiction": _j(), **extra}


def iup_school_ids() -> list[int]:
    """Schools where this plugin's case work runs (``Organisation.jurisdictions``)."""
    schools = Organisation.objects.filter(
        kind__in=[Organisation.Kind.SCHOOL, Organisation.Kind.PRESCHOOL]
    ).only("pk", "jurisdictions")
    return [o.pk for o in schools if CODE in (o.jurisdictions or [])]


def _current_year_q(prefix: str = "school_year") -> Q:
    today = timezone.localdate()
    return Q(**{f"{prefix}__starts__lte": today, f"{prefix}__ends__gte": today})


def _teaching(person):
    return TeachingAssignment.objects.filter(_current_year_q(), teacher=person)


# -- relations: the start page, the profile and the class circle --------------------------------


@case_view
def index(request):
    user = request.user
    person = getattr(user, "person", None)
    schools = iup_school_ids()
    children = (
        family_students(user)
        .filter(school_id__in=schools)
        .exclude(person=person)
        .select_related("person", "school", "group")
    )
    own = Student.objects.filter(person=person, school_id__in=schools).select_related(
        "school", "group"
    )
    mentored = services.mentored_groups(user).filter(school_id__in=schools)
    taught_ids = set()
    if person is not None:
        for ta in _teaching(person).prefetch_related("students"):
            if ta.group_id:
                taught_ids.add(ta.group_id)
            taught_ids |= {s.group_id for s in ta.students.all() if s.group_id}
    taught = Group.objects.filter(pk__in=taught_ids, school_id__in=schools).exclude(
        pk__in=mentored.values("pk")
    )
    family_groups = Group.objects.filter(
        Q(students__in=children) | Q(students__in=own), school_id__in=schools
    ).distinct()
    classes = (
        Group.objects.filter(
            Q(pk__in=mentored.values("pk"))
            | Q(pk__in=taught.values("pk"))
            | Q(pk__in=family_groups.values("pk"))
        )
        .select_related("school")
        .order_by("school__name", "name")
    )
    staff_schools = []
    if person is not None:
        staff_schools = RoleAssignment.objects.filter(
            person=person, organisation_id__in=schools
        ).values_list("organisation_id", flat=True)
    school_list = Organisation.objects.filter(
        Q(pk__in=classes.values("school_id")) | Q(pk__in=list(staff_schools))
    ).order_by("name")
    plans = permitted(user, "view", PLANS.exclude(status=PlanStatus.ARCHIVED)).order_by(
        "student__group__name", "student__person__family_name", "student__person__given_name"
    )[:200]
    profile = Profile.objects.filter(person=person).first() if person else None
    return render(
        request,
        "se_iup/index.html",
        _ctx(
            person=person,
            profile=profile,
            schools=school_list,
            classes=classes,
            mentored_ids=set(mentored.values_list("pk", flat=True)),
            children=children,
            own=own.first(),
            plans=plans,
        ),
    )


@case_view
def profile(request):
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404
    instance = Profile.objects.filter(person=person).first() or Profile(person=person)
    form = ProfileForm(request.POST or None, instance=instance, person=person)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                form.save()
            messages.success(request, _("Your profile is saved."))
            return redirect("se-iup:profile")
        return render(request, "se_iup/profile.html", _ctx(form=form), status=400)
    return render(request, "se_iup/profile.html", _ctx(form=form))


def circle_groups(user):
    """The classes whose circle ``user`` belongs to (a queryset of ``Group``)."""
    person = getattr(user, "person", None)
    if person is None or not user.is_active:
        return Group.objects.none()
    schools = iup_school_ids()
    guarded = Student.objects.filter(GuardianOf().q(user, _j(), Student))
    teaching = _teaching(person)
    staff_at = RoleAssignment.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=timezone.localdate()),
        Q(valid_to__isnull=True) | Q(valid_to__gte=timezone.localdate()),
        person=person,
    ).values("organisation_id")
    return Group.objects.filter(
        Q(students__person=person)
        | Q(students__in=guarded)
        | Q(se_iup_mentorships__mentor=person)
        | Q(pk__in=teaching.values("group_id"))
        | Q(students__teaching_assignments__in=teaching)
        | Q(school_id__in=staff_at),
        school_id__in=schools,
    ).distinct()


def _card(person, role, profiles):
    prof = profiles.get(person.pk)
    shown = bool(prof and prof.show_contact)
    return {
        "person": person,
        "role": role,
        "about": prof.about if prof else "",
        "email": person.email if shown else "",
        "phone": person.phone if shown else "",
        "shown": shown,
    }


@case_view
def class_circle(request, pk):
    """The class circle: staff, students and guardians; contact details only by choice."""
    group = get_object_or_404(circle_groups(request.user).select_related("school"), pk=pk)
    mentors = list(Person.objects.filter(se_iup_mentorships__group=group).distinct())
    teaching = TeachingAssignment.objects.filter(_current_year_q()).filter(
        Q(group=group) | Q(students__group=group)
    )
    teachers = list(
        Person.objects.filter(pk__in=teaching.values("teacher_id"))
        .exclude(pk__in=[m.pk for m in mentors])
        .distinct()
    )
    students = list(group.students.select_related("person").order_by("person__family_name"))
    relations = GuardianRelation.objects.filter(student__in=students).select_related("guardian")
    cutoff_age = _j().age_of_majority
    guardians_of = {}
    for rel in relations:
        student = next(s for s in students if s.pk == rel.student_id)
        if student.is_of_age(cutoff_age) and not rel.access_granted_by_student:
            continue
        guardians_of.setdefault(rel.student_id, []).append(rel.guardian)
    everyone = mentors + teachers + [s.person for s in students]
    everyone += [g for gs in guardians_of.values() for g in gs]
    profiles = {p.person_id: p for p in Profile.objects.filter(person__in=everyone)}
    staff = [_card(p, _("Mentor"), profiles) for p in mentors]
    staff += [_card(p, _("Teacher"), profiles) for p in teachers]
    families = [
        {
            "student": _card(s.person, _("Student"), profiles),
            "guardians": [_card(g, _("Guardian"), profiles) for g in guardians_of.get(s.pk, [])],
        }
        for s in students
    ]
    return render(
        request,
        "se_iup/class_circle.html",
        _ctx(
            group=group,
            staff=staff,
            families=families,
            is_mentor=any(m.pk == getattr(request.user.person, "pk", None) for m in mentors),
        ),
    )


# -- the mentor's class pages ---------------------------------------------------------------------


def _mentored_group(request, pk):
    """A class the user is mentor of, at a school of this plugin; 404 otherwise."""
    return get_object_or_404(
        services.mentored_groups(request.user).filter(school_id__in=iup_school_ids()), pk=pk
    )


@case_view
def class_plans(request, pk):
    group = _mentored_group(request, pk)
    students = list(group.students.select_related("person").order_by("person__family_name"))
    plans = {
        p.student_id: p
        for p in permitted(
            request.user,
            "view",
            DevelopmentPlan.objects.filter(student__in=students).exclude(
                status=PlanStatus.ARCHIVED
            ),
        ).annotate(
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
        rows.append(
            {
                "student": student,
                "plan": plan,
                "may_create": may_create,
                "new_plan_form": (
                    NewPlanForm(latest=latest_term(terms_of.get(student.pk, [])))
                    if may_create
                    else None
                ),
            }
        )
    terms = sorted(
        {term for student_terms in terms_of.values() for term in student_terms if is_term(term)},
        key=term_key,
        reverse=True,
    )
    return render(
        request,
        "se_iup/class_plans.html",
        _ctx(
            group=group,
            rows=rows,
            terms=[(t, term_label(t)) for t in terms],
            current_term=term_for(),
        ),
    )


@case_view
@require_POST
def plan_create(request, pk):
    student = get_object_or_404(Student.objects.select_related("group"), pk=pk)
    # Only a mentor of the student's class starts a plan (the relation is the check).
    if student.school_id not in iup_school_ids() or not services.is_mentor_of(
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
    latest = latest_term(
        DevelopmentPlan.objects.filter(student=student).values_list("term", flat=True)
    )
    form = NewPlanForm(request.POST, latest=latest)
    back = reverse("se-iup:class-plans", args=[student.group_id])
    if not form.is_valid():
        for error in form.errors.get("term", [_("Choose a term for the new plan.")]):
            messages.error(request, error)
        return redirect(back)
    try:
        plan = services.create_plan(
            student, form.cleaned_data["term"], request.user, request=request
        )
    except (services.PlanError, TransitionError) as exc:
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(request, _("The plan is created. Add goals and the material for the talk."))
    return redirect("se-iup:plan", pk=plan.pk)


@case_view
def slots(request, pk):
    group = _mentored_group(request, pk)
    form = SlotForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            _slot, created = TalkSlot.objects.get_or_create(
                mentor=request.user.person,
                starts_at=data["starts_at"],
                defaults={"group": group, "minutes": data["minutes"], "place": data["place"]},
            )
            if created:
                messages.success(request, _("The time is offered to the families of the class."))
            else:
                messages.error(request, _("You already offer a talk at this time."))
            return redirect("se-iup:slots", pk=group.pk)
        status = 400
    else:
        status = 200
    offered = (
        TalkSlot.objects.filter(group=group)
        .select_related("mentor", "booking__plan__student__person")
        .order_by("starts_at")
    )
    return render(
        request,
        "se_iup/slots.html",
        _ctx(group=group, form=form, offered=offered, now=timezone.now()),
        status=status,
    )


@case_view
@require_POST
def slot_delete(request, pk):
    slot = get_object_or_404(
        TalkSlot.objects.filter(
            group__in=services.mentored_groups(request.user), booking__isnull=True
        ),
        pk=pk,
    )
    group_id = slot.group_id
    slot.delete()
    messages.success(request, _("The time is removed."))
    return redirect("se-iup:slots", pk=group_id)


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
    rows = []
    for plan in plans:
        goals = list(plan.goals.all())
        rows.append(
            {
                "plan": plan,
                "goals": len(goals),
                "done": sum(g.status == GoalStatus.DONE for g in goals),
                "in_progress": sum(g.status == GoalStatus.IN_PROGRESS for g in goals),
                "not_started": sum(g.status == GoalStatus.NOT_STARTED for g in goals),
            }
        )
        audit.record(request, "download", record=plan, role="mentor")
    title = _("Term summary %(class)s, %(term)s") % {"class": group.name, "term": term_label(term)}
    pdf = render_pdf(
        "se_iup/pdf/term_summary.html",
        {"group": group, "rows": rows, "term": term_label(term), "mentor": request.user.person},
        title=title,
        confidentiality=_j().confidentiality,
    )
    return pdf_response(io.BytesIO(pdf), f"iup-summary-{group.pk}-{term}.pdf")


# -- one plan ---------------------------------------------------------------------------------------


def _staircase(plan):
    order = list(PlanStatus.values)
    here = order.index(plan.status)
    return [
        {
            "value": value,
            "label": label,
            "number": n,
            "state": "done" if n - 1 < here else ("current" if n - 1 == here else "todo"),
        }
        for n, (value, label) in enumerate(PlanStatus.choices, 1)
    ]


def _plan_context(request, plan, *, comment_form=None, goal_comment_forms=None):
    user = request.user
    goal_comment_forms = goal_comment_forms or {}
    goals = []
    for goal in plan.goals.select_related("owner").prefetch_related("comments"):
        goals.append(
            {
                "goal": goal,
                "steps": allowed_transitions(user, goal),
                "may_edit": can(user, "edit", goal),
                "may_comment": can(user, "comment", goal),
                "comment_form": goal_comment_forms.get(goal.pk)
                or CommentForm(prefix=f"goal-{goal.pk}"),
            }
        )
    confirmations = []
    if plan.status in (PlanStatus.TALK_HELD, PlanStatus.AGREED) or consent.current_request(
        plan, services.SPEC_MENTOR
    ):
        for row in services.confirmations(plan):
            req = row["request"]
            row["mine"] = req is not None and consent.may_sign(user, req)
            confirmations.append(row)
    earlier = permitted(
        user, "view", DevelopmentPlan.objects.filter(student=plan.student).exclude(pk=plan.pk)
    ).order_by("-created_at")
    steps = [t for t in allowed_transitions(user, plan) if t.name not in OWN_PAGE_STEPS]
    return _ctx(
        plan=plan,
        staircase=_staircase(plan),
        goals=goals,
        plan_comments=plan.comments.filter(goal__isnull=True),
        comment_form=comment_form or CommentForm(),
        may_edit=can(user, "edit", plan),
        may_self_assess=can(user, "self_assess", plan),
        may_prepare_home=can(user, "prepare_home", plan),
        may_book=can(user, "book", plan),
        may_request_agreement=can(user, "request_agreement", plan),
        may_evaluate=can(user, "evaluate", plan),
        may_comment=can(user, "comment", plan),
        may_download=can(user, "download", plan),
        steps=steps,
        booking=TalkBooking.objects.filter(plan=plan).select_related("slot__mentor").first(),
        confirmations=confirmations,
        agreement_ok=services.agreement_confirmed(plan) if confirmations else False,
        history=labelled_history(plan),
        earlier=earlier,
    )


@case_view
def plan_detail(request, pk):
    plan = fetch(request, "view", PLANS, pk=pk)
    return render(request, "se_iup/plan_detail.html", _plan_context(request, plan))


def _section_edit(request, pk, action, form_class, template, fields, success):
    plan = fetch(request, action, PLANS, pk=pk)
    form = form_class(request.POST or None, instance=plan)
    keys = drafts.autosave(form, request, *fields)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                # Re-check under a lock: the step may have moved on since the page was opened.
                locked = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
                if not can(request.user, action, locked):
                    raise PermissionDenied
                form.save()
                audit.record(request, "edit", record=plan)
            drafts.clear_draft(request.user, *keys.values())
            messages.success(request, success)
            return redirect("se-iup:plan", pk=plan.pk)
        return render(request, template, _ctx(plan=plan, form=form), status=400)
    return render(request, template, _ctx(plan=plan, form=form))


@case_view
def plan_edit(request, pk):
    return _section_edit(
        request,
        pk,
        "edit",
        MaterialForm,
        "se_iup/plan_form.html",
        ("material", "agreement"),
        _("The material and the agreement are saved."),
    )


@case_view
def self_assessment(request, pk):
    return _section_edit(
        request,
        pk,
        "self_assess",
        SelfAssessmentForm,
        "se_iup/plan_form.html",
        ("self_now", "self_reached"),
        _("Your self-assessment is saved."),
    )


@case_view
def home_preparation(request, pk):
    return _section_edit(
        request,
        pk,
        "prepare_home",
        HomeForm,
        "se_iup/plan_form.html",
        ("home_notes",),
        _("Your preparation is saved."),
    )


@case_view
def evaluation(request, pk):
    return _section_edit(
        request,
        pk,
        "evaluate",
        EvaluationForm,
        "se_iup/plan_form.html",
        ("evaluation",),
        _("The evaluation is saved."),
    )


def _fire(request, record, name, back):
    try:
        fire(record, name, request.user, request=request)
    except TransitionDenied:
        audit.record(request, "denied", record=record, outcome="403", attempted=name[:40])
        raise PermissionDenied from None
    except StepUpRequired:
        return ask_for_fresh_factor(request, back)
    except TransitionError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    audit.record(request, "edit", record=record)
    messages.success(request, _("Done."))
    return redirect(back)


@case_view
@require_POST
def plan_step(request, pk):
    plan = fetch(request, "view", PLANS, pk=pk)
    name = request.POST.get("step", "")
    if name in OWN_PAGE_STEPS:
        raise PermissionDenied
    return _fire(request, plan, name, reverse("se-iup:plan", args=[plan.pk]))


@case_view
@require_POST
def ask_confirmation(request, pk):
    plan = fetch(request, "request_agreement", PLANS, pk=pk)
    if not plan.agreement.strip():
        messages.error(request, _("Write what you agreed before asking for confirmation."))
    else:
        asked = services.ask_for_confirmation(plan, request.user)
        if asked:
            messages.success(
                request, _("Student, mentor and guardians are asked to confirm the plan.")
            )
        else:
            messages.info(request, _("Everyone was already asked to confirm this version."))
    return redirect(reverse("se-iup:plan", args=[plan.pk]) + "#agreement")


@case_view
def book(request, pk):
    """A guardian (or the mentor) chooses one of the free times for this child's talk."""
    plan = fetch(request, "book", PLANS, pk=pk)
    form = BookingForm(request.POST or None, slots=services.free_slots(plan))
    status, error = 200, ""
    if request.method == "POST":
        if form.is_valid():
            try:
                booking = services.book_slot(
                    plan, form.cleaned_data["slot"].pk, request.user, request=request
                )
            except services.SlotTaken as exc:
                status, error = 409, str(exc)
            except (services.BookingError, TransitionError) as exc:
                status, error = 400, str(exc)
            else:
                when = timezone.localtime(booking.slot.starts_at)
                messages.success(
                    request, _("The talk is booked: %(when)s.") % {"when": f"{when:%Y-%m-%d %H:%M}"}
                )
                return redirect("se-iup:plan", pk=plan.pk)
        else:
            status = 400
    if error:
        form = BookingForm(slots=services.free_slots(plan))  # the times still free now
    return render(
        request,
        "se_iup/book.html",
        _ctx(plan=plan, form=form, error=error, has_slots=services.free_slots(plan).exists()),
        status=status,
    )


@case_view
@require_POST
def plan_comment(request, pk):
    plan = fetch(request, "comment", PLANS, pk=pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        context = _plan_context(request, plan, comment_form=form)
        return render(request, "se_iup/plan_detail.html", context, status=400)
    comment = services.add_comment(request, plan, form.cleaned_data["text"])
    messages.success(request, _("Your comment is saved."))
    return redirect(reverse("se-iup:plan", args=[plan.pk]) + f"#comment-{comment.pk}")


@case_view
def plan_pdf(request, pk):
    plan = fetch(request, "download", PLANS, pk=pk)
    title = str(_("Individual development plan"))
    pdf = render_pdf(
        "se_iup/pdf/plan.html",
        {
            "record": plan,
            "goals": plan.goals.select_related("owner"),
            "comments": plan.comments.select_related("goal"),
            "booking": TalkBooking.objects.filter(plan=plan).select_related("slot").first(),
        },
        title=title,
        student_name=plan.student.name,
        confidentiality=_j().confidentiality,
    )
    return pdf_response(io.BytesIO(pdf), f"iup-{plan.term}-{plan.pk}.pdf")


# -- goals ------------------------------------------------------------------------------------------


@case_view
def goal_new(request, pk):
    plan = fetch(request, "edit", PLANS, pk=pk)
    form = GoalForm(request.POST or None, plan=plan)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                goal = form.save(commit=False)
                goal.plan = plan
                goal.position = plan.goals.count() + 1
                goal.save()
                audit.record(request, "create", record=goal)
            messages.success(request, _("The goal is added."))
            return redirect(goal.get_absolute_url())
        return render(request, "se_iup/goal_form.html", _ctx(plan=plan, form=form), status=400)
    return render(request, "se_iup/goal_form.html", _ctx(plan=plan, form=form))


@case_view
def goal_edit(request, pk):
    goal = fetch(request, "edit", GOALS, pk=pk)
    form = GoalForm(request.POST or None, instance=goal, plan=goal.plan)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("The goal is saved."))
            return redirect(goal.get_absolute_url())
        return render(
            request, "se_iup/goal_form.html", _ctx(plan=goal.plan, form=form, goal=goal), status=400
        )
    return render(request, "se_iup/goal_form.html", _ctx(plan=goal.plan, form=form, goal=goal))


@case_view
@require_POST
def goal_delete(request, pk):
    goal = fetch(request, "edit", GOALS, pk=pk)
    plan_id = goal.plan_id
    goal.delete()
    messages.success(request, _("The goal is removed."))
    return redirect("se-iup:plan", pk=plan_id)


@case_view
@require_POST
def goal_status(request, pk):
    """Change a goal's status through the goal workflow (student and mentor only)."""
    goal = fetch(request, "view", GOALS, pk=pk)
    return _fire(request, goal, request.POST.get("step", ""), goal.get_absolute_url())


@case_view
@require_POST
def goal_comment(request, pk):
    goal = fetch(request, "comment", GOALS, pk=pk)
    form = CommentForm(request.POST, prefix=f"goal-{goal.pk}")
    if not form.is_valid():
        context = _plan_context(request, goal.plan, goal_comment_forms={goal.pk: form})
        return render(request, "se_iup/plan_detail.html", context, status=400)
    services.add_comment(request, goal, form.cleaned_data["text"])
    messages.success(request, _("Your comment is saved."))
    return redirect(goal.get_absolute_url())
