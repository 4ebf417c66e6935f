import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("AREASEND_SHARED", REPO.parent / "shared"))


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"the shared evidence folder {SHARED} is not here (set AREASEND_SHARED)")
    return SHARED


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    # Demo people are created per test; the production hasher is deliberately slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    # Public pages are cached per process: each test starts with none.
    from django.core.cache import cache

    from areasend.areas.statuses import forget_recent

    cache.clear()
    forget_recent()


@pytest.fixture
def admin_client(client: Any, admin_user: Any) -> Any:
    """pytest-django's admin client, signed in with a second factor as the admin requires
    (docs/decisions/0022)."""
    from tests.otp import force_login_verified

    force_login_verified(client, admin_user)
    return client
