"""`manage.py timeline`: the engine's answer for a history file, and exit code 2 on bad input."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from areasend.framework.rules import RULES

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
HISTORIES = REPO / "areasend" / "areas" / "data" / "histories"
EXAMPLES = ["medway", "kent", "essex", "rotherham", "southend", "nottinghamshire"]

NOTIFIED = (
    '{"area": "Kent", "date": "2019-01-21", "event": "inspection_notified", '
    '"inspection": "k", "kind": "full", "framework": "2016"}'
)
STARTED = '{"area": "Kent", "date": "2019-01-28", "event": "fieldwork_started", "inspection": "k"}'
ENDED = '{"area": "Kent", "date": "2019-02-01", "event": "fieldwork_ended", "inspection": "k"}'


def _published(day: str, outcome: str) -> str:
    return (
        f'{{"area": "Kent", "date": "{day}", "event": "letter_published", "inspection": "k", '
        f'"outcome": "{outcome}", "weaknesses": ["Joint commissioning"]}}'
    )


def _run(tmp_path, capsys, lines, *args):
    path = tmp_path / "history.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("timeline", str(path), *args)
    return capsys.readouterr().out


def _refused(tmp_path, lines) -> str:
    path = tmp_path / "history.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("timeline", str(path))
    assert caught.value.returncode == 2
    return str(caught.value)


@pytest.mark.parametrize("name", EXAMPLES)
def test_json_lists_obligations_with_rule_ids_for_each_worked_example(name, capsys):
    call_command("timeline", str(HISTORIES / f"{name}.jsonl"), "--json", "--today", "2026-11-22")
    answer = json.loads(capsys.readouterr().out)
    assert answer["state"]
    assert answer["obligations"], name
    for obligation in answer["obligations"]:
        assert obligation["rule"] in RULES
        assert set(obligation) >= {"rule", "what", "who", "due", "met_on", "overdue"}
    assert isinstance(answer["allowed"], list)


def test_table_shows_state_and_the_wsoa_deadline(tmp_path, capsys):
    out = _run(tmp_path, capsys, [NOTIFIED, STARTED, ENDED, _published("2019-03-29", "wsoa")],
               "--today", "2019-04-01")  # fmt: skip
    assert "State:" in out
    assert "OF-WSOA-3" in out
    assert "2019-07-11" in out


def test_an_unknown_event_names_the_line(tmp_path):
    bad = '{"area": "Kent", "date": "2019-02-01", "event": "letter_sent", "inspection": "k"}'
    message = _refused(tmp_path, [NOTIFIED, bad])
    assert "line 2" in message
    assert "letter_sent" in message


def test_an_impossible_date_names_the_line_and_field(tmp_path):
    bad = '{"area": "Kent", "date": "2019-02-30", "event": "fieldwork_started", "inspection": "k"}'
    message = _refused(tmp_path, [NOTIFIED, bad])
    assert "line 2" in message
    assert "'date'" in message


def test_a_revisit_with_no_wsoa_before_it_is_refused(tmp_path):
    revisit = (
        '{"area": "Kent", "date": "2020-01-06", "event": "inspection_notified", '
        '"inspection": "r", "kind": "revisit", "framework": "2016"}'
    )
    message = _refused(
        tmp_path, [NOTIFIED, STARTED, ENDED, _published("2019-03-29", "no_wsoa"), revisit]
    )
    assert "line 5" in message
    assert "RV-1" in message


def test_two_outcomes_for_one_inspection_are_refused(tmp_path):
    message = _refused(
        tmp_path,
        [NOTIFIED, STARTED, ENDED, _published("2019-03-29", "wsoa"), _published("2019-04-02", "no_wsoa")],
    )  # fmt: skip
    assert "line 5" in message


def test_an_unknown_area_is_refused_with_its_line(tmp_path):
    bad = NOTIFIED.replace('"Kent"', '"Atlantis"')
    message = _refused(tmp_path, [bad])
    assert "line 1" in message
    assert "Atlantis" in message


def test_a_bad_today_is_refused(tmp_path):
    path = tmp_path / "h.jsonl"
    path.write_text(NOTIFIED + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("timeline", str(path), "--today", "31/12/2020")
    assert caught.value.returncode == 2


def test_the_process_exits_with_status_2_on_a_malformed_history(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    manage = [sys.executable, str(REPO / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True, cwd=REPO)
    path = tmp_path / "h.jsonl"
    path.write_text(NOTIFIED + "\nnot json\n", encoding="utf-8")
    done = subprocess.run(
        [*manage, "timeline", str(path)], env=env, cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "line 2" in done.stderr


def test_a_history_file_is_a_published_record_so_its_unpublished_steps_are_not_recorded(
    capsys,
):
    """Kent's file never held its WSOA's submission: the command says so, not OVERDUE."""
    call_command("timeline", str(HISTORIES / "kent.jsonl"), "--today", "2026-01-01")
    out = capsys.readouterr().out
    wsoa = next(line for line in out.splitlines() if line.startswith("OF-WSOA-3"))
    assert wsoa.rstrip().endswith("not recorded") and "OVERDUE" not in wsoa
    letter = next(line for line in out.splitlines() if line.startswith("OF-LET-5"))
    assert letter.rstrip().endswith("late by 9 days")
    engagement = next(line for line in out.splitlines() if line.startswith("NF-ENG-1"))
    assert "(not public)" in engagement
    call_command("timeline", str(HISTORIES / "kent.jsonl"), "--today", "2026-01-01", "--json")
    answer = json.loads(capsys.readouterr().out)
    (submit,) = [o for o in answer["obligations"] if o["rule"] == "OF-WSOA-3"]
    assert (submit["standing"], submit["overdue"]) == ("not_recorded", False)
