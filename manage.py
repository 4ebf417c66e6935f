#!/usr/bin/env python
import os
import sys


def main() -> None:
    # Production unless development is asked for (AREASEND_ENV=development, as `make run` does).
    development = os.environ.get("AREASEND_ENV", "").strip().lower() == "development"
    os.environ.setdefault(
        "DJANGO_SETTINGS_MODULE",
        "areasend.settings_dev" if development else "areasend.settings_production",
    )
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
