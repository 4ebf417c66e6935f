"""The dates a person may type: a real day within the years the service works in.

The GOV.UK date input (``casework.date_input``, ADR 0040) refuses days outside ``EARLIEST`` to
``LATEST``, so a day of year 1 or 9999 (which breaks date arithmetic: a planner horizon, a
schedule, a term calendar) is refused at entry with a clear message (as an impossible day such
as 30 February is), instead of answering 500 further in.
The range spans every inspection framework (the first area SEND inspections were in 2016)
and any plan ahead; the reasons are in docs/decisions/0025-bad-input-answers-400-not-500.md.
"""

from __future__ import annotations

import datetime as dt

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2099, 12, 31)
