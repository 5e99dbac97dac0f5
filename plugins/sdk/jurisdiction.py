"""The base class every jurisdiction plugin subclasses, and its AppConfig."""

from __future__ import annotations

import re
from typing import ClassVar

from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.module_loading import import_string

from .declarations import (
    ACTIONS,
    ConsentSpec,
    Deadline,
    DocumentSpec,
    MenuItem,
    Permission,
    Role,
    Workflow,
)

CODE_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

#: Class attributes of a ``Jurisdiction`` that hold text a person reads. Each may be a
#: plain string or a lazy translation (``gettext_lazy``); either way it reads as plain
#: text (``str``) in the language active when it is read, never the one at start-up.
TEXT_ATTRIBUTES = ("name", "description", "confidentiality")


def is_text(value) -> bool:
    """True for what the SDK accepts as a label or marking: a ``str`` or a lazy translation."""
    return isinstance(value, (str, Promise))


class DeclaredText:
    """A lazy text of a declaration, read as ``str`` in the active language.

    ``Jurisdiction`` wraps a ``gettext_lazy`` value of a ``TEXT_ATTRIBUTES`` attribute in
    this descriptor, so ``jurisdiction.confidentiality`` is always a plain string: it can
    be searched (``marking in text``), joined, put into JSON and printed on a PDF.
    """

    def __init__(self, value):
        self.value = value

    def __get__(self, instance, owner=None) -> str:
        return str(self.value)


