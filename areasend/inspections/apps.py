from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "areasend.inspections"
    verbose_name = "Inspection casework"

    def ready(self) -> None:
        from areasend.areas.event_log import register_casework
        from areasend.inspections.claims import InspectionsInCasework

        # The history's write gate refuses other channels' events for these inspections.
        register_casework(InspectionsInCasework())
