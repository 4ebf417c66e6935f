"""python manage.py rule RULE-ID

Prints a rule of framework.md §1-4 and everything that cites it: its parameters (with this
deployment's values), the duties it produces and every framework table entry naming it.
Exit code 2 for an ID the framework does not have, suggesting the nearest.
"""

from __future__ import annotations

import difflib
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from areasend.areas.event_log import framework_params
from areasend.framework.citations import cited
from areasend.framework.rules import RULES


class Command(BaseCommand):
    help = "Print a framework rule, its parameters, its duties and every table entry citing it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("rule_id", help="a rule's ID, e.g. NF-PLAN-2")

    def handle(self, *args: Any, **options: Any) -> None:
        rule_id = options["rule_id"].strip().upper()
        if rule_id not in RULES:
            near = difflib.get_close_matches(rule_id, RULES, n=3)
            hint = f"; did you mean {' or '.join(near)}?" if near else ""
            raise CommandError(f"No rule {rule_id} in the framework{hint}", returncode=2)
        found = cited(rule_id)
        rule = found.rule
        params = framework_params()
        out = self.stdout.write
        framework = f"{rule.framework} framework" if rule.framework else "both frameworks"
        obliges = f", obliges the {rule.obliges}" if rule.obliges else ""
        out(f"{rule.id} ({framework}, confidence {rule.confidence}{obliges})")
        out(f"  {rule.summary}")
        if rule.applies_from or rule.applies_to:
            out(f"  In force: {rule.applies_from or '…'} to {rule.applies_to or '…'}")
        if rule.versions:
            out(f"  Versions: {', '.join(rule.versions)}")
        for source in rule.sources:
            out(f"  Source: {source}")
        out("Parameters:" if found.parameters else "Parameters: none")
        for p in found.parameters:
            value = params[p.name]
            deployed = "" if value == p.default else f", this deployment {value}"
            out(f"  {p.name} = {p.default} {p.unit} (confidence {p.confidence}{deployed})")
            out(f"    {p.doc}")
        out("Duties:" if found.duties else "Duties: none")
        for key, duty in found.duties:
            out(f"  {key}: {duty.what} (owed by {duty.who})")
        out("Cited by:" if found.entries else "Cited by: no table entry")
        for entry in found.entries:
            out(f"  {entry.table}[{entry.key}]: {entry.entry}")
