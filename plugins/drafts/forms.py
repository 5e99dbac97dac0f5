"""The form helpers every plugin uses for long texts, and boxes never ticked in advance."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.forms.widgets import Script
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .service import draft_key, get_draft, sign_key
from .session import absolute_remaining, idle_seconds, warn_seconds

#: Query parameter that asks the form to show a field's draft instead of the saved text.
RESTORE_PARAM = "restore_draft"

#: Strings the browser script shows; ``{time}`` is filled in there.
MESSAGES = {
    "saved": _("Saved as a draft at {time}"),
    "offline": _("Not saved: the portal cannot be reached. Your text is kept in this browser."),
    "signed-out": _(
        "Not saved: your session has ended. Your text is kept in this browser: "
        "sign in again and it is offered back."
    ),
    "too-long": _("Not saved: the text is too long to keep as a draft."),
    "stale": _("Not saved: reload the page to keep saving. Your text is kept in this browser."),
    "warn": _(
        "You will be signed out at {time} because nothing has happened for a while. "
        "Your text is saved as a draft."
    ),
    "warn-absolute": _(
        "You will be signed out at {time}: a session cannot last longer. "
        "Your text is saved as a draft; sign in again to go on."
    ),
    "ended": _(
        "Your session has ended. What you typed is kept: sign in again and it is offered back."
    ),
    "stay": _("Stay signed in"),
    "dismiss": _("Dismiss"),
    "sign-in": _("Sign in again"),
    "offer": _("You have unsaved text from {time}."),
    "show": _("Show the text"),
    "restore": _("Restore it"),
    "discard": _("Discard"),
    "restored": _("The text from {time} is back in the field. Save the form to keep it."),
    "discarded": _("The unsaved text was discarded."),
    "submit-blocked": _(
        "Your session has ended, so the form was not sent. Your text is kept: "
        "sign in again and it is offered back."
    ),
}


def _normalise(text) -> str:
    return str(text or "").replace("\r\n", "\n")


def when(moment) -> str:
    """The time ("14:05") today, else the short date and time, in the active language."""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return date_format(local, "H:i")
    return date_format(local, "SHORT_DATETIME_FORMAT")


def _path_without(request, param: str, **extra) -> str:
    query = request.GET.copy()
    query.pop(param, None)
    for key, value in extra.items():
        query[key] = value
    encoded = query.urlencode()
    return request.path + (f"?{encoded}" if encoded else "")


class AutosaveTextarea(forms.Textarea):
    """A textarea that saves drafts as the person types (see ``autosave``).

    Without JavaScript it is a plain textarea that still shows a saved draft
    with a "Restore it" link and a "Discard" button.
    """

    template_name = "drafts/widgets/autosave_textarea.html"

    class Media:
        css = {"all": ["drafts/drafts.css"]}
        js = [Script("drafts/autosave.js", defer=True)]

    def __init__(self, attrs=None, *, autosave: dict | None = None):
        super().__init__(attrs)
        self.autosave = autosave or {}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-autosave-input"] = ""
        context["autosave"] = self.autosave
        context["messages_for_script"] = {k: str(v) for k, v in MESSAGES.items()}
        return context


def autosave(form, request, *fields: str, **keys: str) -> dict[str, str]:
    """Make ``fields`` of ``form`` autosave for ``request.user``; return ``{field: key}``.

    Keys default to ``<app>.<model>.<pk>.<field>`` of ``form.instance``; pass
    ``field="key"`` for a form without a saved record. Call it after the
    page has checked the person may edit the record: the browser gets a
    token for exactly these keys. A draft that differs from the field's
    current value is offered back; ``?restore_draft=<field>`` puts it into
    the field (the no-JavaScript "Restore it").
    """
    user = request.user
    restore = request.GET.get(RESTORE_PARAM) if request.method == "GET" else None
    names = [*fields, *(k for k in keys if k not in fields)]
    result: dict[str, str] = {}
    for name in names:
        key = keys.get(name) or draft_key(getattr(form, "instance", None), name)
        result[name] = key
        field = form.fields[name]
        draft = get_draft(user, key)
        if draft is not None and restore == name and not form.is_bound:
            form.initial[name] = draft.text
        current = form[name].value()
        offered = (
            draft if draft is not None and _normalise(draft.text) != _normalise(current) else None
        )
        widget = AutosaveTextarea(attrs=dict(field.widget.attrs))
        widget.is_required = field.required
        token = sign_key(user, key)
        widget.autosave = {
            "key": key,
            "token": token,
            "user": user.pk,
            "field": name,
            "save_url": reverse("drafts:save"),
            "discard_url": reverse("drafts:discard"),
            "ping_url": reverse("drafts:ping"),
            "logout_url": reverse("accounts:logout"),
            "login_url": settings.LOGIN_URL
            + "?"
            + urlencode({"next": _path_without(request, RESTORE_PARAM)}),
            "idle_seconds": idle_seconds(),
            "warn_seconds": warn_seconds(),
            "absolute_remaining": absolute_remaining(request),
            "local_max_age": int(
                getattr(settings, "PORTAL_DRAFT_LOCAL_MAX_AGE_SECONDS", 3 * 24 * 3600)
            ),
            "draft": offered,
            "draft_updated_ms": int(offered.updated.timestamp() * 1000) if offered else 0,
            "draft_time": when(offered.updated) if offered else "",
            "restore_url": _path_without(request, RESTORE_PARAM, **{RESTORE_PARAM: name}),
            "discard_page_url": reverse("drafts:discard")
            + "?"
            + urlencode({"token": token, "next": _path_without(request, RESTORE_PARAM)}),
        }
        field.widget = widget
    return result


class ConsentCheckbox(forms.CheckboxInput):
    """A checkbox that is never rendered ticked: not from the record, not from initial data,
    not when the form is shown again after an error. Ticking it is the person's act, each time.
    """

    def get_context(self, name, value, attrs):
        context = super().get_context(name, False, attrs)
        context["widget"]["attrs"].pop("checked", None)
        return context


class ConsentField(forms.BooleanField):
    """A consent or "participated" box: starts unticked whatever the model says."""

    widget = ConsentCheckbox

    def __init__(self, *args, **kwargs):
        kwargs["initial"] = False
        super().__init__(*args, **kwargs)


#: Boolean fields whose name says they record consent or participation.
CONSENT_NAME = re.compile(
    r"consent|participat|agree|approv|samtykke|deltatt|medverk|saglas|сагласн|učestv|учеств", re.I
)
_CHECKED = re.compile(r"<input\b[^>]*\bchecked\b", re.I)


def preticked_boxes(form, names=None) -> list[str]:
    """The consent/participation boxes of ``form`` that would render ticked.

    ``names``: the boxes to check; by default every ``ConsentField`` and every
    boolean field whose name mentions consent or participation. Render the
    form as the page would (e.g. a ModelForm on a record whose value is True).
    """
    if names is None:
        names = [
            name
            for name, field in form.fields.items()
            if isinstance(field, ConsentField)
            or (isinstance(field, forms.BooleanField) and CONSENT_NAME.search(name))
        ]
    return [name for name in names if _CHECKED.search(str(form[name]))]


def assert_never_preticked(form, names=None) -> None:
    """Fail (AssertionError) when a consent or "participated" box of ``form`` is ticked in advance."""
    ticked = preticked_boxes(form, names)
    if ticked:
        raise AssertionError(f"Boxes ticked in advance (never allowed): {', '.join(ticked)}")
