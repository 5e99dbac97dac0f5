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


class LatinNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        # Transliteration only changes Cyrillic letters: markup and escaping stay as rendered.
        return rules.to_latin(self.nodelist.render(context))


@register.tag
def latin(parser, token):
    """``{% latin %}...{% endlatin %}``: everything inside written in Latin script.

    A document for a reader of Serbian Latin is entirely Latin: labels, names,
    the institution and what people typed in Cyrillic.
    """
    nodelist = parser.parse(("endlatin",))
    parser.delete_first_token()
    return LatinNode(nodelist)
