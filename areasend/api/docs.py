"""The API's human-readable reference, read from its own OpenAPI schema.

Ninja's interactive page loads its scripts from a CDN, which the content security policy
forbids; this reference is plain HTML made from the same schema, so it cannot drift from
the API it describes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from areasend.api.api import api

_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Field:
    name: str
    where: str  # "path", "query", "body" or "" for a property
    type: str
    anchor: str  # the schema the type names, to link to; "" for a plain type
    required: bool
    about: str


@dataclass(frozen=True)
class Response:
    status: str
    about: str
    type: str
    anchor: str


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    slug: str
    summary: str
    about: tuple[str, ...]  # paragraphs
    tag: str
    needs_token: bool
    fields: tuple[Field, ...]
    responses: tuple[Response, ...]


@dataclass(frozen=True)
class Shape:
    name: str
    about: tuple[str, ...]
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Reference:
    title: str
    version: str
    about: str
    endpoints: tuple[Endpoint, ...]
    shapes: tuple[Shape, ...]


def paragraphs(text: str) -> tuple[str, ...]:
    """A docstring's paragraphs, each on one line (the source wraps them at 100 columns)."""
    return tuple(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


def _ref_name(schema: dict[str, Any]) -> str:
    return str(schema["$ref"]).rsplit("/", 1)[-1]


def type_of(schema: dict[str, Any]) -> tuple[str, str]:
    """A schema's type in words and the shape it names (if any): "list of AreaRow"."""
    if "$ref" in schema:
        name = _ref_name(schema)
        return name, name
    if "anyOf" in schema:
        parts = [type_of(s) for s in schema["anyOf"] if s.get("type") != "null"]
        words = " or ".join(p[0] for p in parts)
        nullable = len(parts) < len(schema["anyOf"])
        return (f"{words} or null" if nullable else words), next((p[1] for p in parts if p[1]), "")
    kind = schema.get("type", "any")
    if kind == "array":
        item, anchor = type_of(schema.get("items", {}))
        return f"list of {item}", anchor
    if "format" in schema:
        return f"{kind} ({schema['format']})", ""
    return str(kind), ""


def _about(schema: dict[str, Any]) -> str:
    about = str(schema.get("description", ""))
    if "default" in schema and schema["default"] not in ("", None):
        about = f"{about} Default: {schema['default']}.".strip()
    return about


def _fields(schema: dict[str, Any], where: str = "") -> tuple[Field, ...]:
    required = set(schema.get("required", ()))
    out = []
    for name, prop in schema.get("properties", {}).items():
        words, anchor = type_of(prop)
        out.append(Field(name, where, words, anchor, name in required, _about(prop)))
    return tuple(out)


def _endpoint(path: str, method: str, op: dict[str, Any]) -> Endpoint:
    fields = []
    for p in op.get("parameters", ()):
        words, anchor = type_of(p.get("schema", {}))
        about = str(p.get("description", "")) or _about(p.get("schema", {}))
        fields.append(Field(p["name"], p["in"], words, anchor, bool(p.get("required")), about))
    body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
    if body:
        words, anchor = type_of(body.get("schema", {}))
        fields.append(Field("body", "body", words, anchor, True, "JSON"))
    responses = []
    for status, response in op.get("responses", {}).items():
        content: dict[str, dict[str, Any]] = response.get("content", {})
        schema = next(iter(content.values())).get("schema", {}) if content else {}
        words, anchor = type_of(schema) if schema else ("", "")
        responses.append(Response(status, str(response.get("description", "")), words, anchor))
    return Endpoint(
        method=method.upper(),
        path=path,
        slug=str(op.get("operationId", f"{method}-{path}")),
        summary=str(op.get("summary", "")),
        about=paragraphs(str(op.get("description", ""))),
        tag=str((op.get("tags") or [""])[0]),
        needs_token=bool(op.get("security")),
        fields=tuple(fields),
        responses=tuple(responses),
    )


@cache
def reference() -> Reference:
    """The reference of the API as this code defines it (the schema never changes at run
    time, so it is read once)."""
    schema = api.get_openapi_schema(path_prefix="/api/")
    endpoints = tuple(
        _endpoint(path, method, op)
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if method in _METHODS
    )
    shapes = tuple(
        Shape(name, paragraphs(str(s.get("description", ""))), _fields(s))
        for name, s in sorted(schema.get("components", {}).get("schemas", {}).items())
    )
    info = schema["info"]
    return Reference(info["title"], info["version"], info.get("description", ""), endpoints, shapes)
