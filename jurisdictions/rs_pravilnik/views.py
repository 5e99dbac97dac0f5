"""Pages of the Serbian IOP: the case, the IOP with its forms, evaluations and documents.

Every record is loaded through ``plugins.access.fetch`` (404 when invisible,
403 when the action is not allowed, one audit row); every change is a POST
with CSRF inside one transaction; workflow steps go through
``plugins.workflow.fire``.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from plugins import audit, consent
from plugins.access import can, fetch, permitted
from plugins.accounts.decorators import case_view
from plugins.accounts.stepup import ask_for_fresh_factor
from plugins.documents import pdf_response, safe_filename
from plugins.documents.forms import DocumentUploadForm
from plugins.models import Person, RoleAssignment, Student
from plugins.registry import registry
from plugins.workflow import (
    StepUpRequired,
    TransitionError,
    allowed_transitions,
    fire,
    labelled_history,
)

from . import documents, forms, rules, stages
from .models import (
    CaseStatus,
    CurriculumItem,
    EarlyLeavingPlan,
    Evaluation,
    IndividualisationMeasure,
    Iop,
    IopStatus,
    PedagogicalProfile,
    SupportCase,
    TeamMember,
    TransitionPlan,
)

CODE = "rs-pravilnik"
CONSENT_ASKED = gettext_lazy("The school asks for your consent")


def _j():
    return registry.get(CODE)


def _url(name, *args):
    return reverse(f"{CODE}:{name}", args=args)


def _cases():
    return SupportCase.objects.select_related("student__person", "student__school")


def _iops():
    return Iop.objects.select_related("case__student__person", "case__student__school", "previous")


def _page(request, template, **context):
    context.setdefault("jurisdiction", _j())
    return render(request, f"rs_pravilnik/{template}", context)


def _form_page(request, form, *, title, back, intro="", autosave=()):
    """One generic page for a form: heading, errors, fields, save."""
    if autosave:
        from plugins import drafts

        drafts.autosave(form, request, *autosave)
    return _page(request, "form.html", form=form, title=title, back=back, intro=intro)


def _team_schools(user):
    """Schools where ``user`` sits on the inclusive-education team for this jurisdiction."""
    person = getattr(user, "person", None)
    if person is None:
        return []
    today = timezone.localdate()
    roles = RoleAssignment.objects.filter(person=person, role="inclusive_team").filter(
        jurisdiction__in=("", CODE)
    )
    roles = roles.exclude(valid_from__gt=today).exclude(valid_to__lt=today)
    return [r.organisation_id for r in roles]


# -- the list ----------------------------------------------------------------------------------
@case_view
def index(request):
    cases = stages.with_stages(
        permitted(request.user, "view", _cases()).order_by(
            "student__person__family_name", "student__person__given_name"
        )
    )
    schools = _team_schools(request.user)
    start_form = None
    if schools:
        students = Student.objects.filter(school_id__in=schools).exclude(
            rs_support_cases__status__in=[s for s in CaseStatus.values if s != CaseStatus.CLOSED]
        )
        start_form = forms.StartCaseForm(students=students.select_related("person"))
    return _page(request, "index.html", cases=cases, start_form=start_form)


@case_view
@require_POST
def case_start(request):
    schools = _team_schools(request.user)
    if not schools:
        raise Http404
    students = Student.objects.filter(school_id__in=schools).exclude(
        rs_support_cases__status__in=[s for s in CaseStatus.values if s != CaseStatus.CLOSED]
    )
    form = forms.StartCaseForm(request.POST, students=students)
    if not form.is_valid():
        messages.error(request, _("Choose a student of your school who has no open case."))
        return redirect(_url("index"))
    with transaction.atomic():
        case = SupportCase.objects.create(
            student=form.cleaned_data["student"], grounds=form.cleaned_data["grounds"]
        )
        audit.record(request, "create", record=case, role="team")
    messages.success(request, _("The case is started. Begin with the observation notes."))
    return redirect(_url("case", case.pk))


# -- the case ----------------------------------------------------------------------------------
def _case_documents(user, case):
    from plugins.documents import documents_of

    docs = documents_of(CODE, "CaseDocument").filter(attached_to=f"SupportCase:{case.pk}")
    return permitted(user, "view", docs).order_by("-created_at")


@case_view
def case_detail(request, pk):
    case = fetch(request, "view", _cases(), pk=pk)
    user = request.user
    profile = PedagogicalProfile.objects.filter(case=case).first()
    form6 = consent.current_request(case, "iop-consent")
    context = {
        "case": case,
        "stage": stages.stage_of(case),
        "form6_receipts": _receipts(user, form6),
        "profile": profile if profile and can(user, "view", profile) else None,
        "observations": permitted(user, "view", case.observations.all()),
        "sources": permitted(user, "view", case.sources.all()),
        "measures": permitted(user, "view", case.measures.filter(iop__isnull=True)),
        "members": permitted(user, "view", case.members.select_related("person")),
        "notices": permitted(user, "view", case.welfare_notices.all()),
        "case_documents": _case_documents(user, case),
        "iops": permitted(user, "view", case.iops.all()),
        "form6": form6,
        "transitions": allowed_transitions(user, case),
        "history": labelled_history(case),
        "may": {a: can(user, a, case) for a in ("edit", "comment", "manage", "create", "download")},
        "may_edit_profile": (profile and can(user, "edit", profile))
        or (not profile and can(user, "comment", case)),
        "proposal_problems": rules.proposal_problems(case)
        if case.status == CaseStatus.OBSERVATION
        else [],
        "team_problems": rules.composition_problems(case)
        if case.status == CaseStatus.ACCEPTED
        else [],
        "drafting_problems": rules.drafting_problems(case),
        "upload_form": DocumentUploadForm() if can(user, "comment", case) else None,
    }
    return _page(request, "case_detail.html", **context)


def _receipts(user, req):
    """The answers on a consent request as staff see them: who, when, what, and the receipt.

    Staff follow the request on the case page; the family pages under /family/ are the
    signers' own and answer 404 to staff.
    """
    if req is None:
        return []
    rows = []
    for receipt in req.receipts.order_by("at", "pk"):
        allowed, _role = consent.may_download_receipt(user, receipt)
        rows.append({"receipt": receipt, "may_download": allowed})
    return rows


@case_view
def case_edit(request, pk):
    case = fetch(request, "edit", _cases(), pk=pk)
    form = forms.ProposalForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            audit.record(request, "edit", record=case, role="team")
        messages.success(request, _("The proposal is saved."))
        return redirect(_url("case", case.pk))
    return _form_page(
        request,
        form,
        title=_("Proposal to the director"),
        back=_url("case", case.pk),
        intro=_(
            "The inclusive-education team proposes the IOP to the director, with the reasons "
            "and the evidence of the individualisation measures applied before."
        ),
        autosave=("proposal_reasons", "proposal_evidence"),
    )


def _add_to_case(request, pk, form_class, *, title, action="comment", intro=""):
    case = fetch(request, action, _cases(), pk=pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            item = form.save(commit=False)
            item.case = case
            if hasattr(item, "author_id"):
                item.author = getattr(request.user, "person", None)
            item.save()
            audit.record(request, "create", record=item)
        messages.success(request, _("Saved."))
        return redirect(_url("case", case.pk))
    return _form_page(request, form, title=title, back=_url("case", case.pk), intro=intro)


@case_view
def observation_add(request, pk):
    return _add_to_case(
        request,
        pk,
        forms.ObservationForm,
        title=_("Observation note"),
        intro=_(
            "Follow the child in three areas: learning skills, social and communication "
            "skills, independence and self-care."
        ),
    )


@case_view
def source_add(request, pk):
    return _add_to_case(
        request,
        pk,
        forms.DataSourceForm,
        title=_("Data from a source"),
        intro=_(
            "Parent, outside expert, peers, the child; tests, interviews, questionnaires. "
            "Medical findings are added as PDF files on the case page."
        ),
    )


@case_view
def measure_add(request, pk):
    return _add_to_case(
        request, pk, forms.MeasureForm, title=_("Individualisation measure (form 3)")
    )


@case_view
def measure_edit(request, pk):
    measure = fetch(
        request, "edit", IndividualisationMeasure.objects.select_related("case", "iop"), pk=pk
    )
    form = forms.MeasureForm(request.POST or None, instance=measure)
    back = _url("iop", measure.iop_id) if measure.iop_id else _url("case", measure.case_id)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            audit.record(request, "edit", record=measure)
        messages.success(request, _("Saved."))
        return redirect(back)
    return _form_page(
        request,
        form,
        title=_("Individualisation measure (form 3)"),
        back=back,
        autosave=("evaluation",),
    )


@case_view
def profile_edit(request, pk):
    case = fetch(request, "view", _cases(), pk=pk)
    profile = PedagogicalProfile.objects.filter(case=case).first()
    if profile is None:
        if not can(request.user, "comment", case):
            raise Http404
        profile = PedagogicalProfile(case=case)
    else:
        profile = fetch(request, "edit", PedagogicalProfile.objects.all(), pk=profile.pk)
    form = forms.ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            profile = form.save(commit=False)
            profile.updated_on = timezone.localdate()
            profile.save()
            audit.record(request, "edit", record=profile)
        messages.success(request, _("The pedagogical profile is saved."))
        return redirect(_url("case", case.pk))
    return _form_page(
        request,
        form,
        title=_("Pedagogical profile (form 2)"),
        back=_url("case", case.pk),
        intro=_(
            "The expert associate drafts the profile together with the teacher and the parent."
        ),
        autosave=("situation",) if profile.pk else (),
    )


@case_view
def member_add(request, pk):
    case = fetch(request, "manage", _cases(), pk=pk)
    people = Person.objects.filter(
        models_q_people_of_school(case.student.school_id) | Q(wards__student=case.student)
    ).distinct()
    form = forms.MemberForm(request.POST or None, case=case, people=people)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            member = form.save()
            audit.record(request, "create", record=member)
        messages.success(request, _("The member is added."))
        return redirect(_url("case", case.pk))
    return _form_page(
        request,
        form,
        title=_("Support team member"),
        back=_url("case", case.pk),
        intro=_(
            "The team proposes the members; the director appoints them after the parent's "
            "written consent."
        ),
    )


def models_q_people_of_school(school_id):
    return Q(roles__organisation_id=school_id) | Q(teaching__group__school_id=school_id)


@case_view
@require_POST
def member_delete(request, pk):
    member = fetch(request, "delete", TeamMember.objects.select_related("case"), pk=pk)
    case_id = member.case_id
    with transaction.atomic():
        audit.record(request, "delete", record=member)
        member.delete()
    messages.success(request, _("The member is removed from the team."))
    return redirect(_url("case", case_id))


@case_view
def welfare_notice_add(request, pk):
    case = fetch(request, "edit", _cases(), pk=pk)
    if case.status != CaseStatus.REFUSED:
        messages.error(request, _("A notice to social welfare follows a recorded refusal."))
        return redirect(_url("case", case.pk))
    form = forms.WelfareNoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            notice = form.save(commit=False)
            notice.case = case
            notice.recorded_by = getattr(request.user, "person", None)
            notice.save()
            audit.record(request, "create", record=notice, role="team")
        messages.success(
            request,
            _("The notice to the social-welfare institution is recorded. Send it by post."),
        )
        return redirect(_url("case", case.pk))
    return _form_page(
        request,
        form,
        title=_("Notice to the social-welfare institution"),
        back=_url("case", case.pk),
        intro=_(
            "When a parent unjustifiably refuses to take part or to consent, the institution "
            "informs the social-welfare centre to protect the child's best interest (art. 8). "
            "The portal records the notice; it sends nothing itself."
        ),
    )


@case_view
@require_POST
def case_upload(request, pk):
    case = fetch(request, "comment", _cases(), pk=pk)
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        document = form.store(
            student=case.student,
            owner=CODE,
            request=request,
            record_type="CaseDocument",
            attached_to=f"SupportCase:{case.pk}",
        )
        if document is not None:
            messages.success(request, _("The PDF is kept with the case."))
            return redirect(_url("case", case.pk))
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect(_url("case", case.pk))


# -- workflow steps ----------------------------------------------------------------------------
STEP_MODELS = {
    "case": (SupportCase, "case"),
    "iop": (Iop, "iop"),
    "evaluation": (Evaluation, "evaluation"),
    "transition": (TransitionPlan, "transition-plan"),
}


def _back_of(kind, record):
    if kind == "case":
        return _url("case", record.pk)
    if kind == "iop":
        return _url("iop", record.pk)
    return _url("iop", record.iop_id)


@case_view
@require_POST
def step(request, kind, pk, name):
    try:
        model, _name = STEP_MODELS[kind]
    except KeyError:
        raise Http404 from None
    record = fetch(request, "view", model._default_manager.all(), pk=pk)
    back = _back_of(kind, record)
    try:
        fire(record, name, request.user, note=request.POST.get("note", "")[:2000], request=request)
    except StepUpRequired:
        return ask_for_fresh_factor(request, back)
    except TransitionError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(request, _("Done."))
    return redirect(back)


# -- the IOP -----------------------------------------------------------------------------------
@case_view
def iop_new(request, pk):
    case = fetch(request, "create", _cases(), pk=pk)
    problems = rules.drafting_problems(case)
    form = forms.NewIopForm(request.POST or None, case=case)
    if request.method == "POST" and not problems and form.is_valid():
        with transaction.atomic():
            iop = Iop.objects.create(
                case=case, kind=form.cleaned_data["kind"], previous=form.cleaned_data["previous"]
            )
            audit.record(request, "create", record=iop, role="team")
        messages.success(request, _("The IOP is started. The support team drafts it now."))
        return redirect(_url("iop", iop.pk))
    for problem in problems:
        messages.error(request, problem)
    return _form_page(
        request,
        form,
        title=_("New individual education plan"),
        back=_url("case", case.pk),
        intro=_(
            "IOP1 adapts the programme; IOP2 also changes outcomes and follows an IOP1 that "
            "was applied and evaluated; IOP3 extends the programme for gifted students. "
            "A preschool adopts only IOP1."
        ),
    )


@case_view
def iop_detail(request, pk):
    iop = fetch(request, "view", _iops(), pk=pk)
    user = request.user
    case = iop.case
    plan = TransitionPlan.objects.filter(iop=iop).first()
    leaving = EarlyLeavingPlan.objects.filter(iop=iop).first()
    evaluations = permitted(user, "view", iop.evaluations.all())
    context = {
        "iop": iop,
        "case": case,
        "profile": PedagogicalProfile.objects.filter(case=case).first(),
        "members": TeamMember.objects.filter(case=case).select_related("person"),
        "measures": permitted(user, "view", iop.measures.all()),
        "curriculum": permitted(user, "view", iop.curriculum.select_related("subject")),
        "plan": plan if plan and can(user, "view", plan) else None,
        "leaving": leaving if leaving and can(user, "view", leaving) else None,
        "evaluations": [
            (ev, allowed_transitions(user, ev), can(user, "edit", ev)) for ev in evaluations
        ],
        "schedule": iop.schedule.all(),
        "history_chain": [i for i in iop.history if can(user, "view", i)],
        "transitions": allowed_transitions(user, iop),
        "plan_transitions": allowed_transitions(user, plan) if plan else [],
        "history": labelled_history(iop),
        "form6": consent.current_request(case, "iop-consent"),
        "iop2_consent": consent.current_request(iop, "iop2-consent"),
        "plan_consent": consent.current_request(plan, "transition-consent") if plan else None,
        "may": {a: can(user, a, iop) for a in ("edit", "create", "download", "view")},
        "may_plan": bool(plan and can(user, "edit", plan)),
        "may_leaving": bool(leaving and can(user, "edit", leaving)),
        "problems": rules.propose_problems(iop) if iop.status == IopStatus.DRAFT else [],
        "forms": [(c, documents.spec(c).label) for c in documents.forms_of(iop)],
        "preschool": case.is_preschool,
        "case_link": can(user, "view", case),
    }
    open_states = ("pending", "signed")
    context["ask_iop2"] = (
        iop.kind == "iop2"
        and context["may"]["edit"]
        and (context["iop2_consent"] is None or context["iop2_consent"].status not in open_states)
    )
    context["ask_plan"] = context["may_plan"] and (
        context["plan_consent"] is None or context["plan_consent"].status not in open_states
    )
    return _page(request, "iop_detail.html", **context)


@case_view
def iop_edit(request, pk):
    iop = fetch(request, "edit", _iops(), pk=pk)
    form = forms.IopForm(request.POST or None, instance=iop)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            audit.record(request, "edit", record=iop)
        messages.success(request, _("Saved."))
        return redirect(_url("iop", iop.pk))
    return _form_page(
        request, form, title=_("Form 1: personal data and support team"), back=_url("iop", iop.pk)
    )


def _add_to_iop(request, pk, form_class, *, title, intro="", **form_kwargs):
    iop = fetch(request, "edit", _iops(), pk=pk)
    if form_kwargs.pop("school_of_iop", False):
        form_kwargs["school"] = iop.case.student.school
    form = form_class(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            item = form.save(commit=False)
            item.iop = iop
            if hasattr(item, "case_id"):
                item.case = iop.case
            item.save()
            audit.record(request, "create", record=item)
        messages.success(request, _("Saved."))
        return redirect(_url("iop", iop.pk))
    return _form_page(request, form, title=title, back=_url("iop", iop.pk), intro=intro)


@case_view
def iop_measure_add(request, pk):
    return _add_to_iop(request, pk, forms.MeasureForm, title=_("Form 3: individualisation measure"))


@case_view
def curriculum_add(request, pk):
    iop = fetch(request, "view", _iops(), pk=pk)
    if iop.case.is_preschool:
        messages.error(request, _("A preschool IOP has no personalised curriculum (form 4)."))
        return redirect(_url("iop", iop.pk))
    return _add_to_iop(
        request,
        pk,
        forms.CurriculumForm,
        school_of_iop=True,
        title=_("Form 4: personalised curriculum"),
        intro=_(
            "For an area within a subject, one subject, a group of subjects or all subjects "
            "of the grade, and for extracurricular activities."
        ),
    )


@case_view
def curriculum_edit(request, pk):
    item = fetch(request, "edit", CurriculumItem.objects.select_related("iop"), pk=pk)
    form = forms.CurriculumForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            audit.record(request, "edit", record=item)
        messages.success(request, _("Saved."))
        return redirect(_url("iop", item.iop_id))
    return _form_page(
        request, form, title=_("Form 4: personalised curriculum"), back=_url("iop", item.iop_id)
    )


def _optional_form(request, pk, model, form_class, *, title, intro=""):
    """Forms 7 and 8: written while the IOP is drafted or applied."""
    iop = fetch(request, "view", _iops(), pk=pk)
    existing = model.objects.filter(iop=iop).first()
    if existing is not None:
        existing = fetch(request, "edit", model.objects.all(), pk=existing.pk)
    elif not (can(request.user, "edit", iop) or can(request.user, "create", iop)):
        raise PermissionDenied
    form = form_class(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            item = form.save(commit=False)
            item.iop = iop
            item.save()
            audit.record(request, "edit" if existing else "create", record=item)
        messages.success(request, _("Saved."))
        return redirect(_url("iop", iop.pk))
    return _form_page(request, form, title=title, back=_url("iop", iop.pk), intro=intro)


@case_view
def transition_plan_edit(request, pk):
    return _optional_form(
        request,
        pk,
        TransitionPlan,
        forms.TransitionPlanForm,
        title=_("Form 7: transition plan"),
        intro=_(
            "The team works with the receiving institution from at least three months "
            "before the move until three months after it. The plan is carried out only "
            "with the parent's written consent."
        ),
    )


@case_view
def early_leaving_edit(request, pk):
    return _optional_form(
        request,
        pk,
        EarlyLeavingPlan,
        forms.EarlyLeavingForm,
        title=_("Form 8: early-leaving prevention plan"),
    )


@case_view
@require_POST
def ask_consent(request, kind, pk):
    """Ask the parent for one of the consents; the parent answers under "My consents"."""
    if kind == "iop2":
        record = fetch(request, "edit", _iops(), pk=pk)
        if record.kind != "iop2":
            raise Http404
        template, context = "rs_pravilnik/iop2_consent.txt", {"iop": record}
        spec, back = "iop2-consent", _url("iop", record.pk)
    elif kind == "transition":
        record = fetch(request, "edit", TransitionPlan.objects.select_related("iop"), pk=pk)
        template, context = "rs_pravilnik/transition_consent.txt", {"plan": record}
        spec, back = "transition-consent", _url("iop", record.iop_id)
    else:
        raise Http404
    with transaction.atomic():
        # One text per language the parent may sign in (rendered under that language).
        consent.request_consent(
            record,
            spec,
            content=lambda _language: render_text(template, **context),
            requested_by=request.user,
        )
        from plugins.notifications import notify

        notify(
            [u for u in _guardian_users(record) if can(u, "view", record)],
            "consent-requested",
            CONSENT_ASKED,
            back,
            urgent=True,
            jurisdiction=CODE,
        )
    messages.success(request, _("The parent is asked for consent."))
    return redirect(back)


def _guardian_users(record):
    from plugins.notifications import guardians_of

    return guardians_of(record)


def render_text(template, **context):
    from django.template.loader import render_to_string

    return render_to_string(template, context).strip()


# -- evaluations -------------------------------------------------------------------------------
@case_view
def evaluation_add(request, pk):
    iop = fetch(request, "create", _iops(), pk=pk)
    form = forms.EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            ev = form.save(commit=False)
            ev.iop = iop
            ev.save()
            audit.record(request, "create", record=ev)
        messages.success(request, _("The evaluation is saved as a draft."))
        return redirect(_url("iop", iop.pk))
    return _form_page(
        request,
        form,
        title=_("Form 5: evaluation of the IOP"),
        back=_url("iop", iop.pk),
        intro=_(
            "Record which support measures were effective and which planned outcomes the "
            "student reached, and the decision the team proposes."
        ),
    )


@case_view
def evaluation_edit(request, pk):
    ev = fetch(request, "edit", Evaluation.objects.select_related("iop"), pk=pk)
    form = forms.EvaluationForm(request.POST or None, instance=ev)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            audit.record(request, "edit", record=ev)
        messages.success(request, _("Saved."))
        return redirect(_url("iop", ev.iop_id))
    return _form_page(
        request,
        form,
        title=_("Form 5: evaluation of the IOP"),
        back=_url("iop", ev.iop_id),
        autosave=("effective_measures", "outcomes_reached"),
    )


# -- documents ---------------------------------------------------------------------------------
def _filename(*parts):
    """The download's file name, ending in one ".pdf" (``safe_filename`` adds it)."""
    return safe_filename("-".join(rules.to_latin(str(p)) for p in parts if p), basename=False)


