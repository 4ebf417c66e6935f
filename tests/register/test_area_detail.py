"""An area's page: inspections in plain English, each weakness's progress, plans, next inspection, neighbours."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from areasend.areas.event_log import area_status
from areasend.areas.models import LocalArea, OfficialInspectionRecord

pytestmark = pytest.mark.django_db


def page_of(client, slug: str) -> str:
    response = client.get(reverse("register:area_detail", args=[slug]))
    assert response.status_code == 200
    return str(response.content.decode())


def row_with(html: str, text: str) -> str:
    rows: list[str] = [
        r for r in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", html, re.S) if text in r
    ]
    assert rows, f"no table row mentions {text!r}"
    return rows[0]


def test_each_inspection_is_summarised_with_dates_in_plain_english(client, demo):
    html = page_of(client, "medway")
    assert "Revisit, December 2019" in html
    assert "9 December 2019 to 11 December 2019" in html
    assert "19 February 2020" in html
    assert "Sufficient progress on some weaknesses (5 sufficient, 3 not sufficient)" in html
    assert "Inconsistent experiences and outcomes" in html
    assert 'href="https://www.medway.gov.uk/news/article/1651/' in html


def test_each_weakness_shows_its_progress(client, demo):
    html = page_of(client, "medway")
    assert "Sufficient" in row_with(html, "Co-production at all levels")
    assert "Not sufficient" in row_with(html, "The quality of education, health and care plans")
    assert "19 February 2020" in row_with(html, "Co-production at all levels")


def test_next_inspection_comes_from_the_framework(client, demo):
    medway = LocalArea.objects.get(slug="medway")
    due = [o for o in area_status(medway).obligations if o.rule == "NF-ACT-2" and o.met_on is None]
    assert due, "the framework gives Medway a next full inspection"
    html = page_of(client, "medway")
    assert f"expected by <strong>{due[0].due:%-d %B %Y}</strong>" in html


def test_plans_and_their_steps(client, demo):
    html = page_of(client, "essex")
    row = row_with(html, "Written statement of action</a>")
    assert "27 March 2020" in row
    assert "16 April 2020: fit for purpose" in row


def test_neighbours_latest_outcomes_side_by_side(client, national):
    medway = LocalArea.objects.get(slug="medway")
    html = page_of(client, "medway")
    section = html.split("Statistical neighbours</h2>", 1)[1].split("</table>", 1)[0]
    assert "Medway (this area)" in section
    for neighbour in medway.statistical_neighbours.all():
        assert escape(neighbour.name) in section
    assert "Sufficient progress on none of the weaknesses" in row_with(section, ">Kent</a>")


def test_weakness_count_shown_when_wording_is_not_recorded(client, national):
    record = (
        OfficialInspectionRecord.objects.filter(kind="full", weakness_count__gt=1)
        .exclude(area__slug__in=["medway", "kent", "essex", "southend-on-sea", "nottinghamshire"])
        .select_related("area")
        .first()
    )
    assert record is not None
    html = page_of(client, record.area.slug)
    assert f"{record.weakness_count} significant weaknesses (wording not recorded)" in html


def test_area_page_reads_a_bounded_number_of_queries(
    client, national, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):  # +1: the page cache's data version
        client.get(reverse("register:area_detail", args=["kent"]))


def test_nhs_partners_dates_have_no_empty_part(client, demo):
    """Rotherham's CCG gave way to the ICB on 1 July 2022: the CCG's end stands alone."""
    html = page_of(client, "rotherham")
    assert "NHS Rotherham CCG (until 30 June 2022)" in html
    assert "( to" not in html and "()" not in html


def test_the_region_is_written_as_its_name_is(client, demo):
    html = page_of(client, "essex")
    assert ", East of England</span>" in html
    assert "East Of England" not in html


def test_the_history_table_lists_each_weakness_once(client, national):
    """Rotherham's 2021 letter: four weaknesses, under its publication only."""
    html = page_of(client, "rotherham")
    weakness = "the variability in the quality of EHC plans"
    history = html.split(">History</h2>", 1)[1]
    assert history.count(weakness) == 1
    published = row_with(history, "Letter published")
    assert weakness in published
    assert weakness not in row_with(history, "Letter dated")
