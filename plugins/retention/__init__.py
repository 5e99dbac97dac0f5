"""Closing a case when the student leaves, and deleting it once its retention period ends.

A case is everything the portal holds about one student: the student's
records in every jurisdiction, documents and their files, consents and their
receipts, the workflow history, drafts of the records' fields and bundles
holding the student's documents. A case is *closed* by setting the day the
student left the school (``Student.left_on``); it is kept for the retention
period (the longest ``retention_years`` of the jurisdictions at the school,
else ``settings.PORTAL_CASE_RETENTION_YEARS``) and may be deleted after it.

Who may close and delete is declared by each jurisdiction
(``retention_roles``) and decided by ``plugins.access.can`` with the actions
``close_case`` and ``delete_case`` on a ``Student``; this module answers those
questions and does the deletion. The deletion leaves one audit row, which
names the case by its number only; earlier audit rows keep no link to the
student (they never held content).
"""

from __future__ import annotations

import datetime
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps as django_apps
from django.conf import settings
from django.db import router, transaction
from django.db.models import Q
from django.db.models.deletion import Collector, ProtectedError
from django.utils import timezone

CLOSE = "close_case"
DELETE = "delete_case"
ACTIONS = (CLOSE, DELETE)
#: Matches no student: every protecting row is someone else's.
NO_STUDENT = -1

log = logging.getLogger(__name__)


class CaseInUse(Exception):
    """Rows outside the case still point at it (another student's record, say)."""

    def __init__(self, blockers):
        self.blockers = list(blockers)
        super().__init__(
            ", ".join(sorted({str(type(b)._meta.verbose_name) for b in self.blockers}))
        )


# -- the period --------------------------------------------------------------
def _jurisdictions():
    from plugins.registry import registry

    return registry.all()


def years_for(student) -> int:
    """The longest retention of the jurisdictions whose case work runs at the student's school."""
    default = int(settings.PORTAL_CASE_RETENTION_YEARS)
    codes = set(student.school.jurisdictions or [])
    years = [
        default if j.retention_years is None else int(j.retention_years)
        for j in _jurisdictions()
        if j.code in codes
    ]
    return max(years, default=default)


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)


def kept_until(student) -> datetime.date | None:
    """The last day the closed case is kept (None: the case is open)."""
    if student.left_on is None:
        return None
    return add_years(student.left_on, years_for(student))


def is_due(student, today: datetime.date | None = None) -> bool:
    """Closed, and the retention period is over."""
    until = kept_until(student)
    return until is not None and until < (today or timezone.localdate())


# -- who ---------------------------------------------------------------------
def keepers_q(user) -> Q:
    """A filter on ``Student``: the students ``user`` holds a retention role towards."""
    from plugins.models import Student

    q = Q(pk__in=[])
    if not getattr(user, "is_active", False) or not getattr(user, "is_authenticated", False):
        return q
    for j in _jurisdictions():
        for code in j.retention_roles:
            q |= j.role(code).relation.q(user, j, Student)
    return q


def cases_for(user):
    """Students whose cases ``user`` may close (and, once due, delete)."""
    from plugins.models import Student

    return Student.objects.filter(keepers_q(user))


def keeper_role_names() -> set[str]:
    """School role names (``RoleAssignment.role``) behind every retention role, for menus."""
    names = set()
    for j in _jurisdictions():
        for code in j.retention_roles:
            relation = j.role(code).relation
            names.add(getattr(relation, "role", code))
    return names


def allowed(user, action: str, student) -> bool:
    """The answer ``plugins.access.can`` gives for ``close_case`` / ``delete_case``."""
    from plugins.models import Student

    if action not in ACTIONS or student is None or student.pk is None:
        return False
    if not Student.objects.filter(pk=student.pk).filter(keepers_q(user)).exists():
        return False
    if action == DELETE:
        return is_due(student)
    return True


