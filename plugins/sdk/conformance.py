"""What a plugin provides so the core's conformance suite can test it.

Subclass ``ConformanceFactory`` in your plugin and point
``Jurisdiction.conformance`` at it. The suite then builds records in every
state, actors in every role, and checks every matrix cell and every
workflow transition both ways.
"""

from __future__ import annotations

import itertools


class ConformanceFactory:
    #: Extra variants per record type: {"Document": [{"visible_to_teachers": True}, {...}]}.
    variants: dict[str, list[dict]] = {}

    def __init__(self, jurisdiction):
        self.jurisdiction = jurisdiction

    def make_record(self, record_type: str, state: str | None = None, **traits):
        """Create and save a record of ``record_type`` for a new student, in ``state``.

        ``traits`` set fields (from ``variants``). ``for_transition`` names the
        transition about to be fired, so the factory can satisfy its guards.
        """
        raise NotImplementedError

    def make_actor(self, role: str, record):
        """Create and return a user who holds ``role`` towards ``record`` and nothing more."""
        raise NotImplementedError

    def samples(self, record_type: str) -> list:
        """Records covering every workflow state and every declared variant."""
        wf = self.jurisdiction.workflow_for(record_type)
        states = wf.state_values if wf else [None]
        variants = self.variants.get(record_type) or [{}]
        return [
            self.make_record(record_type, state=state, **variant)
            for state, variant in itertools.product(states, variants)
        ]

    # -- the plugin's pages (tests/conformance/test_pages.py) ------------------------------
    # Each hook names one page of the plugin for a record the suite made; return None where
    # the plugin has no such page. The suite then checks that every plugin answers alike:
    # an invalid post is a 400 with the error summary and saves nothing, a valid one saves
    # with exactly one audit row carrying the role used, a step that needs a fresh second
    # factor is done after the code with what was posted, a document downloads as one .pdf.

    def edit_page(self, record_type: str, record) -> tuple[str, dict, dict] | None:
        """``(url, valid_post, invalid_post)`` of the page that edits ``record``.

        The posts are what a browser sends (hidden fields such as ``version`` included):
        the valid one saves, the invalid one must be refused by the form.
        """
        return None

    def step_page(self, transition, record) -> tuple[str, dict] | None:
        """``(url, post)`` that fires ``transition`` on ``record`` from the plugin's pages."""
        return None

    def document_page(self, spec, record) -> str | None:
        """The URL that downloads document ``spec`` (a ``DocumentSpec``) of ``record``."""
        return None
