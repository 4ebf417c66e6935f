"""The API's reference page, made from its OpenAPI schema and linked from the open data
page and every page's footer."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from areasend.api.api import api
from areasend.api.docs import paragraphs, type_of

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")


def _page(client: Client) -> str:
    response = client.get(reverse("register:api_docs"))
    assert response.status_code == 200
    return str(response.content.decode())


def test_every_endpoint_and_parameter_of_the_schema_is_on_the_page(client: Client) -> None:
    html = _page(client)
    schema = api.get_openapi_schema(path_prefix="/api/")
    for path, item in schema["paths"].items():
        for method, op in item.items():
            if method not in METHODS:
                continue
            assert f'id="{op["operationId"]}"' in html
            assert f"<code>{method.upper()} {path}</code>" in html
            for p in op.get("parameters", ()):
                assert f"<code>{p['name']}</code>" in html
            for status in op["responses"]:
                assert f'<dt class="govuk-summary-list__key">{status}</dt>' in html
    for name in schema["components"]["schemas"]:
        assert f'id="schema-{name}"' in html
    # Every link within the page leads to something on it.
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert set(re.findall(r'href="#([^"]+)"', html)) - ids == set()


def test_the_page_uses_no_script_or_style_from_elsewhere(client: Client) -> None:
    html = _page(client)
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    # Our own static files, and the base template's empty icon (data:, no request at all).
    assert sources and all(s.startswith(("/static/", "data:")) for s in sources), sources


def test_the_write_endpoint_says_it_needs_a_token(client: Client) -> None:
    html = _page(client)
    section = html.split('id="areasend_api_api_record_events"', 1)[1].split("</section>", 1)[0]
    assert "Authorization: Bearer &lt;token&gt;" in section
    reads = html.split('id="areasend_api_api_areas"', 1)[1].split("</section>", 1)[0]
    assert "Bearer" not in reads


def test_it_is_linked_from_the_open_data_page_and_every_footer(client: Client) -> None:
    docs = reverse("register:api_docs")
    open_data = client.get(reverse("register:open_data")).content.decode()
    assert f'href="{docs}"' in open_data
    home = client.get(reverse("register:home")).content.decode()
    footer = home.split('<footer class="govuk-footer">', 1)[1]
    assert f'href="{docs}"' in footer


@pytest.mark.parametrize(
    ("schema", "words", "anchor"),
    [
        ({"type": "string"}, "string", ""),
        ({"type": "string", "format": "date"}, "string (date)", ""),
        ({"anyOf": [{"type": "integer"}, {"type": "null"}]}, "integer or null", ""),
        ({"type": "array", "items": {"$ref": "#/components/schemas/AreaRow"}}, "list of AreaRow",
         "AreaRow"),
    ],
)  # fmt: skip
def test_types_are_given_in_words(schema: dict[str, object], words: str, anchor: str) -> None:
    assert type_of(schema) == (words, anchor)


def test_docstring_paragraphs_are_joined_back_into_lines() -> None:
    assert paragraphs("One area,\nwhere it stands.\n\nSecond.") == (
        "One area, where it stands.",
        "Second.",
    )
