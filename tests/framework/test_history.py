"""Reading and writing §9 histories: every problem found at once, by line and field."""

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from areasend.framework.events import (
    NATIONAL_EVENTS,
    Event,
    EventType,
    Framework,
    HistoryError,
    InspectionKind,
    Outcome,
    PlanKind,
)
from areasend.framework.history import (
    COVID_PAUSE,
    EVENT_FIELDS,
    FULL_INSPECTIONS_RESUMED_ON,
    INSPECTION_EVENTS,
    PROVENANCE_FIELDS,
    REVISITS_RESUMED_ON,
    dump_event,
    dump_history,
    parse_event,
    parse_history,
)

D = dt.date
REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "fixtures" / "histories" / "bad"
MEDWAY = "E06000035"

# Medway, framework.md §8.1, with a comment and a blank line that still count as lines.
MEDWAY_HISTORY = """\
# Medway: WSOA, revisit, partial progress, released (framework.md §8.1)
{"area": "E06000035", "date": "2017-11-27", "event": "inspection_notified", "inspection": "medway-2017", "kind": "full", "framework": "2016"}
{"area": "E06000035", "date": "2017-12-04", "event": "fieldwork_started", "inspection": "medway-2017"}
{"area": "E06000035", "date": "2017-12-08", "event": "fieldwork_ended", "inspection": "medway-2017", "remote": false}
{"area": "E06000035", "date": "2018-02-08", "event": "letter_published", "inspection": "medway-2017", "outcome": "wsoa", "weaknesses": ["Joint strategic leadership", "Communicated strategy", "EHC plan quality"], "source": "http://www.medway.gov.uk/information/news/newsfor2018/medwaylocalareainspection.aspx"}

{"area": "E06000035", "date": "2018-05-22", "event": "plan_submitted", "plan": "wsoa", "note": "computed due date; actual submission not found"}
{"area": "E06000035", "date": "2019-11-25", "event": "inspection_notified", "inspection": "medway-2019", "kind": "revisit", "framework": "2016"}
{"area": "E06000035", "date": "2019-12-09", "event": "fieldwork_started", "inspection": "medway-2019"}
{"area": "E06000035", "date": "2019-12-11", "event": "fieldwork_ended", "inspection": "medway-2019"}
{"area": "E06000035", "date": "2020-02-19", "event": "letter_published", "inspection": "medway-2019"}
{"area": "E06000035", "date": "2020-02-19", "event": "progress_judged", "inspection": "medway-2019", "weakness": "EHC plan quality", "sufficient": false}
{"area": "E06000035", "date": "2021-02-15", "event": "support_visit", "by": "dfe_nhse"}
{"area": "E06000035", "date": "2021-10-05", "event": "released_from_monitoring"}
"""

VALID = {"area": MEDWAY, "date": "2019-12-09", "event": "fieldwork_started", "inspection": "m"}


def problems_of(text):
    with pytest.raises(HistoryError) as caught:
        parse_history(text)
    return [(p.line, p.field, p.message) for p in caught.value.problems]


def only_problem(obj, line=1):
    """The single problem of a one-line history holding ``obj``."""
    found = problems_of("\n" * (line - 1) + json.dumps(obj))
    assert len(found) == 1, found
    return found[0]


def without_lines(events):
    return [dataclasses.replace(e, line=0) for e in events]


# Reading a good history ------------------------------------------------------


def test_a_history_reads_into_events_with_their_line_numbers():
    events = parse_history(MEDWAY_HISTORY, include_national_pause=False)
    assert [e.line for e in events] == [2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14]
    letter = events[3]
    assert letter.type is EventType.LETTER_PUBLISHED
    assert letter.outcome is Outcome.WSOA
    assert letter.weaknesses == (
        "Joint strategic leadership",
        "Communicated strategy",
        "EHC plan quality",
    )
    assert letter.source and letter.source.startswith("http://www.medway.gov.uk")
    assert events[0].kind is InspectionKind.FULL
    assert events[0].framework is Framework.F2016
    assert events[2].remote is False
    assert events[4].plan is PlanKind.WSOA
    assert events[9].sufficient is False


def test_a_history_round_trips_through_dump_and_parse():
    first = parse_history(MEDWAY_HISTORY)
    again = parse_history(dump_history(first))
    assert without_lines(again) == without_lines(first)


