"""What marks the fictional demo people (load_demo_people), so production can refuse them."""

from __future__ import annotations

#: The one password every demo person shares; printed by load_demo_people and in the README.
PASSWORD = "areasend-demo-2026"
#: Every demo person's email is at this reserved domain (RFC 2606): no real person's can be.
EMAIL_DOMAIN = "example.invalid"
