from django.contrib import admin
from django.urls import include, path

from areasend.inspections.views import due

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("inspections/", include("areasend.inspections.urls")),
    path("due/", due, name="due"),
    path("calendar/", include("areasend.reminders.urls")),
    path("letters/", include("areasend.letters.urls")),
    path("planner/", include("areasend.planner.urls")),
    path("", include("areasend.register.urls")),
]
