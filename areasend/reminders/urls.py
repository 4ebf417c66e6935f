from django.urls import path

from areasend.reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.my_calendar, name="mine"),
    path("areas/<slug:slug>.ics", views.area_calendar, name="area"),
    path("people/<str:token>.ics", views.person_calendar, name="person"),
]
