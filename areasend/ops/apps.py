from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "areasend.ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        from areasend.ops import checks  # noqa: F401  (registers the deployment checks)