def test_dump_history_is_json_lines():
    text = dump_history(parse_history(MEDWAY_HISTORY, include_national_pause=False))
    lines = text.splitlines()
    assert text.endswith("\n")
    assert len(lines) == 12
    assert json.loads(lines[0]) == {
        "area": MEDWAY,
        "date": "2017-11-27",
        "event": "inspection_notified",
        "inspection": "medway-2017",
        "kind": "full",
        "framework": "2016",
    }


def test_lines_can_be_given_one_by_one_with_their_newlines():
    lines = MEDWAY_HISTORY.splitlines(keepends=True)
    assert parse_history(lines) == parse_history(MEDWAY_HISTORY)


def test_an_empty_history_is_only_the_national_pause():
    assert parse_history("") == list(COVID_PAUSE)
    assert parse_history("", include_national_pause=False) == []


def test_null_means_not_given():
    event = parse_event({**VALID, "remote": None, "note": None}, 4)
    assert event.remote is None
    assert event.note is None
    assert event.line == 4


def test_a_national_event_may_carry_a_null_area():
    event = parse_event({"area": None, "date": "2020-03-17", "event": "programme_paused"}, 1)
    assert event.area is None


def test_inspection_is_optional_on_events_outside_an_inspection():
    event = parse_event(
        {"area": MEDWAY, "date": "2018-05-22", "event": "plan_submitted", "plan": "wsoa"}, 1
    )
    assert event.inspection is None
    tagged = parse_event(
        {
            "area": MEDWAY,
            "date": "2018-05-22",
            "event": "plan_submitted",
            "plan": "wsoa",
            "inspection": "m",
        },
        1,
    )
    assert tagged.inspection == "m"


def test_events_on_the_same_day_keep_file_order():
    events = parse_history(MEDWAY_HISTORY, include_national_pause=False)
    same_day = [e.type for e in events if e.date == D(2020, 2, 19)]
    assert same_day == [EventType.LETTER_PUBLISHED, EventType.PROGRESS_JUDGED]


def test_programme_resumed_may_say_what_resumed():
    event = parse_event({"date": "2021-04-12", "event": "programme_resumed", "kind": "revisit"}, 1)
    assert event.kind is InspectionKind.REVISIT


# The national COVID pause ------------------------------------------------------


def test_the_covid_pause_follows_cv1_and_cv4():
    paused, revisits, full = COVID_PAUSE
    assert (paused.date, paused.type) == (D(2020, 3, 17), EventType.PROGRAMME_PAUSED)
    assert (revisits.date, revisits.kind) == (REVISITS_RESUMED_ON, InspectionKind.REVISIT)
    assert (full.date, full.kind) == (FULL_INSPECTIONS_RESUMED_ON, InspectionKind.FULL)
    assert REVISITS_RESUMED_ON.month == 4 and FULL_INSPECTIONS_RESUMED_ON.month == 6
    assert all(e.line == 0 and e.area is None and e.type in NATIONAL_EVENTS for e in COVID_PAUSE)


def test_the_pause_is_merged_into_a_history_in_date_order():
    events = parse_history(MEDWAY_HISTORY)
    national = [e for e in events if e.type in NATIONAL_EVENTS]
    assert national == list(COVID_PAUSE)
    dates = [e.date for e in events]
    assert dates == sorted(dates)
    # Between Medway's revisit letter (Feb 2020) and the DfE support visit (Feb 2021).
    position = events.index(COVID_PAUSE[0])
    assert events[position - 1].date == D(2020, 2, 19)
    assert events[position + 1].date == D(2021, 2, 15)


def test_the_pause_comes_before_area_events_of_the_same_day():
    line = json.dumps({**VALID, "date": "2021-04-01", "event": "fieldwork_started"})
    events = parse_history(line)
    assert [e.type for e in events[1:3]] == [
        EventType.PROGRAMME_RESUMED,
        EventType.FIELDWORK_STARTED,
    ]


def test_a_history_with_its_own_programme_events_gets_no_default_pause():
    lines = MEDWAY_HISTORY.splitlines()
    lines.insert(12, '{"date": "2020-03-23", "event": "programme_paused"}')
    events = parse_history("\n".join(lines))
    national = [e for e in events if e.type in NATIONAL_EVENTS]
    assert [(e.date, e.line) for e in national] == [(D(2020, 3, 23), 13)]


