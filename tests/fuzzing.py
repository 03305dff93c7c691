"""The fuzzers' one loop: every operation, valid and invalid cases, each sent by an identity
that the case's own content picks (so that a replay sends it the same way).

tests/security/test_fuzz.py runs it over the whole API, tests/service/test_numbering_fuzz.py
over one area's operations.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

EXAMPLES = int(os.environ.get("OPENITU_FUZZ_EXAMPLES", "4"))
"""Cases per operation and mode (4 valid and 4 invalid in `make test`)."""


def fuzz_operations(
    operations: Sequence[Any],
    identities: Sequence[dict[str, str]],
    *,
    check: Callable[[Any], None],
) -> None:
    """Send each operation's generated cases; a 500 or a failed ``check`` names the operation."""
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                derandomize=True,
                database=None,
            )
            def fuzz(case: Any) -> None:
                key = repr((case.path_parameters, case.query, case.body)).encode()
                response = case.call(headers=identities[zlib.crc32(key) % len(identities)])
                case.validate_response(response, checks=[not_a_server_error])
                check(response)

            try:
                fuzz()
            except Unsatisfiable:
                # No value of the operation's inputs is invalid (no parameters or free text
                # only, and a token it does not require): there is no negative case to send.
                if mode is not GenerationMode.NEGATIVE:
                    raise
            except Exception as exc:
                raise AssertionError(f"{operation.label} ({mode.value}): {exc}") from exc
