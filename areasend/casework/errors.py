"""The one error a refused casework step raises, naming the form field it concerns."""

from __future__ import annotations


class CaseworkError(ValueError):
    """A step the rules or the casework forbid, with the field it concerns."""

    def __init__(self, message: str, *, field: str | None = None, rule: str | None = None) -> None:
        self.field = field
        self.rule = rule
        super().__init__(f"{rule}: {message}" if rule else message)
