"""Headers and markup that hold under attack: a strict content security policy that no page of
ours breaks, framing denied, strong passwords, sessions that end."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from areasend.areas.event_log import do_import_history
from tests.conftest import REPO
from tests.otp import force_login_verified

# What a policy without 'unsafe-inline' blocks: a script or style element with content, an
# event-handler or style attribute, and javascript: URLs.
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
TAG = re.compile(r"<[a-zA-Z][^>]*>")
BLOCKED_ATTRIBUTE = re.compile(r"""\s(on[a-z]+|style)\s*=|javascript:""", re.IGNORECASE)


def blocked_by_csp(html: str) -> list[str]:
    problems = [m.group(0) for m in INLINE_SCRIPT.finditer(html)]
    problems += [m.group(0) for m in STYLE_ELEMENT.finditer(html)]
    problems += [
        tag.group(0) for tag in TAG.finditer(html) if BLOCKED_ATTRIBUTE.search(tag.group(0))
    ]
    return problems


def test_the_checker_catches_what_the_policy_blocks():
    assert blocked_by_csp("<script>alert(1)</script>")
    assert blocked_by_csp('<script type="module">import x from "./x.js"</script>')
    assert blocked_by_csp('<a href="#" onclick="go()">x</a>')
    assert blocked_by_csp('<div class="a" style="color: red">x</div>')
    assert blocked_by_csp("<style>p {}</style>")
    assert not blocked_by_csp(
        '<script type="module" src="/static/init.js"></script><p>style=ok</p>'
    )


def test_no_template_has_inline_script_handlers_or_styles():
    templates = sorted((REPO / "areasend").rglob("*.html"))
    templates = [t for t in templates if "static" not in t.relative_to(REPO).parts]
    assert len(templates) > 10
    problems = {str(t.relative_to(REPO)): blocked_by_csp(t.read_text()) for t in templates}
    assert {name: found for name, found in problems.items() if found} == {}


def test_csp_forbids_inline_script_and_framing(client, db):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_rendered_pages_need_nothing_the_policy_blocks(client, admin_user):
    kent = Path(REPO / "areasend/areas/data/histories/kent.jsonl").read_text()
    do_import_history(kent)
    public = ["/", "/areas/", "/areas/kent/", "/accessibility/", "/accounts/login/"]
    for path in public:
        response = client.get(path)
        assert response.status_code == 200, path
        assert blocked_by_csp(response.content.decode()) == [], path
    force_login_verified(client, admin_user)
    for path in ["/letters/", "/planner/", "/admin/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert blocked_by_csp(response.content.decode()) == [], path


def test_scripts_are_external_files_that_exist():
    base = (REPO / "areasend/templates/base.html").read_text()
    sources = re.findall(r"""<script[^>]*src="\{% static '([^']+)' %\}""", base)
    assert sources == ["govuk-frontend/js-enabled.js", "govuk-frontend/init.js"]
    for source in sources:
        name = Path(source).name
        assert (REPO / "assets" / "js" / name).is_file(), name
        assert f'"{name}"' in (REPO / "assets" / "build.mjs").read_text()


@pytest.mark.django_db
def test_passwords_need_twelve_characters():
    user = User(username="inspector")
    with pytest.raises(ValidationError) as short:
        validate_password("Kestrel-9aq", user)
    assert "at least 12 characters" in str(short.value)
    with pytest.raises(ValidationError):
        validate_password("password1234", user)  # long enough, but common
    validate_password("Kestrel-9aq-Moor", user)


@pytest.mark.django_db
def test_staff_sessions_end_after_a_working_day_or_at_browser_close(client):
    User.objects.create_user("inspector", password="Kestrel-9aq-Moor")
    response = client.post(
        "/accounts/login/", {"username": "inspector", "password": "Kestrel-9aq-Moor"}
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # gone when the browser closes
    assert cookie["httponly"] is True
    assert client.session.get_expiry_age() == 8 * 3600
