from django.shortcuts import render

from plugins.access import can, fetch, permitted
from plugins.accounts.decorators import case_view
from plugins.registry import registry
from plugins.workflow import allowed_transitions, history

from .models import Plan


def _jurisdiction():
    return registry.get("no-troms-transition")


@case_view  # signed in with a verified second factor; never cached
def plan_list(request):
    # ``permitted`` filters in the database: a plan the user may not see is never loaded.
    plans = permitted(request.user, "view", Plan.objects.select_related("student__person"))
    return render(
        request,
        "no_troms_transition/plan_list.html",
        {"jurisdiction": _jurisdiction(), "plans": plans},
    )


@case_view
def plan_detail(request, pk):
    # ``fetch`` checks with ``get_permitted_or_404`` and writes the audit row: a plan
    # the user may not see answers 404, so a guessed id reveals nothing.
    plan = fetch(request, "view", Plan.objects.select_related("student__person"), pk=pk)
    return render(
        request,
        "no_troms_transition/plan_detail.html",
        {
            "jurisdiction": _jurisdiction(),
            "plan": plan,
            "may_edit": can(request.user, "edit", plan),
            "transitions": allowed_transitions(request.user, plan),
            "history": history(plan),
        },
    )
