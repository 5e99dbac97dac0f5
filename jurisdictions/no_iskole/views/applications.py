"""The student's application for special education: register, fill in, publish, decide."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plugins import audit
from plugins.access import can, fetch, permitted, role_used, roles_of
from plugins.accounts.decorators import case_view
from plugins.consent import current_request
from plugins.documents.forms import DocumentUploadForm
from plugins.models import Student
from plugins.sdk import views as sdk
from plugins.workflow import allowed_transitions, fire

from .. import forms as f
from ..documents import application_context
from ..models import CODE, ApplicationStatus, Iop, StudentApplication
from ..services import approval_text, ask_family_to_approve, attachments_of, students_without_iop
from .common import (
    FAMILY_ROLES,
    application_qs,
    coordinator_schools,
    ctx,
    docs_for,
    history_rows,
    posted_id,
    posted_uuid,
    search_students,
    without_iop,
)

#: The steps fired from the application page, and the action each needs.
STEP_ACTIONS = {"publish": "edit", "reopen": "edit", "grant": "decide", "refuse": "decide"}


def _page(pk) -> str:
    return reverse("no-iskole:application", args=[pk])


@case_view
def application_new(request):
    """Pick a student without an IOP at one's school and register an application."""
    schools = coordinator_schools(request.user)
    if request.method == "POST":
        student = get_object_or_404(
            Student.objects.filter(school__in=schools), pk=posted_id(request.POST.get("student"))
        )
        with transaction.atomic():
            if not students_without_iop(student.school).filter(pk=student.pk).exists():
                messages.error(
                    request,
                    _("%(name)s already has an application or an IOP.") % {"name": student.name},
                )
                return redirect("no-iskole:application-new")
            app = StudentApplication.objects.create(
                student=student, created_by=getattr(request.user, "person", None)
            )
        audit.record(request, "create", record=app, role=role_used(request.user, "create", app))
        messages.success(request, _("The application is registered. Fill it in below."))
        return redirect("no-iskole:application-edit", pk=app.pk)
    candidates, q = search_students(request, without_iop(schools))
    page = sdk.paginate(request, candidates)
    return render(request, "no_iskole/application_new.html", ctx(page=page, q=q))


@case_view
def application_detail(request, pk):
    app = fetch(request, "view", application_qs(), pk=pk)
    user = request.user
    held = set(roles_of(user, app))
    return render(
        request,
        "no_iskole/application_detail.html",
        ctx(
            app=app,
            subjects=app.subjects.order_by("name"),
            attachments=permitted(user, "view", attachments_of(app)),
            attachment_titles=[d.title for d in attachments_of(app)],
            may_edit=can(user, "edit", app),
            may_delete=can(user, "delete", app),
            steps=[t for t in allowed_transitions(user, app) if t.name in STEP_ACTIONS],
            consent=current_request(app, "application-approval"),
            may_approve=can(user, "approve", app),
            may_download=can(user, "download", app),
            history=history_rows(app) if can(user, "history", app) else None,
            # Whether the person comes as family (for the way back, not for access).
            family_view=bool(held) and held <= FAMILY_ROLES,
            iop=permitted(user, "view", Iop.objects.filter(student=app.student))
            .order_by("-school_year__starts")
            .first(),
            special_education=getattr(app.student, "no_iskole_special_education", None),
        ),
    )


def _content_changed(request, app, before: str) -> None:
    """After a change: a published application asks the family again for this version."""
    if approval_text(app) == before:
        return
    if app.status == ApplicationStatus.APPROVED:
        fire(app, "reopen", request.user, note=_("Changed after approval"), request=request)
        messages.info(
            request,
            _("The application changed after approval: the family is asked to approve it again."),
        )
    elif app.status == ApplicationStatus.AWAITING_APPROVAL:
        ask_family_to_approve(record=app, transition=None, user=request.user, log=None)
        messages.info(request, _("The family is asked to approve the changed application."))


@case_view
def application_edit(request, pk):
    app = fetch(request, "edit", application_qs(), pk=pk)
    # Before binding: a valid ModelForm writes the new values into ``app``.
    before = approval_text(app)

    def save(form):
        form.save()
        _content_changed(request, app, before)

    return sdk.edit_record(
        request,
        app,
        f.StudentApplicationForm(request.POST or None, instance=app),
        template="no_iskole/application_edit.html",
        success=_("The application is saved."),
        back=_page(app.pk),
        context=ctx(app=app),
        autosave=("expert_assessment", "goals", "other_information"),
        save=save,
    )


@case_view
@require_POST
def application_delete(request, pk):
    app = fetch(request, "delete", application_qs(), pk=pk)
    with transaction.atomic():
        attachments_of(app).update(attached_to="")
        app.delete()
    messages.success(request, _("The application is deleted. Its documents stay with the student."))
    return redirect("no-iskole:index")


@case_view
@require_POST
def application_step(request, pk, name):
    if name not in STEP_ACTIONS:
        raise Http404
    app = fetch(request, STEP_ACTIONS[name], application_qs(), pk=pk)
    return sdk.fire_step(
        request,
        app,
        name,
        back=sdk.safe_back(request, _page(app.pk)),
        note=request.POST.get("note", "")[:500],
    )


def _attach(request, app, attach):
    """Attach a document to ``app`` (``attach()`` gives it, or None); the family is asked again."""
    before = approval_text(app)
    with transaction.atomic():
        doc = attach()
        if doc is not None:
            _content_changed(request, app, before)
    if doc is None:
        return None
    messages.success(request, _("“%(title)s” is attached.") % {"title": doc.title})
    return redirect(_page(app.pk))


@case_view
def application_attachments(request, pk):
    """Upload a PDF to the application, or attach one of the student's IOP documents."""
    app = fetch(request, "edit", application_qs(), pk=pk)
    upload = DocumentUploadForm(request.POST or None, request.FILES or None)
    unattached = docs_for(request.user, app.student).filter(attached_to="")
    if request.method == "POST" and "existing" in request.POST:

        def existing():
            doc = get_object_or_404(unattached, uuid=posted_uuid(request.POST.get("existing")))
            doc.attached_to = app.attached_key
            doc.save(update_fields=["attached_to"])
            return doc

        return _attach(request, app, existing)
    if request.method == "POST" and upload.is_valid():
        done = _attach(
            request,
            app,
            lambda: upload.store(
                student=app.student,
                owner=CODE,
                request=request,
                record_type="IopDocument",
                attached_to=app.attached_key,
            ),
        )
        if done is not None:
            return done
    return render(
        request,
        "no_iskole/application_attachments.html",
        ctx(app=app, upload=upload, unattached=unattached, attachments=attachments_of(app)),
        status=400 if request.method == "POST" else 200,
    )


@case_view
@require_POST
def application_detach(request, pk, uuid):
    app = fetch(request, "edit", application_qs(), pk=pk)
    before = approval_text(app)
    with transaction.atomic():
        doc = get_object_or_404(attachments_of(app), uuid=uuid)
        doc.attached_to = ""
        doc.save(update_fields=["attached_to"])
        _content_changed(request, app, before)
    messages.success(
        request,
        _("“%(title)s” is no longer attached. It stays among the IOP documents.")
        % {"title": doc.title},
    )
    return redirect(_page(app.pk))


@case_view
def application_pdf(request, pk):
    app = fetch(request, "download", application_qs(), pk=pk)
    return sdk.document_response(
        request,
        app,
        "student-application",
        application_context(app),
        filename=["application", app.pk],
    )
