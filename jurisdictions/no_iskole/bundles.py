"""The school application's merged PDF: per student, the application and its attachments.

It goes to the county: always in the jurisdiction's official language, whoever builds it.
"""

from django.utils import translation
from django.utils.translation import gettext as _

from plugins.access import permitted
from plugins.documents import Attachment, Rendered, Section

from .documents import application_context
from .models import CODE, SchoolApplication, StudentApplication
from .services import attachments_of


def school_application_bundle(*, user, school_application_id):
    """Sections for the students of one school application ``user`` may download."""
    sa = permitted(user, "download", SchoolApplication.objects.filter(pk=school_application_id))
    sa = sa.first()
    if sa is None:
        return []
    from plugins.registry import registry

    marking = registry.get(CODE).confidentiality
    language = registry.get(CODE).official_language_code()
    apps = permitted(
        user,
        "view",
        StudentApplication.objects.filter(school_application=sa).select_related(
            "student__person", "student__school"
        ),
    ).order_by("student__person__family_name", "student__person__given_name", "pk")
    sections = []
    with translation.override(language):
        for app in apps:
            name = app.student.name
            items = [
                Rendered(
                    "no_iskole/pdf/student_application.html",
                    {**application_context(app), "school_application": sa},
                    title=_("Application for special education"),
                    student_name=name,
                    confidentiality=marking,
                    language=language,
                )
            ]
            docs = permitted(user, "download", attachments_of(app))
            items += [Attachment(doc.title, document=doc) for doc in docs]
            sections.append(Section(name, items, student_id=app.student_id))
    return sections
