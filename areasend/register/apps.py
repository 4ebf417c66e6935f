from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "areasend.register"
    verbose_name = "Public register"