def test_the_pause_can_be_left_out():
    events = parse_history(MEDWAY_HISTORY, include_national_pause=False)
    assert not any(e.type in NATIONAL_EVENTS for e in events)


# Resolving area names ------------------------------------------------------------


def test_resolve_area_replaces_names_and_is_given_the_event_date():
    asked = []

    def resolve(name, on):
        asked.append((name, on))
        return {"Medway": MEDWAY}[name]

    text = json.dumps({**VALID, "area": "Medway"})
    events = parse_history(text, resolve_area=resolve, include_national_pause=False)
    assert events[0].area == MEDWAY
    assert asked == [("Medway", D(2019, 12, 9))]


def test_an_area_that_cannot_be_resolved_is_a_problem_on_its_line():
    def resolve(name, on):
        raise LookupError(f"no local area is called '{name}'")

    text = "\n".join(
        [json.dumps(VALID).replace(MEDWAY, "Medway"), json.dumps({**VALID, "area": "Mordor"})]
    )
    with pytest.raises(HistoryError) as caught:
        parse_history(text, resolve_area=resolve)
    assert [(p.line, p.field) for p in caught.value.problems] == [(1, "area"), (2, "area")]
    assert "no local area is called 'Mordor'" in caught.value.problems[1].message


def test_a_resolver_value_error_is_a_problem_too():
    def resolve(name, on):
        raise ValueError("'Northamptonshire' could be more than one local area on 2022-01-10")

    with pytest.raises(HistoryError) as caught:
        parse_history(json.dumps(VALID), resolve_area=resolve)
    assert "could be more than one" in str(caught.value)


def test_national_events_are_not_resolved():
    def resolve(name, on):
        raise AssertionError("asked to resolve a national event")

    events = parse_history(
        '{"date": "2020-03-17", "event": "programme_paused"}', resolve_area=resolve
    )
    assert events[0].area is None


# Problems, one class at a time -------------------------------------------------------


def test_invalid_json_names_the_line_and_column():
    found = problems_of('# comment\n{"area": "E06000035", "date": "2017-12-04" "event": "x"}')
    assert found == [(2, None, "not valid JSON (Expecting ',' delimiter at column 44)")]


def test_a_line_that_is_not_an_object_is_a_problem():
    assert only_problem(["2019-12-09", "fieldwork_started"]) == (
        1,
        None,
        "expected a JSON object {...}; found an array",
    )


def test_an_impossible_date_is_a_problem():
    assert only_problem({**VALID, "date": "2021-02-30"}, line=3) == (
        3,
        "date",
        "'2021-02-30' is not a real date; expected YYYY-MM-DD",
    )


@pytest.mark.parametrize(
    "value", ["05/07/2021", "2021-7-5", "20210705", "2021-07-05T09:00", "5 July 2021"]
)
def test_dates_other_than_iso_are_problems(value):
    line, field, message = only_problem({**VALID, "date": value})
    assert (line, field) == (1, "date")
    assert message == f"'{value}' is not an ISO 8601 date; expected YYYY-MM-DD"


def test_a_date_that_is_a_number_is_a_problem():
    assert only_problem({**VALID, "date": 20210705})[2] == (
        "20210705 is not an ISO 8601 date; expected YYYY-MM-DD"
    )


def test_a_date_before_2016_is_a_problem():
    _, field, message = only_problem({**VALID, "date": "2015-12-31"})
    assert field == "date"
    assert "'2015-12-31' is before 2016-01-01" in message


def test_a_date_after_2100_is_a_problem():
    _, field, message = only_problem({**VALID, "date": "2101-01-01"})
    assert field == "date"
    assert "'2101-01-01' is after 2100-12-31" in message


def test_an_unknown_event_lists_the_known_ones():
    line, field, message = only_problem({**VALID, "event": "letter_sent"}, line=5)
    assert (line, field) == (5, "event")
    assert message.startswith("unknown event 'letter_sent'; expected one of: inspection_notified, ")
    assert all(t.value in message for t in EventType)


