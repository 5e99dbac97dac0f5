"""Public API of forms that do not lose work.

    from plugins import drafts

    form = PlanForm(request.POST or None, instance=plan)
    keys = drafts.autosave(form, request, "goals", "summary")
    if request.method == "POST" and form.is_valid():
        form.save()
        drafts.clear_draft(request.user, *keys.values())

``autosave`` turns long-text fields into ``AutosaveTextarea``: what the
person types is saved as a server-side draft (per person and field) about a
second after they stop, and also kept in the browser while the server cannot
be reached; a banner warns before the session runs out; after signing in
again the form offers the unsaved text back (also without JavaScript). Put
``{{ form.media }}`` in the page's head.

``ConsentField`` (widget ``ConsentCheckbox``) is a box that is never ticked
in advance; ``assert_never_preticked(form)`` checks a form's consent and
"participated" boxes in tests.
"""

from __future__ import annotations

_SERVICE = (
    "BadDraftToken",
    "clear_draft",
    "draft_key",
    "get_draft",
    "purge_stale_drafts",
    "read_token",
    "save_draft",
    "sign_key",
)
_FORMS = (
    "AutosaveTextarea",
    "ConsentCheckbox",
    "ConsentField",
    "assert_never_preticked",
    "autosave",
    "preticked_boxes",
)


def __getattr__(name):
    if name in _SERVICE:
        from . import service

        return getattr(service, name)
    if name in _FORMS:
        from . import forms

        return getattr(forms, name)
    if name == "Draft":
        from .models import Draft

        return Draft
    raise AttributeError(name)


__all__ = [*_SERVICE, *_FORMS, "Draft"]
