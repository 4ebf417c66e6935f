from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demonstration loaders: fictional people, demo histories and casework in every app."""

    name = "areasend.demo"
    verbose_name = "Demonstration data"
