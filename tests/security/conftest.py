from tests.inspections.conftest import notified, people, rotherham

__all__ = ["notified", "people", "rotherham"]
