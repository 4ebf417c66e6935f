"""The public pages: they render, list every area, show a computed status, and stay cheap."""

import pytest
from django.urls import reverse

from areasend.areas.event_log import do_import_history
from areasend.areas.models import LocalArea

pytestmark = pytest.mark.django_db

KENT = "\n".join(
    [
        '{"area": "Kent", "date": "2019-01-21", "event": "inspection_notified", "inspection": "kent-2019", "kind": "full", "framework": "2016"}',
        '{"area": "Kent", "date": "2019-01-28", "event": "fieldwork_started", "inspection": "kent-2019"}',
        '{"area": "Kent", "date": "2019-02-01", "event": "fieldwork_ended", "inspection": "kent-2019"}',
        '{"area": "Kent", "date": "2019-03-29", "event": "letter_published", "inspection": "kent-2019", "outcome": "wsoa", "weaknesses": ["EHC plan quality", "Joint commissioning"]}',
    ]
)  # fmt: skip


def test_home_page_counts_current_areas(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # +1: the page cache's data version
        response = client.get(reverse("register:home"))
    assert response.status_code == 200
    assert "There are 153 local areas today" in response.content.decode()


def test_area_list_shows_all_current_and_former_areas(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):  # +1: the page cache's data version
        response = client.get(reverse("register:area_list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Current local areas (153)" in page
    assert "Northamptonshire</a>" in page
    assert "Former local areas (" in page
    assert (
        len(response.context["former"]) == LocalArea.objects.filter(valid_to__isnull=False).count()
    )


def test_area_list_filters_by_region_with_a_plain_get_form(client):
    response = client.get(reverse("register:area_list"), {"region": "London"})
    assert len(response.context["current"]) == 33
    assert all(a.region == "London" for a in response.context["current"])


def test_an_unknown_region_is_ignored_rather_than_an_error(client):
    response = client.get(reverse("register:area_list"), {"region": "Atlantis"})
    assert response.status_code == 200
    assert len(response.context["current"]) == 153


def test_area_page_shows_history_and_the_engine_status(client, django_assert_max_num_queries):
    do_import_history(KENT, source="test")
    kent = LocalArea.objects.get(gss_code="E10000016")
    # The area and its links (7), its history (1), its datasets (3), its neighbours' outcomes (3):
    # fixed, however long the history or however many neighbours.
    with django_assert_max_num_queries(16):  # +1: the page cache's data version
        response = client.get(reverse("register:area_detail", args=[kent.slug]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "29 March 2019" in page
    assert "EHC plan quality" in page
    assert "OF-WSOA-3" in page
    assert "11 July 2019" in page  # the WSOA was due 70 working days after publication


def test_former_area_page_links_its_successors(client):
    response = client.get(reverse("register:area_detail", args=["northamptonshire"]))
    page = response.content.decode()
    assert "stopped being a local area on 31 March 2021" in page
    assert "North Northamptonshire</a>" in page


def test_an_unknown_area_is_not_found(client):
    assert client.get(reverse("register:area_detail", args=["atlantis"])).status_code == 404


def test_accessibility_statement_is_linked_from_every_page(client):
    page = client.get(reverse("register:home")).content.decode()
    assert reverse("register:accessibility") in page
    statement = client.get(reverse("register:accessibility")).content.decode()
    assert "WCAG 2.2 AA" in statement


def _statement(client) -> str:
    return str(client.get(reverse("register:accessibility")).content.decode())


def test_the_accessibility_statement_follows_the_govuk_model(client):
    statement = _statement(client)
    for heading in (
        "How accessible this service is",
        "Feedback and contact information",
        "Reporting accessibility problems",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ):
        assert f">{heading}</h" in statement, heading
    assert "partially compliant" in statement
    assert "Equality and Human Rights Commission" in statement
    assert "Equality Advisory and Support Service (EASS)" in statement
    assert "1.3.1" in statement  # each non-compliance names its success criterion
    assert "This statement was prepared on 2 December 2026" in statement
    assert "checked with axe-core" in statement and "320 and 375 pixels" in statement


def test_the_accessibility_statement_gives_the_configured_contact(client, settings):
    settings.AREASEND_ACCESSIBILITY_EMAIL = "access@send.example.org"
    statement = _statement(client)
    assert 'href="mailto:access@send.example.org"' in statement
    assert "get back to you in 5 working days" in statement
