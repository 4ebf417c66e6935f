from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "areasend.inspections"
    verbose_name = "Inspection casework"
