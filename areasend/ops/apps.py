from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "areasend.ops"
    verbose_name = "Operations"
