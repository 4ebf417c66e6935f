"""Proposed dates for a notified inspection, and the rules that refuse impossible ones."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pytest

from areasend.framework.calendar import england
from areasend.framework.events import Framework, InspectionKind
from areasend.framework.params import DEFAULTS, Params
from areasend.framework.schedule import (
    ScheduleError,
    check_notification,
    notification_for_fieldwork,
    propose,
    validate,
)
from areasend.framework.status import Refusal
from areasend.framework.versions import version_in_force

D = dt.date
FULL, REVISIT, MONITORING = InspectionKind.FULL, InspectionKind.REVISIT, InspectionKind.MONITORING
F16, F23 = Framework.F2016, Framework.F2023
KW: dict[str, Any] = {"params": DEFAULTS, "calendar": england()}


def rules(refusals: Iterable[Refusal]) -> set[str | None]:
    return {r.rule for r in refusals}


def test_of_not_1_2016_full_inspection_on_site_the_monday_after_notification():
    plan = propose(FULL, F16, D(2019, 9, 23), **KW)
    assert (plan.onsite_start, plan.onsite_end) == (D(2019, 9, 30), D(2019, 10, 4))
    assert plan.fieldwork_start == plan.onsite_start
    assert plan.version == "2016"
    assert "OF-NOT-1" in plan.rules


def test_of_ev_2b_and_of_ev_2_webinar_from_midday_of_notification_to_4pm_on_day_2():
    plan = propose(FULL, F16, D(2019, 9, 23), **KW)
    assert plan.webinar == (dt.datetime(2019, 9, 23, 12, 0), dt.datetime(2019, 10, 1, 16, 0))
    assert plan.survey is None


def test_webinar_window_is_a_parameter():
    plan = propose(FULL, F16, D(2019, 9, 23), params=Params({"webinar.closes_day": 1}),
                   calendar=england())  # fmt: skip
    assert plan.webinar is not None and plan.webinar[1] == dt.datetime(2019, 9, 30, 16, 0)


def test_nf_not_1_2023_fieldwork_is_week_3_before_december_2023():
    plan = propose(FULL, F23, D(2023, 1, 16), **KW)
    assert plan.version == "2023"
    assert plan.fieldwork_start == plan.onsite_start == D(2023, 1, 30)
    assert plan.onsite_end == D(2023, 2, 3)
    assert plan.survey == (D(2023, 1, 17), D(2023, 1, 20))  # NF-WK-1: week 1
    assert plan.webinar is None


def test_nf_not_2_from_december_2023_fieldwork_8_wd_and_on_site_10_wd_after_notification():
    plan = propose(FULL, F23, D(2024, 11, 4), **KW)
    assert plan.version == "2023-12"
    assert plan.fieldwork_start == D(2024, 11, 14)  # Thursday of week 2 (East Sussex PCF met then)
    assert plan.onsite_start == D(2024, 11, 18)  # Monday of week 3
    assert plan.onsite_end == D(2024, 11, 22)


def test_rv_3_and_rv_4_revisit_10_wd_notice_and_3_days_by_default():
    plan = propose(REVISIT, F16, D(2019, 11, 25), **KW)
    assert (plan.fieldwork_start, plan.fieldwork_end) == (D(2019, 12, 9), D(2019, 12, 11))
    assert plan.version == "revisit-2018"


def test_rv_4_revisit_length_outside_2_to_4_days_is_refused():
    with pytest.raises(ScheduleError) as caught:
        propose(REVISIT, F16, D(2019, 11, 25), length_days=5, **KW)
    assert rules(caught.value.refusals) == {"RV-4"}
    assert propose(REVISIT, F16, D(2019, 11, 25), length_days=2, **KW).fieldwork_end == D(
        2019, 12, 10
    )


def test_nf_mon_1_monitoring_notice_and_length_are_parameters():
    plan = propose(MONITORING, F23, D(2025, 6, 30), **KW)
    assert plan.fieldwork_start == D(2025, 7, 14)
    assert plan.fieldwork_end == D(2025, 7, 16)
    short = Params({"notice.monitoring_wd": 5, "onsite.monitoring_days": 2})
    plan = propose(MONITORING, F23, D(2025, 6, 30), params=short, calendar=england())
    assert (plan.fieldwork_start, plan.fieldwork_end) == (D(2025, 7, 7), D(2025, 7, 8))


@pytest.mark.parametrize(
    ("kind", "framework", "start", "notified"),
    [
        (FULL, F16, D(2017, 12, 4), D(2017, 11, 27)),  # Medway
        (FULL, F16, D(2019, 1, 28), D(2019, 1, 21)),  # Kent
        (FULL, F16, D(2019, 9, 30), D(2019, 9, 23)),  # Essex
        (FULL, F16, D(2021, 7, 5), D(2021, 6, 28)),  # Rotherham
        (REVISIT, F16, D(2022, 9, 27), D(2022, 9, 12)),  # Kent: skips 19 Sep 2022
        (REVISIT, F16, D(2019, 12, 9), D(2019, 11, 25)),  # Medway
        (FULL, F23, D(2023, 1, 30), D(2023, 1, 16)),  # Notts, 2023 version
        (FULL, F23, D(2024, 11, 14), D(2024, 11, 4)),  # December 2023 version
    ],
)
def test_notification_for_fieldwork_gives_the_computed_notification_days(
    kind, framework, start, notified
):
    assert notification_for_fieldwork(kind, framework, start, **KW) == notified


def test_notification_for_fieldwork_uses_the_version_in_force_on_the_notification_day():
    # Fieldwork on 14 Dec 2023 with 8 WD notice would be notified on 4 Dec, still
    # under the January 2023 version, whose 10 WD notice applies.
    version = version_in_force(F23, FULL, D(2023, 12, 14))
    assert version is not None and version.key == "2023-12"
    assert notification_for_fieldwork(FULL, F23, D(2023, 12, 14), **KW) == D(2023, 11, 30)


def test_of_not_1_and_nf_not_1_a_full_inspection_is_notified_on_a_working_monday():
    assert rules(check_notification(FULL, F16, D(2019, 9, 24), **KW)) == {"OF-NOT-1"}
    assert rules(check_notification(FULL, F23, D(2024, 11, 5), **KW)) == {"NF-NOT-1"}
    assert rules(check_notification(FULL, F23, D(2023, 5, 8), **KW)) == {"NF-NOT-1"}  # coronation
    assert check_notification(FULL, F23, D(2024, 11, 4), **KW) == ()
    assert check_notification(REVISIT, F16, D(2022, 9, 13), **KW) == ()  # any weekday


def test_of_not_2_a_2016_inspection_in_the_school_holidays_is_refused():
    refusals = check_notification(FULL, F16, D(2019, 8, 5), **KW)
    assert rules(refusals) == {"OF-NOT-2"}
    lenient = Params({"notice.term_time_only": False})
    assert check_notification(FULL, F16, D(2019, 8, 5), params=lenient, calendar=england()) == ()


@pytest.mark.parametrize(
    ("kind", "framework", "day", "rule"),
    [
        (FULL, F16, D(2016, 4, 4), "OF-PRG-1"),
        (FULL, F16, D(2022, 5, 9), "OF-PRG-4"),
        (REVISIT, F16, D(2023, 1, 9), "OF-PRG-4"),
        (REVISIT, F16, D(2018, 11, 5), "RV-1"),
        (FULL, F23, D(2022, 12, 5), "NF-VER-1"),
        (MONITORING, F16, D(2019, 3, 4), "NF-ACT-1"),
        (REVISIT, F23, D(2023, 3, 6), "RV-1"),
    ],
)
def test_a_notification_outside_its_framework_is_refused(kind, framework, day, rule):
    assert rule in rules(check_notification(kind, framework, day, **KW))
    with pytest.raises(ScheduleError, match=rule):
        propose(kind, framework, day, **KW)


def test_validate_refuses_fieldwork_earlier_than_the_notice_allows():
    assert rules(validate(FULL, F16, D(2019, 9, 23), D(2019, 9, 27), D(2019, 10, 1), **KW)) == {
        "OF-NOT-1"
    }
    assert rules(validate(REVISIT, F16, D(2022, 9, 12), D(2022, 9, 26), D(2022, 9, 28), **KW)) == {
        "RV-3"
    }
    assert rules(validate(FULL, F23, D(2024, 11, 4), D(2024, 11, 13), D(2024, 11, 22), **KW)) == {
        "NF-NOT-2"
    }
    assert validate(REVISIT, F16, D(2022, 9, 12), D(2022, 9, 27), D(2022, 9, 29), **KW) == ()


def test_validate_refuses_a_revisit_of_one_or_five_days_rv_4():
    assert rules(validate(REVISIT, F16, D(2022, 9, 12), D(2022, 9, 27), D(2022, 9, 27), **KW)) == {
        "RV-4"
    }
    assert rules(validate(REVISIT, F16, D(2022, 9, 12), D(2022, 9, 27), D(2022, 10, 3), **KW)) == {
        "RV-4"
    }


def test_of_ons_1_a_2016_inspection_is_on_site_at_most_5_days_and_ends_after_it_starts():
    assert rules(validate(FULL, F16, D(2019, 9, 23), D(2019, 9, 30), D(2019, 10, 7), **KW)) == {
        "OF-ONS-1"
    }
    assert rules(validate(FULL, F16, D(2019, 9, 23), D(2019, 9, 30), D(2019, 9, 27), **KW)) == {
        "OF-ONS-1"
    }


def test_rv_5_remote_revisit_only_under_the_2021_guidance():
    from areasend.framework.schedule import fieldwork_refusals

    early = fieldwork_refusals(REVISIT, F16, D(2019, 11, 25), D(2019, 12, 9), remote=True, **KW)
    assert rules(early) == {"RV-5"}
    later = fieldwork_refusals(REVISIT, F16, D(2021, 4, 20), D(2021, 5, 5), remote=True, **KW)
    assert later == []
