"""An independent check of the e-form subset the brief fixes, stricter than any validator
it might be compared with: exactly these keys, nothing else."""

from __future__ import annotations

TOP_KEYS = {"type", "title", "properties", "required", "additionalProperties", "x-order"}
COMMON = {"type", "title", "description", "x-widget", "default"}
BY_TYPE = {
    "string": COMMON | {"maxLength", "minLength", "pattern", "enum", "x-enumNames", "format"},
    "number": COMMON | {"minimum", "maximum"},
    "integer": COMMON | {"minimum", "maximum"},
    "boolean": COMMON,
}
WIDGETS = {"textarea", "commune", "personal-id", "tax-code", "phone"}


def subset_problems(schema: dict) -> list[str]:
    problems = []
    if set(schema) != TOP_KEYS:
        problems.append(f"top-level keys {sorted(schema)}")
    if schema.get("type") != "object" or schema.get("additionalProperties") is not False:
        problems.append("not a closed object")
    if not isinstance(schema.get("title"), str) or not schema["title"]:
        problems.append("no title")
    properties = schema.get("properties", {})
    # PostgreSQL's jsonb does not keep key order: that is what x-order is for.
    order = schema.get("x-order", [])
    if len(order) != len(set(order)) or set(order) != set(properties):
        problems.append("x-order is not an ordering of the properties")
    if not set(schema.get("required", [])) <= set(properties):
        problems.append("required names an unknown property")
    for name, prop in properties.items():
        kind = prop.get("type")
        if kind not in BY_TYPE:
            problems.append(f"{name}: type {kind!r}")
            continue
        if set(prop) - BY_TYPE[kind]:
            problems.append(f"{name}: keys {sorted(set(prop) - BY_TYPE[kind])}")
        if not isinstance(prop.get("title"), str) or not prop["title"].strip():
            problems.append(f"{name}: no title")
        if "x-widget" in prop and prop["x-widget"] not in WIDGETS:
            problems.append(f"{name}: widget {prop['x-widget']!r}")
        if "format" in prop and prop["format"] not in {"date", "email"}:
            problems.append(f"{name}: format {prop['format']!r}")
        if "x-enumNames" in prop and len(prop["x-enumNames"]) != len(prop.get("enum", [])):
            problems.append(f"{name}: x-enumNames and enum differ in length")
    return problems
