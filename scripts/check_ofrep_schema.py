#!/usr/bin/env python3
"""Checks HTTP responses against the OFREP protocol's OpenAPI 3.1 definition.

Usage: check_ofrep_schema.py OPENAPI.yaml CASES.json

OPENAPI.yaml is the protocol's own definition (../shared/conformance/ofrep/openapi.yaml, read in
place). CASES.json is a list of {"name", "method", "path" (the definition's path template),
"status", "headers" (lower-case names), "body" (the text)}. For each response:

  * its status must be one the operation declares;
  * when the declared response has application/json content, the body must be JSON valid under
    that schema (JSON Schema 2020-12, $refs into components resolved);
  * a bulk 200 must carry an ETag header, and a 304 must have no body.

One reading of the definition is needed: evaluationSuccess picks the value's type with `oneOf`
over booleanFlag, stringFlag, integerFlag, floatFlag, objectFlag and codeDefaultFlag, but
codeDefaultFlag (an object with no required property) matches every response and an integer is
also a number, so no response could satisfy `oneOf` strictly. That `oneOf` is read as `anyOf`,
and this script checks the exclusive choice itself: `value` absent (code default), or exactly one
of boolean, string, number or object.

Prints one line per failure and exits 1 when there is any; 0 (printing the count) when all pass.
"""
import copy
import json
import sys

import jsonschema
import yaml


def value_type_problem(document):
    """The exclusive value-type choice evaluationSuccess means, or None when it holds."""
    if not isinstance(document, dict) or "value" not in document:
        return None
    value = document["value"]
    if isinstance(value, bool) or isinstance(value, str) or isinstance(value, dict):
        return None
    if isinstance(value, (int, float)):
        return None
    return f"value {value!r} is not a boolean, string, number or object"


def is_success(document):
    return isinstance(document, dict) and "reason" in document and "errorCode" not in document


def main():
    spec_path, cases_path = sys.argv[1], sys.argv[2]
    with open(spec_path, encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    with open(cases_path, encoding="utf-8") as handle:
        cases = json.load(handle)
    components = copy.deepcopy(spec["components"])
    success = components["schemas"]["evaluationSuccess"]
    for part in success["allOf"]:
        if "oneOf" in part:
            part["anyOf"] = part.pop("oneOf")
    failures = 0

    def fail(case, message):
        nonlocal failures
        print(f"{case['name']}: {message}")
        failures += 1

    for case in cases:
        operation = spec["paths"].get(case["path"], {}).get(case["method"].lower())
        if operation is None:
            fail(case, f"the definition has no {case['method']} {case['path']}")
            continue
        declared = operation["responses"].get(str(case["status"]))
        if declared is None:
            fail(case, f"status {case['status']} is not declared for {case['path']}")
            continue
        body = case.get("body") or ""
        headers = {key.lower(): value for key, value in case.get("headers", {}).items()}
        if case["status"] == 304:
            if body:
                fail(case, "a 304 has a body")
            continue
        if case["path"] == "/ofrep/v1/evaluate/flags" and case["status"] == 200:
            if not headers.get("etag"):
                fail(case, "a bulk 200 has no ETag header")
        content = declared.get("content", {}).get("application/json")
        if content is None:
            continue
        try:
            document = json.loads(body)
        except ValueError:
            fail(case, f"the body is not JSON: {body[:80]!r}")
            continue
        root = dict(content["schema"])
        root["components"] = components
        validator = jsonschema.Draft202012Validator(root)
        for error in sorted(validator.iter_errors(document), key=str)[:5]:
            path = "/".join(str(part) for part in error.absolute_path)
            fail(case, f"at /{path}: {error.message}")
        items = document.get("flags", []) if isinstance(document, dict) else []
        for item in ([document] if is_success(document) else []) + [
            item for item in items if is_success(item)
        ]:
            problem = value_type_problem(item)
            if problem:
                fail(case, f"{item.get('key')}: {problem}")
    if failures:
        sys.exit(1)
    print(f"{len(cases)} responses match the OFREP definition")


if __name__ == "__main__":
    main()
