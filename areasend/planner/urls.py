from django.urls import path

from areasend.planner import views

app_name = "planner"
urlpatterns = [
    path("", views.plan, name="plan"),
    path("confirm/", views.confirm, name="confirm"),
    path("release/", views.release, name="release"),
    path("recompute/", views.recompute, name="recompute"),
    path("plan.csv", views.export_csv, name="csv"),
    path("plan.ics", views.export_ical, name="ical"),
]
