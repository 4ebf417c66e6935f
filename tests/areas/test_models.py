"""Area reference models as people read them."""

from areasend.areas.models import Region


def test_every_region_reads_as_its_name_is_written() -> None:
    """Django would title-case a member name: "East Of England"."""
    assert [r.label for r in Region] == [r.value for r in Region]
    assert Region.EAST_OF_ENGLAND.label == "East of England"
