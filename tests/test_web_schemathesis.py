"""Property-based tests of the API from its own OpenAPI description (issue 9): Schemathesis
generates requests for every operation; none may give a 5xx, and every response must conform
to the description (status, content type, schema, headers).

The number of examples per operation is set here (MLA_SCHEMATHESIS_EXAMPLES overrides it) so
that the whole file runs in well under two minutes in .ci/run."""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from mla_rules.web import app

EXAMPLES = int(os.environ.get("MLA_SCHEMATHESIS_EXAMPLES", "25"))
CHECKS = [schemathesis.checks.not_a_server_error, status_code_conformance,
          content_type_conformance, response_schema_conformance,
          response_headers_conformance]

schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_description(case: schemathesis.Case) -> None:
    response = case.call()
    case.validate_response(response, checks=CHECKS)
    headers = {k.lower(): v for k, v in response.headers.items()}  # name -> list of values
    assert headers["x-content-type-options"] == ["nosniff"]
    assert "default-src 'self'" in headers["content-security-policy"][0]
