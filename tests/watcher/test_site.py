"""Reading the listing and provider pages as the real site writes them."""

from __future__ import annotations

import datetime as dt

import pytest

from areasend.watcher.site import StructureError, parse_listing, parse_provider

#: Shaped like a real provider page: visible text, then the same in a span.nonvisual.
PROVIDER = """
<h1>Medway Council</h1>
<ul class="timeline">
 <li><a class="publication-link" href="https://files.ofsted.gov.uk/v1/file/50252437" target="_blank">
   Area SEND full inspection <span class="nonvisual">Area SEND full inspection, pdf - 15 July 2024</span></a></li>
 <li><a class="publication-link" href="https://files.ofsted.gov.uk/v1/file/50210000" target="_blank">
   Joint area child protection inspection <span class="nonvisual">Joint area child protection inspection, pdf - 30 January 2024</span></a></li>
 <li><a class="publication-link" href="https://files.ofsted.gov.uk/v1/file/2750000">Local area SEND inspection - 2 February 2018</a></li>
</ul>
"""


def test_a_provider_page_gives_its_area_send_publications_only() -> None:
    name, found = parse_provider(PROVIDER, "https://reports.ofsted.gov.uk/provider/44/80522")
    assert name == "Medway Council"
    assert [(p.file_id, p.kind, p.published) for p in found] == [
        ("50252437", "Area SEND full inspection", dt.date(2024, 7, 15)),
        ("2750000", "Local area SEND inspection", dt.date(2018, 2, 2)),
    ]
    assert found[0].url == "https://files.ofsted.gov.uk/v1/file/50252437"


def test_the_listing_gives_each_provider_link_once_and_ignores_other_links() -> None:
    html = (
        '<a href="/provider/44/80522">Medway Council</a><a href="/provider/44/80522">Medway</a>'
        '<a href="/provider/44/80431?x=1">Blackpool</a><a href="/search?start=100">Next</a>'
        '<a href="https://example.org/provider/44/1">Elsewhere</a>'
    )
    found = parse_listing(html, "https://reports.ofsted.gov.uk/search?level_1_types=3")
    assert [(p.url, p.name) for p in found] == [
        ("https://reports.ofsted.gov.uk/provider/44/80522", "Medway Council"),
        ("https://reports.ofsted.gov.uk/provider/44/80431?x=1", "Blackpool"),
        ("https://example.org/provider/44/1", "Elsewhere"),
    ]


@pytest.mark.parametrize(
    ("link", "missing"),
    [
        ('<a class="publication-link" href="/v1/file/1">Area SEND full inspection</a>', "no date"),
        ('<a class="publication-link" href="/v1/file/1">Area SEND full inspection - 31 Febtember 2024</a>', "no date"),
        ('<a class="publication-link" href="/download/1">Area SEND full inspection - 4 February 2025</a>', "no file id"),
        ('<a class="report-link" href="/v1/file/1">Area SEND full inspection - 4 February 2025</a>', "no publication links"),
    ],
)  # fmt: skip
def test_a_page_without_what_the_watcher_reads_is_a_structure_error(
    link: str, missing: str
) -> None:
    with pytest.raises(StructureError, match=missing):
        parse_provider(f"<h1>Medway</h1>{link}", "https://reports.ofsted.gov.uk/provider/44/1")
