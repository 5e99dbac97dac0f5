"""Pages of the Serbian IOP: the case, the IOP with its forms, evaluations and documents.

Every record is loaded through ``plugins.access.fetch`` (404 when invisible,
403 when the action is not allowed, one audit row); forms, steps and downloads
go through the SDK's page layer (``plugins.sdk.views``), so an invalid form is
a 400, a save leaves one audit row with the role used, and a step that needs a
fresh second factor is done after the code.
"""

from __future__ import annotations

import io
from functools import partial
from itertools import chain

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from plugins import audit, consent
from plugins.access import can, fetch, permitted, role_used
from plugins.accounts.decorators import case_view
from plugins.documents import documents_of, pdf_response
from plugins.documents.forms import DocumentUploadForm
from plugins.registry import registry
from plugins.sdk import views as sdk
from plugins.workflow import allowed_transitions, labelled_history

from . import CODE, documents, forms, rules, stages
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

#: The records whose workflow steps are fired from these pages, by the URL's ``kind``.
STEP_MODELS = {
    "case": SupportCase,
    "iop": Iop,
    "evaluation": Evaluation,
    "transition": TransitionPlan,
}


def _url(name, *args):
    return reverse(f"{CODE}:{name}", args=args)


def _cases():
    return SupportCase.objects.select_related("student__person", "student__school")


def _iops():
    return Iop.objects.select_related("case__student__person", "case__student__school", "previous")


def _page(request, template, **context):
    context.setdefault("jurisdiction", registry.get(CODE))
    return render(request, f"rs_pravilnik/{template}", context)


def _form(request, record, form, *, back, title=None, intro=None, success=None, **options):
    """The one form page (the form's heading and intro, its fields): shown, saved or 400."""
    context = {
        "title": title or form.title,
        "intro": getattr(form, "intro", "") if intro is None else intro,
        "jurisdiction": registry.get(CODE),
    }
    return sdk.edit_record(
        request,
        record,
        form,
        template="rs_pravilnik/form.html",
        success=success or _("Saved."),
        back=back,
        context=context,
        **options,
    )


def _created(request, item, parent, action):
    """Audit a record added under ``parent`` (opened for ``action``) with the role used."""
    audit.record(request, "create", record=item, role=role_used(request.user, action, parent))
    return item


def _add(request, parent, form, *, action, **options):
    """The page that adds a record to ``parent`` (a case or an IOP), opened for ``action``:
    the record is linked to its case and IOP and to whoever writes it, and audited once."""
    item, in_iop = form.instance, isinstance(parent, Iop)
    fields = {"case": getattr(parent, "case", parent)} if hasattr(item, "case_id") else {}
    fields.update({"iop": parent} if in_iop else {})
    for name in ("author", "recorded_by"):
        if hasattr(item, f"{name}_id"):
            fields[name] = getattr(request.user, "person", None)

    def save(form):
        new = form.save(commit=False)
        for name, value in fields.items():
            setattr(new, name, value)
        new.save()
        _created(request, new, parent, action)

    back = _url("iop" if in_iop else "case", parent.pk)
    return _form(request, parent, form, back=back, action=action, save=save, **options)


# -- the list ----------------------------------------------------------------------------------
@case_view
def index(request):
    order = ("student__person__family_name", "student__person__given_name")
    cases = stages.with_stages(permitted(request.user, "view", _cases()).order_by(*order))
    students = rules.startable_students(request.user)
    start_form = None
    if students is not None:
        start_form = forms.StartCaseForm(students=students.select_related("person"))
    return _page(request, "index.html", cases=cases, start_form=start_form)


@case_view
@require_POST
def case_start(request):
    students = rules.startable_students(request.user)
    if students is None:
        raise Http404
    form = forms.StartCaseForm(request.POST, students=students)
    if not form.is_valid():
        messages.error(request, _("Choose a student of your school who has no open case."))
        return redirect(_url("index"))
    with transaction.atomic():
        case = SupportCase.objects.create(
            student=form.cleaned_data["student"], grounds=form.cleaned_data["grounds"]
        )
        _created(request, case, case, "edit")
    messages.success(request, _("The case is started. Begin with the observation notes."))
    return redirect(_url("case", case.pk))