@pytest.mark.parametrize("missing", ["date", "event", "area", "inspection"])
def test_a_missing_required_field_is_a_problem(missing):
    obj = {k: v for k, v in VALID.items() if k != missing}
    _, field, message = only_problem(obj)
    assert field == missing
    assert f"'{missing}' is required" in message


@pytest.mark.parametrize(
    ("event", "fields", "missing"),
    [
        ("inspection_notified", {"inspection": "m", "framework": "2016"}, "kind"),
        ("inspection_notified", {"inspection": "m", "kind": "full"}, "framework"),
        ("deferral_decided", {"inspection": "m"}, "granted"),
        ("progress_judged", {"inspection": "m", "sufficient": True}, "weakness"),
        ("progress_judged", {"inspection": "m", "weakness": "w"}, "sufficient"),
        ("plan_judged", {"plan": "wsoa"}, "fit"),
        ("plan_published", {}, "plan"),
    ],
)
def test_a_missing_per_event_field_is_a_problem(event, fields, missing):
    obj = {"area": MEDWAY, "date": "2020-01-06", "event": event, **fields}
    assert only_problem(obj) == (1, missing, f"'{missing}' is required on {event} events")


def test_a_bool_that_is_not_true_or_false_is_a_problem():
    assert only_problem({**VALID, "remote": "yes"}) == (
        1,
        "remote",
        "'remote' must be true or false; found 'yes'",
    )
    assert only_problem({**VALID, "remote": 1})[2] == "'remote' must be true or false; found 1"


@pytest.mark.parametrize("value", [3, "", "   ", ["x"]])
def test_text_fields_must_be_non_empty_strings(value):
    _, field, message = only_problem({**VALID, "note": value})
    assert field == "note"
    assert message.startswith("'note' must be a non-empty string; found ")


def test_an_outcome_that_is_not_allowed_lists_the_allowed_ones():
    obj = {**VALID, "event": "letter_published", "outcome": "good"}
    assert only_problem(obj) == (
        1,
        "outcome",
        "unknown outcome 'good'; expected one of: wsoa, no_wsoa, positive, inconsistent, systemic_failings",
    )


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        ("kind", "inspection", "full, revisit, monitoring"),
        ("framework", 2016, "2016, 2023"),
    ],
)
def test_enum_values_must_be_one_of_the_allowed_strings(field, value, allowed):
    obj = {
        **VALID,
        "event": "inspection_notified",
        "kind": "full",
        "framework": "2016",
        field: value,
    }
    _, found_field, message = only_problem(obj)
    assert found_field == field
    assert message.endswith(f"expected one of: {allowed}")
    assert json.dumps(value) in message or f"'{value}'" in message


def test_a_plan_must_be_a_known_plan():
    obj = {"area": MEDWAY, "date": "2020-01-06", "event": "plan_submitted", "plan": "app"}
    assert only_problem(obj)[:2] == (1, "plan")


def test_weaknesses_must_be_a_list_of_non_empty_strings():
    letter = {**VALID, "event": "letter_published"}
    assert only_problem({**letter, "weaknesses": "leadership"})[2] == (
        "'weaknesses' must be a list of non-empty strings; found 'leadership'"
    )
    assert only_problem({**letter, "weaknesses": ["leadership", 7]})[2] == (
        "'weaknesses' item 2 must be a non-empty string; found 7"
    )


def test_a_field_of_another_event_is_a_problem():
    obj = {**VALID, "event": "letter_published", "sufficient": True}
    _, field, message = only_problem(obj)
    assert field == "sufficient"
    assert message == (
        "'sufficient' is not a field of letter_published; its fields are: "
        "area, date, event, inspection, outcome, weaknesses, source, note"
    )


def test_an_unknown_field_is_a_problem():
    assert only_problem({**VALID, "colour": "red"})[1] == "colour"


def test_provenance_fields_are_allowed_on_every_event():
    for event_type in EventType:
        assert set(PROVENANCE_FIELDS) <= set(_allowed(event_type))


def test_a_national_event_with_an_area_is_a_problem():
    obj = {"area": "E10000012", "date": "2020-03-17", "event": "programme_paused"}
    assert only_problem(obj) == (
        1,
        "area",
        "'area' must be omitted: programme_paused is a national event",
    )


def test_a_national_event_has_no_inspection():
    obj = {"date": "2020-03-17", "event": "programme_paused", "inspection": "x"}
    assert only_problem(obj)[:2] == (1, "inspection")


