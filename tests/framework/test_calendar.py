"""Working days, bank holidays and months: the arithmetic every deadline rests on."""

import calendar as stdlib_calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from areasend.framework.calendar import (
    WorkingCalendar,
    add_months,
    england,
    monday_of_week,
    next_monday,
)
from areasend.framework.terms import TermCalendar, TermPeriod

D = dt.date
CAL = england()

days = st.dates(min_value=D(2015, 1, 1), max_value=D(2035, 12, 31))
counts = st.integers(min_value=-800, max_value=800)


# framework.md §8: every one of these was checked against England's bank holidays.
@pytest.mark.parametrize(
    ("start", "n", "expected", "why"),
    [
        (D(2017, 11, 27), 5, D(2017, 12, 4), "Medway notice, OF-NOT-1"),
        (D(2022, 9, 12), 10, D(2022, 9, 27), "Kent revisit notice, skipping 19 Sep 2022"),
        (D(2019, 11, 25), 10, D(2019, 12, 9), "Medway revisit notice, RV-3"),
        (D(2018, 2, 8), 70, D(2018, 5, 22), "Medway WSOA due"),
        (D(2019, 3, 29), 70, D(2019, 7, 11), "Kent WSOA due"),
        (D(2019, 12, 23), 70, D(2020, 4, 2), "Essex WSOA due, over Christmas and Easter"),
        (D(2023, 5, 16), 35, D(2023, 7, 5), "Nottinghamshire PAP submission"),
        (D(2023, 5, 16), 70, D(2023, 8, 23), "Nottinghamshire PAP publication"),
        (D(2019, 12, 11), 33, D(2020, 1, 30), "Medway revisit letter target"),
        (D(2022, 5, 19), 33, D(2022, 7, 7), "Essex revisit letter target, jubilee"),
    ],
)
def test_worked_examples_from_the_spec(start, n, expected, why):
    assert CAL.add_working_days(start, n) == expected, why
    assert CAL.count_working_days(start, expected) == n, why
    assert CAL.add_working_days(expected, -n) == start, why


@pytest.mark.parametrize(
    "day",
    [D(2020, 5, 8), D(2022, 6, 3), D(2022, 9, 19), D(2023, 5, 8)],
    ids=["VE day moved", "platinum jubilee", "state funeral", "coronation"],
)
def test_one_off_bank_holidays_are_not_working_days(day):
    assert CAL.is_bank_holiday(day)
    assert not CAL.is_working_day(day)


def test_the_may_bank_holiday_moved_off_4_may_2020():
    assert not CAL.is_bank_holiday(D(2020, 5, 4))
    assert CAL.is_working_day(D(2020, 5, 4))


def test_bank_holidays_of_a_year_are_named_and_sorted():
    found = CAL.bank_holidays(2022)
    assert list(found) == sorted(found)
    assert "Funeral" in found[D(2022, 9, 19)]
    assert D(2022, 1, 3) in found  # New Year's Day falling on a Saturday is observed on Monday


def test_changing_the_answer_of_bank_holidays_does_not_change_the_calendar():
    CAL.bank_holidays(2023).clear()
    assert CAL.is_bank_holiday(D(2023, 5, 8))


def test_a_deployment_can_add_and_remove_bank_holidays():
    corrected = WorkingCalendar(extra_holidays=[D(2031, 6, 2)], removed_holidays=[D(2023, 5, 8)])
    assert corrected.is_bank_holiday(D(2031, 6, 2))
    assert D(2031, 6, 2) in corrected.bank_holidays(2031)
    assert not corrected.is_bank_holiday(D(2023, 5, 8))
    assert corrected.add_working_days(D(2023, 5, 5), 1) == D(2023, 5, 8)
    assert CAL.add_working_days(D(2023, 5, 5), 1) == D(2023, 5, 9)


def test_weekends_are_not_working_days():
    assert not CAL.is_working_day(D(2024, 3, 9))
    assert not CAL.is_working_day(D(2024, 3, 10))
    assert CAL.is_working_day(D(2024, 3, 11))


def test_adding_zero_working_days_is_the_day_itself_even_at_a_weekend():
    assert CAL.add_working_days(D(2024, 3, 9), 0) == D(2024, 3, 9)


def test_the_start_day_is_never_counted():
    saturday = D(2024, 3, 9)
    assert CAL.add_working_days(saturday, 1) == D(2024, 3, 11)
    assert CAL.add_working_days(saturday, -1) == D(2024, 3, 8)
    assert CAL.count_working_days(saturday, saturday) == 0
    assert CAL.count_working_days(D(2024, 3, 8), D(2024, 3, 11)) == 1


def test_next_working_day_crosses_a_bank_holiday_weekend():
    assert CAL.next_working_day(D(2022, 9, 16)) == D(2022, 9, 20)
    assert CAL.next_working_day(D(2022, 9, 15)) == D(2022, 9, 16)