# -- the case ----------------------------------------------------------------------------------
def _case_documents(user, case):
    docs = documents_of(CODE, "CaseDocument").filter(attached_to=f"SupportCase:{case.pk}")
    return permitted(user, "view", docs).order_by("-created_at")


@case_view
def case_detail(request, pk):
    case = fetch(request, "view", _cases(), pk=pk)
    user = request.user
    profile = PedagogicalProfile.objects.filter(case=case).first()
    form6 = consent.current_request(case, "iop-consent")
    # Staff follow the parent's answers on the case page (the family pages are the signers').
    receipts = form6.receipts.order_by("at", "pk") if form6 else []
    context = {
        "case": case,
        "stage": stages.stage_of(case),
        "form6_receipts": [
            {"receipt": r, "may_download": consent.may_download_receipt(user, r)[0]}
            for r in receipts
        ],
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


@case_view
def case_edit(request, pk):
    case = fetch(request, "edit", _cases(), pk=pk)
    return _form(
        request,
        case,
        forms.ProposalForm(request.POST or None, instance=case),
        back=_url("case", case.pk),
        success=_("The proposal is saved."),
        autosave=("proposal_reasons", "proposal_evidence"),
    )


@case_view
def add_to_case(request, pk, form_class):
    """A note, a source or a measure added to the case (``form_class`` is named in the URL)."""
    case = fetch(request, "comment", _cases(), pk=pk)
    return _add(request, case, form_class(request.POST or None), action="comment")


@case_view
def measure_edit(request, pk):
    queryset = IndividualisationMeasure.objects.select_related("case", "iop")
    measure = fetch(request, "edit", queryset, pk=pk)
    back = _url("iop", measure.iop_id) if measure.iop_id else _url("case", measure.case_id)
    form = forms.MeasureForm(request.POST or None, instance=measure)
    return _form(request, measure, form, back=back, autosave=("evaluation",))


@case_view
def profile_edit(request, pk):
    case = fetch(request, "view", _cases(), pk=pk)
    profile = PedagogicalProfile.objects.filter(case=case).first()
    if profile is not None:
        profile = fetch(request, "edit", PedagogicalProfile.objects.all(), pk=profile.pk)
    elif not can(request.user, "comment", case):
        raise Http404
    form = forms.ProfileForm(
        request.POST or None, instance=profile or PedagogicalProfile(case=case)
    )
    success = _("The pedagogical profile is saved.")
    if profile is None:
        return _add(request, case, form, action="comment", success=success)
    back = _url("case", case.pk)
    return _form(request, profile, form, back=back, success=success, autosave=("situation",))


@case_view
def member_add(request, pk):
    case = fetch(request, "manage", _cases(), pk=pk)
    form = forms.MemberForm(request.POST or None, case=case)
    return _add(request, case, form, action="manage", success=_("The member is added."))


@case_view
@require_POST
def member_delete(request, pk):
    member = fetch(request, "delete", TeamMember.objects.select_related("case"), pk=pk)
    case_id = member.case_id
    with transaction.atomic():
        member.delete()
    messages.success(request, _("The member is removed from the team."))
    return redirect(_url("case", case_id))


@case_view
def welfare_notice_add(request, pk):
    case = fetch(request, "edit", _cases(), pk=pk)
    if case.status != CaseStatus.REFUSED:
        messages.error(request, _("A notice to social welfare follows a recorded refusal."))
        return redirect(_url("case", case.pk))
    return _add(
        request,
        case,
        forms.WelfareNoticeForm(request.POST or None),
        action="edit",
        success=_("The notice to the social-welfare institution is recorded. Send it by post."),
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
    for error in chain.from_iterable(form.errors.values()):
        messages.error(request, error)
    return redirect(_url("case", case.pk))


# -- workflow steps ----------------------------------------------------------------------------
@case_view
@require_POST
def step(request, kind, pk, name):
    if kind not in STEP_MODELS:
        raise Http404
    record = fetch(request, "view", STEP_MODELS[kind]._default_manager.all(), pk=pk)
    back = _url(kind, record.pk) if kind in ("case", "iop") else _url("iop", record.iop_id)
    note = request.POST.get("note", "")[:2000]
    return sdk.fire_step(request, record, name, back=back, note=note)


# -- the IOP -----------------------------------------------------------------------------------
@case_view
def iop_new(request, pk):
    case = fetch(request, "create", _cases(), pk=pk)
    form = forms.NewIopForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            data = form.cleaned_data
            iop = Iop.objects.create(case=case, kind=data["kind"], previous=data["previous"])
            _created(request, iop, case, "create")
        messages.success(request, _("The IOP is started. The support team drafts it now."))
        return redirect(_url("iop", iop.pk))
    if request.method != "POST":  # a refused post shows them in the form's errors
        for problem in rules.drafting_problems(case):
            messages.error(request, problem)
    return _form(request, case, form, back=_url("case", case.pk), action="create")


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
    # The parent is asked again only when no request is open or signed.
    asked = lambda req: req is not None and req.status in ("pending", "signed")  # noqa: E731
    may = context["may"]["edit"] and iop.kind == "iop2"
    context["ask_iop2"] = may and not asked(context["iop2_consent"])
    context["ask_plan"] = context["may_plan"] and not asked(context["plan_consent"])
    return _page(request, "iop_detail.html", **context)


@case_view
def iop_edit(request, pk):
    iop = fetch(request, "edit", _iops(), pk=pk)
    form = forms.IopForm(request.POST or None, instance=iop)
    return _form(request, iop, form, back=_url("iop", iop.pk))


@case_view
def iop_measure_add(request, pk):
    iop = fetch(request, "edit", _iops(), pk=pk)
    form = forms.MeasureForm(request.POST or None)
    return _add(request, iop, form, action="edit", title=_("Form 3: individualisation measure"))


@case_view
def curriculum_add(request, pk):
    iop = fetch(request, "edit", _iops(), pk=pk)
    if iop.case.is_preschool:
        messages.error(request, _("A preschool IOP has no personalised curriculum (form 4)."))
        return redirect(_url("iop", iop.pk))
    form = forms.CurriculumForm(request.POST or None, school=iop.case.student.school)
    return _add(request, iop, form, action="edit")


@case_view
def curriculum_edit(request, pk):
    item = fetch(request, "edit", CurriculumItem.objects.select_related("iop"), pk=pk)
    form = forms.CurriculumForm(request.POST or None, instance=item)
    return _form(request, item, form, back=_url("iop", item.iop_id), intro="")


def _optional_form(request, pk, model, form_class):
    """Forms 7 and 8: written while the IOP is drafted or applied."""
    iop = fetch(request, "view", _iops(), pk=pk)
    existing = model.objects.filter(iop=iop).first()
    if existing is not None:
        existing = fetch(request, "edit", model.objects.all(), pk=existing.pk)
        form = form_class(request.POST or None, instance=existing)
        return _form(request, existing, form, back=_url("iop", iop.pk))
    action = "edit" if can(request.user, "edit", iop) else "create"
    if not can(request.user, action, iop):
        raise PermissionDenied
    return _add(request, iop, form_class(request.POST or None), action=action)


@case_view
def transition_plan_edit(request, pk):
    return _optional_form(request, pk, TransitionPlan, forms.TransitionPlanForm)


@case_view
def early_leaving_edit(request, pk):
    return _optional_form(request, pk, EarlyLeavingPlan, forms.EarlyLeavingForm)


#: The consents asked for from the IOP page: the spec and the text the parent signs.
CONSENTS = {
    "iop2": ("iop2-consent", "rs_pravilnik/iop2_consent.txt"),
    "transition": ("transition-consent", "rs_pravilnik/transition_consent.txt"),
}


@case_view
@require_POST
def ask_consent(request, kind, pk):
    """Ask the parent for one of the consents; the parent answers under "My consents"."""
    from plugins.notifications import guardians_of, notify

    if kind not in CONSENTS:
        raise Http404
    spec, template = CONSENTS[kind]
    if kind == "iop2":
        record = fetch(request, "edit", _iops(), pk=pk)
        if record.kind != "iop2":
            raise Http404
        context, back = {"iop": record}, _url("iop", record.pk)
    else:
        record = fetch(request, "edit", TransitionPlan.objects.select_related("iop"), pk=pk)
        context, back = {"plan": record}, _url("iop", record.iop_id)
    with transaction.atomic():
        # One text per language the parent may sign in (rendered under that language).
        text = lambda _language: render_to_string(template, context).strip()  # noqa: E731
        consent.request_consent(record, spec, content=text, requested_by=request.user)
        notify(
            [u for u in guardians_of(record) if can(u, "view", record)],
            "consent-requested",
            gettext_lazy("The school asks for your consent"),
            back,
            urgent=True,
            jurisdiction=CODE,
        )
    messages.success(request, _("The parent is asked for consent."))
    return redirect(back)


# -- evaluations -------------------------------------------------------------------------------
@case_view
def evaluation_add(request, pk):
    iop = fetch(request, "create", _iops(), pk=pk)
    form = forms.EvaluationForm(request.POST or None)
    success = _("The evaluation is saved as a draft.")
    return _add(request, iop, form, action="create", success=success)


@case_view
def evaluation_edit(request, pk):
    ev = fetch(request, "edit", Evaluation.objects.select_related("iop"), pk=pk)
    form = forms.EvaluationForm(request.POST or None, instance=ev)
    autosave = ("effective_measures", "outcomes_reached")
    return _form(request, ev, form, back=_url("iop", ev.iop_id), intro="", autosave=autosave)


# -- documents ---------------------------------------------------------------------------------
def _download(request, render_pdf, *name):
    """The PDF in the script asked for (``?script=cyrl|latn``), named in Latin letters."""
    pdf = render_pdf(documents.language_for(request.GET.get("script")))
    filename = sdk.document_filename(*(rules.to_latin(str(part)) for part in name))
    return pdf_response(io.BytesIO(pdf), filename)


@case_view
def form_pdf(request, pk, code):
    iop = fetch(request, "download", _iops(), pk=pk)
    if code not in documents.forms_of(iop):
        raise Http404
    render_form = partial(documents.render_form, iop, code)
    return _download(request, render_form, iop.short_kind, code, iop.case.student.name)


@case_view
def iop_bundle(request, pk):
    iop = fetch(request, "download", _iops(), pk=pk)
    bundle = partial(documents.iop_bundle, iop)
    return _download(request, bundle, iop.short_kind, iop.case.student.name)


@case_view
def information_pdf(request, pk):
    case = fetch(request, "download", _cases(), pk=pk)
    if not case.parent_informed_on:
        raise Http404
    information = partial(documents.render_form, case, "information")
    return _download(request, information, "obavestenje", case.student.name)


@case_view
def portfolio(request, pk):
    """The student's portfolio (art. 16): everything the IOP documentation holds, in one list."""
    case = fetch(request, "view", _cases(), pk=pk)
    user = request.user
    iops = permitted(user, "view", Iop.objects.filter(case__student=case.student))
    iops = iops.order_by("created_at", "pk")
    entries = [
        {
            "iop": iop,
            "forms": [(c, documents.spec(c).label) for c in documents.forms_of(iop)],
            "may_download": can(user, "download", iop),
            "evaluations": permitted(user, "view", iop.evaluations.all()),
        }
        for iop in iops
    ]
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
