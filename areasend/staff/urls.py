from django.urls import path

from areasend.staff import views

app_name = "staff"
urlpatterns = [
    path("", views.home, name="home"),
    path("areas/", views.areas, name="areas"),
    path("people/", views.people, name="people"),
    path("people/new/", views.add_person, name="add_person"),
]