def narrow(user, action: str, queryset):
    """The answer ``plugins.access.permitted`` gives for ``close_case`` / ``delete_case``."""
    narrowed = queryset.filter(keepers_q(user))
    if action == DELETE:
        due = [s.pk for s in narrowed.select_related("school") if is_due(s)]
        narrowed = queryset.filter(pk__in=due)
    return narrowed


def declare_to_access() -> None:
    """Tell ``plugins.access`` who may close and delete whole cases (from ``AppConfig.ready``)."""
    from plugins import access
    from plugins.models import Student

    access.register_record_actions(
        ACTIONS, model=Student, allowed=allowed, narrow=narrow, seen=CLOSE
    )


def role_used(user, student) -> str:
    for j in _jurisdictions():
        for code in j.retention_roles:
            if j.role(code).relation.test(user, student, j):
                return code
    return ""


# -- closing -----------------------------------------------------------------
def close(request, student, left_on: datetime.date) -> None:
    from plugins import audit
    from plugins.models import Student

    with transaction.atomic():
        Student.objects.filter(pk=student.pk).update(left_on=left_on)
        student.left_on = left_on
        audit.record(request, "manage", record=student, role=role_used(request.user, student))


def reopen(request, student) -> None:
    from plugins import audit
    from plugins.models import Student

    with transaction.atomic():
        Student.objects.filter(pk=student.pk).update(left_on=None)
        student.left_on = None
        audit.record(request, "manage", record=student, role=role_used(request.user, student))


# -- deleting ----------------------------------------------------------------
@dataclass
class Deletion:
    """What a deletion removed (or, for a preview, would remove)."""

    rows: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    draft_prefixes: set[str] = field(default_factory=set)

    def count(self, label: str, n: int) -> None:
        if n:
            self.rows[label] = self.rows.get(label, 0) + n

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def by_name(self) -> list[tuple[str, int]]:
        """(verbose plural name, count), largest first."""
        named: dict[str, int] = {}
        for label, n in self.rows.items():
            try:
                name = str(django_apps.get_model(label)._meta.verbose_name_plural)
            except LookupError:
                name = label
            named[name] = named.get(name, 0) + n
        return sorted(named.items(), key=lambda item: (-item[1], item[0]))


def _student_pk_of(obj) -> int | None:
    from plugins.audit import student_id_of

    try:
        return student_id_of(obj)
    except Exception:  # a model without a path to a student  # noqa: BLE001
        return None


def _remember_drafts(collector: Collector, result: Deletion) -> None:
    for model, instances in collector.data.items():
        meta = model._meta
        for obj in instances:
            result.draft_prefixes.add(f"{meta.app_label}.{meta.model_name}.{obj.pk}.")
    for qs in collector.fast_deletes:
        meta = qs.model._meta
        if meta.pk is None or not hasattr(qs, "values_list"):
            continue
        for pk in qs.values_list("pk", flat=True):
            result.draft_prefixes.add(f"{meta.app_label}.{meta.model_name}.{pk}.")


def _delete_objects(objs, student_pk: int, result: Deletion, depth: int = 0) -> None:
    """Delete ``objs`` with everything that cascades from them.

    Rows that protect one of them are deleted first when they belong to the
    same student; a protecting row of anyone else stops the deletion.
    """
    if not objs:
        return
    if depth > 10:
        raise CaseInUse(objs)
    using = router.db_for_write(type(objs[0]))
    while True:
        collector = Collector(using=using)
        try:
            collector.collect(objs)
            break
        except ProtectedError as exc:
            blockers = list(exc.protected_objects)
            foreign = [b for b in blockers if _student_pk_of(b) != student_pk]
            if foreign:
                raise CaseInUse(foreign) from exc
            _delete_objects(blockers, student_pk, result, depth + 1)
    _remember_drafts(collector, result)
    _, counts = collector.delete()
    for label, n in counts.items():
        result.count(label, n)


def _bundles_of(student_pk: int):
    from plugins.documents.models import BundleJob

    return [
        job
        for job in BundleJob.objects.only("pk", "file", "student_ids")
        if student_pk in (job.student_ids or [])
    ]


