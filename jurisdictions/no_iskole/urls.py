from django.urls import path

from .views import applications, documents, iop, school, students

app_name = "no_iskole"
urlpatterns = [
    path("", students.student_list, name="index"),
    path("applications/new/", applications.application_new, name="application-new"),
    path("applications/<int:pk>/", applications.application_detail, name="application"),
    path("applications/<int:pk>/edit/", applications.application_edit, name="application-edit"),
    path(
        "applications/<int:pk>/delete/", applications.application_delete, name="application-delete"
    ),
    path(
        "applications/<int:pk>/step/<str:name>/",
        applications.application_step,
        name="application-step",
    ),
    path(
        "applications/<int:pk>/attachments/",
        applications.application_attachments,
        name="application-attachments",
    ),
    path(
        "applications/<int:pk>/attachments/<uuid:uuid>/remove/",
        applications.application_detach,
        name="application-detach",
    ),
    path("applications/<int:pk>/pdf/", applications.application_pdf, name="application-pdf"),
    path("school-applications/", school.school_applications, name="school-applications"),
    path("school-applications/<int:pk>/", school.school_application, name="school-application"),
    path(
        "school-applications/<int:pk>/add/",
        school.school_application_add,
        name="school-application-add",
    ),
    path(
        "school-applications/<int:pk>/remove/<int:app_pk>/",
        school.school_application_remove,
        name="school-application-remove",
    ),
    path(
        "school-applications/<int:pk>/send/",
        school.school_application_send,
        name="school-application-send",
    ),
    path(
        "school-applications/<int:pk>/pdf/",
        school.school_application_pdf,
        name="school-application-pdf",
    ),
    path("students/<int:student_pk>/iop/new/", iop.iop_start, name="iop-start"),
    path("decisions/new/", iop.decision_new, name="decision-new"),
    path("students/<int:student_pk>/decision/", iop.decision, name="decision"),
    path("iop/switch/", students.iop_switch, name="iop-switch"),
    path("iop/<int:pk>/", iop.iop_detail, name="iop"),
    path("iop/<int:pk>/edit/", iop.iop_edit, name="iop-edit"),
    path("iop/<int:pk>/stage/", iop.iop_stage, name="iop-stage"),
    path("iop/<int:pk>/log/", iop.iop_log, name="iop-log"),
    path("iop/<int:pk>/subjects/add/", iop.iop_add_subject, name="iop-add-subject"),
    path("iop/<int:pk>/annual-report/", iop.annual_report_edit, name="annual-report"),
    path("iop/<int:pk>/annual-report/send/", iop.annual_report_send, name="annual-report-send"),
    path("iop/<int:pk>/appendix/", iop.appendix_edit, name="appendix"),
    path("iop/<int:pk>/documents/upload/", documents.document_upload, name="document-upload"),
    path("iop/<int:pk>/pdf/<str:doc>/", documents.iop_pdf, name="iop-pdf"),
    path("subjects/<int:pk>/", iop.subject_edit, name="subject"),
    path("documents/<uuid:uuid>/edit/", documents.document_edit, name="document-edit"),
    path("documents/<uuid:uuid>/delete/", documents.document_delete, name="document-delete"),
    path("schools/<int:pk>/coordinators/", school.coordinators, name="coordinators"),
]
