"""The error summary and the "Error:" title of a page whose form was not accepted.

The shell (``base.html``) asks once per page: it finds every bound form (and
formset, and the sign-in wizard's form) with errors in the page's context, so
no plugin template has to remember it. As in the GOV.UK and NAV design
systems, the summary comes first in the main content, is announced
(``role="alert"``), takes the focus, and links each message to its field.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet
from django.utils.translation import gettext as _

register = template.Library()

#: Context names whose text is an error the page shows on its own (sign-in, step-up).
MESSAGE_NAMES = ("error", "throttle_message")


@dataclass(frozen=True)
class Problem:
    message: str
    target: str  # the id of the field, or "" for the form as a whole


def _forms_in(value):
    if isinstance(value, BaseForm):
        yield value
    elif isinstance(value, BaseFormSet):
        if value.is_bound:
            yield from value.forms
            if value.non_form_errors():
                yield value
    elif hasattr(value, "form") and isinstance(getattr(value, "form", None), BaseForm):
        yield value.form  # the two-factor wizard


def _problems_of(form) -> list[Problem]:
    if isinstance(form, BaseFormSet):
        if form.non_form_errors():
            return [Problem(str(_("Nothing was saved. Read the message at the form.")), "")]
        return []
    if not form.is_bound or not form.errors:
        return []
    # A message about the form as a whole is shown by the form itself (above its fields);
    # the summary points there instead of saying it a second time.
    problems = []
    if form.non_field_errors():
        problems.append(Problem(str(_("Nothing was saved. Read the message at the form.")), ""))
    for name, errors in form.errors.items():
        if name == "__all__" or name not in form.fields:
            continue
        field = form[name]
        target = field.id_for_label or field.auto_id or ""
        label = field.label or name
        for message in errors:
            problems.append(Problem(f"{label}: {message}", target))
    return problems


@register.simple_tag(takes_context=True)
def page_problems(context) -> list[Problem]:
    """Every problem the page's forms report, each once, in form order."""
    seen_forms: set[int] = set()
    problems: list[Problem] = []
    flat = context.flatten()
    for name in MESSAGE_NAMES:
        text = flat.get(name)
        if isinstance(text, str) and text.strip():
            problems.append(Problem(text, ""))
    for value in flat.values():
        for form in _forms_in(value):
            if id(form) in seen_forms:
                continue
            seen_forms.add(id(form))
            for problem in _problems_of(form):
                if problem not in problems:
                    problems.append(problem)
    return problems
