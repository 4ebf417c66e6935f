from django import forms

from areasend.casework.forms import GovukForm


class FollowForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
