"""A catalogue entry (one version of a Recommendation, Report or Handbook), the seed
catalogue shipped in the package, and the rules a search query must meet."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

from openitu.errors import InvalidInput

SECTORS: Final = {"R": "ITU-R", "T": "ITU-T", "D": "ITU-D"}
STATUSES: Final = ("in force", "superseded", "withdrawn")
MAX_QUERY_CHARS: Final = 200
MAX_LIMIT: Final = 100
_SERIES = re.compile(r"[A-Z]{1,3}")
_APPROVED = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
# Search terms: runs of letters and digits, so "earth-space" is two terms and no
# character reaches the databases' query syntax (FTS5 MATCH, to_tsquery).
_TERM = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Publication:
    """One catalogued text; ``approved`` is the month the ITU publishes ("2019-08")."""

    sector: str
    series: str
    number: str
    title: str
    version: str | None
    approved: str | None
    status: str
    superseded_by: tuple[str, ...]
    study_group: str | None
    keywords: tuple[str, ...]
    abstract: str

    @property
    def id(self) -> str:
        """The reference people cite: "ITU-R P.452", "ITU-T E.212"."""
        return f"{SECTORS[self.sector]} {self.series}.{self.number}"

    @property
    def key(self) -> str:
        """Unique in the catalogue: the version, else the reference."""
        return self.version or self.id


@dataclass(frozen=True)
class Hit:
    publication: Publication
    score: float


def publication_from_dict(data: dict[str, Any]) -> Publication:
    """Check one entry of a catalogue file and build it; refuses naming the field."""
    sector = str(data.get("sector", ""))
    if sector not in SECTORS:
        raise InvalidInput("sector", f"expected one of {sorted(SECTORS)}, got {sector!r}")
    series = str(data.get("series", ""))
    if not _SERIES.fullmatch(series):
        raise InvalidInput("series", f"expected 1-3 capital letters, got {series!r}")
    status = str(data.get("status", ""))
    if status not in STATUSES:
        raise InvalidInput("status", f"expected one of {list(STATUSES)}, got {status!r}")
    approved = data.get("approved")
    if approved is not None and not _APPROVED.fullmatch(str(approved)):
        raise InvalidInput("approved", f"expected YYYY-MM or null, got {approved!r}")
    for field in ("number", "title", "abstract"):
        if not str(data.get(field) or "").strip():
            raise InvalidInput(field, "must not be empty")
    return Publication(
        sector=sector,
        series=series,
        number=str(data["number"]),
        title=str(data["title"]),
        version=data.get("version"),
        approved=approved,
        status=status,
        superseded_by=tuple(data.get("superseded_by") or ()),
        study_group=data.get("study_group"),
        keywords=tuple(data.get("keywords") or ()),
        abstract=str(data["abstract"]),
    )


def seed() -> list[Publication]:
    """The Recommendations this system implements and cites (data/library/)."""
    text = (
        resources.files("openitu.data")
        .joinpath("library/recommendations.json")
        .read_text(encoding="utf-8")
    )
    return [publication_from_dict(item) for item in json.loads(text)["publications"]]


def search_terms(query: str) -> list[str]:
    """The terms of a search query, lower-cased and deduplicated in order.

    Refuses an empty query, one longer than MAX_QUERY_CHARS, and one without a term.
    """
    if not query.strip():
        raise InvalidInput("q", "must not be empty")
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidInput("q", f"at most {MAX_QUERY_CHARS} characters, got {len(query)}")
    terms = list(dict.fromkeys(t.lower() for t in _TERM.findall(query)))
    if not terms:
        raise InvalidInput("q", "must contain at least one word")
    return terms


def check_filters(
    *, sector: str | None, series: str | None, status: str | None, limit: int
) -> tuple[str | None, str | None, str | None]:
    """Normalise the search filters (sector "R"/"ITU-R", series "p"), refusing bad ones."""
    if sector is not None:
        by_name = {name: code for code, name in SECTORS.items()}
        sector = by_name.get(sector.upper(), sector.upper())
        if sector not in SECTORS:
            raise InvalidInput("sector", f"expected R, T or D, got {sector!r}")
    if series is not None:
        series = series.upper()
        if not _SERIES.fullmatch(series):
            raise InvalidInput("series", f"expected 1-3 letters such as P, got {series!r}")
    if status is not None and status not in STATUSES:
        raise InvalidInput("status", f"expected one of {list(STATUSES)}, got {status!r}")
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput("limit", f"expected 1 to {MAX_LIMIT}, got {limit}")
    return sector, series, status


def hit_document(hit: Hit) -> dict[str, Any]:
    """The machine interface's shape of one search result."""
    p = hit.publication
    return {
        "id": p.id,
        "version": p.version,
        "title": p.title,
        "status": p.status,
        "score": round(hit.score, 6),
        "sector": p.sector,
        "series": p.series,
        "approved": p.approved,
        "superseded_by": list(p.superseded_by),
    }


_REFERENCE = re.compile(r"([A-Z]{1,3})\.(\d+(?:\.\d+)?)")


