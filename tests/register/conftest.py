import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db) -> None:
    """The six demonstration histories."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def national(demo) -> None:
    """The demonstration histories plus every published inspection since 2016 (load_national)."""
    call_command("load_national", stdout=io.StringIO())
