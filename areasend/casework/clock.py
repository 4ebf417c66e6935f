"""The service's one clock: what day it is in England.

``TIME_ZONE`` is Europe/London; a server's UTC date is yesterday between midnight and
1 a.m. in summer, so nothing in areasend asks the server for its date. The pure
framework takes ``today`` as a parameter and is given this.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    """Today's date in the service's time zone (settings.TIME_ZONE)."""
    return timezone.localdate()
