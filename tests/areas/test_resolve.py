"""Name and code resolution, on a small in-memory directory (no database)."""

import datetime as dt

import pytest

from areasend.areas.resolve import AreaDirectory, AreaLookupError, AreaRecord, core, normalise

NORTHANTS = AreaRecord(
    "E10000021", "Northamptonshire", None, dt.date(2021, 3, 31),
    successors=("E06000061", "E06000062"),
)  # fmt: skip
NORTH_N = AreaRecord(
    "E06000061", "North Northamptonshire", dt.date(2021, 4, 1), None, predecessors=("E10000021",)
)
WEST_N = AreaRecord(
    "E06000062", "West Northamptonshire", dt.date(2021, 4, 1), None, predecessors=("E10000021",)
)
BRISTOL = AreaRecord(
    "E06000023", "Bristol", None, None, names=("City of Bristol", "Bristol, City of")
)
HULL = AreaRecord("E06000010", "Kingston upon Hull", None, None, names=("Hull",))
KINGSTON = AreaRecord("E09000021", "Kingston upon Thames", None, None)
BARNSLEY = AreaRecord("E08000038", "Barnsley", None, None, codes=("E08000016", "370"))
DORSET_COUNTY = AreaRecord(
    "E10000009", "Dorset", None, dt.date(2019, 3, 31), successors=("E06000059", "E06000058")
)
DORSET = AreaRecord("E06000059", "Dorset", dt.date(2019, 4, 1), None, predecessors=("E10000009",))
BCP = AreaRecord(
    "E06000058", "Bournemouth, Christchurch and Poole", dt.date(2019, 4, 1), None,
    names=("BCP",), predecessors=("E10000009",),
)  # fmt: skip
CITY = AreaRecord("E09000001", "City of London", None, None)
WESTMINSTER = AreaRecord("E09000033", "Westminster", None, None, names=("City of Westminster",))

DIRECTORY = AreaDirectory(
    [NORTHANTS, NORTH_N, WEST_N, BRISTOL, HULL, KINGSTON, BARNSLEY, DORSET_COUNTY, DORSET, BCP,
     CITY, WESTMINSTER]
)  # fmt: skip


@pytest.mark.parametrize(
    "query", ["Bristol", "City of Bristol", "Bristol, City of", "BRISTOL CITY COUNCIL", "bristol"]
)
def test_every_published_form_of_bristol_resolves_to_bristol(query):
    assert DIRECTORY.resolve(query).gss_code == "E06000023"


def test_hull_resolves_to_kingston_upon_hull_not_kingston_upon_thames():
    assert DIRECTORY.resolve("Hull").gss_code == "E06000010"
    assert DIRECTORY.resolve("Kingston upon Hull, City of").gss_code == "E06000010"


def test_city_of_london_is_not_confused_with_the_word_city():
    assert DIRECTORY.resolve("City of London").gss_code == "E09000001"
    assert DIRECTORY.resolve("City of Westminster").gss_code == "E09000033"


def test_a_misspelling_resolves_fuzzily():
    assert DIRECTORY.resolve("Northamptonshre", dt.date(2017, 6, 1)).gss_code == "E10000021"
    assert DIRECTORY.resolve("Westminister").gss_code == "E09000033"


def test_a_name_resolves_to_the_area_in_force_at_the_date():
    assert DIRECTORY.resolve("Northamptonshire", dt.date(2017, 5, 1)).gss_code == "E10000021"
    assert DIRECTORY.resolve("North Northamptonshire", dt.date(2024, 1, 1)).gss_code == "E06000061"
    assert DIRECTORY.resolve("Dorset", dt.date(2017, 1, 9)).gss_code == "E10000009"
    assert DIRECTORY.resolve("Dorset", dt.date(2024, 1, 9)).gss_code == "E06000059"


def test_a_split_council_after_its_end_is_an_error_naming_its_successors():
    with pytest.raises(AreaLookupError) as caught:
        DIRECTORY.resolve("Northamptonshire", dt.date(2024, 1, 1))
    assert "ceased on 2021-03-31" in str(caught.value)
    assert {c.gss_code for c in caught.value.candidates} == {"E06000061", "E06000062"}
    assert "West Northamptonshire (E06000062" in str(caught.value)


def test_a_successor_before_it_existed_is_an_error_naming_its_predecessor():
    with pytest.raises(AreaLookupError) as caught:
        DIRECTORY.resolve("North Northamptonshire", dt.date(2017, 1, 1))
    assert "did not exist until 2021-04-01" in str(caught.value)
    assert [c.gss_code for c in caught.value.candidates] == ["E10000021"]


def test_former_and_dfe_codes_resolve_to_the_recoded_area():
    assert DIRECTORY.resolve("E08000016").gss_code == "E08000038"
    assert DIRECTORY.resolve("e08000038").gss_code == "E08000038"
    assert DIRECTORY.resolve("370").gss_code == "E08000038"


def test_an_unknown_code_is_a_clear_error():
    with pytest.raises(AreaLookupError, match="no local area has the code 'E06999999'"):
        DIRECTORY.resolve("E06999999")


def test_an_ambiguous_fuzzy_name_lists_candidates():
    with pytest.raises(AreaLookupError) as caught:
        DIRECTORY.resolve("Kingston")
    codes = {c.gss_code for c in caught.value.candidates}
    assert {"E06000010", "E09000021"} <= codes


def test_nonsense_is_not_matched_to_anything():
    with pytest.raises(AreaLookupError, match="no local area is called 'Atlantis'"):
        DIRECTORY.resolve("Atlantis")


def test_normalising_drops_punctuation_and_decoration():
    assert normalise("St. Helens") == "st helens"
    assert normalise("Telford & Wrekin") == "telford and wrekin"
    assert core("London Borough of Hounslow") == "hounslow"
    assert core("City of London") == "city of london"
