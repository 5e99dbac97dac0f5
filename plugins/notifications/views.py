"""The notices page, opening a notice (marks it read) and the e-mail choices page."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plugins.accounts.decorators import case_view

from .forms import EmailChoicesForm
from .mail import address_of
from .models import Notice, NotificationPreference
from .service import KINDS, mark_all_read

PAGE_SIZE = 25


@require_GET
@case_view
def notice_list(request):
    notices = Notice.objects.filter(recipient=request.user)
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    unread = notices.filter(read_at__isnull=True).count()
    return render(request, "notifications/notice_list.html", {"page_obj": page, "unread": unread})


@require_GET
@case_view
def open_notice(request, pk):
    """Mark the notice read and go where it points (someone else's notice: 404)."""
    notice = get_object_or_404(Notice, pk=pk, recipient=request.user)
    if notice.read_at is None:
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=timezone.now())
    safe = url_has_allowed_host_and_scheme(
        notice.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(notice.url if safe and notice.url.startswith("/") else "notifications:list")


@require_POST
@case_view
def read_all(request):
    count = mark_all_read(request.user)
    if count:
        messages.success(request, _("All notices are marked as read."))
    return redirect("notifications:list")


def _kinds_for(user) -> dict[str, str]:
    kinds = {code: str(label) for code, label in KINDS.items()}
    used = set(Notice.objects.filter(recipient=user).values_list("kind", flat=True))
    used |= set(NotificationPreference.objects.filter(user=user).values_list("kind", flat=True))
    for code in sorted(used - kinds.keys()):
        kinds[code] = code
    return kinds


@case_view
def email_settings(request):
    user = request.user
    current = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
    form = EmailChoicesForm(request.POST or None, kinds=_kinds_for(user), current=current)
    if request.method == "POST" and form.is_valid():
        for kind, wanted in form.choices().items():
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"email": wanted}
            )
        messages.success(request, _("Your e-mail choices are saved."))
        return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "address": address_of(user)},
    )
