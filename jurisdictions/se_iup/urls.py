from django.urls import path

from . import views

# Mounted by the portal under /j/se-iup/ with the URL namespace "se-iup".
app_name = "se_iup"
urlpatterns = [
    path("", views.index, name="index"),
    path("profile/", views.profile, name="profile"),
    path("classes/<int:pk>/", views.class_circle, name="class"),
    path("classes/<int:pk>/plans/", views.class_plans, name="class-plans"),
    path("classes/<int:pk>/times/", views.slots, name="slots"),
    path("classes/<int:pk>/summary.pdf", views.term_summary, name="term-summary"),
    path("times/<int:pk>/delete/", views.slot_delete, name="slot-delete"),
    path("students/<int:pk>/plans/new/", views.plan_create, name="plan-create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/self-assessment/", views.self_assessment, name="self-assessment"),
    path("plans/<int:pk>/home/", views.home_preparation, name="home"),
    path("plans/<int:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("plans/<int:pk>/step/", views.plan_step, name="plan-step"),
    path("plans/<int:pk>/confirm/", views.ask_confirmation, name="ask-confirmation"),
    path("plans/<int:pk>/book/", views.book, name="book"),
    path("plans/<int:pk>/comment/", views.plan_comment, name="plan-comment"),
    path("plans/<int:pk>/goals/new/", views.goal_new, name="goal-new"),
    path("plans/<int:pk>/iup.pdf", views.plan_pdf, name="plan-pdf"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal-edit"),
    path("goals/<int:pk>/delete/", views.goal_delete, name="goal-delete"),
    path("goals/<int:pk>/status/", views.goal_status, name="goal-status"),
    path("goals/<int:pk>/comment/", views.goal_comment, name="goal-comment"),
]
