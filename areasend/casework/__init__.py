"""What every app's casework shares: pure rules about children's data (no Django, no models)
and the one clock.

``personal_data`` finds likely personal data in free text; ``pseudonyms``
makes and checks the references a case sample is known by; ``clock`` is the one
clock every service reads today's date from.
"""
