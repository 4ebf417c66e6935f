"""Parameters: documented defaults, validated overrides."""

import datetime as dt
from pathlib import Path

import pytest

from areasend.framework.params import DEFAULTS, PARAMETERS, Params
from areasend.framework.rules import RULES


def test_every_parameter_is_documented_with_unit_rules_and_confidence():
    for name, parameter in PARAMETERS.items():
        assert parameter.name == name
        assert parameter.doc and parameter.unit, name
        assert parameter.confidence in {"H", "M", "L", "CONFLICT"}, name
        assert set(parameter.rule_ids) <= set(RULES), name


@pytest.mark.parametrize(
    ("name", "default"),
    [
        ("notice.full_2016_wd", 5),  # OF-NOT-1
        ("notice.revisit_wd", 10),  # RV-3
        ("notice.nf_fieldwork_wd", 8),  # NF-NOT-2
        ("notice.nf_onsite_wd", 10),  # NF-NOT-2
        ("letter.publication_target_wd", 33),  # OF-LET-5
        ("revisit.report_target_wd", 33),  # RV-10
        ("wsoa.submission_wd", 70),  # OF-WSOA-3
        ("wsoa.clock_start", "publication"),
        ("support.interval_months", 3),  # OF-WSOA-8
        ("revisit.due_months", 18),  # RV-2
        ("app.progress_review_months", 6),  # RV-12
        ("nf.strategic_plan_wd", 30),  # NF-PLAN-1
        ("nf.pap_submit_wd", 35),  # NF-PLAN-2
        ("nf.pap_publish_wd", 70),
        ("nf.monitoring_months", 18),  # NF-MON-1
        ("nf.engagement_months", 12),  # NF-ENG-1
        ("nf.publication_target_wd", 68),  # NF-PUB-1
        ("of_wsoa_9.deadline", dt.date(2025, 12, 31)),
    ],
)
def test_defaults_follow_the_spec(name, default):
    assert DEFAULTS[name] == default


@pytest.mark.parametrize(
    ("rid", "param"),
    [
        ("OF-WSOA-6", "wsoa.resubmission_wd"),
        ("OF-WSOA-5", "wsoa.decision_wd"),
        ("OF-WSOA-7", "wsoa.publication_wd"),
        ("NF-PLAN-1", "nf.strategic_plan_wd"),
        ("NF-PLAN-2", "nf.pap_submit_wd"),
        ("NF-PUB-1", "nf.publication_target_wd"),
        ("OF-EV-2b", "webinar.closes_day"),
    ],
)
def test_uncertain_values_are_parameters_of_their_rule(rid, param):
    assert param in RULES[rid].params
    assert PARAMETERS[param].confidence in {"M", "L", "CONFLICT"}


def test_overrides_replace_defaults_and_leave_the_rest():
    params = Params({"letter.publication_target_wd": 40, "wsoa.clock_start": "letter_dated"})
    assert params.number("letter.publication_target_wd") == 40
    assert params.choice("wsoa.clock_start") == "letter_dated"
    assert params.number("wsoa.submission_wd") == 70
    assert params.overridden() == {
        "letter.publication_target_wd": 40,
        "wsoa.clock_start": "letter_dated",
    }
    assert len(params) == len(PARAMETERS)


def test_dates_and_times_may_be_given_as_iso_text_as_in_settings():
    params = Params({"of_wsoa_9.deadline": "2026-03-31", "webinar.opens_at": "09:30"})
    assert params.day("of_wsoa_9.deadline") == dt.date(2026, 3, 31)
    assert params.clock("webinar.opens_at") == dt.time(9, 30)


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"wsoa.submision_wd": 70}, "wsoa.submision_wd"),
        ({"wsoa.submission_wd": "70"}, "wsoa.submission_wd"),
        ({"wsoa.submission_wd": True}, "wsoa.submission_wd"),
        ({"wsoa.submission_wd": -1}, "wsoa.submission_wd"),
        ({"wsoa.clock_start": "letter_sent"}, "wsoa.clock_start"),
        ({"notice.term_time_only": 1}, "notice.term_time_only"),
        ({"of_wsoa_9.deadline": "end of 2025"}, "of_wsoa_9.deadline"),
        ({"webinar.opens_at": 12}, "webinar.opens_at"),
    ],
)
def test_an_unknown_name_or_wrong_type_is_refused_naming_it(overrides, named):
    with pytest.raises(ValueError, match=named.replace(".", r"\.")):
        Params(overrides)


def test_a_typed_read_of_the_wrong_type_is_an_error():
    with pytest.raises(TypeError, match=r"wsoa\.clock_start"):
        DEFAULTS.number("wsoa.clock_start")


def test_the_engine_doc_lists_every_parameter_with_its_default():
    doc = Path(__file__).resolve().parents[2] / "docs" / "framework-engine.md"
    rows = {
        line.split("|")[1].strip(" `"): line.split("|")[2].strip(" `")
        for line in doc.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    }
    for name, parameter in PARAMETERS.items():
        default = parameter.default
        shown = default.isoformat() if isinstance(default, dt.date | dt.time) else str(default)
        assert rows.get(name) == (shown.lower() if isinstance(default, bool) else shown), name
