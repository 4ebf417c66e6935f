from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class OpsConfig(AppConfig):
    name = "areasend.ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        from areasend.ops import checks  # noqa: F401  (registers the deployment checks)


class SecondFactorAdminConfig(admin_apps.AdminConfig):
    """Django's admin app, with areasend/ops/admin_site.py's site as ``admin.site``."""

    default = False  # named in INSTALLED_APPS; OpsConfig stays this module's default
    default_site = "areasend.ops.admin_site.SecondFactorAdminSite"

    def ready(self) -> None:
        super().ready()  # autodiscovers every app's admin module, django-otp's included
        from areasend.ops.admin_models import replace_model_admins

        replace_model_admins()
