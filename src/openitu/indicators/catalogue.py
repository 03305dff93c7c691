"""The indicators OpenITU keeps per country, the figures (observations) behind them, the
seed shipped from the CIA World Factbook, and the CSV layout newer figures load from.

An observation is one figure: country (ISO 3166-1 alpha-2), indicator code, year, value
and the source it came from. A country's value of an indicator is its newest figure
(`latest`); where the ITU's own figure and the Factbook's are of the same year, the loaded
one wins. Rates per 100 inhabitants and the share of Internet users that the Factbook
does not give are derived from its counts and population (`derived_values`), and say so.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

from openitu.errors import InvalidInput, RowError

SOURCE_FACTBOOK: Final = "world-factbook"
SOURCE_CSV: Final = "itu-csv"
MAX_ROWS: Final = 200_000
CSV_COLUMNS: Final = ("economy_iso3", "economy", "indicator", "year", "value")
"""The header a load file must carry (docs/indicators.md); other columns are ignored."""


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    itu_codes: tuple[str, ...] = ()
    """The ITU DataHub's codes for the indicator, accepted in load files as aliases."""
    percent: bool = False
    """A share (0-100): a load file's value above 100 is refused."""


INDICATORS: Final[tuple[Indicator, ...]] = (
    # Counts (the Factbook's), and the population rates are derived from.
    Indicator("population", "Population", "persons"),
    Indicator("mobile_cellular_subscriptions", "Mobile-cellular subscriptions", "subscriptions"),
    Indicator("fixed_telephone_subscriptions", "Fixed-telephone subscriptions", "subscriptions"),
    Indicator("fixed_broadband_subscriptions", "Fixed-broadband subscriptions", "subscriptions"),
    Indicator("internet_users", "Internet users", "persons"),
    # Rates (IDI indicators; ITU DataHub codes from its IDI structure where known).
    Indicator("internet_users_pct", "Individuals using the Internet", "%", ("i99H",), True),
    Indicator("households_internet_pct", "Households with Internet access at home", "%",
              ("xHH6_IDI", "HH6"), True),
    Indicator("mobile_broadband_per100", "Active mobile-broadband subscriptions",
              "per 100 inhabitants", ("i911mw_IDI", "i911mw")),
    Indicator("coverage_3g_pct", "Population covered by at least a 3G mobile network", "%",
              ("i271G_IDI", "i271G"), True),
    Indicator("coverage_4g_pct", "Population covered by at least a 4G/LTE mobile network", "%",
              ("i271GA_IDI", "i271GA"), True),
    Indicator("mobile_traffic_gb", "Mobile-broadband Internet traffic per subscription",
              "GB per month", ("i136mwi_subs_IDI",)),
    Indicator("fixed_traffic_gb", "Fixed-broadband Internet traffic per subscription",
              "GB per month", ("i135tfb_subs_IDI",)),
    Indicator("mobile_basket_gni_pct", "Mobile data and voice high-consumption basket price",
              "% of GNI per capita", ("i271mb_high_ts_GNI_IDI",)),
    Indicator("fixed_basket_gni_pct", "Fixed-broadband basket price", "% of GNI per capita",
              ("i154_FBB_ts_GNI_IDI",)),
    Indicator("mobile_phone_owners_pct", "Individuals owning a mobile phone", "%",
              ("xHH18_IDI", "HH18"), True),
    Indicator("mobile_cellular_per100", "Mobile-cellular telephone subscriptions",
              "per 100 inhabitants"),
    Indicator("fixed_telephone_per100", "Fixed-telephone subscriptions", "per 100 inhabitants"),
    Indicator("fixed_broadband_per100", "Fixed-broadband subscriptions", "per 100 inhabitants"),
    Indicator("bandwidth_bits_per_user", "International Internet bandwidth per Internet user",
              "bit/s"),
    Indicator("households_computer_pct", "Households with a computer", "%", ("HH4",), True),
    Indicator("mean_years_schooling", "Mean years of schooling", "years"),
    Indicator("secondary_ger", "Gross enrolment ratio, secondary", "%"),
    Indicator("tertiary_ger", "Gross enrolment ratio, tertiary", "%"),
)  # fmt: skip
BY_CODE: Final = {indicator.code: indicator for indicator in INDICATORS}
_ALIASES: Final = {
    alias.lower(): indicator.code for indicator in INDICATORS for alias in indicator.itu_codes
}

