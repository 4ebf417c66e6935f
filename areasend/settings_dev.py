"""Development settings, chosen by name: `make run`, the tests and the bench scripts use them.

    DJANGO_SETTINGS_MODULE=areasend.settings_dev    (the same as AREASEND_ENV=development)

DEBUG on, a fixed development key, localhost names, files served from the app folders. Never
for a deployment: `check --deploy` fails on them (areasend/ops/checks.py).
"""

from __future__ import annotations

import os

# Set before the base settings read it, and inherited by the processes this one starts (the
# browser tests' and bench's manage.py), so the choice holds wherever development was asked for.
os.environ["AREASEND_ENV"] = "development"

from areasend.settings import *  # noqa: F403
