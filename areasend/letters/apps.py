from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "areasend.letters"
    verbose_name = "Letter import"
