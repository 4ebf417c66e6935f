import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("AREASEND_SHARED", REPO.parent / "shared"))


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"the shared evidence folder {SHARED} is not here (set AREASEND_SHARED)")
    return SHARED
