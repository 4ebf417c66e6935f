from django.apps import AppConfig


class PlannerConfig(AppConfig):
    name = "areasend.planner"
    label = "planner"
    verbose_name = "Programme planner"
