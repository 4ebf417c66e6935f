from django.urls import path

from areasend.alerts import feeds, views

app_name = "alerts"
urlpatterns = [
    path("feed.atom", feeds.NationalFeed(), name="national_feed"),
    path("areas/<slug:slug>/feed.atom", feeds.AreaFeed(), name="area_feed"),
    path("areas/<slug:slug>/follow/", views.follow, name="follow"),
    path("alerts/confirm/<str:token>/", views.confirm, name="confirm"),
    path("alerts/stop/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
