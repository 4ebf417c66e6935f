"""What a browser posts when a person types dates into GOV.UK date inputs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping


def typed(dates: Mapping[str, str | dt.date]) -> dict[str, str]:
    """The day, month and year boxes of each date input named in ``dates`` (name: ISO date),
    as a person types them: "5", "7", "2021"."""
    boxes: dict[str, str] = {}
    for name, value in dates.items():
        day = dt.date.fromisoformat(value) if isinstance(value, str) else value
        boxes |= {f"{name}_day": str(day.day), f"{name}_month": str(day.month)}
        boxes[f"{name}_year"] = str(day.year)
    return boxes