class Jurisdiction:
    """Declaration of one jurisdiction plugin.

    Subclass it, fill in the class attributes and point your AppConfig's
    ``jurisdiction`` at it. Everything is data: the registry validates it at
    start-up, ``manage.py jurisdictions`` lists it and the conformance suite
    tests every cell of it.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    version: ClassVar[str] = ""
    languages: ClassVar[tuple[str, ...]] = ()
    age_of_majority: ClassVar[int] = 18
    description: ClassVar[str] = ""
    #: Marking printed on every page of the plugin's generated documents
    #: (e.g. "Unntatt offentlighet, offl. § 13"); "" for none. A plain string or
    #: ``gettext_lazy(...)``: it is read as plain text in the reader's language.
    confidentiality: ClassVar[str] = ""
    #: Languages (codes of ``settings.LANGUAGES``) in which a family may read and
    #: sign this plugin's consents; every version is kept and pinned by its hash.
    #: Empty: every interface language of the portal.
    signing_languages: ClassVar[tuple[str, ...]] = ()
    #: The language of documents sent to an authority (e.g. the school's
    #: application to the county), and of a consent when the reader's language
    #: is not one the plugin signs in. "": the first of ``languages`` (else
    #: ``settings.LANGUAGE_CODE``). It must be one of the signing languages.
    official_language: ClassVar[str] = ""

    roles: ClassVar[tuple[Role, ...]] = ()
    matrix: ClassVar[tuple[Permission, ...]] = ()
    workflows: ClassVar[tuple[Workflow, ...]] = ()
    consents: ClassVar[tuple[ConsentSpec, ...]] = ()
    documents: ClassVar[tuple[DocumentSpec, ...]] = ()
    deadlines: ClassVar[tuple[Deadline, ...]] = ()
    menu: ClassVar[tuple[MenuItem, ...]] = ()
    extra_actions: ClassVar[tuple[str, ...]] = ()
    #: Roles that close a case when the student leaves and delete it once the
    #: retention period has ended (school roles, e.g. the coordinator).
    retention_roles: ClassVar[tuple[str, ...]] = ()
    #: Years a closed case is kept after the student left; None: the portal's
    #: ``PORTAL_CASE_RETENTION_YEARS``.
    retention_years: ClassVar[int | None] = None

    #: Dotted path of the URLconf mounted under /j/<code>/ (None: no pages).
    urls: ClassVar[str | None] = None
    #: Dotted path of the conformance factory class (see plugins.sdk.conformance).
    conformance: ClassVar[str | None] = None
    #: Dotted path of ``load(world: dict) -> None``, called by ``manage.py load_demo``
    #: (``content.demo``) after the shared demo world exists, once per installed plugin.
    #: It must be idempotent (``get_or_create``: the command runs again on a filled
    #: database) and create fictional people only. ``world`` holds:
    #:
    #: - ``"county"``: the county ``Organisation``;
    #: - ``"municipalities"``: ``{"elvdal": Organisation, "bjorkas": Organisation}``;
    #: - ``"schools"``: ``[elvdal lower secondary, Bjørkås school, Nordvik upper
    #:   secondary]`` (``Organisation``; add your code to a school's ``jurisdictions``
    #:   list to use it);
    #: - ``"students"``: ``{"ola", "mia", "emil", "nora"}`` -> ``Student`` (Nora is of age);
    #: - ``"subjects"``: subject code (``"NOR"``, ``"MAT"``, ``"ENG"``, ...) -> ``Subject``;
    #: - ``"school_year"``: the current ``SchoolYear``;
    #: - ``"accounts"``: ``{"guardian", "guardian2", "student", "teacher", "coordinator",
    #:   "leader", "county"}`` -> ``Person`` of the shared demo logins (demo-guardian is
    #:   the guardian of Ola and Mia; demo-coordinator coordinates at Elvdal);
    #: - ``"account"``: ``account(username, given, family) -> (user, person)`` makes (or
    #:   finds) a demo login with the published password and second factor;
    #: - ``"guidance"``: the guidance pages (core use; plugins ignore it).
    demo: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for attr in TEXT_ATTRIBUTES:
            value = cls.__dict__.get(attr)
            if isinstance(value, Promise):
                setattr(cls, attr, DeclaredText(value))

    def __init__(self, app_config: AppConfig):
        self.app_config = app_config
        self.app_label = app_config.label

    # -- lookups -----------------------------------------------------------
    @property
    def actions(self) -> tuple[str, ...]:
        return ACTIONS + tuple(self.extra_actions)

    def role(self, code: str) -> Role:
        for role in self.roles:
            if role.code == code:
                return role
        raise KeyError(code)

    @property
    def role_codes(self) -> list[str]:
        return [r.code for r in self.roles]

    def implied_roles(self, code: str) -> set[str]:
        """The role itself and every role it implies, transitively."""
        seen: set[str] = set()
        todo = [code]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            todo.extend(self.role(current).implies)
        return seen

    def record_model(self, name: str) -> type:
        try:
            return self.app_config.get_model(name)
        except LookupError as exc:
            raise KeyError(name) from exc

    @property
    def record_types(self) -> list[str]:
        names: list[str] = []
        for cell in self.matrix:
            if cell.record not in names:
                names.append(cell.record)
        for wf in self.workflows:
            if wf.record not in names:
                names.append(wf.record)
        return names

    def cells(self, record: str, action: str | None = None) -> list[Permission]:
        return [
            c for c in self.matrix if c.record == record and (action is None or c.action == action)
        ]

    def workflow_for(self, record: str) -> Workflow | None:
        for wf in self.workflows:
            if wf.record == record:
                return wf
        return None

    # -- languages ---------------------------------------------------------
    def signing_language_codes(self) -> tuple[str, ...]:
        """The languages a family may sign in: the declared ones, else every UI language."""
        return tuple(self.signing_languages) or tuple(code for code, _n in settings.LANGUAGES)

    def official_language_code(self) -> str:
        """The jurisdiction's official language (documents to authorities, signing fallback)."""
        return self.official_language or (self.languages or (settings.LANGUAGE_CODE,))[0]

    # -- menus and start page ----------------------------------------------
    def roles_held_here(self, person) -> set[str]:
        """Roles ``person`` holds in this jurisdiction through the plugin's own tables.

        The core already counts school roles, teaching, guardianship and being
        a student; a plugin with relations of its own (e.g. mentorships) names
        the roles they give. Used for menus and the start page only: what a
        person may open is decided per record by the role matrix.
        """
        return set()

    # -- family pages ------------------------------------------------------
    def family_plans(self, student, user) -> list[dict]:
        """The active plans of ``student`` that ``user`` may see, for the family pages.

        Each item is a dict with ``title``, ``url`` and ``status`` (plain,
        translated text). Show only records ``plugins.access.permitted``
        lets ``user`` view; the default is no plans.
        """
        return []

    def conformance_factory(self):
        if not self.conformance:
            return None
        return import_string(self.conformance)(self)

    # -- validation --------------------------------------------------------
    def validate(self) -> None:
        """Raise ImproperlyConfigured with a message naming the plugin and the fault."""
        where = f"Jurisdiction plugin {self.app_label!r}"
        for attr in ("code", "name", "version"):
            if not getattr(self, attr):
                raise ImproperlyConfigured(f"{where} must declare {attr}.")
        self._check_texts(where)
        if not CODE_RE.match(self.code):
            raise ImproperlyConfigured(
                f"{where}: code {self.code!r} must be lower-case letters, digits and hyphens."
            )
        if not (1 <= int(self.age_of_majority) <= 30):
            raise ImproperlyConfigured(f"{where}: age_of_majority must be between 1 and 30.")
        codes = self.role_codes
        if len(set(codes)) != len(codes):
            raise ImproperlyConfigured(f"{where}: two roles share a code in {codes}.")
        ui_languages = [code for code, _n in settings.LANGUAGES]
        for lang in self.signing_language_codes():
            if lang not in ui_languages:
                raise ImproperlyConfigured(
                    f"{where}: signing language {lang!r} is not an interface language; "
                    f"settings.LANGUAGES has {', '.join(ui_languages)}."
                )
        if self.official_language_code() not in self.signing_language_codes():
            raise ImproperlyConfigured(
                f"{where}: official language {self.official_language_code()!r} must be one of "
                f"the signing languages ({', '.join(self.signing_language_codes())})."
            )
        for role in self.retention_roles:
            if role not in codes:
                raise ImproperlyConfigured(
                    f"{where}: retention role {role!r} is not a declared role; "
                    f"declared roles: {', '.join(codes)}."
                )
        if self.retention_years is not None and not (0 <= int(self.retention_years) <= 100):
            raise ImproperlyConfigured(f"{where}: retention_years must be between 0 and 100.")
        for role in self.roles:
            for implied in role.implies:
                if implied not in codes:
                    raise ImproperlyConfigured(
                        f"{where}: role {role.code!r} implies unknown role {implied!r}."
                    )
        for cell in self.matrix:
            if cell.action not in self.actions:
                raise ImproperlyConfigured(
                    f"{where}: matrix cell {cell.record}.{cell.action} names unknown action "
                    f"{cell.action!r}; known actions: {', '.join(self.actions)}."
                )
            for role in cell.roles:
                if role not in codes:
                    raise ImproperlyConfigured(
                        f"{where}: matrix cell {cell.record}.{cell.action} names unknown role "
                        f"{role!r}; declared roles: {', '.join(codes)}."
                    )
            self._check_record(where, cell.record)
        for wf in self.workflows:
            self._check_record(where, wf.record)
            model = self.record_model(wf.record)
            try:
                model._meta.get_field(wf.field)
            except Exception as exc:
                raise ImproperlyConfigured(
                    f"{where}: workflow of {wf.record} uses missing field {wf.field!r}."
                ) from exc
            states = wf.state_values
            if wf.initial not in states:
                raise ImproperlyConfigured(
                    f"{where}: workflow of {wf.record} starts in unknown state {wf.initial!r}."
                )
            names = [t.name for t in wf.transitions]
            if len(set(names)) != len(names):
                raise ImproperlyConfigured(
                    f"{where}: workflow of {wf.record} repeats a transition name."
                )
            for t in wf.transitions:
                for state in (*t.source, t.target):
                    if state not in states:
                        raise ImproperlyConfigured(
                            f"{where}: transition {wf.record}.{t.name} names unknown state {state!r}."
                        )
                for role in t.roles:
                    if role not in codes:
                        raise ImproperlyConfigured(
                            f"{where}: transition {wf.record}.{t.name} names unknown role {role!r}."
                        )
                if t.consent and t.consent not in [c.code for c in self.consents]:
                    raise ImproperlyConfigured(
                        f"{where}: transition {wf.record}.{t.name} needs undeclared consent {t.consent!r}."
                    )
        for consent in self.consents:
            self._check_record(where, consent.record)
        for doc in self.documents:
            self._check_record(where, doc.record)
        for dl in self.deadlines:
            if not (1 <= dl.month <= 12 and 1 <= dl.day <= 31):
                raise ImproperlyConfigured(f"{where}: deadline {dl.code} has an impossible date.")

    def _check_texts(self, where: str) -> None:
        """Every label and marking is a ``str`` or a lazy translation (``gettext_lazy``)."""
        texts = [(attr, getattr(self, attr)) for attr in TEXT_ATTRIBUTES]
        texts += [(f"role {r.code!r} label", r.label) for r in self.roles]
        for wf in self.workflows:
            texts += [(f"state {v!r} of {wf.record}", label) for v, label in wf.states]
            texts += [
                (f"transition {wf.record}.{t.name} label", t.label)
                for t in wf.transitions
                if t.label
            ]
        for kind, specs in (
            ("consent", self.consents),
            ("document", self.documents),
            ("deadline", self.deadlines),
        ):
            texts += [(f"{kind} {spec.code!r} label", spec.label) for spec in specs]
        texts += [(f"menu item {m.url_name!r} label", m.label) for m in self.menu]
        for what, value in texts:
            if not is_text(value):
                raise ImproperlyConfigured(
                    f"{where}: {what} must be text (a str or gettext_lazy(...)), "
                    f"not {type(value).__name__}."
                )

    def _check_record(self, where: str, name: str) -> None:
        try:
            model = self.record_model(name)
        except KeyError:
            raise ImproperlyConfigured(
                f"{where}: record type {name!r} is not a model of app {self.app_label!r}."
            ) from None
        if not getattr(model, "portal_student_path", None) and not getattr(
            model, "portal_school_path", None
        ):
            raise ImproperlyConfigured(
                f"{where}: model {name} must set portal_student_path (the ORM path to its "
                "Student), or for a school-level record portal_school_path."
            )

    # -- description -------------------------------------------------------
    def describe(self) -> dict:
        """A JSON-ready description, used by ``manage.py jurisdictions --json``."""
        return {
            "code": self.code,
            "name": str(self.name),
            "version": self.version,
            "app": self.app_label,
            "languages": list(self.languages),
            "signing_languages": list(self.signing_language_codes()),
            "official_language": self.official_language_code(),
            "age_of_majority": self.age_of_majority,
            "url_prefix": f"/j/{self.code}/" if self.urls else None,
            "roles": [
                {"code": r.code, "label": str(r.label), "relation": str(r.relation)}
                for r in self.roles
            ],
            "matrix": [
                {
                    "record": c.record,
                    "action": c.action,
                    "roles": list(c.roles),
                    "when": c.when.label if c.when else None,
                }
                for c in self.matrix
            ],
            "workflows": [
                {
                    "record": wf.record,
                    "field": wf.field,
                    "initial": wf.initial,
                    "states": [v for v, _ in wf.states],
                    "transitions": [
                        {
                            "name": t.name,
                            "from": list(t.source),
                            "to": t.target,
                            "roles": list(t.roles),
                            "guards": [g.label for g in t.guards],
                            "step_up": t.step_up,
                            "consent": t.consent,
                        }
                        for t in wf.transitions
                    ],
                }
                for wf in self.workflows
            ],
            "consents": [
                {
                    "code": c.code,
                    "label": str(c.label),
                    "record": c.record,
                    "signers": c.signers,
                    "unlocks": c.unlocks,
                }
                for c in self.consents
            ],
            "documents": [
                {"code": d.code, "label": str(d.label), "record": d.record} for d in self.documents
            ],
            "deadlines": [
                {
                    "code": d.code,
                    "label": str(d.label),
                    "date": f"{d.day:02d}.{d.month:02d}",
                    "responsible": d.responsible,
                }
                for d in self.deadlines
            ],
        }


class JurisdictionConfig(AppConfig):
    """AppConfig base for jurisdiction plugins.

    Set ``jurisdiction`` to the Jurisdiction subclass (or its dotted path).
    ``ready()`` validates the declaration and registers it; a fault stops
    start-up with a message that names the plugin.
    """

    jurisdiction: type[Jurisdiction] | str | None = None
    default_auto_field = "django.db.models.BigAutoField"
    # The base class itself is never an app's config; its subclasses are
    # (Django picks the single ``default`` AppConfig found in apps.py).
    default = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "default" not in cls.__dict__:
            cls.default = True

    def ready(self):
        from plugins.registry import registry

        decl = self.jurisdiction
        if decl is None:
            raise ImproperlyConfigured(
                f"App {self.label!r} must set JurisdictionConfig.jurisdiction."
            )
        if isinstance(decl, str):
            decl = import_string(decl)
        registry.register(decl(self))
