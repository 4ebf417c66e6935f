from tests.improvement.conftest import load
from tests.inspections.conftest import medway, medway_revisit, people

__all__ = ["load", "medway", "medway_revisit", "people"]
