"""Hostile input to the parsers: any text either parses or is refused with InvalidInput.

Hypothesis throws arbitrary Unicode (and arbitrary bytes at the case-file reader); an
exception other than InvalidInput would reach users as a 500 or a stack trace.
"""

from __future__ import annotations

import math
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from openitu.cli.common import read_cases
from openitu.errors import InvalidInput
from openitu.numbering.e164 import parse_number
from openitu.numbering.signalling import parse_ispc, parse_sanc
from openitu.numbering.workflow import Kind, parse_code
from openitu.radio.emissions import parse_bandwidth_code, parse_emission
from openitu.spectrum.services import parse_service
from openitu.units import parse_frequency_hz

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like what the parsers expect, mixed with anything at all.
near_miss = st.text(alphabet=string.digits + string.ascii_letters + " .,+-eE()/#", max_size=30)
anything = st.one_of(st.text(max_size=60), near_miss)

PARSERS: dict[str, Callable[[str], Any]] = {
    "frequency": parse_frequency_hz,
    "e164 number": parse_number,
    "sanc": parse_sanc,
    "ispc": parse_ispc,
    "emission designator": parse_emission,
    "bandwidth code": parse_bandwidth_code,
    "service": parse_service,
    **{f"code {kind.value}": (lambda text, k=kind.value: parse_code(k, text)) for kind in Kind},
}


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_any_text_parses_or_is_refused_clearly(name: str) -> None:
    parser = PARSERS[name]

    @FUZZ
    @given(text=anything)
    @example(text="")
    @example(text="\x00")
    @example(text="9" * 400)
    @example(text="1e999999")
    @example(text="\u0662\u0664\u0665\u0660 MHz")  # Arabic-Indic digits
    def check(text: str) -> None:
        try:
            parser(text)
        except InvalidInput as refused:
            assert refused.field and refused.reason

    check()


@FUZZ
@given(
    value=st.floats(min_value=0, max_value=1e15, allow_nan=False, allow_infinity=False),
    unit=st.sampled_from(["Hz", "kHz", "MHz", "GHz", "THz", "hz", "GHZ", ""]),
    space=st.sampled_from(["", " ", "  "]),
)
def test_frequencies_read_back_what_was_written(value: float, unit: str, space: str) -> None:
    scale = {"": 1.0, "hz": 1.0, "khz": 1e3, "mhz": 1e6, "ghz": 1e9, "thz": 1e12}[unit.lower()]
    parsed = parse_frequency_hz(f"{value!r}{space}{unit}")
    assert math.isclose(parsed, value * scale, rel_tol=1e-12)


@FUZZ
@given(content=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
@example(content=b"[" * 100_000)  # deep nesting
@example(content=b'{"a": 1}' + b"\xff")
@example(content=b"\xef\xbb\xbf[]")
def test_case_files_parse_or_are_refused_clearly(tmp_path_factory: Any, content: bytes) -> None:
    path: Path = tmp_path_factory.mktemp("case") / "case.json"
    path.write_bytes(content)
    try:
        cases, many = read_cases(path)
    except InvalidInput as refused:
        assert refused.field == "case_file"
    else:
        assert all(isinstance(case, dict) for case in cases)
        assert many or len(cases) == 1