# Rate <- count, per 100 inhabitants (the share of Internet users is the same division).
DERIVED: Final = {
    "internet_users_pct": "internet_users",
    "mobile_cellular_per100": "mobile_cellular_subscriptions",
    "fixed_telephone_per100": "fixed_telephone_subscriptions",
    "fixed_broadband_per100": "fixed_broadband_subscriptions",
}


@dataclass(frozen=True)
class Observation:
    country: str
    indicator: str
    year: int
    value: float
    source: str


@dataclass(frozen=True)
class Figure:
    """A country's value of one indicator, with where it comes from."""

    value: float
    year: int
    source: str
    derived_from: str | None = None
    """For a derived rate: "internet_users 2021 / population 2024"."""

    def as_dict(self) -> dict[str, Any]:
        document: dict[str, Any] = {"value": self.value, "year": self.year, "source": self.source}
        if self.derived_from:
            document["derived_from"] = self.derived_from
        return document


def indicator_code(text: str, *, field: str = "indicator") -> str:
    """Our code for ``text`` (our code or an ITU alias, any case), or `InvalidInput`."""
    key = text.strip()
    if key in BY_CODE:
        return key
    code = _ALIASES.get(key.lower())
    if code is None:
        raise InvalidInput(field, f"unknown indicator {text!r} (see docs/indicators.md)")
    return code


def _rank(observation: Observation) -> tuple[int, int]:
    # Newest year first; in a year, a loaded figure before the Factbook's.
    return observation.year, 0 if observation.source == SOURCE_FACTBOOK else 1


def latest(observations: Iterable[Observation]) -> dict[str, dict[str, Figure]]:
    """Each country's newest figure per indicator: {country: {indicator: Figure}}."""
    best: dict[tuple[str, str], Observation] = {}
    for o in observations:
        key = (o.country, o.indicator)
        if key not in best or _rank(o) > _rank(best[key]):
            best[key] = o
    table: dict[str, dict[str, Figure]] = {}
    for (country, indicator), o in best.items():
        table.setdefault(country, {})[indicator] = Figure(o.value, o.year, o.source)
    return table


def derived_values(
    observations: Iterable[Observation],
) -> dict[str, dict[str, Figure]]:
    """`latest`, completed with the rates the counts give where no rate was loaded for
    that year or later: count / population x 100, with the population of the count's
    year where known, else the newest (the Factbook's counts are of 2019-2023 and its
    population of 2024, so such a rate reads a little low; it says which years it used).
    A derived share above 100 % is left out: its count and population disagree."""
    observations = list(observations)
    table = latest(observations)
    populations: dict[str, dict[int, float]] = {}
    for o in observations:
        if o.indicator == "population":
            populations.setdefault(o.country, {})[o.year] = o.value
    for country, figures in table.items():
        for rate, count in DERIVED.items():
            source = figures.get(count)
            if source is None or (rate in figures and figures[rate].year >= source.year):
                continue
            by_year = populations.get(country, {})
            if not by_year:
                continue
            year = source.year if source.year in by_year else max(by_year)
            if by_year[year] <= 0:
                continue
            value = source.value / by_year[year] * 100.0
            if BY_CODE[rate].percent and value > 100.0:
                # The count and the population disagree (different years or coverage,
                # as in the Factbook's Kuwait): no share rather than a wrong one.
                continue
            figures[rate] = Figure(
                value=value,
                year=source.year,
                source=source.source,
                derived_from=f"{count} {source.year} / population {year}",
            )
    return table


