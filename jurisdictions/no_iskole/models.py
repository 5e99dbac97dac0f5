"""Records of the Norwegian IOP module (individuell opplæringsplan).

The flow: the school writes a student application (søknad om IOP), the
family approves it, the school sends a school application (skolens søknad)
to its county or municipality, the decision gives the student the status
special education (spesialundervisning), and the IOP follows: part 1
(overall plan) with publication stages, part 2 per subject, assessments,
the annual report and the appendix to the certificate of competence.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plugins.documents.models import Document
from plugins.models import Organisation, Person, SchoolYear, Student, Subject

#: The registry code of the plugin (URL namespace, document owner, role scope).
CODE = "no-iskole"


class ApplicationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    UNDER_CONSIDERATION = "under_consideration", _("Under consideration")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class SchoolApplicationStatus(models.TextChoices):
    OPEN = "open", _("Being prepared")
    SENT = "sent", _("Sent")


class Stage(models.TextChoices):
    """Publication stage of an IOP (publiseringsstatus)."""

    IN_PREPARATION = "in_preparation", _("In preparation")
    PUBLISHED_TO_TEACHERS = "published_to_teachers", _("Published to teachers")
    PUBLISHED_TO_FAMILY = "published_to_family", _("Published to student and guardians")
    HALF_YEAR_PUBLISHED = "half_year_published", _("Half-year assessment published")
    ANNUAL_REPORT_PUBLISHED = "annual_report_published", _("Annual report published")


STAGE_ORDER = Stage.values


class AnnualReportStatus(models.TextChoices):
    OPEN = "open", _("Being written")
    SENT = "sent", _("Sent to the county or municipality")


class WorkStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class AssessmentKind(models.TextChoices):
    HALF_YEAR = "half_year", _("Half-year assessment")
    ANNUAL = "annual", _("Annual assessment")


class School(Organisation):
    """A school seen through this plugin's matrix: who may list its students and manage roles."""

    portal_student_path = None
    portal_school_path = "pk"

    class Meta:
        proxy = True
        verbose_name = _("school")


class SchoolApplication(models.Model):
    """The school's joint application to one county or municipality (skolens søknad)."""

    school = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="no_iskole_school_applications"
    )
    name = models.CharField(
        _("name"), max_length=120, help_text=_("Who it is sent to, e.g. “Nordvik County”.")
    )
    addressee = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent to"),
        limit_choices_to={"kind__in": ["county", "municipality"]},
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SchoolApplicationStatus.choices,
        default=SchoolApplicationStatus.OPEN,
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # A school-level record: only school roles reach it.
    portal_student_path = None
    portal_school_path = "school"

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("school application")
        verbose_name_plural = _("school applications")

    def __str__(self):
        return self.name

    @property
    def is_sent(self) -> bool:
        return self.status == SchoolApplicationStatus.SENT


class StudentApplication(models.Model):
    """A student's application for special education with an IOP (elevsøknad)."""

    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="no_iskole_applications"
    )
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.REGISTERED,
        db_index=True,
    )
    expert_assessment = models.TextField(
        _("summary of the expert assessment"),
        blank=True,
        help_text=_("What the educational-psychological service (PPT) concluded."),
    )
    goals = models.TextField(_("goals of the education"), blank=True)
    other_information = models.TextField(_("other information"), blank=True)
    subjects = models.ManyToManyField(
        Subject, related_name="+", blank=True, verbose_name=_("subjects applied for")
    )
    school_application = models.ForeignKey(
        SchoolApplication,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="student_applications",
        verbose_name=_("school application"),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    portal_student_path = "student"

    class Meta:
        ordering = ["student__person__family_name", "student__person__given_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["student"],
                condition=~Q(status="refused"),
                name="no_iskole_one_open_application_per_student",
            )
        ]
        verbose_name = _("student application")
        verbose_name_plural = _("student applications")

    def __str__(self):
        return str(_("Application for %(name)s") % {"name": self.student.name})

    @property
    def attached_key(self) -> str:
        return f"StudentApplication:{self.pk}"

    @property
    def locked_by_sent_school_application(self) -> bool:
        return bool(self.school_application_id and self.school_application.is_sent)


