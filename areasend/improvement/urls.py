from django.urls import path

from areasend.improvement import views

app_name = "improvement"
urlpatterns = [
    path("areas/<slug:slug>/", views.area, name="area"),
    path(
        "areas/<slug:slug>/plans/<slug:inspection>/<slug:plan_kind>/",
        views.record_plan,
        name="record_plan",
    ),
    path("areas/<slug:slug>/support/", views.support_visit, name="support_visit"),
    path("areas/<slug:slug>/release/", views.release, name="release"),
    path("areas/<slug:slug>/notice/", views.notice, name="notice"),
    path("areas/<slug:slug>/engagement/", views.engagement, name="engagement"),
    path("plans/<int:plan>/", views.plan, name="plan"),
    path("reports/<int:report>/", views.report, name="report"),
    path("reports/<int:report>.pdf", views.report_pdf, name="report_pdf"),
]
# One address per change to a plan (reverse "improvement:plan_<step>" with plan=...).
urlpatterns += [
    path(f"plans/<int:plan>/{name}/", view, name=f"plan_{name}")
    for name, view in views.PLAN_STEP_VIEWS.items()
]
