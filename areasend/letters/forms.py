"""The reviewer's correct-and-confirm form: the fields the events need, prefilled."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from areasend.areas.resolve import AreaDirectory, AreaLookupError
from areasend.casework.forms import GovukForm, date_field
from areasend.framework.evaluate import VALID_OUTCOMES
from areasend.framework.events import Framework, InspectionKind
from areasend.framework.labels import OUTCOME_NAMES
from areasend.letters.record import LetterKind, LetterRecord, Progress

_FULL_2016 = VALID_OUTCOMES[(Framework.F2016, InspectionKind.FULL)][0]
_OUTCOMES = [("", "Not stated")] + [
    (o.value, f"{label} ({'2016' if o in _FULL_2016 else '2023'})")
    for o, label in OUTCOME_NAMES.items()
]
_YES = ("yes", "sufficient")


class ReviewForm(GovukForm):
    kind = forms.ChoiceField(
        label="Kind of letter", choices=[(k.value, k.label) for k in LetterKind]
    )
    area = forms.CharField(label="Local area (name or ONS code)", max_length=120)
    inspection_start = date_field(
        "First day of the inspection", name="the first day of the inspection"
    )
    inspection_end = date_field(
        "Last day of the inspection", required=False, name="the last day of the inspection"
    )
    letter_date = date_field("Date on the letter", required=False)
    publication_date = date_field("Publication date", required=False)
    notified = date_field(
        "Date the area was notified (letters do not state it; blank if the history has it)",
        required=False,
        name="the date the area was notified",
    )
    outcome = forms.ChoiceField(choices=_OUTCOMES, required=False)
    weaknesses = forms.CharField(
        label="Significant weaknesses or areas for priority action (one per line)",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    improvements = forms.CharField(
        label="Areas for improvement (one per line)",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    progress = forms.CharField(
        label="Progress per weakness (one per line: 'yes: weakness' or 'no: weakness')",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args: Any, directory: AreaDirectory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.directory = directory

    @staticmethod
    def initial_from(record: LetterRecord) -> dict[str, Any]:
        return {
            "kind": record.kind.value,
            "area": record.area_code.value or record.area_name.value,
            "inspection_start": record.inspection_start.value,
            "inspection_end": record.inspection_end.value,
            "letter_date": record.letter_date.value,
            "publication_date": record.publication_date.value,
            "outcome": record.outcome.value or "",
            "weaknesses": "\n".join(f.value or "" for f in record.weaknesses),
            "improvements": "\n".join(f.value or "" for f in record.improvements),
            "progress": "\n".join(
                f"{'yes' if f.value.sufficient else 'no'}: {f.value.weakness}"
                for f in record.progress
                if f.value
            ),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        day: dt.date | None = data.get("inspection_start")
        if data.get("area") and day:
            try:
                data["area_code"] = self.directory.resolve(data["area"], day).gss_code
            except AreaLookupError as error:
                self.add_error("area", str(error))
        progress = []
        for line in _lines(data.get("progress", "")):
            verdict, _, weakness = line.partition(":")
            if not weakness.strip() or verdict.strip().lower() not in (
                *_YES,
                "no",
                "not sufficient",
            ):
                self.add_error("progress", f"write 'yes: …' or 'no: …', not '{line[:40]}'")
                continue
            progress.append(Progress(weakness.strip(), verdict.strip().lower() in _YES))
        data["progress_items"] = progress
        return data

    def notified_on(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("notified")
        return value

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": LetterKind(data["kind"]),
            "area_code": data["area_code"],
            "inspection_start": data["inspection_start"],
            "inspection_end": data["inspection_end"],
            "letter_date": data["letter_date"],
            "publication_date": data["publication_date"],
            "outcome": data["outcome"] or None,
            "weaknesses": _lines(data["weaknesses"]),
            "improvements": _lines(data["improvements"]),
            "progress": data["progress_items"],
        }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


#: Files one plain (no-JavaScript) upload may carry: each is read in the sandbox in turn.
MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or many files (Django's "Uploading multiple files"); each is checked by the service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            raise forms.ValidationError("Select one or more letter files to upload")
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                f"Upload at most {MAX_FILES} files at a time: you selected {len(files)}"
            )
        return files


class UploadForm(forms.Form):
    letters = MultipleFileField(
        label="Upload letters",
        help_text="Select one or more published letters or reports (PDF, or their HTML or "
        f"text), up to {MAX_FILES} at a time.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget = self.fields["letters"].widget
        widget.attrs.update(
            {"class": "govuk-file-upload", "accept": ".pdf,.html,.htm,.txt", "data-upload": ""}
        )
        widget.attrs["aria-describedby"] = "id_letters-hint"

    def full_clean(self) -> None:
        super().full_clean()
        if "letters" in self.errors:
            self.fields["letters"].widget.attrs["aria-describedby"] = (
                "id_letters-hint id_letters-error"
            )
