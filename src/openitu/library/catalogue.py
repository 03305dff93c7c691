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
