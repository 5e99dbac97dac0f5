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
