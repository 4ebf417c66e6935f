from django.urls import path

from areasend.register import views

app_name = "register"
urlpatterns = [
    path("", views.home, name="home"),
    path("areas/", views.area_list, name="area_list"),
    path("areas/<slug:slug>/", views.area_detail, name="area_detail"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
