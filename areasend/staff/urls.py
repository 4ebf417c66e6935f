from django.urls import path

from areasend.staff import views

app_name = "staff"
urlpatterns = [
    path("", views.home, name="home"),
    path("areas/", views.areas, name="areas"),
]
