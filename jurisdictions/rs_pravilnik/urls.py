from django.urls import path

from . import forms, views

# Mounted by the portal under /j/rs-pravilnik/ with the URL namespace "rs-pravilnik".
app_name = "rs_pravilnik"
urlpatterns = [
    path("", views.index, name="index"),
    path("cases/new/", views.case_start, name="case-start"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/proposal/", views.case_edit, name="case-edit"),
    path(
        "cases/<int:pk>/observations/new/",
        views.add_to_case,
        {"form_class": forms.ObservationForm},
        name="observation-add",
    ),
    path(
        "cases/<int:pk>/sources/new/",
        views.add_to_case,
        {"form_class": forms.DataSourceForm},
        name="source-add",
    ),
    path(
        "cases/<int:pk>/measures/new/",
        views.add_to_case,
        {"form_class": forms.MeasureForm},
        name="measure-add",
    ),
    path("cases/<int:pk>/profile/", views.profile_edit, name="profile"),
    path("cases/<int:pk>/members/new/", views.member_add, name="member-add"),
    path("cases/<int:pk>/welfare-notice/", views.welfare_notice_add, name="welfare-notice"),
    path("cases/<int:pk>/upload/", views.case_upload, name="case-upload"),
    path("cases/<int:pk>/information.pdf", views.information_pdf, name="information-pdf"),
    path("cases/<int:pk>/portfolio/", views.portfolio, name="portfolio"),
    path("cases/<int:pk>/iops/new/", views.iop_new, name="iop-new"),
    path("measures/<int:pk>/", views.measure_edit, name="measure-edit"),
    path("members/<int:pk>/delete/", views.member_delete, name="member-delete"),
    path("iops/<int:pk>/", views.iop_detail, name="iop"),
    path("iops/<int:pk>/form1/", views.iop_edit, name="iop-edit"),
    path("iops/<int:pk>/measures/new/", views.iop_measure_add, name="iop-measure-add"),
    path("iops/<int:pk>/curriculum/new/", views.curriculum_add, name="curriculum-add"),
    path("iops/<int:pk>/transition-plan/", views.transition_plan_edit, name="transition-plan"),
    path("iops/<int:pk>/early-leaving/", views.early_leaving_edit, name="early-leaving"),
    path("iops/<int:pk>/evaluations/new/", views.evaluation_add, name="evaluation-add"),
    path("iops/<int:pk>/bundle.pdf", views.iop_bundle, name="bundle"),
    path("iops/<int:pk>/<str:code>.pdf", views.form_pdf, name="form-pdf"),
    path("curriculum/<int:pk>/", views.curriculum_edit, name="curriculum-edit"),
    path("evaluations/<int:pk>/", views.evaluation_edit, name="evaluation-edit"),
    path("consent/<str:kind>/<int:pk>/", views.ask_consent, name="ask-consent"),
    path("step/<str:kind>/<int:pk>/<str:name>/", views.step, name="step"),
]
