from django.urls import path

from areasend.watcher import views

app_name = "watcher"
urlpatterns = [path("", views.runs, name="runs")]