def test_a_field_given_twice_is_a_problem():
    text = '{"area": "E06000035", "date": "2019-12-09", "date": "2019-12-10", "event": "fieldwork_started", "inspection": "m"}'
    assert problems_of(text) == [(1, "date", "'date' is given more than once; expected once")]


def test_an_event_out_of_order_names_both_lines():
    earlier = json.dumps({**VALID, "date": "2019-12-02"})
    later = json.dumps(VALID)
    found = problems_of("\n".join([later, "", earlier]))
    assert found == [
        (3, "date", "2019-12-02 is earlier than 2019-12-09 on line 1; events must be oldest first")
    ]


def test_one_line_can_have_several_problems():
    obj = {"date": "2021-02-30", "event": "progress_judged", "sufficient": "no", "plan": "wsoa"}
    found = problems_of(json.dumps(obj))
    assert {(line, field) for line, field, _ in found} == {
        (1, "date"),
        (1, "sufficient"),
        (1, "plan"),
        (1, "weakness"),
        (1, "area"),
        (1, "inspection"),
    }


def test_parse_event_raises_with_the_line_it_was_given():
    with pytest.raises(HistoryError) as caught:
        parse_event({**VALID, "remote": "no"}, 7)
    assert [(p.line, p.field) for p in caught.value.problems] == [(7, "remote")]
    assert str(caught.value) == "line 7, field 'remote': 'remote' must be true or false; found 'no'"


# The bad fixtures ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("not_json.jsonl", [(2, None, "not valid JSON (Expecting ',' delimiter")]),
        ("impossible_date.jsonl", [(2, "date", "'2021-02-30' is not a real date")]),
        ("unknown_event.jsonl", [(2, "event", "unknown event 'letter_sent'; expected one of:")]),
        ("out_of_order.jsonl", [(3, "date", "2019-01-28 is earlier than 2019-02-01 on line 2")]),
        ("national_with_area.jsonl", [(1, "area", "programme_paused is a national event")]),
        ("field_not_of_event.jsonl", [(1, "sufficient", "not a field of letter_published")]),
        (
            "many_problems.jsonl",
            [
                (3, "remote", "'remote' must be true or false; found 'no'"),
                (5, "inspection", "'inspection' is required on fieldwork_ended events"),
                (6, "outcome", "unknown outcome 'good'"),
                (6, "weaknesses", "'weaknesses' item 2 must be a non-empty string"),
                (7, "date", "'23/12/2019' is not an ISO 8601 date"),
                (8, None, "not valid JSON (Expecting value at column 1)"),
                (9, "date", "2019-11-17 is earlier than 2019-12-23 on line 6"),
                (10, "plan", "'plan' is required on plan_submitted events"),
            ],
        ),
    ],
)
def test_bad_fixtures_report_every_problem(name, expected):
    found = problems_of((BAD / name).read_text(encoding="utf-8"))
    assert [(line, field) for line, field, _ in found] == [
        (line, field) for line, field, _ in expected
    ]
    for (_, _, message), (_, _, part) in zip(found, expected, strict=True):
        assert part in message


def test_every_bad_fixture_is_tested():
    tested = {
        "not_json.jsonl",
        "impossible_date.jsonl",
        "unknown_event.jsonl",
        "out_of_order.jsonl",
        "national_with_area.jsonl",
        "field_not_of_event.jsonl",
        "many_problems.jsonl",
    }
    assert {p.name for p in BAD.glob("*.jsonl")} == tested


# Writing events ----------------------------------------------------------------


def test_dump_event_leaves_out_what_an_event_does_not_have():
    event = Event(D(2019, 12, 9), EventType.FIELDWORK_STARTED, area=MEDWAY, inspection="m")
    assert dump_event(event) == {
        "area": MEDWAY,
        "date": "2019-12-09",
        "event": "fieldwork_started",
        "inspection": "m",
    }


def test_dump_event_writes_enums_as_strings_and_weaknesses_as_a_list():
    event = Event(
        D(2023, 5, 16),
        EventType.LETTER_PUBLISHED,
        area="E10000024",
        inspection="notts-2023",
        outcome=Outcome.SYSTEMIC_FAILINGS,
        weaknesses=("a", "b"),
    )
    obj = dump_event(event)
    assert obj["outcome"] == "systemic_failings"
    assert obj["weaknesses"] == ["a", "b"]
    assert json.loads(json.dumps(obj)) == obj


