from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "areasend.staff"
    label = "staff"
