"""The ICT Development Index (IDI): the ITU's 2023 method and its 2017 method.

Sources, and what was and was not established from them (docs/indicators.md says more):

* IDI 2023 (ITU, "Measuring digital development - The ICT Development Index 2023",
  https://www.itu.int/hub/publication/D-IND-ICT_MDD-2023-2/; methodology approved by the
  Member States in November 2023 under PP Resolution 131 (Rev. Bucharest, 2022)).
  The structure is the one the ITU DataHub publishes for the index (its IDI structure:
  two pillars; universal connectivity = Internet users, households with Internet,
  active mobile-broadband subscriptions; meaningful connectivity = mobile-broadband
  coverage (3G and 4G/LTE, one node of two indicators), mobile- and fixed-broadband
  traffic per subscription, the mobile data-and-voice high-consumption and the
  fixed-broadband basket prices as % of GNI per capita, and mobile-phone ownership): ten
  indicators. Established here: that structure. Applied but NOT established from the
  ITU's text in this work: equal weights at every node (the mean of the indicators in a
  pillar, the coverage node the mean of 3G and 4G; the index the mean of the two
  pillars, 0-100), the goalpost 100 for shares and per-100 rates, and the provisional
  goalposts of traffic and prices (`Component.established` is False for those, and every
  result lists them).
* IDI 2017 (ITU, Measuring the Information Society Report 2017, Annex 1; the same
  method since 2009 with reference values updated per edition): three sub-indices,
  access 40 %, use 40 %, skills 20 %; access = five indicators at 0.20 each, use and
  skills three at 1/3 each; each indicator divided by its reference value (bandwidth:
  log10 of it over log10 of the reference), capped at 1; the index on a 0-10 scale.
  Established here from the MIS 2010/2011 Annex 1 worked example: the weights, the
  formulas and the reference values 60 (fixed telephone, fixed broadband) and 100 (the
  shares); from the ITU's MIS 2017 methodology page
  (https://www.itu.int/en/ITU-D/Statistics/Pages/publications/mis2017/methodology.aspx):
  the skills proxies (mean years of schooling, secondary and tertiary enrolment) and the
  bandwidth reference's log10 value 6.33 (2 158 212 bit/s). The reference values for
  mobile-cellular subscriptions (120) and mean years of schooling (15) are applied as
  remembered from that annex, not checked against it here.

Missing values: both ITU methods impute missing figures before computing (the MIS
Annex 1 has a section "Imputation of missing data"; the 2023 report relies on ITU
estimates). OpenITU does not reproduce the ITU's imputation, so a pillar is computed only
from a complete set of its indicators and the index only when every pillar is: otherwise
the result is "not computable" and names the missing indicators. A missing value is
never read as zero.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from openitu.errors import InvalidInput
from openitu.indicators.catalogue import Figure

Transform = Literal["linear", "log10", "log1p", "price"]


@dataclass(frozen=True)
class Component:
    """One indicator of a method: how its value becomes a score in [0, 1]."""

    indicator: str
    weight: float
    """Its weight within its pillar (a pillar's weights sum to 1)."""
    goalpost: float
    """The value that scores 1 (for a price: the price at or below which it scores 1)."""
    transform: Transform = "linear"
    worst: float | None = None
    """For a price: the price at or above which it scores 0."""
    established: bool = True
    """Whether the goalpost was checked against the method's published text."""

    def score(self, value: float) -> float:
        """The normalised value in [0, 1]."""
        if self.transform == "linear":
            raw = value / self.goalpost
        elif self.transform == "log10":
            raw = math.log10(value) / math.log10(self.goalpost) if value > 1 else 0.0
        elif self.transform == "log1p":
            raw = math.log1p(value) / math.log1p(self.goalpost)
        else:
            assert self.worst is not None
            raw = (self.worst - value) / (self.worst - self.goalpost)
        return min(1.0, max(0.0, raw))


@dataclass(frozen=True)
class Pillar:
    name: str
    weight: float
    components: tuple[Component, ...]


@dataclass(frozen=True)
class Method:
    id: str
    title: str
    source: str
    scale: float
    """The index's maximum (100 for 2023, 10 for 2017, as the ITU published them)."""
    pillars: tuple[Pillar, ...]

    @property
    def indicators(self) -> tuple[str, ...]:
        return tuple(c.indicator for p in self.pillars for c in p.components)

    @property
    def provisional(self) -> tuple[str, ...]:
        return tuple(c.indicator for p in self.pillars for c in p.components if not c.established)


_U = 1 / 3
_M = 1 / 6  # six nodes in meaningful connectivity; coverage splits its sixth in two
IDI_2023: Final = Method(
    id="idi2023",
    title="ICT Development Index, 2023 method (universal and meaningful connectivity)",
    source="ITU, Measuring digital development - The ICT Development Index 2023; "
    "structure as published by the ITU DataHub",
    scale=100.0,
    pillars=(
        Pillar("universal connectivity", 0.5, (
            Component("internet_users_pct", _U, 100.0),
            Component("households_internet_pct", _U, 100.0),
            Component("mobile_broadband_per100", _U, 100.0),
        )),
        Pillar("meaningful connectivity", 0.5, (
            Component("coverage_3g_pct", _M / 2, 100.0),
            Component("coverage_4g_pct", _M / 2, 100.0),
            # Provisional goalposts: twice the 2022 world averages per subscription ITU
            # reported (Facts and Figures 2023: 11 GB mobile, 257 GB fixed, per month),
            # on a log scale as for the 2017 method's bandwidth; see the module docstring.
            Component("mobile_traffic_gb", _M, 22.0, "log1p", established=False),
            Component("fixed_traffic_gb", _M, 514.0, "log1p", established=False),
            # Provisional: full score at the Broadband Commission's affordability target
            # (2 % of monthly GNI per capita), none at 20 %.
            Component("mobile_basket_gni_pct", _M, 2.0, "price", worst=20.0, established=False),
            Component("fixed_basket_gni_pct", _M, 2.0, "price", worst=20.0, established=False),
            Component("mobile_phone_owners_pct", _M, 100.0),
        )),
    ),
)  # fmt: skip

_T = 1 / 3
IDI_2017: Final = Method(
    id="idi2017",
    title="ICT Development Index, 2017 method (access, use, skills)",
    source="ITU, Measuring the Information Society Report 2017, Annex 1",
    scale=10.0,
    pillars=(
        Pillar("access", 0.4, (
            Component("fixed_telephone_per100", 0.2, 60.0),
            Component("mobile_cellular_per100", 0.2, 120.0, established=False),
            # log10 = 6.33, the value the ITU's MIS 2017 methodology page says it used.
            Component("bandwidth_bits_per_user", 0.2, 2_158_212.0, "log10"),
            Component("households_computer_pct", 0.2, 100.0),
            Component("households_internet_pct", 0.2, 100.0),
        )),
        Pillar("use", 0.4, (
            Component("internet_users_pct", _T, 100.0),
            Component("fixed_broadband_per100", _T, 60.0),
            Component("mobile_broadband_per100", _T, 100.0),
        )),
        Pillar("skills", 0.2, (
            Component("mean_years_schooling", _T, 15.0, established=False),
            Component("secondary_ger", _T, 100.0),
            Component("tertiary_ger", _T, 100.0),
        )),
    ),
)  # fmt: skip

METHODS: Final = {m.id: m for m in (IDI_2023, IDI_2017)}


def method(name: str) -> Method:
    """The method called ``name`` ("idi2023" or "idi2017"), or `InvalidInput`."""
    found = METHODS.get(name.strip().lower())
    if found is None:
        raise InvalidInput("method", f"expected one of {sorted(METHODS)}, got {name!r}")
    return found


@dataclass(frozen=True)
class IndexResult:
    country: str
    method: str
    value: float | None
    """The index on the method's scale; None when not computable."""
    pillars: dict[str, float | None]
    """Each pillar's score on the method's scale; None when one of its indicators is missing."""
    scores: dict[str, float]
    """Each present indicator's normalised score on the method's scale."""
    inputs: dict[str, Figure]
    missing: tuple[str, ...]
    rank: int | None = field(default=None, compare=False)

    @property
    def computable(self) -> bool:
        return self.value is not None

    def as_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "method": self.method,
            "value": None if self.value is None else round(self.value, 4),
            "computable": self.computable,
            "rank": self.rank,
            "pillars": {k: None if v is None else round(v, 4) for k, v in self.pillars.items()},
            "scores": {k: round(v, 4) for k, v in self.scores.items()},
            "inputs": {k: f.as_dict() for k, f in self.inputs.items()},
            "missing": list(self.missing),
        }


