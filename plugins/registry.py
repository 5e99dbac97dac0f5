"""The registry of installed jurisdictions.

It remembers which plugin registered what, validates that no two plugins
claim the same code, and turns every role-matrix cell into a permission of
the ``rules`` package under the name ``<code>.<Record>.<action>``.
"""

from __future__ import annotations

import rules
from django.core.exceptions import ImproperlyConfigured


class Registry:
    #: How a matrix cell becomes a ``rules`` predicate, shared by every registry
    #: (set once by ``plugins.access``; see ``use_predicates``).
    _predicate_factory = None

    def __init__(self):
        self._by_code: dict = {}
        self._by_model: dict = {}

    def register(self, jurisdiction) -> None:
        jurisdiction.validate()
        code = jurisdiction.code
        if code in self._by_code and self._by_code[code].app_label != jurisdiction.app_label:
            other = self._by_code[code].app_label
            raise ImproperlyConfigured(
                f"Jurisdiction code {code!r} is claimed by both {other!r} and "
                f"{jurisdiction.app_label!r}; each plugin needs its own code."
            )
        self._by_code[code] = jurisdiction
        for name in jurisdiction.record_types:
            self._by_model[jurisdiction.record_model(name)] = (jurisdiction, name)
        self._add_rules(jurisdiction)

    def unregister(self, code: str) -> None:
        """Remove a plugin (used by tests that build throwaway registrations)."""
        jurisdiction = self._by_code.pop(code, None)
        if jurisdiction is None:
            return
        for model, (j, _name) in list(self._by_model.items()):
            if j is jurisdiction:
                del self._by_model[model]
        for cell in jurisdiction.matrix:
            name = permission_name(code, cell.record, cell.action)
            if rules.perm_exists(name):
                rules.remove_perm(name)

    def use_predicates(self, factory) -> None:
        """Set how a matrix cell becomes a ``rules`` predicate (``plugins.access`` gives it).

        ``factory(jurisdiction, record, action)`` returns the predicate. Plugins
        registered before it is set get their rules now.
        """
        Registry._predicate_factory = factory
        for jurisdiction in self._by_code.values():
            self._add_rules(jurisdiction)

    def _add_rules(self, jurisdiction) -> None:
        factory = Registry._predicate_factory
        if factory is None:
            return  # added by use_predicates (importing plugins.access sets it)
        seen = set()
        for cell in jurisdiction.matrix:
            key = (cell.record, cell.action)
            if key in seen:
                continue
            seen.add(key)
            name = permission_name(jurisdiction.code, cell.record, cell.action)
            rules.set_perm(name, factory(jurisdiction, cell.record, cell.action))

    def all(self) -> list:
        return sorted(self._by_code.values(), key=lambda j: j.code)

    def get(self, code: str):
        return self._by_code[code]

    def __contains__(self, code: str) -> bool:
        return code in self._by_code

    def for_record(self, record_or_model):
        """Return (jurisdiction, record type name) for a record or model, or raise LookupError."""
        model = record_or_model if isinstance(record_or_model, type) else type(record_or_model)
        # A proxy model is a record type of its own (plugins own shared models,
        # e.g. documents, through proxies); else fall back to the concrete model.
        for candidate in (model, getattr(model._meta, "concrete_model", model)):
            if candidate in self._by_model:
                return self._by_model[candidate]
        raise LookupError(f"{model.__name__} is not a record type of any jurisdiction")


def permission_name(code: str, record: str, action: str) -> str:
    return f"{code}.{record}.{action}"


registry = Registry()
