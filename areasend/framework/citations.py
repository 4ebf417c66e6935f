"""Everything that cites a rule, found from its ID: the parameters that name it, the duties
it produces and every entry of the framework's tables that names it.

``manage.py rule NF-PLAN-2`` prints this, so someone changing a rule finds all it touches.
The tables are found by walking the modules' public tables, not listed by hand, so a new
table is searched without anyone remembering to add it.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import ModuleType
from typing import Any

from areasend.framework import evaluate, findings, rules, schedule, versions
from areasend.framework.evaluate import DUTIES, Duty
from areasend.framework.params import PARAMETERS, Parameter
from areasend.framework.rules import RULES, Rule

#: The modules whose public tables hold rule IDs; a package's modules are searched under
#: its name (``evaluate.PLAN_RULES`` lives in ``evaluate/tables.py``).
MODULES: tuple[ModuleType, ...] = (evaluate, schedule, rules, findings, versions)
#: Reported on their own (the rule, its parameters and duties), not as table entries.
_OWN = frozenset({"RULES", "PARAMETERS", "DUTIES"})


@dataclass(frozen=True)
class Citation:
    table: str
    key: str
    entry: str


@dataclass(frozen=True)
class Cited:
    rule: Rule
    parameters: tuple[Parameter, ...]
    duties: tuple[tuple[str, Duty], ...]
    entries: tuple[Citation, ...]


def _names(text: str, rule_id: str) -> bool:
    # Whole IDs only: OF-EV-2 is not cited by "OF-EV-2b".
    return re.search(rf"(?<![\w-]){re.escape(rule_id)}(?![\w-])", text) is not None


def _cites(value: object, rule_id: str) -> bool:
    if isinstance(value, str):
        return _names(value, rule_id)
    if isinstance(value, Mapping):
        return any(_cites(k, rule_id) or _cites(v, rule_id) for k, v in value.items())
    if isinstance(value, tuple | list | set | frozenset):
        return any(_cites(v, rule_id) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(_cites(getattr(value, f.name), rule_id) for f in dataclasses.fields(value))
    return False


def show(value: object) -> str:
    """A table entry in a line: enum values, tuples joined, tests named as such."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, str):
        return value
    if isinstance(value, tuple | list):
        return "(" + ", ".join(show(v) for v in value) + ")"
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(show(v) for v in value)) + "}"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{show(k)}: {show(v)}" for k, v in value.items()) + "}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = (f"{f.name}={show(getattr(value, f.name))}" for f in dataclasses.fields(value))
        return f"{type(value).__name__}(" + ", ".join(fields) + ")"
    if callable(value):
        return "(a condition)"
    return str(value)


Table = Mapping[Any, object] | tuple[object, ...]


def _modules(module: ModuleType) -> list[ModuleType]:
    if not hasattr(module, "__path__"):
        return [module]
    prefix = module.__name__ + "."
    return [module] + [
        importlib.import_module(info.name) for info in pkgutil.iter_modules(module.__path__, prefix)
    ]


def _tables() -> list[tuple[str, Table]]:
    found: dict[str, Table] = {}  # a table re-exported by its package is found once
    for module in MODULES:
        short = module.__name__.rsplit(".", 1)[-1]
        for part in _modules(module):
            for name, value in vars(part).items():
                public = name.isupper() and not name.startswith("_") and name not in _OWN
                if public and isinstance(value, Mapping | tuple):
                    found.setdefault(f"{short}.{name}", value)
    return list(found.items())


def entries_citing(rule_id: str) -> tuple[Citation, ...]:
    citations = []
    for table, value in _tables():
        items = value.items() if isinstance(value, Mapping) else enumerate(value)
        for key, entry in items:
            if _cites(key, rule_id) or _cites(entry, rule_id):
                label = getattr(entry, "key", key) if isinstance(key, int) else key
                citations.append(Citation(table, show(label), show(entry)))
    return tuple(citations)


def cited(rule_id: str) -> Cited:
    """What cites ``rule_id``; KeyError if the framework has no such rule."""
    rule = RULES[rule_id]
    return Cited(
        rule=rule,
        parameters=tuple(PARAMETERS[name] for name in rule.params),
        duties=tuple((key, duty) for key, duty in DUTIES.items() if duty.rule == rule_id),
        entries=entries_citing(rule_id),
    )
