from django.urls import path

from areasend.improvement import steps, views

app_name = "improvement"
urlpatterns = [
    path("areas/<slug:slug>/", views.area, name="area"),
    path(
        "areas/<slug:slug>/plans/<slug:inspection>/<slug:plan_kind>/",
        views.record_plan,
        name="record_plan",
    ),
    path("areas/<slug:slug>/support/", steps.support_visit, name="support_visit"),
    path("areas/<slug:slug>/release/", steps.release, name="release"),
    path("areas/<slug:slug>/notice/", steps.notice, name="notice"),
    path("areas/<slug:slug>/engagement/", steps.engagement, name="engagement"),
    path("plans/<int:plan>/", views.plan, name="plan"),
    path("plans/<int:plan>/write/", views.plan_write, name="plan_write"),
    path("plans/<int:plan>/priorities/add/", steps.plan_add_priority, name="plan_add_priority"),
    path(
        "plans/<int:plan>/weaknesses/<int:weakness>/actions/add/",
        steps.plan_add_action,
        name="plan_add_action",
    ),
    path(
        "plans/<int:plan>/actions/<int:action>/update/",
        steps.plan_update_action,
        name="plan_update_action",
    ),
    path(
        "plans/<int:plan>/actions/<int:action>/milestones/",
        steps.plan_add_milestone,
        name="plan_add_milestone",
    ),
    path(
        "plans/<int:plan>/milestones/<int:milestone>/complete/",
        steps.plan_complete_milestone,
        name="plan_complete_milestone",
    ),
    path("plans/<int:plan>/submit/", steps.plan_submit, name="plan_submit"),
    path("plans/<int:plan>/judgement/", steps.plan_judge, name="plan_judge"),
    path("plans/<int:plan>/publish/", steps.plan_publish, name="plan_publish"),
    path("plans/<int:plan>/reports/", steps.plan_add_report, name="plan_add_report"),
    path("reports/<int:report>/", views.report, name="report"),
    path("reports/<int:report>.pdf", views.report_pdf, name="report_pdf"),
]
