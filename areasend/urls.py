from django.contrib import admin
from django.urls import include, path

from areasend.api.api import api
from areasend.ops.health import healthz
from areasend.ops.password_reset import LimitedPasswordResetView, ResetDoneView
from areasend.ops.signin import SignInView
from areasend.staff.views import due

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Before Django's own: sign-in asks for a security code from staff who have set one up.
    path("accounts/login/", SignInView.as_view(), name="login"),
    # Before Django's own: limits on the reset emails, and the links from AREASEND_SITE_URL.
    path("accounts/password_reset/", LimitedPasswordResetView.as_view(), name="password_reset"),
    path("accounts/password_reset/done/", ResetDoneView.as_view(), name="password_reset_done"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("inspections/<slug:ref>/surveys/", include("areasend.surveys.urls")),
    path("inspections/", include("areasend.inspections.urls")),
    path("due/", due, name="due"),
    path("calendar/", include("areasend.reminders.urls")),
    path("letters/", include("areasend.letters.urls")),
    path("watcher/", include("areasend.watcher.urls")),
    path("planner/", include("areasend.planner.urls")),
    path("improvement/", include("areasend.improvement.urls")),
    path("staff/", include("areasend.staff.urls")),
    path("api/", api.urls),
    # Before the register: its feeds and follow pages sit under /areas/<slug>/ too.
    path("", include("areasend.alerts.urls")),
    path("", include("areasend.register.urls")),
]

# Error pages show the request id (areasend/ops/middleware.py) for people to quote.
handler500 = "areasend.ops.errors.server_error"
