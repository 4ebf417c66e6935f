from django.urls import path

from areasend.register import views
from areasend.register.catalogue import DATASETS
from areasend.register.figures import SLUGS

app_name = "register"
urlpatterns = [
    path("", views.home, name="home"),
    path("areas/", views.area_list, name="area_list"),
    path("areas/<slug:slug>/", views.area_detail, name="area_detail"),
    path("areas/<slug:slug>/timeline/", views.area_timeline, name="area_timeline"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("data/", views.open_data, name="open_data"),
    path("data/api/", views.api_docs, name="api_docs"),
    path("data/history/", views.area_history_choose, name="area_history_choose"),
    path("data/areas/<slug:slug>.jsonl", views.area_history, name="area_history"),
]
# One fixed address per figure and per dataset download (reverse with slug=...): anything
# else is not found by the resolver, and every address is a real file.
urlpatterns += [
    path(f"dashboard/{slug}.csv", views.dashboard_csv, {"slug": slug}, name="dashboard_csv")
    for slug in SLUGS
]
for slug in DATASETS:
    urlpatterns += [
        path(f"data/{slug}.csv", views.dataset_csv, {"slug": slug}, name="dataset_csv"),
        path(
            f"data/{slug}.csv-metadata.json",
            views.dataset_metadata,
            {"slug": slug},
            name="dataset_metadata",
        ),
        path(f"data/{slug}.ods", views.dataset_ods, {"slug": slug}, name="dataset_ods"),
        path(f"data/{slug}.json", views.dataset_json, {"slug": slug}, name="dataset_json"),
    ]
