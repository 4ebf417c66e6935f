"""Fuzzing the §9 history reader: whatever text arrives, parse_history either returns events or
raises HistoryError naming the problems; never any other exception."""

import json
import os
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from areasend.framework.events import EventType, HistoryError
from areasend.framework.history import EVENT_FIELDS, PROVENANCE_FIELDS, parse_history

KENT = (
    Path(__file__).resolve().parents[2] / "areasend/areas/data/histories/kent.jsonl"
).read_text()
KENT_EVENTS = [json.loads(line) for line in KENT.splitlines() if line.strip()]

FIELDS = sorted(
    {"area", "date", "event", "inspection", *PROVENANCE_FIELDS}
    | {name for fields in EVENT_FIELDS.values() for name in fields}
)
# Bounded: each property runs at most this many examples (AREASEND_FUZZ_EXAMPLES to hunt
# longer), so the suite's time stays fixed.
FUZZ = settings(
    max_examples=int(os.environ.get("AREASEND_FUZZ_EXAMPLES", 150)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from([e.value for e in EventType] + ["2019-02-29", "2024-02-29", "0000-01-01"]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=5,
)
events = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), json_values, max_size=6)


def survives(text: str) -> None:
    try:
        parse_history(text)
    except HistoryError as error:
        assert error.problems, "a HistoryError always names at least one problem"


@FUZZ
@given(st.text())
@example("[" * 100_000)  # nesting deeper than Python's recursion limit
@example('{"date": ' + "9" * 5000 + "}")  # an integer too long for int()
@example("\u2028".join(["{}"] * 3))
def test_arbitrary_text_is_read_or_refused(text):
    survives(text)


@FUZZ
@given(st.lists(events, max_size=4))
def test_arbitrary_json_objects_are_read_or_refused(objects):
    survives("\n".join(json.dumps(o) for o in objects))


@FUZZ
@given(st.integers(0, len(KENT_EVENTS) - 1), st.sampled_from(FIELDS), json_values)
def test_a_real_history_with_one_field_changed_is_read_or_refused(index, field, value):
    changed = [dict(e) for e in KENT_EVENTS]
    changed[index][field] = value
    survives("\n".join(json.dumps(e) for e in changed))


@FUZZ
@given(st.lists(st.sampled_from(KENT.splitlines()), max_size=12), st.randoms())
def test_real_lines_in_any_order_are_read_or_refused(lines, random):
    random.shuffle(lines)
    survives("\n".join(lines))


def test_pathological_json_is_a_history_error_naming_the_line():
    for text in ["[" * 100_000, '{"date": ' + "9" * 5000 + "}"]:
        try:
            parse_history("# a comment\n" + text)
        except HistoryError as error:
            [problem] = error.problems
            assert problem.line == 2
            assert "not valid JSON" in problem.message
        else:
            raise AssertionError("accepted")
