from django.urls import path

from . import views

app_name = "no_iskole"
urlpatterns = [
    path("", views.student_list, name="index"),
    path("applications/new/", views.application_new, name="application-new"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application-edit"),
    path("applications/<int:pk>/delete/", views.application_delete, name="application-delete"),
    path("applications/<int:pk>/step/<str:name>/", views.application_step, name="application-step"),
    path(
        "applications/<int:pk>/attachments/",
        views.application_attachments,
        name="application-attachments",
    ),
    path(
        "applications/<int:pk>/attachments/<uuid:uuid>/remove/",
        views.application_detach,
        name="application-detach",
    ),
    path("applications/<int:pk>/pdf/", views.application_pdf, name="application-pdf"),
    path("school-applications/", views.school_applications, name="school-applications"),
    path("school-applications/<int:pk>/", views.school_application, name="school-application"),
    path(
        "school-applications/<int:pk>/add/",
        views.school_application_add,
        name="school-application-add",
    ),
    path(
        "school-applications/<int:pk>/remove/<int:app_pk>/",
        views.school_application_remove,
        name="school-application-remove",
    ),
    path(
        "school-applications/<int:pk>/send/",
        views.school_application_send,
        name="school-application-send",
    ),
    path(
        "school-applications/<int:pk>/pdf/",
        views.school_application_pdf,
        name="school-application-pdf",
    ),
    path("students/<int:student_pk>/iop/new/", views.iop_start, name="iop-start"),
    path("decisions/new/", views.decision_new, name="decision-new"),
    path("students/<int:student_pk>/decision/", views.decision, name="decision"),
    path("iop/switch/", views.iop_switch, name="iop-switch"),
    path("iop/<int:pk>/", views.iop_detail, name="iop"),
    path("iop/<int:pk>/edit/", views.iop_edit, name="iop-edit"),
    path("iop/<int:pk>/stage/", views.iop_stage, name="iop-stage"),
    path("iop/<int:pk>/log/", views.iop_log, name="iop-log"),
    path("iop/<int:pk>/subjects/add/", views.iop_add_subject, name="iop-add-subject"),
    path("iop/<int:pk>/annual-report/", views.annual_report_edit, name="annual-report"),
    path("iop/<int:pk>/annual-report/send/", views.annual_report_send, name="annual-report-send"),
    path("iop/<int:pk>/appendix/", views.appendix_edit, name="appendix"),
    path("iop/<int:pk>/documents/upload/", views.document_upload, name="document-upload"),
    path("iop/<int:pk>/pdf/<str:doc>/", views.iop_pdf, name="iop-pdf"),
    path("subjects/<int:pk>/", views.subject_edit, name="subject"),
    path("documents/<uuid:uuid>/edit/", views.document_edit, name="document-edit"),
    path("documents/<uuid:uuid>/delete/", views.document_delete, name="document-delete"),
    path("schools/<int:pk>/coordinators/", views.coordinators, name="coordinators"),
]
