"""The core data model every jurisdiction builds on.

Organisations form a tree (county > municipality > school). People are
linked to a login when they have one. Students, guardianships, teaching
assignments and role assignments are the relations the access rules read.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COUNTY = "county", _("County")
        MUNICIPALITY = "municipality", _("Municipality")
        SCHOOL = "school", _("School")
        PRESCHOOL = "preschool", _("Preschool")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    #: School type as used by the jurisdiction (e.g. lower secondary).
    level = models.CharField(_("level"), max_length=40, blank=True)
    #: Jurisdiction codes whose case work runs at this organisation.
    jurisdictions = models.JSONField(_("jurisdictions"), default=list, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    @property
    def is_school(self) -> bool:
        return self.kind in (self.Kind.SCHOOL, self.Kind.PRESCHOOL)

    def ancestors(self) -> list[Organisation]:
        """Parents up to the root, nearest first."""
        chain, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain

    def owner(self) -> Organisation | None:
        """The school owner: the nearest municipality or county above a school."""
        return next(iter(self.ancestors()), None)


class SchoolYear(models.Model):
    name = models.CharField(_("name"), max_length=20, unique=True)  # "2026/27"
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"))

    class Meta:
        ordering = ["-starts"]
        verbose_name = _("school year")
        verbose_name_plural = _("school years")

    def __str__(self):
        return self.name

    @classmethod
    def for_date(cls, day: datetime.date | None = None) -> SchoolYear | None:
        day = day or timezone.localdate()
        return cls.objects.filter(starts__lte=day, ends__gte=day).first()

    @staticmethod
    def name_for(day: datetime.date) -> str:
        """School years run from 1 August: 2026-11-23 is in 2026/27."""
        start = day.year if day.month >= 8 else day.year - 1
        return f"{start}/{str(start + 1)[-2:]}"


class Person(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("preferred language"), max_length=10, blank=True)

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Subject(models.Model):
    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")

    def __str__(self):
        return self.name


class Group(models.Model):
    """A class or teaching group at a school in one school year."""

    school = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="groups")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="groups")
    name = models.CharField(_("name"), max_length=40)
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)

    class Meta:
        ordering = ["school", "name"]
        unique_together = [("school", "school_year", "name")]
        verbose_name = _("class")
        verbose_name_plural = _("classes")

    def __str__(self):
        return f"{self.name} ({self.school})"


def majority_cutoff(age: int, on: datetime.date | None = None) -> datetime.date:
    """Latest birth date of someone who is ``age`` or older on ``on``."""
    on = on or timezone.localdate()
    try:
        return on.replace(year=on.year - age)
    except ValueError:  # 29 February in a non-leap target year
        return on.replace(year=on.year - age, day=28)


class Student(models.Model):
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="student")
    birth_date = models.DateField(_("birth date"))
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="students")
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="students"
    )
    subjects = models.ManyToManyField(
        Subject, blank=True, related_name="students", verbose_name=_("registered subjects")
    )
    #: The day the student left the school and the case was closed; the
    #: retention period runs from here (see ``plugins.retention``).
    left_on = models.DateField(_("left the school on"), null=True, blank=True)

    portal_student_path = "pk"

    class Meta:
        ordering = ["person__family_name", "person__given_name"]
        verbose_name = _("student")
        verbose_name_plural = _("students")

    def __str__(self):
        return str(self.person)

    @property
    def name(self) -> str:
        return self.person.full_name

    def age_on(self, day: datetime.date | None = None) -> int:
        day = day or timezone.localdate()
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def is_of_age(
        self, age_of_majority: int | None = None, on: datetime.date | None = None
    ) -> bool:
        if age_of_majority is None:
            age_of_majority = settings.PORTAL_DEFAULT_AGE_OF_MAJORITY
        return self.birth_date <= majority_cutoff(age_of_majority, on)


class GuardianRelation(models.Model):
    guardian = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="wards")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="guardianships")
    kind = models.CharField(_("relation"), max_length=40, default="parent")
    #: Set by a student of age who lets this guardian keep access.
    access_granted_by_student = models.BooleanField(_("access granted by student"), default=False)

    class Meta:
        unique_together = [("guardian", "student")]
        verbose_name = _("guardian relation")
        verbose_name_plural = _("guardian relations")

    def __str__(self):
        return f"{self.guardian} → {self.student}"


class TeachingAssignment(models.Model):
    """A teacher teaches a subject to a group, to named students, or both."""

    teacher = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="teaching")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="assignments")
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.PROTECT, related_name="assignments"
    )
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="assignments"
    )
    students = models.ManyToManyField(Student, blank=True, related_name="teaching_assignments")

    class Meta:
        verbose_name = _("teaching assignment")
        verbose_name_plural = _("teaching assignments")

    def __str__(self):
        return f"{self.teacher}: {self.subject}"


class RoleAssignment(models.Model):
    """A role held at an organisation, optionally only for one jurisdiction.

    Examples: coordinator at a school (granted by its leader), leader of a
    school, case officer at a municipality or county.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=40)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="role_assignments"
    )
    jurisdiction = models.CharField(
        _("jurisdiction"), max_length=60, blank=True, help_text=_("Empty: every jurisdiction.")
    )
    granted_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")

    def __str__(self):
        return f"{self.person}: {self.role} @ {self.organisation}"


class TransitionLog(models.Model):
    """One fired workflow transition: who, when, from, to, and the note."""

    jurisdiction = models.CharField(max_length=60)
    record_type = models.CharField(max_length=80)
    record_id = models.CharField(max_length=64)
    student = models.ForeignKey(
        Student, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    transition = models.CharField(max_length=80)
    from_state = models.CharField(max_length=60)
    to_state = models.CharField(max_length=60)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_role = models.CharField(max_length=60, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["jurisdiction", "record_type", "record_id"])]
        verbose_name = _("transition")
        verbose_name_plural = _("transition history")

    def __str__(self):
        return f"{self.record_type} {self.record_id}: {self.from_state} → {self.to_state}"


# Model registration only: Django finds the "plugins" app's models in this
# module, and the audit trail's table belongs to that app. This is the one
# import of a service by a foundation module, allowed by tests/plugins/test_layers.py
# (plugins.audit.models itself imports no service).
from plugins.audit.models import AuditEvent  # noqa: E402,F401