@case_view
def form_pdf(request, pk, code):
    iop = fetch(request, "download", _iops(), pk=pk)
    if code not in documents.forms_of(iop):
        raise Http404
    language = documents.language_for(request.GET.get("script"))
    pdf = documents.render_form(iop, code, language)
    name = _filename(iop.short_kind, code, iop.case.student.name)
    return pdf_response(io.BytesIO(pdf), name)


@case_view
def iop_bundle(request, pk):
    iop = fetch(request, "download", _iops(), pk=pk)
    language = documents.language_for(request.GET.get("script"))
    pdf = documents.iop_bundle(iop, language)
    name = _filename(iop.short_kind, iop.case.student.name)
    return pdf_response(io.BytesIO(pdf), name)


@case_view
def information_pdf(request, pk):
    case = fetch(request, "download", _cases(), pk=pk)
    if not case.parent_informed_on:
        raise Http404
    language = documents.language_for(request.GET.get("script"))
    pdf = documents.render_information(case, language)
    name = _filename("obavestenje", case.student.name)
    return pdf_response(io.BytesIO(pdf), name)


@case_view
def portfolio(request, pk):
    """The student's portfolio (art. 16): everything the IOP documentation holds, in one list."""
    case = fetch(request, "view", _cases(), pk=pk)
    user = request.user
    iops = permitted(user, "view", Iop.objects.filter(case__student=case.student)).order_by(
        "created_at", "pk"
    )
    entries = []
    for iop in iops:
        entries.append(
            {
                "iop": iop,
                "forms": [(c, documents.spec(c).label) for c in documents.forms_of(iop)],
                "may_download": can(user, "download", iop),
                "evaluations": permitted(user, "view", iop.evaluations.all()),
            }
        )
    consents = []
    for record, code in [(case, "iop-consent")] + [(i, "iop2-consent") for i in iops]:
        consents += list(consent.requests_for(record, code))
    return _page(
        request,
        "portfolio.html",
        case=case,
        entries=entries,
        case_documents=_case_documents(user, case),
        observations=permitted(user, "view", case.observations.all()),
        sources=permitted(user, "view", case.sources.all()),
        measures=permitted(user, "view", IndividualisationMeasure.objects.filter(case=case)),
        consents=consents,
        may_download_case=can(user, "download", case),
    )
