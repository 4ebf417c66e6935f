"""``manage.py rule`` prints a rule and all that cites it; an unknown ID exits 2."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from areasend.framework.evaluate import DUTIES
from areasend.framework.params import PARAMETERS
from areasend.framework.rules import RULES


def test_rule_nf_plan_2_prints_its_parameters_duties_and_citing_entries() -> None:
    out = io.StringIO()
    call_command("rule", "nf-plan-2", stdout=out)
    text = out.getvalue()
    assert text.startswith("NF-PLAN-2 (2023 framework")
    assert RULES["NF-PLAN-2"].summary in text
    for name, p in PARAMETERS.items():
        assert (f"  {name} = " in text) == ("NF-PLAN-2" in p.rule_ids)
    for key, duty in DUTIES.items():
        assert (f"  {key}: {duty.what}" in text) == (duty.rule == "NF-PLAN-2")
    assert "evaluate.JUDGED_PLANS[priority_action_plan]: NF-PLAN-2" in text
    assert "evaluate.PLAN_RULES[priority_action_plan]: (NF-PLAN-2, " in text


def test_an_unknown_rule_exits_2_naming_the_nearest() -> None:
    with pytest.raises(CommandError, match=r"No rule NF-PLAN-9 .*NF-PLAN-2") as caught:
        call_command("rule", "NF-PLAN-9", stdout=io.StringIO())
    assert caught.value.returncode == 2
