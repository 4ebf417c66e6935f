"""Supply-chain audit (`make audit`): known vulnerabilities in the installed Python packages
(pip-audit) and in the npm packages (npm audit, moderate and above).
See docs/decisions/0011-supply-chain-audit.md.

Exits 1 when an advisory names a package we install. When an advisory service cannot be
reached the audit has NOT been done: that is printed loudly, and is a failure only with
AUDIT_REQUIRE_SERVICE=1 (set it wherever the services are reachable).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NPM_FAILING = {"moderate", "high", "critical"}

# (vulnerabilities found, whether the advisory service answered)
Findings = tuple[list[str], bool]


def read_pip_audit(output: str) -> Findings:
    """Read `pip-audit --format json`. Packages it skipped were not audited: if it skipped
    every one (the service did not answer for any), nothing was audited at all."""
    try:
        report = json.loads(output)
    except json.JSONDecodeError:
        return [], False
    found: list[str] = []
    audited = 0
    for dependency in report.get("dependencies", []):
        if "skip_reason" in dependency:
            continue
        audited += 1
        for vuln in dependency.get("vulns", []):
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            found.append(
                f"{dependency['name']} {dependency['version']}: {vuln['id']} (fix: {fixed})"
            )
    return found, audited > 0


def read_npm_audit(output: str) -> Findings:
    """Read `npm audit --json` (report version 2); an "error" object means no audit was done."""
    try:
        report = json.loads(output)
    except json.JSONDecodeError:
        return [], False
    if "error" in report or "vulnerabilities" not in report:
        return [], False
    found = [
        f"{name}: {advisory['severity']}"
        for name, advisory in sorted(report["vulnerabilities"].items())
        if advisory["severity"] in NPM_FAILING
    ]
    return found, True


def _output(command: list[str]) -> str:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False).stdout


def main() -> int:
    pip_audit = str(Path(sys.executable).parent / "pip-audit")
    audits = {
        # --skip-editable: the project itself is installed editable and is not on PyPI.
        "pip-audit": read_pip_audit(
            _output([pip_audit, "--skip-editable", "--progress-spinner", "off", "--format", "json"])
        ),
        "npm audit": read_npm_audit(_output(["npm", "audit", "--audit-level=moderate", "--json"])),
    }
    failed = False
    for name, (found, answered) in audits.items():
        if not answered:
            sys.stdout.write(f"!! {name}: the advisory service did not answer: NOT AUDITED\n")
            failed |= os.environ.get("AUDIT_REQUIRE_SERVICE") == "1"
        elif found:
            sys.stdout.write(
                f"!! {name}: known vulnerabilities:\n" + "".join(f"   {f}\n" for f in found)
            )
            failed = True
        else:
            sys.stdout.write(f"{name}: no known vulnerabilities\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