def test_dump_event_refuses_a_field_its_event_does_not_have():
    event = Event(
        D(2019, 12, 9), EventType.LETTER_PUBLISHED, area=MEDWAY, inspection="m", sufficient=True
    )
    with pytest.raises(ValueError, match="sufficient"):
        dump_event(event)
    with pytest.raises(ValueError, match="area"):
        dump_event(Event(D(2020, 3, 17), EventType.PROGRAMME_PAUSED, area=MEDWAY))


def _allowed(event_type):
    common = (
        ["date", "event"]
        if event_type in NATIONAL_EVENTS
        else ["area", "date", "event", "inspection"]
    )
    return [*common, *EVENT_FIELDS[event_type], *PROVENANCE_FIELDS]


_text = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=20
).filter(lambda s: bool(s.strip()))
_VALUES = {
    "kind": st.sampled_from(InspectionKind),
    "framework": st.sampled_from(Framework),
    "outcome": st.sampled_from(Outcome),
    "plan": st.sampled_from(PlanKind),
    "remote": st.booleans(),
    "granted": st.booleans(),
    "sufficient": st.booleans(),
    "fit": st.booleans(),
    "weaknesses": st.lists(_text, max_size=4).map(tuple),
    "reason": _text,
    "weakness": _text,
    "by": _text,
    "theme": _text,
    "source": _text,
    "note": _text,
}


@st.composite
def events(draw):
    event_type = draw(st.sampled_from(EventType))
    fields = {}
    for name, required in [
        *EVENT_FIELDS[event_type].items(),
        *((n, False) for n in PROVENANCE_FIELDS),
    ]:
        if required or draw(st.booleans()):
            fields[name] = draw(_VALUES[name])
    if event_type not in NATIONAL_EVENTS:
        fields["area"] = draw(_text)
        if event_type in INSPECTION_EVENTS or draw(st.booleans()):
            fields["inspection"] = draw(_text)
    day = draw(st.dates(min_value=D(2016, 1, 1), max_value=D(2100, 12, 31)))
    return Event(day, event_type, line=1, **fields)


@given(events())
def test_any_event_survives_dump_and_parse(event):
    line = dump_history([event])
    assert parse_history(line, include_national_pause=False) == [event]


# The documents cannot drift from the code ---------------------------------------------


def test_the_schema_lists_exactly_the_event_types_and_their_fields():
    schema = json.loads((REPO / "docs" / "history.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["event"]["enum"] == [t.value for t in EventType]
    branches = {b["properties"]["event"]["const"]: b for b in schema["oneOf"]}
    assert list(branches) == [t.value for t in EventType]
    for event_type in EventType:
        branch = branches[event_type.value]
        expected = set(_allowed(event_type)) | {"area"}  # national: "area" is allowed as null
        assert set(branch["properties"]) == expected, event_type
        required = {
            "date",
            "event",
            *(n for n, needed in EVENT_FIELDS[event_type].items() if needed),
        }
        if event_type not in NATIONAL_EVENTS:
            required.add("area")
        if event_type in INSPECTION_EVENTS:
            required.add("inspection")
        assert set(branch["required"]) == required, event_type
        assert branch["additionalProperties"] is False


@pytest.mark.parametrize(
    ("field", "enum"),
    [("kind", InspectionKind), ("framework", Framework), ("outcome", Outcome), ("plan", PlanKind)],
)
def test_the_schema_allows_exactly_the_enum_values(field, enum):
    schema = json.loads((REPO / "docs" / "history.schema.json").read_text(encoding="utf-8"))
    for branch in schema["oneOf"]:
        if field in branch["properties"]:
            values = [v for v in branch["properties"][field]["enum"] if v is not None]
            assert values == [m.value for m in enum]


def test_the_format_document_names_every_event_and_field():
    text = (REPO / "docs" / "history-format.md").read_text(encoding="utf-8")
    for event_type in EventType:
        assert f"`{event_type.value}`" in text
    for name in {n for fields in EVENT_FIELDS.values() for n in fields} | set(PROVENANCE_FIELDS):
        assert f"`{name}`" in text
