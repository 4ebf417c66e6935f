from django import forms


class FollowForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(
            attrs={"class": "govuk-input", "autocomplete": "email", "spellcheck": "false"}
        ),
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
