"""Template filters of the IOP pages and documents."""

from django import template
from django.utils import translation

from .. import rules

register = template.Library()


@register.filter
def in_script(value):
    """A name written in the script of the active language (Serbian Cyrillic or Latin)."""
    return rules.in_script(str(value or ""), translation.get_language())


@register.filter
def problems_of(record, kind):
    """The open points of a step, for the checklists on the pages."""
    table = {
        "proposal": rules.proposal_problems,
        "drafting": rules.drafting_problems,
        "team": rules.composition_problems,
        "iop": rules.propose_problems,
        "evaluation": rules.evaluation_problems,
    }
    return table[kind](record)