def test_working_day_on_or_after_keeps_a_working_day():
    assert CAL.working_day_on_or_after(D(2022, 9, 16)) == D(2022, 9, 16)
    assert CAL.working_day_on_or_after(D(2022, 9, 17)) == D(2022, 9, 20)


def test_count_is_negative_when_the_end_is_earlier():
    assert CAL.count_working_days(D(2017, 12, 4), D(2017, 11, 27)) == -5


def test_next_monday_is_strictly_after():
    assert next_monday(D(2017, 11, 27)) == D(2017, 12, 4)  # a Monday: the following one
    assert next_monday(D(2017, 12, 3)) == D(2017, 12, 4)  # a Sunday


def test_monday_of_week():
    assert monday_of_week(D(2019, 12, 11)) == D(2019, 12, 9)
    assert monday_of_week(D(2019, 12, 9)) == D(2019, 12, 9)
    assert monday_of_week(D(2019, 12, 15)) == D(2019, 12, 9)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2020, 4, 16), 18, D(2021, 10, 16)),  # Essex: 18 months after fit for purpose (RV-2)
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2023, 3, 31), -1, D(2023, 2, 28)),
        (D(2022, 12, 15), 1, D(2023, 1, 15)),
        (D(2023, 1, 15), -1, D(2022, 12, 15)),
        (D(2023, 5, 16), 0, D(2023, 5, 16)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_england_is_built_once():
    assert england() is england()


def test_term_time_comes_from_the_term_calendar():
    assert CAL.is_term_time(D(2019, 10, 16))
    assert not CAL.is_term_time(D(2019, 8, 14))
    assert CAL.terms.term_containing(D(2019, 10, 16)) is not None


def test_a_calendar_can_carry_its_own_term_dates_per_area():
    terms = TermCalendar(
        [TermPeriod(D(2024, 1, 8), D(2024, 3, 22), "spring")],
        {"E06000001": [TermPeriod(D(2024, 1, 3), D(2024, 1, 5), "short")]},
    )
    cal = WorkingCalendar(terms=terms)
    assert cal.terms is terms
    assert cal.is_term_time(D(2024, 1, 4), "E06000001")
    assert not cal.is_term_time(D(2024, 1, 4))


def test_next_term_working_day_skips_holidays_weekends_and_bank_holidays():
    # Sat 6 May 2023, in the summer term; Mon 8 May was the coronation bank holiday.
    assert CAL.next_term_working_day(D(2023, 5, 6)) == D(2023, 5, 9)
    # From the summer holiday to the first day of the autumn term.
    assert CAL.next_term_working_day(D(2019, 8, 14)) == D(2019, 9, 2)


def test_next_term_working_day_is_none_beyond_the_known_term_dates():
    assert CAL.next_term_working_day(D(2031, 1, 1)) is None


# Properties -----------------------------------------------------------------


@given(days, st.integers(min_value=0, max_value=800))
def test_counting_what_was_added_gives_it_back(day, n):
    assert CAL.count_working_days(day, CAL.add_working_days(day, n)) == n


@given(days, st.integers(min_value=-800, max_value=-1))
def test_going_back_then_forward_lands_on_the_first_working_day_from_the_start(day, n):
    # The mirror law: day itself is never counted, so going back n and forward n
    # returns to day only when day is a working day; otherwise to the next one.
    earlier = CAL.add_working_days(day, n)
    assert CAL.add_working_days(earlier, -n) == CAL.working_day_on_or_after(day)
    assert CAL.count_working_days(day, earlier) == n + (0 if CAL.is_working_day(day) else 1)


@given(days, counts.filter(lambda n: n != 0))
def test_adding_working_days_lands_on_a_working_day(day, n):
    landed = CAL.add_working_days(day, n)
    assert landed.weekday() < 5
    assert not CAL.is_bank_holiday(landed)
    assert (landed > day) == (n > 0)


@given(days, days, days)
def test_count_grows_with_the_end_and_is_antisymmetric(start, a, b):
    a, b = min(a, b), max(a, b)
    assert CAL.count_working_days(start, a) <= CAL.count_working_days(start, b)
    assert CAL.count_working_days(a, b) == -CAL.count_working_days(b, a)


@given(days, st.integers(min_value=0, max_value=400))
def test_count_agrees_with_counting_day_by_day(start, length):
    end = start + dt.timedelta(days=length)
    naive = sum(CAL.is_working_day(start + dt.timedelta(days=i)) for i in range(1, length + 1))
    assert CAL.count_working_days(start, end) == naive


@given(days, st.integers(min_value=-240, max_value=240))
def test_add_months_moves_whole_months_and_clamps_the_day(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    last = stdlib_calendar.monthrange(moved.year, moved.month)[1]
    assert moved.day == min(day.day, last)


@given(
    days.filter(lambda d: d.day <= 28),
    st.integers(min_value=-120, max_value=120),
    st.integers(min_value=-120, max_value=120),
)
def test_add_months_composes_when_no_clamping_happens(day, a, b):
    assert add_months(add_months(day, a), b) == add_months(day, a + b)
