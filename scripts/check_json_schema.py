#!/usr/bin/env python3
"""Checks JSON documents against the schemas in docs/openapi.yaml.

Usage: check_json_schema.py OPENAPI.yaml CASES.json

CASES.json is a list of {"name": "...", "schema": "SchemaName", "json": <document>}. Every object
schema is closed (no keys beyond its properties) and OpenAPI's `nullable: true` becomes a JSON
Schema null type, so a camelCase or undocumented key fails. Prints one line per failure and exits
1 when there is any; 0 (printing the count) when all pass.
"""
import copy
import json
import sys

import jsonschema
import yaml


def convert(node):
    """OpenAPI 3.0 schema -> JSON Schema (draft 7): nullable, closed objects."""
    if isinstance(node, list):
        return [convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: convert(value) for key, value in node.items() if key != "example"}
    if node.pop("nullable", False):
        if "type" in node:
            node["type"] = [node["type"], "null"]
        elif "$ref" in node:
            node = {"anyOf": [{"$ref": node["$ref"]}, {"type": "null"}]}
    if node.get("type") == "object" and "properties" in node:
        node.setdefault("additionalProperties", False)
    return node


def main():
    openapi_path, cases_path = sys.argv[1], sys.argv[2]
    with open(openapi_path, encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    with open(cases_path, encoding="utf-8") as handle:
        cases = json.load(handle)
    schemas = convert(copy.deepcopy(spec["components"]["schemas"]))
    failures = 0
    for case in cases:
        name = case["schema"]
        if name not in schemas:
            print(f"{case['name']}: docs/openapi.yaml has no schema {name}")
            failures += 1
            continue
        root = {"components": {"schemas": schemas}, "$ref": f"#/components/schemas/{name}"}
        validator = jsonschema.Draft7Validator(root)
        for error in sorted(validator.iter_errors(case["json"]), key=str)[:5]:
            path = "/".join(str(part) for part in error.absolute_path)
            print(f"{case['name']}: {name} at /{path}: {error.message}")
            failures += 1
    if failures:
        sys.exit(1)
    print(f"{len(cases)} documents match their schemas")


if __name__ == "__main__":
    main()
