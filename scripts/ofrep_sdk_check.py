#!/usr/bin/env python3
"""Evaluates Cuesheet flags through the OpenFeature Python SDK and its OFREP provider.

Usage: ofrep_sdk_check.py BASE_URL TOKEN PHASE

PHASE is `first` (every kind of evaluation) or `reloaded` (the evaluations a rule-file reload
changes). Prints one JSON object: for each named evaluation, what the SDK returned (value, variant,
reason, error code and message, flag metadata). The Swift test (ServerTests/OFREPSDKTests) starts
`cuesheet serve`'s routes on a free port, runs this script and checks every answer; this script
only reports, so the expectations live in one place.
"""
import json
import sys

from openfeature import api
from openfeature.contrib.provider.ofrep import OFREPProvider
from openfeature.evaluation_context import EvaluationContext


def details(result):
    """The parts of FlagEvaluationDetails the test checks, as JSON."""
    return {
        "value": result.value,
        "variant": result.variant,
        "reason": None if result.reason is None else str(result.reason),
        "error_code": None if result.error_code is None else str(result.error_code),
        "error_message": result.error_message,
        "flag_metadata": dict(result.flag_metadata or {}),
    }


def main():
    base_url, token, phase = sys.argv[1], sys.argv[2], sys.argv[3]
    # A generous timeout: the test machine may be loaded (the provider's default is 5 s).
    api.set_provider(
        OFREPProvider(
            base_url, headers_factory=lambda: {"Authorization": f"Bearer {token}"}, timeout=60
        )
    )
    api.set_provider(
        OFREPProvider(
            base_url, headers_factory=lambda: {"Authorization": "Bearer cst_wrong"}, timeout=60
        ),
        domain="wrong-token",
    )
    client = api.get_client()
    out = {}

    def ctx(key=None, **attributes):
        return EvaluationContext(targeting_key=key, attributes=attributes)

    if phase == "first":
        out["boolean"] = details(
            client.get_boolean_details("ENABLE_MATCHMAKING", False, ctx("acme", env="staging"))
        )
        out["boolean_fallthrough"] = details(
            client.get_boolean_details("ENABLE_MATCHMAKING", True, ctx("acme", env="ci"))
        )
        out["string"] = details(
            client.get_string_details(
                "IO_TEMPLATE", "classic", ctx("acme", account={"tier": "enterprise"})
            )
        )
        out["object"] = details(
            client.get_object_details(
                "SEASONAL_RATE_CARD", {"uplift_percent": -1},
                ctx("acme", now="2026-12-01T00:00:00Z"),
            )
        )
        out["object_scheduled_off"] = details(
            client.get_object_details(
                "SEASONAL_RATE_CARD", {"uplift_percent": -1},
                ctx("acme", now="2027-02-01T00:00:00Z"),
            )
        )
        out["disabled"] = details(
            client.get_boolean_details("RETIRED_UPLOADER", True, ctx("acme"))
        )
        for account in range(20):
            key = f"acct-{account}"
            out[f"rollout/{key}"] = details(
                client.get_boolean_details(
                    "ENABLE_MATCHMAKING", False,
                    ctx(key, env="production", **{"account.tier": "enterprise"}),
                )
            )
            out[f"split/{key}"] = details(
                client.get_string_details("IO_TEMPLATE", "none", ctx(key, env="production"))
            )
        out["missing_flag"] = details(
            client.get_string_details("NO_SUCH_FLAG", "code-default", ctx("acme"))
        )
        out["wrong_token"] = details(
            api.get_client("wrong-token").get_boolean_details(
                "ENABLE_MATCHMAKING", True, ctx("acme", env="staging")
            )
        )
        out["invalid_context"] = details(
            client.get_boolean_details(
                "ENABLE_MATCHMAKING", True, ctx("acme", env="staging", email="a@example.com")
            )
        )
        out["targeting_key_missing"] = details(
            client.get_boolean_details(
                "ENABLE_MATCHMAKING", True,
                ctx(None, env="production", account={"tier": "enterprise"}),
            )
        )
        out["type_mismatch"] = details(
            client.get_boolean_details("IO_TEMPLATE", True, ctx("acme", env="staging"))
        )
    elif phase == "reloaded":
        out["disabled"] = details(
            client.get_boolean_details("RETIRED_UPLOADER", False, ctx("acme"))
        )
    else:
        sys.exit(f"unknown phase {phase}")
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()
