from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "areasend.api"
    verbose_name = "API"
