from django.urls import path

from . import views

# Mounted by the portal under /j/no-troms-transition/ with the URL namespace "no-troms-transition".
app_name = "no_troms_transition"
urlpatterns = [
    path("", views.index, name="index"),
    path("classes/<int:pk>/", views.class_screening, name="class"),
    path("classes/<int:pk>/start/", views.class_start, name="class-start"),
    path("rows/<int:pk>/", views.row_detail, name="row"),
    path("rows/<int:pk>/edit/", views.row_edit, name="row-edit"),
    path("rows/<int:pk>/school-data/", views.row_school_data, name="row-school-data"),
    path("rows/<int:pk>/decide/", views.row_decide, name="row-decide"),
    path("rows/<int:pk>/reopen/", views.row_reopen, name="row-reopen"),
    path("rows/<int:pk>/plan/", views.plan_new, name="plan-new"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/step/", views.plan_fire, name="plan-fire"),
    path("plans/<int:pk>/consent/", views.plan_consent, name="plan-consent"),
    path("plans/<int:pk>/screening/", views.plan_screening, name="plan-screening"),
    path("plans/<int:pk>/steps/<int:step_pk>/", views.plan_step, name="plan-step"),
    path("plans/<int:pk>/steps/<int:step_pk>/done/", views.plan_step_done, name="plan-step-done"),
    path("measures/", views.measures, name="measures"),
    path("measures/<int:org_pk>/<slug:code>/", views.measure_toggle, name="measure-toggle"),
    path("overview/<str:level>/", views.overview_page, name="overview"),
    path("overview/<str:level>/export.csv", views.overview_csv, name="overview-csv"),
    path("overview/<str:level>/report.pdf", views.overview_pdf, name="overview-pdf"),
]