class SpecialEducation(models.Model):
    """The student's status "special education" (elevstatus spesialundervisning).

    Set by a granted application in the portal, or registered directly from a
    decision made outside the portal (then ``application`` is empty and
    ``decided_on``, ``reference`` and ``registered_by`` say which decision).
    """

    student = models.OneToOneField(
        Student, on_delete=models.CASCADE, related_name="no_iskole_special_education"
    )
    since = models.DateField(_("since"), default=timezone.localdate)
    application = models.ForeignKey(
        StudentApplication, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(_("date of the decision"), null=True, blank=True)
    reference = models.CharField(
        _("reference of the decision"),
        max_length=120,
        blank=True,
        help_text=_("Optional: who decided and their case number, e.g. “Nordvik County 24/118”."),
    )
    registered_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    portal_student_path = "student"

    class Meta:
        verbose_name = _("special education status")

    def __str__(self):
        return str(_("Special education"))


class Iop(models.Model):
    """IOP part 1: mapping, overall goals, organisation; with its publication stage."""

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="no_iskole_iops")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(
        _("publication stage"),
        max_length=30,
        choices=Stage.choices,
        default=Stage.IN_PREPARATION,
        db_index=True,
    )
    mapping = models.TextField(
        _("mapping"), blank=True, help_text=_("What the school knows of the student's needs.")
    )
    overall_goals = models.TextField(_("overall goals"), blank=True)
    organisation = models.TextField(
        _("organisation of the teaching"),
        blank=True,
        help_text=_("Where, when, how and by whom the special education is given."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    portal_student_path = "student"

    class Meta:
        ordering = ["student__person__family_name", "student__person__given_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "school_year"], name="no_iskole_one_iop_per_year"
            )
        ]
        verbose_name = _("IOP")
        verbose_name_plural = _("IOPs")

    def __str__(self):
        return str(_("IOP for %(name)s") % {"name": self.student.name})

    def stage_reached(self, stage: str) -> bool:
        return STAGE_ORDER.index(self.stage) >= STAGE_ORDER.index(str(stage))


class SubjectPlan(models.Model):
    """IOP part 2 for one subject with special education."""

    iop = models.ForeignKey(Iop, on_delete=models.CASCADE, related_name="subject_plans")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    competence_goals = models.TextField(_("competence goals"), blank=True)
    learning_goals = models.TextField(_("learning goals and content"), blank=True)
    work_status = models.CharField(
        _("teacher's work status"),
        max_length=20,
        choices=WorkStatus.choices,
        default=WorkStatus.NOT_STARTED,
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    portal_student_path = "iop__student"

    class Meta:
        ordering = ["subject__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["iop", "subject"], name="no_iskole_one_plan_per_subject"
            )
        ]
        verbose_name = _("IOP part 2 subject")

    def __str__(self):
        return self.subject.name


class SubjectAssessment(models.Model):
    """A half-year or annual assessment of one subject (vurdering 1. halvår / årsvurdering)."""

    subject_plan = models.ForeignKey(
        SubjectPlan, on_delete=models.CASCADE, related_name="assessments"
    )
    # Copied from the subject plan so the role "teaches this subject" reads it directly.
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    iop = models.ForeignKey(Iop, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=AssessmentKind.choices)
    text = models.TextField(_("assessment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    portal_student_path = "iop__student"

    class Meta:
        ordering = ["subject__name", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_plan", "kind"], name="no_iskole_one_assessment_per_kind"
            )
        ]
        verbose_name = _("subject assessment")

    def __str__(self):
        return f"{self.subject.name}: {self.get_kind_display()}"


class AnnualReport(models.Model):
    """The annual report (årsrapport) of an IOP."""

    iop = models.OneToOneField(Iop, on_delete=models.CASCADE, related_name="annual_report")
    summary = models.TextField(_("overall summary of the teaching given"), blank=True)
    teaching_assessment = models.TextField(_("assessment of the teaching given"), blank=True)
    continued_need = models.TextField(_("need for a continued IOP"), blank=True)
    #: Once sent to the county or municipality the report no longer changes.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AnnualReportStatus.choices,
        default=AnnualReportStatus.OPEN,
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    sent_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    portal_student_path = "iop__student"

    class Meta:
        verbose_name = _("annual report")

    def __str__(self):
        return str(_("Annual report"))

    @property
    def is_sent(self) -> bool:
        return self.status == AnnualReportStatus.SENT


class CertificateAppendix(models.Model):
    """What goes into the appendix to the certificate of competence (vedlegg til kompetansebevis)."""

    iop = models.OneToOneField(Iop, on_delete=models.CASCADE, related_name="certificate_appendix")
    content = models.TextField(
        _("content of the education"),
        blank=True,
        help_text=_("Per subject: what the student has been taught and has achieved."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    portal_student_path = "iop__student"

    class Meta:
        verbose_name = _("appendix to the certificate of competence")

    def __str__(self):
        return str(_("Appendix to the certificate of competence"))


class LogEntry(models.Model):
    """A dated free-text entry in the IOP's log. Entries are never edited."""

    iop = models.ForeignKey(Iop, on_delete=models.CASCADE, related_name="log_entries")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200)
    text = models.TextField(_("entry"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    portal_student_path = "iop__student"

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("log entry")

    def __str__(self):
        return self.text[:40]


class IopDocument(Document):
    """A document of a student's IOP, seen through this plugin's role matrix."""

    portal_student_path = "student"

    class Meta:
        proxy = True
        verbose_name = _("IOP document")