def compute(country: str, figures: Mapping[str, Figure], m: Method) -> IndexResult:
    """The index of one country from its figures (indicator -> Figure)."""
    pillars: dict[str, float | None] = {}
    scores: dict[str, float] = {}
    inputs: dict[str, Figure] = {}
    missing: list[str] = []
    for pillar in m.pillars:
        total = 0.0
        complete = True
        for component in pillar.components:
            figure = figures.get(component.indicator)
            if figure is None or not math.isfinite(figure.value):
                missing.append(component.indicator)
                complete = False
                continue
            inputs[component.indicator] = figure
            score = component.score(figure.value)
            scores[component.indicator] = score * m.scale
            total += component.weight * score
        pillars[pillar.name] = total * m.scale if complete else None
    value: float | None = None
    if all(v is not None for v in pillars.values()):
        value = sum(p.weight * (pillars[p.name] or 0.0) for p in m.pillars)
    return IndexResult(country, m.id, value, pillars, scores, inputs, tuple(missing))


def compute_all(table: Mapping[str, Mapping[str, Figure]], m: Method) -> list[IndexResult]:
    """Every country's result, ranked: computable ones by value (ties share a rank),
    then the others by country code."""
    results = [compute(country, figures, m) for country, figures in table.items()]
    return rank(results)