def _delete_rows(student) -> Deletion:
    from plugins.consent.models import ConsentReceipt, ConsentRequest
    from plugins.documents.models import BundleJob, Document
    from plugins.drafts.models import Draft
    from plugins.models import Person, Student, TransitionLog

    result = Deletion()
    pk = student.pk
    # A copy of our own: deleting clears the primary keys of the instances it is given.
    student = Student.objects.select_related("person").get(pk=pk)
    result.files += [
        f for f in Document.objects.filter(student=student).values_list("file", flat=True) if f
    ]
    bundles = _bundles_of(pk)
    result.files += [b.file for b in bundles if b.file]
    result.count(
        "documents.BundleJob", BundleJob.objects.filter(pk__in=[b.pk for b in bundles]).delete()[0]
    )

    # Consent receipts are append-only everywhere else: the end of the
    # retention period is the one time they go, with their requests.
    asked = ConsentRequest._base_manager.filter(student=student)
    asked.update(superseded_by=None)
    receipts = ConsentReceipt._base_manager.filter(request__student=student)
    result.count("consent.ConsentReceipt", receipts.count())
    receipts._raw_delete(receipts.db)
    result.count("consent.ConsentRequest", asked.delete()[0])
    # Workflow history holds notes: it goes with the case.
    result.count("plugins.TransitionLog", TransitionLog.objects.filter(student=student).delete()[0])

    person = student.person
    guardians = list(Person.objects.filter(wards__student=student))
    _delete_objects([student], pk, result)

    # The student's and guardians' own rows go too when nothing else ties
    # them to the portal (no other child, role, class or case).
    for someone in [person, *guardians]:
        _delete_person_if_unattached(someone, result)

    for prefix in result.draft_prefixes:
        result.count("drafts.Draft", Draft.objects.filter(key__startswith=prefix).delete()[0])
    if Student.objects.filter(pk=pk).exists():  # pragma: no cover - a cascade gone wrong
        raise CaseInUse([student])
    return result


def _delete_person_if_unattached(person, result: Deletion) -> None:
    from plugins.models import GuardianRelation, Person, RoleAssignment, Student, TeachingAssignment

    if (
        Student.objects.filter(person=person).exists()
        or GuardianRelation.objects.filter(guardian=person).exists()
        or RoleAssignment.objects.filter(person=person).exists()
        or TeachingAssignment.objects.filter(teacher=person).exists()
    ):
        return
    user = person.user
    try:
        _delete_objects([person], NO_STUDENT, result)
    except CaseInUse:
        return  # still named somewhere else (a team, say): keep the person
    if user is not None and not (user.is_staff or user.is_superuser):
        if not Person.objects.filter(user=user).exists():
            _delete_objects([user], NO_STUDENT, result)


def preview(student) -> Deletion:
    """What ``delete_case`` would remove, worked out by doing it and rolling back."""
    with transaction.atomic():
        result = _delete_rows(student)
        transaction.set_rollback(True)
    return result


def delete_case(request, student) -> Deletion:
    """Delete the case in one transaction; remove its files once it is committed.

    Leaves one audit row (action ``delete``, record type ``Case``, the
    student's number) and nothing of the content.
    """
    from plugins import audit

    if not is_due(student):
        raise ValueError("The retention period of this case has not ended.")
    role = role_used(request.user, student)
    pk = student.pk
    with transaction.atomic():
        result = _delete_rows(student)
        audit.record(request, "delete", role=role, record_type="Case", record_id=str(pk))
        files = list(result.files)
        transaction.on_commit(lambda: _remove_files(files))
    return result


def _remove_files(names: list[str]) -> None:
    from plugins.documents.storage import private_storage

    storage = private_storage()
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            log.warning("A file of a deleted case could not be removed: %s", name)
    # Rendered pages are cached by content hash; the cache cannot tell whose
    # they are, so it is emptied (it fills again on demand).
    shutil.rmtree(Path(settings.PRIVATE_STORAGE_ROOT) / "cache" / "render", ignore_errors=True)