def parse_reference(sector: str, reference: str) -> tuple[str, str, str]:
    """(sector, series, number) of "R" and "P.452" (also "ITU-R" and "p.452"), refusing
    anything else naming the field."""
    by_name = {name: code for code, name in SECTORS.items()}
    code = by_name.get(sector.upper(), sector.upper())
    if code not in SECTORS:
        raise InvalidInput("sector", f"expected R, T or D, got {sector!r}")
    match = _REFERENCE.fullmatch(reference.strip().upper())
    if match is None:
        raise InvalidInput("reference", f"expected SERIES.NUMBER such as P.452, got {reference!r}")
    return code, match[1], match[2]


@dataclass(frozen=True)
class Computation:
    """Where this system computes what a Recommendation specifies: a page, an API
    endpoint, a command (any of them may be absent)."""

    title: str
    page: str | None = None
    api: str | None = None
    cli: str | None = None


_SLANT_PATH = Computation(
    "Earth-space attenuation: gases, clouds, rain, scintillation (P.618 §2.5)",
    page="/radio/slant-path", api="POST /api/radio/slant-path", cli="openitu radio slant-path",
)  # fmt: skip
_LINK_BUDGET = Computation(
    "GSO link budget: look angles, atmospheric loss, C/N and margin against time",
    page="/radio/link-budget", api="GET /api/radio/link-budget", cli="openitu radio link-budget",
)  # fmt: skip
_PATH = Computation(
    "Loss between two points over the terrain profile, with the Earth's bulge and clearance",
    page="/radio/path", api="GET /api/radio/path", cli="openitu radio path",
)  # fmt: skip
_ANTENNA = Computation(
    "Gain of the reference radiation pattern", page="/radio",
    api="GET /api/radio/antenna/{pattern}", cli="openitu radio antenna",
)  # fmt: skip
_EXAMINATION = Computation(
    "Technical examination of a terrestrial notice (affected assignments)",
    page="/register", api="POST /api/register/notices/{notice_id}/examine",
    cli="openitu register examine",
)  # fmt: skip
_CONTOUR = Computation(
    "Coordination contour of a terrestrial notice", page="/register",
    api="GET /api/register/notices/{notice_id}/contour",
)  # fmt: skip
COMPUTATIONS: Final[dict[str, tuple[Computation, ...]]] = {
    "ITU-R P.452": (Computation("Basic transmission loss of an interference path",
                                api="POST /api/radio/p452", cli="openitu radio p452"),
                    _PATH, _EXAMINATION),
    "ITU-R P.1546": (Computation("Field strength of a terrestrial service, 30-4000 MHz",
                                 api="POST /api/radio/p1546", cli="openitu radio p1546"),
                     _PATH, _EXAMINATION, _CONTOUR),
    "ITU-R P.525": (Computation("Free-space loss and link budget", page="/radio",
                                api="GET /api/radio/free-space", cli="openitu radio free-space"),
                    _LINK_BUDGET, _EXAMINATION),
    "ITU-R P.1511": (_PATH, _EXAMINATION),
    "ITU-R P.618": (_SLANT_PATH, _LINK_BUDGET),
    **{ref: (_SLANT_PATH,) for ref in (
        "ITU-R P.676", "ITU-R P.837", "ITU-R P.838", "ITU-R P.839",
        "ITU-R P.840", "ITU-R P.453", "ITU-R P.835", "ITU-R P.836", "ITU-R P.1510",
        "ITU-R P.2145")},
    **{ref: (_ANTENNA,) for ref in (
        "ITU-R F.699", "ITU-R F.1245", "ITU-R S.465", "ITU-R S.580", "ITU-R S.1528")},
    "ITU-T E.164": (Computation("Parse and validate international numbers; country codes",
                                page="/numbering", api="GET /api/numbering/parse"),),
    "ITU-T E.212": (Computation("Decode an IMSI; MCCs and MNCs", page="/numbering",
                                api="GET /api/numbering/imsi/{imsi}"),),
    "ITU-T Q.708": (Computation("International signalling point codes", page="/numbering"),),
}  # fmt: skip
"""What each catalogued Recommendation is used for here (read from the code that
cites it: radio/propagation, radio/antennas, register/technical, register/contour,
numbering)."""


_CITED = re.compile(r"\b([A-Z]{1,3})\.(\d+)\b")


def computed_page(cited: str) -> str | None:
    """The library page of the Recommendation ``cited`` names ("P.452-18", "S.465",
    "ITU-T E.164"): its path when the catalogue says this system computes it, else None.
    A result links back to the text it follows this way."""
    match = _CITED.search(cited.upper())
    if match is None:
        return None
    reference = f"{match[1]}.{match[2]}"
    for code, name in SECTORS.items():
        if f"{name} {reference}" in COMPUTATIONS:
            return f"/library/{code}/{reference}"
    return None


def publication_document(p: Publication) -> dict[str, Any]:
    """One version of a catalogued text, as the pages and the API show it."""
    return {
        "id": p.id, "key": p.key, "version": p.version, "title": p.title,
        "approved": p.approved, "status": p.status, "superseded_by": list(p.superseded_by),
        "study_group": p.study_group, "keywords": list(p.keywords), "abstract": p.abstract,
    }  # fmt: skip
