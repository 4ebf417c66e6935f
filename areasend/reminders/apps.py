from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "areasend.reminders"
    verbose_name = "Reminders and calendars"
