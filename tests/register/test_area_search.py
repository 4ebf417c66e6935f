"""Finding areas: by current or former name (fuzzy too), region, outcome, framework and year."""

import pytest
from django.urls import reverse

from areasend.areas.models import AreaName, LocalArea
from areasend.register.datasets import outcome_rows

pytestmark = pytest.mark.django_db


def listed(response) -> set[str]:
    return {r.area_name for r in response.context["current"]} | {
        r.area_name for r, _ in response.context["former"]
    }


def test_search_by_current_name(client):
    response = client.get(reverse("register:area_list"), {"q": "medway"})
    assert listed(response) == {"Medway"}


def test_search_matches_at_word_starts(client):
    names = listed(client.get(reverse("register:area_list"), {"q": "Hull"}))
    assert any("Kingston upon Hull" in n for n in names)
    assert "Solihull" not in names


def test_search_by_a_former_or_other_name_finds_the_area(client):
    other = next(
        n
        for n in AreaName.objects.select_related("area")
        if n.name.lower() not in n.area.name.lower()
    )
    response = client.get(reverse("register:area_list"), {"q": other.name})
    assert other.area.name in listed(response)


def test_former_areas_are_found_by_their_name(client):
    former = LocalArea.objects.filter(valid_to__isnull=False).first()
    assert former is not None
    response = client.get(reverse("register:area_list"), {"q": former.name})
    assert former.name in {r.area_name for r, _ in response.context["former"]}


def test_a_misspelt_name_is_matched_or_suggested(client):
    response = client.get(reverse("register:area_list"), {"q": "Medwey"})
    assert "Medway" in listed(response) | set(response.context["suggestions"])
    assert "Medway" in response.content.decode()


def test_region_filter_lists_only_that_region(client):
    response = client.get(reverse("register:area_list"), {"region": "London"})
    assert {r.region for r in response.context["current"]} == {"London"}
    assert (
        len(response.context["current"])
        == LocalArea.objects.filter(region="London", valid_to__isnull=True).count()
    )


def test_unknown_filter_values_are_ignored_not_errors(client):
    response = client.get(
        reverse("register:area_list"),
        {"region": "Atlantis", "year": "19x", "outcome": "great", "framework": "1999"},
    )
    assert response.status_code == 200
    assert (
        len(response.context["current"]) == LocalArea.objects.filter(valid_to__isnull=True).count()
    )


def test_outcome_filter_lists_areas_with_that_outcome(client, national):
    response = client.get(reverse("register:area_list"), {"outcome": ["systemic_failings"]})
    expected = {r.area_name for r in outcome_rows() if r.outcome == "systemic_failings"}
    assert "Nottinghamshire" in expected
    assert listed(response) == expected
    assert 'value="systemic_failings" checked' in response.content.decode()


def test_framework_and_year_filters_combine(client, demo):
    response = client.get(reverse("register:area_list"), {"framework": "2023", "year": "2024"})
    names = listed(response)
    assert {"Medway", "Rotherham"} <= names
    assert "Essex" not in names  # inspected under 2023 only from 2026, not published
    assert "Kent" not in names


def test_the_list_reads_a_bounded_number_of_queries(
    client, national, django_assert_max_num_queries
):
    with django_assert_max_num_queries(9):  # +1: the page cache's data version
        response = client.get(
            reverse("register:area_list"), {"region": "South East", "outcome": "wsoa"}
        )
    assert "Kent" in listed(response)
