"""The radio case types: JSON-like cases in, JSON-ready results out.

One registry (`CASE_TYPES`) says, for each kind of case the CLI (`openitu radio
slant-path|p452|p1546 CASE.json`), the API (`POST /api/radio/slant-path|p452|p1546`) and
batch studies take, which fields a case has (`CaseField`: name, kind, default, meaning),
how one case is read into the model's inputs, and how many cases are evaluated in one
vectorised call. So the CLI and the API read the same case the same way, and refuse it
the same way.

A *document* is one case (a JSON object) or a list of cases. The answer has the same
shape: one result for an object, a list of results in the cases' order for a list.

How a bad field is named (`InvalidInput.field`), the one rule:

* in a list, ``[i].field``: the case's index in the list, then the field (``[1].d_km``,
  ``[0].sections[2].zone``); an element that is not an object is ``[i]``, an empty list
  ``cases``;
* in a single object, ``field`` alone (``d_km``).

A field refused by the model during the vectorised evaluation (a value out of the
Recommendation's range) is named the same way: the first case that fails on its own is
found by bisection, in about log2(n) evaluations.

The module also holds the radio computations the CLI, the API and the pages share that
take plain arguments rather than case documents (`emission`, `free_space`,
`antenna_gain`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np

from openitu.errors import InvalidInput
from openitu.radio import antennas
from openitu.radio.checks import check_edition
from openitu.radio.emissions import parse_emission
from openitu.radio.propagation import p525, p618, p1511
from openitu.radio.propagation.p452 import EDITIONS as P452_EDITIONS
from openitu.radio.propagation.p452 import LOSS_FIELDS, MAX_PATH_KM, p452_basic_loss
from openitu.radio.propagation.p1546 import (
    CLUTTER_BOUND,
    CLUTTER_HEIGHT_M,
    P1546Case,
    p1546_cases,
)

Kind = Literal["number", "numbers", "string", "boolean", "object", "objects"]
# JSON Schema of each kind, for the API's documentation.
_JSON_TYPES: Final[dict[str, dict[str, Any]]] = {
    "number": {"type": "number"},
    "numbers": {"type": "array", "items": {"type": "number"}},
    "string": {"type": "string"},
    "boolean": {"type": "boolean"},
    "object": {"type": "object"},
    "objects": {"type": "array", "items": {"type": "object"}},
}
_WHAT: Final = {
    "number": "a number",
    "numbers": "a list of numbers",
    "string": "a string",
    "boolean": "true or false",
    "object": "an object",
    "objects": "a list of objects",
}


@dataclass(frozen=True)
class CaseField:
    """One field of a case: its name, JSON kind, whether it must be given, its default
    (None: the model decides, e.g. the P.1511 height), the values a string may take and
    what it means (with its unit)."""

    name: str
    kind: Kind
    description: str
    required: bool = False
    default: float | str | None = None
    choices: tuple[str, ...] = ()
    # The values a number (each of a list's numbers) may take, inclusive; None: no bound.
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class CaseType:
    """A kind of case: its fields, how one case is read, how many are evaluated at once.

    ``read`` takes a case whose fields have been checked against ``fields`` (known names,
    right kinds, required ones present, defaults filled in) and returns what ``evaluate``
    takes; ``evaluate`` takes the read cases and the call's options (e.g. the default
    edition), checked first by ``check_options`` (an error names the option alone), and
    returns one JSON-ready dict per case, in order. ``read`` and ``evaluate`` raise
    `InvalidInput` naming a field of the case alone; `run` adds the case's index.
    """

    name: str
    summary: str
    fields: tuple[CaseField, ...]
    read: Callable[[dict[str, Any]], Any]
    evaluate: Callable[[Sequence[Any], Mapping[str, Any]], list[dict[str, Any]]]
    check_options: Callable[[Mapping[str, Any]], dict[str, Any]] = dict

    def json_schema(self) -> dict[str, Any]:
        """JSON Schema of one case or a list of them (the API's request body)."""
        case = {
            "type": "object",
            "title": self.name,
            "description": self.summary,
            "additionalProperties": False,
            "required": [f.name for f in self.fields if f.required],
            "properties": {
                f.name: {
                    **_JSON_TYPES[f.kind],
                    "description": f.description,
                    **({"default": f.default} if f.default is not None else {}),
                    **({"enum": list(f.choices)} if f.choices else {}),
                    **_bounds_schema(f),
                }
                for f in self.fields
            },
        }
        return {"oneOf": [case, {"type": "array", "items": case, "minItems": 1}]}

    def check(self, case: Any) -> dict[str, Any]:
        """The case's fields checked against the schema, defaults filled in."""
        if not isinstance(case, Mapping):
            raise InvalidInput("case", "must be a JSON object")
        names = [f.name for f in self.fields]
        unknown = sorted(set(case) - set(names))
        if unknown:
            raise InvalidInput(unknown[0], f"unknown input (expected {', '.join(sorted(names))})")
        checked: dict[str, Any] = {}
        for spec in self.fields:
            value = case.get(spec.name)
            if value is None:
                if spec.required:
                    raise InvalidInput(spec.name, f"is required ({_WHAT[spec.kind]})")
                checked[spec.name] = spec.default
                continue
            checked[spec.name] = _of_kind(spec, value)
        return checked

    def read_document(self, document: Any) -> tuple[list[Any], bool]:
        """Every case of a document read; whether the document was a list."""
        many = isinstance(document, list)
        cases = document if isinstance(document, list) else [document]
        if many and not cases:
            raise InvalidInput("cases", "needs at least one case")
        read = []
        for index, case in enumerate(cases):
            if many and not isinstance(case, Mapping):
                raise InvalidInput(f"[{index}]", "each case must be an object")
            with _naming(index if many else None):
                read.append(self.read(self.check(case)))
        return read, many

    def run(self, document: Any, **options: Any) -> dict[str, Any] | list[dict[str, Any]]:
        """Evaluate a document: one result for an object, a list for a list."""
        options = self.check_options(options)
        read, many = self.read_document(document)
        try:
            results = self.evaluate(read, options)
            _all_finite(results)
        except InvalidInput as exc:
            if not many:
                raise
            raise self._locate(read, options, exc) from None
        return results if many else results[0]

    def _locate(
        self, read: Sequence[Any], options: Mapping[str, Any], error: InvalidInput
    ) -> InvalidInput:
        """The error of the first case that fails on its own, named ``[i].field``."""
        low, high = 0, len(read)
        while high - low > 1:
            middle = (low + high) // 2
            try:
                _all_finite(self.evaluate(read[low:middle], options))
            except InvalidInput:
                high = middle
            else:
                low = middle
        try:
            _all_finite(self.evaluate(read[low : low + 1], options))
        except InvalidInput as single:
            return InvalidInput(f"[{low}].{single.field}", single.reason)
        # Only the cases together fail (none alone): name the field as the model did.
        return error


def _all_finite(results: Sequence[Mapping[str, Any]]) -> None:
    """A model never answers NaN or infinity (JSON would carry null where the schema
    promises a number): a case the ranges let through but the model cannot compute is
    refused."""
    for result in results:
        for key, value in result.items():
            if isinstance(value, float) and not math.isfinite(value):
                raise InvalidInput(
                    "case", f"outside the model's domain: it gives no finite {key} for it"
                )


@contextmanager
def _naming(index: int | None) -> Iterator[None]:
    """Prefix the field of an `InvalidInput` raised inside with ``[index].``."""
    try:
        yield
    except InvalidInput as error:
        if index is None:
            raise
        raise InvalidInput(f"[{index}].{error.field}", error.reason) from None


def _bounds_schema(spec: CaseField) -> dict[str, Any]:
    bounds = {"minimum": spec.minimum, "maximum": spec.maximum}
    present = {key: value for key, value in bounds.items() if value is not None}
    if not present:
        return {}
    if spec.kind == "numbers":
        return {"items": {"type": "number", **present}}
    return present


def _range_text(spec: CaseField) -> str:
    unit = re.search(r"\[([^\]]+)\]", spec.description)
    suffix = f" {unit.group(1)}" if unit else ""
    if spec.minimum is not None and spec.maximum is not None:
        return f"{spec.minimum:g} to {spec.maximum:g}{suffix}"
    if spec.minimum is not None:
        return f">= {spec.minimum:g}{suffix}"
    return f"<= {spec.maximum:g}{suffix}"


def _check_bounds(spec: CaseField, values: Sequence[float]) -> None:
    for value in values:
        if not math.isfinite(value):
            raise InvalidInput(spec.name, "must be a finite number")
        low = spec.minimum is not None and value < spec.minimum
        high = spec.maximum is not None and value > spec.maximum
        if low or high:
            raise InvalidInput(
                spec.name, f"must be in the range {_range_text(spec)} (got {value:g})"
            )


def _of_kind(spec: CaseField, value: Any) -> Any:
    def is_number(x: Any) -> bool:
        return isinstance(x, int | float) and not isinstance(x, bool)

    if spec.kind == "number":
        if not is_number(value):
            raise InvalidInput(spec.name, f"must be a number, got {value!r}")
        _check_bounds(spec, [float(value)])
        return float(value)
    if spec.kind == "numbers":
        if not isinstance(value, list | tuple) or not all(is_number(x) for x in value):
            raise InvalidInput(spec.name, "must be a list of numbers")
        numbers = [float(x) for x in value]
        _check_bounds(spec, numbers)
        return numbers
    if spec.kind == "string":
        if not isinstance(value, str):
            raise InvalidInput(spec.name, f"must be a string, got {value!r}")
        if spec.choices and value.strip().lower() not in spec.choices:
            choices = ", ".join(f'"{c}"' for c in spec.choices)
            raise InvalidInput(spec.name, f"must be one of {choices}, got {value!r}")
        return value.strip().lower() if spec.choices else value
    if spec.kind == "boolean":
        if not isinstance(value, bool):
            raise InvalidInput(spec.name, f"must be true or false, got {value!r}")
        return value
    if spec.kind == "object":
        if not isinstance(value, Mapping):
            raise InvalidInput(spec.name, "must be an object")
        return value
    if not isinstance(value, list):
        raise InvalidInput(spec.name, "must be a list of objects")
    return value


# --- P.618 §2.5 slant path ----------------------------------------------------------------

SLANT_OUTPUTS: Final = ("a_gas_db", "a_cloud_db", "a_rain_db", "a_scint_db", "a_total_db")
_SLANT_FIELDS: Final = (
    CaseField(
        "lat_deg",
        "number",
        "Earth-station latitude [deg], -90 to 90",
        required=True,
        minimum=-90.0,
        maximum=90.0,
    ),
    CaseField(
        "lon_deg",
        "number",
        "Earth-station longitude [deg], -180 to 360",
        required=True,
        minimum=-180.0,
        maximum=360.0,
    ),
    CaseField("f_ghz", "number", "Frequency [GHz], 1 to 55", required=True),
    CaseField("el_deg", "number", "Elevation angle [deg], 5 to 90", required=True),
    CaseField(
        "p_percent", "number", "Percentage of an average year [%], 0.001 to 50", required=True
    ),
    CaseField("d_m", "number", "Antenna diameter [m], > 0", required=True),
    CaseField("eta", "number", "Antenna efficiency, (0, 1]", required=True),
    CaseField("hs_km", "number", "Station height [km]; P.1511-2 when absent"),
    CaseField(
        "tau_deg",
        "number",
        "Polarization tilt [deg] (45: circular), -90 to 90 (geometric bound)",
        default=45.0,
        minimum=-90.0,
        maximum=90.0,
    ),
    CaseField("edition", "string", "P.618-13 or P.618-14; the call's edition when absent"),
)


def _read_slant(case: dict[str, Any]) -> dict[str, Any]:
    if case["edition"] is not None:
        case["edition"] = check_edition(case["edition"], p618.P618_EDITIONS)
    return case


def _slant_options(options: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(options) - {"edition"})
    if unknown:
        raise InvalidInput(unknown[0], "unknown option (expected edition)")
    return {"edition": check_edition(options.get("edition", p618.P618_DEFAULT), p618.P618_EDITIONS)}


def _evaluate_slant(
    cases: Sequence[dict[str, Any]], options: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Each edition's cases in one vectorised call, the results back in the cases' order."""
    default = options["edition"]
    chosen = [case["edition"] or default for case in cases]
    out: list[dict[str, Any]] = [{} for _ in cases]
    for edition in sorted(set(chosen)):
        indices = [i for i, picked in enumerate(chosen) if picked == edition]
        rows = _slant_group([cases[i] for i in indices], edition)
        for i, row in zip(indices, rows, strict=True):
            out[i] = row
    return out


def _slant_group(cases: Sequence[dict[str, Any]], edition: str) -> list[dict[str, Any]]:
    required = [f.name for f in _SLANT_FIELDS if f.required]
    arrays = {
        key: np.asarray([case[key] for case in cases], dtype=np.float64)
        for key in (*required, "tau_deg")
    }
    hs = np.asarray(
        [np.nan if case["hs_km"] is None else case["hs_km"] for case in cases], dtype=np.float64
    )
    missing = np.isnan(hs)
    if missing.any():
        hs[missing] = p1511.topographic_altitude_km(
            arrays["lat_deg"][missing], arrays["lon_deg"][missing]
        )
    result = p618.slant_path_attenuation(
        arrays["lat_deg"],
        arrays["lon_deg"],
        arrays["f_ghz"],
        arrays["el_deg"],
        arrays["p_percent"],
        arrays["d_m"],
        arrays["eta"],
        hs_km=hs,
        tau_deg=arrays["tau_deg"],
        edition=edition,
    )
    out: list[dict[str, Any]] = []
    for i in range(len(cases)):
        row: dict[str, Any] = {key: float(arrays[key][i]) for key in required}
        row["hs_km"] = float(hs[i])
        row["tau_deg"] = float(arrays["tau_deg"][i])
        row["edition"] = edition
        for name in SLANT_OUTPUTS:
            row[name] = float(getattr(result, name)[i])
        out.append(row)
    return out


# --- P.452-18 -----------------------------------------------------------------------------

# Heights and gains: P.452-18 states no range; the bounds are physical (a terrestrial
# antenna 0.1 m to 10 km above ground, a gain of -100 to 100 dBi) and say so.
_HEIGHT_BOUND: Final = "0.1 to 10000 (physical bound: P.452-18 states none)"
_GAIN_BOUND: Final = "-100 to 100 (physical bound: P.452-18 states none)"
_COAST_BOUND: Final = f"0 to {MAX_PATH_KM:g} (physical bound: the longest path)"
_P452_NUMBERS: Final = (
    # P.452-18 §1 (scope): 0.1 to 50 GHz, 0.001 to 50 % of time.
    ("f_ghz", "Frequency [GHz], 0.1 to 50 (§1)", 0.1, 50.0),
    ("p_percent", "Time percentage not exceeded [%], 0.001 to 50 (§1)", 0.001, 50.0),
    ("htg_m", f"Interferer antenna height above ground [m], {_HEIGHT_BOUND}", 0.1, 10000.0),
    ("hrg_m", f"Interfered-with antenna height above ground [m], {_HEIGHT_BOUND}", 0.1, 10000.0),
    ("phit_e", "Interferer longitude [deg east], -180 to 360", -180.0, 360.0),
    ("phit_n", "Interferer latitude [deg north], -90 to 90", -90.0, 90.0),
    ("phir_e", "Interfered-with longitude [deg east], -180 to 360", -180.0, 360.0),
    ("phir_n", "Interfered-with latitude [deg north], -90 to 90", -90.0, 90.0),
    (
        "dct_km",
        f"Interferer's distance over land to the coast [km], {_COAST_BOUND}",
        0.0,
        MAX_PATH_KM,
    ),
    ("dcr_km", f"Victim's distance over land to the coast [km], {_COAST_BOUND}", 0.0, MAX_PATH_KM),
    # P.453 maps of ΔN and N0 (the values P.452-18 §3.2.1 takes) lie in these ranges.
    ("dn", "ΔN at the path centre [N-units/km], 0 to 157", 0.0, 157.0),
    (
        "n0",
        "Sea-level surface refractivity N0 at the path centre [N-units], 0 to 500 (physical bound)",
        0.0,
        500.0,
    ),
)
_P452_FIELDS: Final = (
    *(
        CaseField(name, "number", meaning, required=True, minimum=low, maximum=high)
        for name, meaning, low, high in _P452_NUMBERS
    ),
    CaseField("d_km", "numbers", "Distance of each profile point [km] (4 or more)", required=True),
    CaseField("h_m", "numbers", "Terrain height of each point above sea level [m]", required=True),
    CaseField(
        "zone", "numbers", "Zone of each point: 1 coastal land, 2 inland, 3 sea", required=True
    ),
    CaseField("r_m", "numbers", "Representative clutter height of each point [m]; 0 if absent"),
    CaseField(
        "gt_dbi",
        "number",
        f"Interferer gain towards the horizon [dBi], {_GAIN_BOUND}",
        default=0.0,
        minimum=-100.0,
        maximum=100.0,
    ),
    CaseField(
        "gr_dbi",
        "number",
        f"Victim gain towards the horizon [dBi], {_GAIN_BOUND}",
        default=0.0,
        minimum=-100.0,
        maximum=100.0,
    ),
    CaseField("pol", "string", "Polarisation", default="h", choices=("h", "v")),
    CaseField(
        "pressure_hpa",
        "number",
        "Dry-air pressure [hPa], 1 to 1100 (physical bound)",
        default=1013.0,
        minimum=1.0,
        maximum=1100.0,
    ),
    CaseField(
        "temperature_c",
        "number",
        "Air temperature [°C], -100 to 60 (physical bound)",
        default=15.0,
        minimum=-100.0,
        maximum=60.0,
    ),
    CaseField("edition", "string", "P.452-18", default=P452_EDITIONS[0]),
)
P452_PROFILE: Final = ("d_km", "h_m", "r_m", "zone")


def _read_p452(case: dict[str, Any]) -> dict[str, Any]:
    check_edition(case["edition"], P452_EDITIONS)
    n = len(case["d_km"])
    if n < 4:
        raise InvalidInput("d_km", f"a profile needs at least 4 points (got {n})")
    if case["r_m"] is None:
        case["r_m"] = [0.0] * n
    for key in ("h_m", "zone", "r_m"):
        if len(case[key]) != n:
            raise InvalidInput(
                key, f"must have one value per profile point ({n}), got {len(case[key])}"
            )
    return case


def _evaluate_p452(
    cases: Sequence[dict[str, Any]], options: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """All the cases in one `p452_basic_loss` call: the profiles padded to the longest,
    each keeping its own number of points."""
    counts = np.array([len(case["d_km"]) for case in cases], dtype=np.intp)
    width = int(counts.max())
    padded: dict[str, np.ndarray] = {}
    for key in P452_PROFILE:
        array = np.empty((len(cases), width))
        for i, case in enumerate(cases):
            values = case[key]
            array[i, : len(values)] = values
            array[i, len(values) :] = values[-1]
        padded[key] = array
    numbers = [entry[0] for entry in _P452_NUMBERS] + [
        "gt_dbi",
        "gr_dbi",
        "pressure_hpa",
        "temperature_c",
    ]
    col: dict[str, Any] = {
        k: np.asarray([case[k] for case in cases], dtype=np.float64) for k in numbers
    }
    # Every number of a case is a keyword of p452_basic_loss with the same name.
    f_ghz, p_percent = col.pop("f_ghz"), col.pop("p_percent")
    result = p452_basic_loss(
        f_ghz,
        p_percent,
        padded["d_km"],
        padded["h_m"],
        zone=padded["zone"],
        r_m=padded["r_m"],
        n_points=counts,
        pol=[case["pol"] for case in cases],
        **col,
    )
    return [
        {name: float(getattr(result, name)[i]) for name in LOSS_FIELDS} for i in range(len(cases))
    ]


# --- P.1546-6 -----------------------------------------------------------------------------

_P1546_FIELDS: Final = (
    CaseField("f_mhz", "number", "Frequency [MHz], 30 to 4000", required=True),
    CaseField("t_percent", "number", "Percentage of time [%], 1 to 50", required=True),
    CaseField("q_percent", "number", "Percentage of locations [%], 1 to 99", default=50.0),
    CaseField("ptx_kw", "number", "Transmitter power [kW]", default=1.0),
    CaseField(
        "ptx_ref", "string", "ptx_kw is e.r.p. or e.i.r.p.", default="erp", choices=("erp", "eirp")
    ),
    CaseField("ha_m", "number", "Transmitting antenna above ground [m]", required=True),
    CaseField(
        "h1_m",
        "number",
        "h1 [m] (§3), used as given; when omitted, from the profile, or from ha_m, heff_m "
        "and hb_m as §3 says for terrain_available",
    ),
    CaseField(
        "heff_m",
        "number",
        "Effective height [m] (§3: over the ground 3-15 km away) when there is no profile",
    ),
    CaseField(
        "hb_m",
        "number",
        "hb [m] (§3.1.2: over the ground between 0.2d and d), the h1 of a land path shorter "
        "than 15 km when terrain_available is true and there is no profile",
    ),
    CaseField(
        "terrain_available",
        "boolean",
        "Terrain information is available (§3.1.2 h1 = hb, §12 sigma of (34) over wa_m); "
        "false: §3.1.1 h1 from ha_m and heff_m, §12 fixed sigma. Default: true with a "
        "profile (which must not be false), else false",
    ),
    CaseField(
        "h2_m",
        "number",
        "Receiving antenna above ground [m], 1 (§9) to 3000 (physical bound: the "
        "Recommendation states no upper one; 3000 m is h1's, §3)",
        required=True,
        minimum=1.0,
        maximum=3000.0,
    ),
    *(
        CaseField(
            name,
            "number",
            f"Clutter height at the {end} [m], 0 to 1000 ({CLUTTER_BOUND})",
            default=default,
            minimum=CLUTTER_HEIGHT_M[0],
            maximum=CLUTTER_HEIGHT_M[1],
        )
        for name, end, default in (("r1_m", "transmitter", 0.0), ("r2_m", "receiver", 10.0))
    ),
    CaseField(
        "rx_area",
        "string",
        "Receiver's surroundings",
        default="rural",
        choices=("rural", "suburban", "urban", "dense_urban", "sea"),
    ),
    CaseField("wa_m", "number", "Square side for §12 (34) [m]", default=500.0),
    CaseField(
        "sections",
        "objects",
        'The path from the transmitter: [{"zone": "land"|"cold_sea"|"warm_sea", "d_km"}]; '
        "the whole path 0.001 km (physical bound: §15 of Annex 5 states none below 1 km) to "
        "1000 km (§1)",
        required=True,
    ),
    CaseField("profile", "object", "Terrain profile {d_km: [...], h_m: [...]}"),
    CaseField("edition", "string", "P.1546-6", default="P.1546-6"),
)


_P1546_PATH_KM: Final = (0.001, 1000.0)


def _read_p1546(case: dict[str, Any]) -> P1546Case:
    read = P1546Case.from_mapping({k: v for k, v in case.items() if v is not None})
    total = sum(section.d_km for section in read.sections)
    low, high = _P1546_PATH_KM
    if not low <= total <= high:
        raise InvalidInput(
            "sections",
            f"the path (the sections' d_km added up) must be in the range {low:g} to "
            f"{high:g} km (got {total:g})",
        )
    return read


def _evaluate_p1546(cases: Sequence[P1546Case], options: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [dict(result) for result in p1546_cases(cases)]


CASE_TYPES: Final[dict[str, CaseType]] = {
    "slant-path": CaseType(
        "slant-path",
        "One Earth-space path: P.618 §2.5 gas, cloud, rain, scintillation and total [dB].",
        _SLANT_FIELDS,
        _read_slant,
        _evaluate_slant,
        _slant_options,
    ),
    "p452": CaseType(
        "p452",
        "One interference path: P.452-18 basic transmission loss, named as the ITU-R "
        "validation files' columns.",
        _P452_FIELDS,
        _read_p452,
        _evaluate_p452,
    ),
    "p1546": CaseType(
        "p1546",
        "One point-to-area prediction: P.1546-6 field strength and basic transmission loss.",
        _P1546_FIELDS,
        _read_p1546,
        _evaluate_p1546,
    ),
}


def case_type(name: str) -> CaseType:
    """The registered case type of that name, or `InvalidInput` listing them."""
    try:
        return CASE_TYPES[name]
    except KeyError:
        raise InvalidInput(
            "case_type", f"unknown case type {name!r} (known: {', '.join(CASE_TYPES)})"
        ) from None


def run(name: str, document: Any, **options: Any) -> dict[str, Any] | list[dict[str, Any]]:
    """Evaluate a document (one case or a list) of the named case type; see `CaseType.run`."""
    return case_type(name).run(document, **options)


def run_list(name: str, cases: Sequence[Any], **options: Any) -> list[dict[str, Any]]:
    """Evaluate a list of cases (bad fields named ``[i].field``), a list of results."""
    results = case_type(name).run(list(cases), **options)
    assert isinstance(results, list)
    return results


# --- plain computations shared by the CLI, the API and the pages ---------------------------


def emission(designator: str) -> dict[str, Any]:
    """An RR Appendix 1 designator decoded: bandwidth, symbols and their meanings."""
    return parse_emission(designator).describe()


def free_space(
    *,
    f_hz: float,
    d_km: float,
    eirp_dbw: float | None = None,
    gr_dbi: float = 0.0,
) -> dict[str, Any]:
    """Free-space loss (P.525-4) and, given an e.i.r.p., pfd, field strength and P_r."""
    f_mhz = f_hz / 1e6
    if not f_hz > 0:
        raise InvalidInput("f", "must be > 0 Hz")
    # P.525-4 states no range: physical bounds, so that every answer is a finite number.
    _in_range("d_km", d_km, 1e-6, 1e9, "km (physical bound: P.525-4 states none)")
    if eirp_dbw is not None:
        _in_range("eirp_dbw", eirp_dbw, -200.0, 200.0, "dBW (physical bound)")
        _in_range("gr_dbi", gr_dbi, -100.0, 100.0, "dBi (physical bound)")
    document: dict[str, Any] = {
        "f_hz": f_hz,
        "d_km": d_km,
        "edition": "P.525-4",
        "loss_db": float(p525.free_space_loss_db(f_mhz, d_km)),
    }
    if eirp_dbw is not None:
        e = p525.field_strength_dbuv_m(eirp_dbw, d_km)
        document.update(
            eirp_dbw=eirp_dbw,
            gr_dbi=gr_dbi,
            pfd_dbw_m2=float(p525.pfd_dbw_m2(eirp_dbw, d_km)),
            e_dbuv_m=float(e),
            received_power_dbw=float(p525.received_power_dbw(e, f_mhz, gr_dbi)),
        )
    return document


def _in_range(field: str, value: float, low: float, high: float, unit: str) -> None:
    if not (math.isfinite(value) and low <= value <= high):
        raise InvalidInput(
            field, f"must be in the range {low:g} to {high:g} {unit} (got {value:g})"
        )


def antenna_gain(
    pattern: str, angles_deg: Sequence[float], parameters: Mapping[str, Any]
) -> dict[str, Any]:
    """Gain of a reference pattern at each angle: ``{"pattern", "angles_deg", "gain_dbi"}``."""
    if not angles_deg:
        raise InvalidInput("angle_deg", "give at least one angle")
    given = {key: value for key, value in parameters.items() if value is not None}
    omni = pattern.strip().lower() == "omni"
    if omni and "gmax_dbi" in given:
        # An omnidirectional antenna's one gain is its peak gain, asked for as gmax_dbi.
        given["gain_dbi"] = given.pop("gmax_dbi")
    try:
        gains = antennas.antenna_gain_dbi(
            pattern, np.asarray(angles_deg, dtype=np.float64), **given
        )
    except InvalidInput as exc:
        # The CLI, the API and the pages name the frequency f (the patterns' f_mhz) and an
        # omnidirectional antenna's gain gmax_dbi.
        field = {"f_mhz": "f", "gain_dbi": "gmax_dbi" if omni else "gain_dbi"}.get(
            exc.field, exc.field
        )
        reason = exc.reason.replace("f_mhz", "f")
        if (field, reason) == (exc.field, exc.reason):
            raise
        raise InvalidInput(field, reason) from None
    return {
        "pattern": pattern,
        "parameters": given,
        "angles_deg": [float(a) for a in angles_deg],
        "gain_dbi": [float(g) for g in np.atleast_1d(gains)],
    }
