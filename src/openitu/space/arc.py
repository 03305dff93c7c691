"""RR Appendix 5, Table 5-1, No. 9.7 (GSO/GSO): the coordination arc.

A new GSO network in one of the bands of rows 1) to 8) must coordinate with every
network of the listed services whose space station lies within the row's orbital arc
of its nominal orbital position (and whose frequencies overlap). Elsewhere (row 9)) the
criterion is the apparent increase in equivalent satellite-link noise temperature of
Appendix 8 exceeding 6 % (see `openitu.space.dtt`).

Rows and sources (RR 2020 keeps the figures of WRC-12 for rows 1)-3) and adds 2bis)):

- rows 1), 2), 3): the bands and arcs (±8° C band, ±7° Ku band, ±8° Ka band) as the
  WRC-15 proposal of Azerbaijan restates Appendix 5 (WRC-12) (WRC-15 Document 59 Add.3,
  agenda item 9.1.2); RR 2020 splits the Ka-band row in two with the same ±8°;
- row 2bis): 13.4-13.65 GHz (Region 1), ±6°, FSS or space research: WRC-15 Final Acts,
  AP5 Table 5-1 (Rev.WRC-15);
- row 9): ΔT/T > 6 %, Appendix 8: WRC-15 Final Acts, same page.

Rows 4)-8) of the Table (the broadcasting-satellite and other bands, e.g. 21.4-22 GHz)
are not encoded: the only text of the Table found (WRC-15 Final Acts, page 92) prints the
rows WRC-15 changed, 2bis) and 9); row 9) names rows 4)-8) but no source reached gives
their bands or arcs (docs/space.md, "Sources looked for"). Frequencies there fall to row
9), and the answer says so. A row limited
to some Regions applies when the Region is not given (the cautious reading).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from openitu.errors import InvalidInput
from openitu.spectrum.services import parse_service

EDITION: Final = "RR 2020"
PROVISION: Final = "RR Appendix 5, Table 5-1, No. 9.7 (GSO/GSO)"
DTT_THRESHOLD_PERCENT: Final = 6.0
"""Row 9): coordination is required where ΔT/T exceeds 6 % (Appendix 8)."""


@dataclass(frozen=True)
class ArcBand:
    low_hz: float
    high_hz: float
    regions: frozenset[int] = frozenset({1, 2, 3})


@dataclass(frozen=True)
class ArcRow:
    row: str
    bands: tuple[ArcBand, ...]
    services: frozenset[str]
    arc_deg: float
    source: str


_ALL = frozenset({1, 2, 3})
_WRC12 = "Appendix 5 (WRC-12) per WRC-15 Doc. 59 Add.3; unchanged in RR 2020"
TABLE_5_1: Final[tuple[ArcRow, ...]] = (
    ArcRow("1)", (ArcBand(3.400e9, 4.200e9), ArcBand(5.725e9, 5.850e9, frozenset({1})),
                  ArcBand(5.850e9, 6.725e9), ArcBand(7.025e9, 7.075e9)),
           frozenset({"fixed-satellite"}), 8.0, _WRC12),
    ArcRow("2)", (ArcBand(10.95e9, 11.2e9), ArcBand(11.45e9, 11.7e9),
                  ArcBand(11.7e9, 12.2e9, frozenset({2})), ArcBand(12.2e9, 12.5e9, frozenset({3})),
                  ArcBand(12.5e9, 12.75e9, frozenset({1, 3})),
                  ArcBand(12.7e9, 12.75e9, frozenset({2})), ArcBand(13.75e9, 14.5e9)),
           frozenset({"fixed-satellite"}), 7.0, _WRC12),
    ArcRow("2bis)", (ArcBand(13.4e9, 13.65e9, frozenset({1})),),
           frozenset({"fixed-satellite", "space research"}), 6.0,
           "AP5 Table 5-1 (Rev.WRC-15), WRC-15 Final Acts"),
    ArcRow("3)", (ArcBand(17.7e9, 20.2e9, frozenset({2, 3})),
                  ArcBand(17.3e9, 20.2e9, frozenset({1})),
                  ArcBand(27.5e9, 30.0e9)),
           frozenset({"fixed-satellite"}), 8.0, _WRC12),
)  # fmt: skip


@dataclass(frozen=True)
class ArcAnswer:
    coordination_arc_deg: float | None
    row: str
    criterion: str
    band: ArcBand | None
    services: tuple[str, ...]
    source: str

    def as_dict(self) -> dict[str, object]:
        return {
            "coordination_arc_deg": self.coordination_arc_deg,
            "provision": f"{PROVISION}, row {self.row}",
            "edition": EDITION,
            "criterion": self.criterion,
            "band": None
            if self.band is None
            else {"low_hz": self.band.low_hz, "high_hz": self.band.high_hz},
            "regions": None if self.band is None else sorted(self.band.regions),
            "services": list(self.services),
            "source": self.source,
        }


def service_term(name: str, *, field: str = "service") -> str:
    """An RR Article 1 service term ("fixed-satellite") from what a user writes ("FSS" too)."""
    aliases = {"fss": "fixed-satellite", "bss": "broadcasting-satellite",
               "mss": "mobile-satellite"}  # fmt: skip
    text = name.strip()
    if text.lower() in aliases:
        return aliases[text.lower()]
    return parse_service(text, field=field).term


def _matches(band: ArcBand, low_hz: float, high_hz: float, region: int | None) -> bool:
    if region is not None and region not in band.regions:
        return False
    return band.low_hz <= high_hz and low_hz <= band.high_hz


def rows_for(
    low_hz: float, high_hz: float, service: str, region: int | None = None
) -> list[tuple[ArcRow, ArcBand]]:
    """The rows (with the band that matched) whose bands overlap [low, high] for ``service``."""
    found = []
    for row in TABLE_5_1:
        if service not in row.services:
            continue
        for band in row.bands:
            if _matches(band, low_hz, high_hz, region):
                found.append((row, band))
                break
    return found


def arc_for_band(
    low_hz: float, high_hz: float, service: str, region: int | None = None
) -> float | None:
    """The widest coordination arc [deg] of the rows the band falls in, None for row 9)."""
    rows = rows_for(low_hz, high_hz, service, region)
    return max((row.arc_deg for row, _ in rows), default=None)


def coordination_arc(frequency_hz: float, service: str, *, region: int | None = None) -> ArcAnswer:
    """The coordination arc for a proposed GSO network of ``service`` at ``frequency_hz``."""
    if frequency_hz <= 0:
        raise InvalidInput("frequency", "must be a positive frequency")
    if region is not None and region not in (1, 2, 3):
        raise InvalidInput("region", "an ITU Region is 1, 2 or 3")
    term = service_term(service)
    rows = rows_for(frequency_hz, frequency_hz, term, region)
    if not rows:
        return ArcAnswer(None, "9)", "dt/t", None, (term,),
                         "AP5 Table 5-1 (Rev.WRC-15) row 9): ΔT/T > 6 %, Appendix 8")  # fmt: skip
    row, band = max(rows, key=lambda pair: pair[0].arc_deg)
    return ArcAnswer(row.arc_deg, row.row, "arc", band, tuple(sorted(row.services)), row.source)