def seed() -> list[Observation]:
    """The Factbook figures shipped in data/indicators/factbook.json."""
    text = (
        resources.files("openitu.data")
        .joinpath("indicators/factbook.json")
        .read_text(encoding="utf-8")
    )
    return [
        Observation(
            country=str(row["country"]),
            indicator=str(row["indicator"]),
            year=int(row["year"]),
            value=float(row["value"]),
            source=SOURCE_FACTBOOK,
        )
        for row in json.loads(text)["values"]
    ]


class LoadFileInvalid(InvalidInput):
    """A load file with bad rows: every error, each naming its row (the header being row 1)
    and field."""

    def __init__(self, errors: list[RowError]) -> None:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first.field, first.reason)
        self.detail = f"row {first.row}: {first.field}: {first.reason}{more}"
        self.args = (self.detail,)
        self.errors = errors

    def error_list(self) -> list[dict[str, object]]:
        return [error.as_dict() for error in self.errors]


def parse_csv(
    text: str,
    *,
    iso2_of_iso3: Mapping[str, str],
    progress: Callable[[int, int], None] | None = None,
) -> list[Observation]:
    """The observations of a load file in the ITU's layout (one row per economy,
    indicator and year; header `CSV_COLUMNS`), all or none: any bad row raises
    `LoadFileInvalid` with every row's errors (at most 100 listed)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InvalidInput("file", f"row {line}: contains a NUL character")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise InvalidInput("file", "empty; expected the header " + ",".join(CSV_COLUMNS))
    if len(lines) - 1 > MAX_ROWS:
        raise InvalidInput("file", f"at most {MAX_ROWS} rows, got {len(lines) - 1}")
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or ()]
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise InvalidInput("header", f"missing column(s) {', '.join(missing)}; expected "
                           + ",".join(CSV_COLUMNS))  # fmt: skip
    reader.fieldnames = header
    total = len(lines) - 1
    errors: list[RowError] = []
    observations: list[Observation] = []
    seen: dict[tuple[str, str, int], int] = {}
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise InvalidInput("file", f"row {reader.line_num + 1}: not CSV: {exc}") from None
    for index, row in rows:
        if progress is not None and (index % 500 == 0 or index - 1 == total):
            progress(index - 1, total)
        if all(not (v or "").strip() for k, v in row.items() if k is not None):
            continue
        observation, row_errors = _check_row(index, row, iso2_of_iso3)
        errors += row_errors
        if observation is None:
            continue
        key = (observation.country, observation.indicator, observation.year)
        if key in seen:
            where = f"{observation.indicator} {observation.year}"
            errors.append(RowError(index, "year", f"{where} already on row {seen[key]}"))
            continue
        seen[key] = index
        observations.append(observation)
    if errors:
        raise LoadFileInvalid(errors[:100])
    if not observations:
        raise InvalidInput("file", "no data rows")
    return observations


def _check_row(
    index: int, row: Mapping[str | None, Any], iso2_of_iso3: Mapping[str, str]
) -> tuple[Observation | None, list[RowError]]:
    errors: list[RowError] = []
    iso3 = (row.get("economy_iso3") or "").strip().upper()
    country = iso2_of_iso3.get(iso3)
    if country is None:
        errors.append(RowError(index, "economy_iso3", f"unknown ISO 3166-1 alpha-3 code {iso3!r}"))
    indicator = ""
    try:
        indicator = indicator_code(row.get("indicator") or "")
    except InvalidInput as exc:
        errors.append(RowError(index, "indicator", exc.reason))
    year_text = (row.get("year") or "").strip()
    year = int(year_text) if year_text.isdigit() else 0
    if not 1900 <= year <= 2100:
        errors.append(RowError(index, "year", f"expected a year such as 2023, got {year_text!r}"))
    value_text = (row.get("value") or "").strip()
    try:
        value = float(value_text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        errors.append(RowError(index, "value", f"expected a number, got {value_text!r}"))
    elif value < 0:
        errors.append(RowError(index, "value", f"must not be negative, got {value_text}"))
    elif indicator and BY_CODE[indicator].percent and value > 100:
        errors.append(RowError(index, "value", f"a percentage, at most 100, got {value_text}"))
    if errors or country is None:
        return None, errors
    return Observation(country, indicator, year, value, SOURCE_CSV), []
