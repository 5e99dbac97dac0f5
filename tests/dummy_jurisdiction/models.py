from django.db import models

from plugins.documents.models import Document
from plugins.models import Student, Subject


class CaseStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SHARED = "shared", "Shared with family"
    APPROVED = "approved", "Approved"
    CLOSED = "closed", "Closed"


class Case(models.Model):
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.DRAFT)
    summary = models.TextField(blank=True)
    visible_to_teachers = models.BooleanField(default=False)

    portal_student_path = "student"

    def __str__(self):
        return f"Case {self.pk}"


class SubjectNote(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)

    portal_student_path = "case__student"

    def __str__(self):
        return f"Note {self.pk}"


class CaseDocument(Document):
    """A document of a case, seen through the dummy matrix (teachers: only when made visible)."""

    portal_student_path = "student"

    class Meta:
        proxy = True