def rank(results: Sequence[IndexResult]) -> list[IndexResult]:
    """Computable results by value, highest first, with competition ranks (1, 2, 2, 4);
    then the not computable ones, by country, without a rank."""
    ok = sorted(
        (r for r in results if r.value is not None),
        key=lambda r: (-(r.value or 0.0), r.country),
    )
    ranked: list[IndexResult] = []
    for position, r in enumerate(ok, start=1):
        tied = ranked and ranked[-1].value == r.value
        number = ranked[-1].rank if tied else position
        ranked.append(IndexResult(r.country, r.method, r.value, r.pillars, r.scores,
                                  r.inputs, r.missing, number))  # fmt: skip
    rest = sorted((r for r in results if r.value is None), key=lambda r: r.country)
    return ranked + rest


@dataclass(frozen=True)
class GroupSummary:
    group: str
    countries: int
    computable: int
    mean: float | None
    median: float | None
    minimum: float | None
    maximum: float | None

    def as_dict(self) -> dict[str, Any]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 4)

        return {"group": self.group, "countries": self.countries, "computable": self.computable,
                "mean": r(self.mean), "median": r(self.median), "min": r(self.minimum),
                "max": r(self.maximum)}  # fmt: skip


def group_gaps(
    values: Mapping[str, float | None], group_of: Mapping[str, str]
) -> tuple[list[GroupSummary], float | None]:
    """Per group (country -> group), the spread of ``values`` (an index or an indicator,
    None where a country has none); and the gap: the highest group mean minus the
    lowest (None with fewer than two groups having a value)."""
    members: dict[str, list[float | None]] = {}
    for country, group in group_of.items():
        if country in values:
            members.setdefault(group, []).append(values[country])
    summaries: list[GroupSummary] = []
    for group in sorted(members):
        present = [v for v in members[group] if v is not None]
        summaries.append(GroupSummary(
            group, len(members[group]), len(present),
            statistics.fmean(present) if present else None,
            statistics.median(present) if present else None,
            min(present) if present else None, max(present) if present else None,
        ))  # fmt: skip
    means = [s.mean for s in summaries if s.mean is not None]
    return summaries, (max(means) - min(means)) if len(means) >= 2 else None
