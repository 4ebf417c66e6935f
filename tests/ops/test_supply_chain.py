"""The audit fails on a known vulnerability and never passes off an unanswered audit as clean."""

import json

from areasend.ops.supply_chain import read_npm_audit, read_pip_audit


def test_a_vulnerable_python_package_is_reported_with_its_fix():
    report = {
        "dependencies": [
            {
                "name": "django",
                "version": "5.2.0",
                "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"], "aliases": []}],
            },
            {"name": "whitenoise", "version": "6.12.0", "vulns": []},
            {"name": "areasend", "skip_reason": "distribution marked as editable"},
        ],
        "fixes": [],
    }
    assert read_pip_audit(json.dumps(report)) == (["django 5.2.0: PYSEC-2025-1 (fix: 5.2.1)"], True)


def test_clean_python_packages_pass():
    report = {"dependencies": [{"name": "whitenoise", "version": "6.12.0", "vulns": []}]}
    assert read_pip_audit(json.dumps(report)) == ([], True)


def test_every_package_skipped_means_nothing_was_audited():
    report = {
        "dependencies": [
            {
                "name": "django",
                "skip_reason": "Dependency not found on PyPI and could not be audited: django (5.2.19)",
            },
            {"name": "areasend", "skip_reason": "distribution marked as editable"},
        ]
    }
    assert read_pip_audit(json.dumps(report)) == ([], False)
    assert read_pip_audit("Traceback (most recent call last): ...") == ([], False)


def test_npm_moderate_and_above_fail_low_does_not():
    report = {
        "auditReportVersion": 2,
        "vulnerabilities": {
            "sass": {"name": "sass", "severity": "low", "via": []},
            "axe-core": {"name": "axe-core", "severity": "moderate", "via": []},
            "govuk-frontend": {"name": "govuk-frontend", "severity": "critical", "via": []},
        },
    }
    assert read_npm_audit(json.dumps(report)) == (
        ["axe-core: moderate", "govuk-frontend: critical"],
        True,
    )
    assert read_npm_audit(json.dumps({"auditReportVersion": 2, "vulnerabilities": {}})) == (
        [],
        True,
    )


def test_an_npm_endpoint_error_means_nothing_was_audited():
    report = {
        "message": "405 Method Not Allowed - POST .../advisories/bulk",
        "statusCode": 405,
        "error": {"summary": "", "detail": ""},
    }
    assert read_npm_audit(json.dumps(report)) == ([], False)
