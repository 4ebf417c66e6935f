from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "areasend.improvement"
    verbose_name = "Improvement plans and support"
