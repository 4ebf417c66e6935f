"""Term dates: data, with a default approximation and per-area overrides (OF-NOT-2)."""

import datetime as dt
import itertools
from collections import Counter

import pytest

from areasend.framework.terms import TermCalendar, TermPeriod, default_terms, read_term_csv

D = dt.date
TERMS = default_terms()
HARTLEPOOL = "E06000001"


def test_a_day_in_the_august_holiday_is_not_term_time():
    assert not TERMS.is_term_time(D(2019, 8, 14))
    assert TERMS.term_containing(D(2019, 8, 14)) is None


def test_a_mid_october_wednesday_is_term_time():
    period = TERMS.term_containing(D(2019, 10, 16))
    assert period is not None
    assert period.name == "2019/20 autumn 1"
    assert TERMS.is_term_time(D(2019, 10, 16))


@pytest.mark.parametrize(
    "day",
    [D(2019, 10, 30), D(2020, 2, 19), D(2020, 5, 27), D(2019, 12, 25), D(2020, 4, 8)],
    ids=["October half term", "February half term", "May half term", "Christmas", "Easter"],
)
def test_half_terms_and_holidays_are_not_term_time(day):
    assert not TERMS.is_term_time(day)


# Fieldwork of real inspections (framework.md §8) all fell in term time; the
# approximate default must agree with every one of them.
@pytest.mark.parametrize(
    ("first", "last"),
    [
        (D(2017, 12, 4), D(2017, 12, 8)),  # Medway
        (D(2018, 10, 1), D(2018, 10, 5)),  # Southend-on-Sea
        (D(2019, 1, 28), D(2019, 2, 1)),  # Kent
        (D(2019, 9, 30), D(2019, 10, 4)),  # Essex
        (D(2019, 12, 9), D(2019, 12, 11)),  # Medway revisit
        (D(2021, 7, 5), D(2021, 7, 9)),  # Rotherham
        (D(2022, 5, 17), D(2022, 5, 19)),  # Essex revisit
        (D(2022, 9, 27), D(2022, 9, 29)),  # Kent revisit
        (D(2024, 11, 18), D(2024, 11, 22)),  # East Sussex
        (D(2025, 11, 17), D(2025, 11, 21)),  # Hackney
    ],
)
def test_real_fieldwork_weeks_fall_in_default_term_time(first, last):
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    assert all(TERMS.is_term_time(day) for day in days)


def test_the_default_covers_2015_16_to_2029_30_with_six_half_terms_a_year():
    years = Counter(p.name.split()[0] for p in TERMS.periods())
    assert sorted(years) == [f"{y}/{(y + 1) % 100:02d}" for y in range(2015, 2030)]
    assert set(years.values()) == {6}


def test_default_periods_follow_the_school_year_shape():
    periods = TERMS.periods()
    for period in periods:
        assert period.start.weekday() < 5, period
        assert period.end.weekday() < 5, period
    autumn = [p for p in periods if p.name.endswith("autumn 1")]
    summer = [p for p in periods if p.name.endswith("summer 2")]
    assert all(p.start.month == 9 for p in autumn)
    assert all(p.end.month == 7 and p.end.day <= 21 for p in summer)
    gaps = [(b.start - a.end).days for a, b in itertools.pairwise(periods)]
    assert min(gaps) >= 3  # at least a weekend between periods: half terms are real gaps


def test_an_override_changes_only_that_area():
    own = [TermPeriod(D(2019, 9, 9), D(2019, 12, 13), "autumn, no half term")]
    terms = TermCalendar(TERMS.periods(), {HARTLEPOOL: own})
    half_term = D(2019, 10, 30)
    assert terms.is_term_time(half_term, HARTLEPOOL)
    assert not terms.is_term_time(half_term, "E06000002")
    assert not terms.is_term_time(half_term)
    assert not terms.is_term_time(D(2019, 9, 4), HARTLEPOOL)
    assert terms.term_containing(half_term, HARTLEPOOL) == own[0]


def test_with_overrides_adds_areas_and_keeps_the_rest():
    first = TermCalendar(TERMS.periods(), {HARTLEPOOL: [TermPeriod(D(2020, 1, 1), D(2020, 1, 31))]})
    easter_school = [TermPeriod(D(2020, 4, 6), D(2020, 4, 9), "Easter school")]
    both = first.with_overrides({"E06000002": easter_school})
    assert both.is_term_time(D(2020, 1, 15), HARTLEPOOL)
    assert both.is_term_time(D(2020, 4, 8), "E06000002")
    assert not first.is_term_time(D(2020, 4, 8), "E06000002")  # the original is unchanged


def test_next_term_day_jumps_over_the_half_term():
    # Fri 25 Oct 2019 is the last day before the October half term.
    assert TERMS.next_term_day(D(2019, 10, 25)) == D(2019, 11, 4)


def test_next_term_day_skips_a_weekend_inside_term():
    assert TERMS.next_term_day(D(2019, 10, 11)) == D(2019, 10, 14)


def test_next_term_day_is_strictly_after():
    assert TERMS.next_term_day(D(2019, 10, 16)) == D(2019, 10, 17)


def test_next_term_day_uses_the_area_override():
    terms = TermCalendar(
        TERMS.periods(), {HARTLEPOOL: [TermPeriod(D(2019, 10, 28), D(2019, 11, 1))]}
    )
    assert terms.next_term_day(D(2019, 10, 25), HARTLEPOOL) == D(2019, 10, 28)
    assert terms.next_term_day(D(2019, 11, 1), HARTLEPOOL) is None


def test_next_term_day_is_none_after_the_last_known_term():
    assert TERMS.next_term_day(D(2030, 7, 19)) is None


def test_weekends_inside_a_term_are_term_time():
    assert TERMS.is_term_time(D(2019, 10, 12))


def test_overlapping_periods_are_refused():
    with pytest.raises(ValueError, match="overlap"):
        TermCalendar(
            [TermPeriod(D(2020, 1, 6), D(2020, 2, 14)), TermPeriod(D(2020, 2, 14), D(2020, 3, 1))]
        )


def test_overlapping_periods_in_an_override_name_the_area():
    clash = [TermPeriod(D(2020, 1, 6), D(2020, 2, 14)), TermPeriod(D(2020, 2, 1), D(2020, 3, 1))]
    with pytest.raises(ValueError, match=HARTLEPOOL):
        TermCalendar([], {HARTLEPOOL: clash})


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="before it starts"):
        TermPeriod(D(2020, 2, 1), D(2020, 1, 1), "backwards")


def test_reading_csv_skips_comments_and_names_periods():
    text = "# from the council's website\nacademic_year,term,start,end\n2024/25,autumn 1,2024-09-04,2024-10-25\n"
    assert read_term_csv(text) == [TermPeriod(D(2024, 9, 4), D(2024, 10, 25), "2024/25 autumn 1")]


def test_a_bad_csv_row_is_named():
    text = "academic_year,term,start,end\n2024/25,autumn 1,2024-09-04,2024-10-25\n2024/25,autumn 2,4 Nov 2024,2024-12-20\n"
    with pytest.raises(ValueError, match="data row 2"):
        read_term_csv(text)
